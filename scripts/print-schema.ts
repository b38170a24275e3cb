import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSortedSchema } from '../src/schema/print';

// npm run schema:print: writes schema.graphql from the Pothos schema.
const target = path.resolve(__dirname, '..', 'schema.graphql');
writeFileSync(target, printSortedSchema());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
