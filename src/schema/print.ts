import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index';

/** The committed SDL: sorted, so the file changes only when the schema does. */
export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
