import { readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { printSortedSchema } from '../../src/schema/print';

const root = path.resolve(__dirname, '..', '..');

describe('committed schema artifacts', () => {
  it('schema.graphql matches the Pothos schema', () => {
    const committed = readFileSync(path.join(root, 'schema.graphql'), 'utf8');
    if (committed !== printSortedSchema()) {
      throw new Error('schema.graphql is stale: run `npm run schema:print` and commit the result');
    }
  });

  it('the generated typed documents match what codegen.yml produces', () => {
    // The codegen CLI is ESM inside; run it as a process in its dry-run mode.
    const check = spawnSync(path.join(root, 'node_modules', '.bin', 'graphql-codegen'), ['--check', '--config', 'codegen.yml'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (check.status !== 0) {
      const stale = (check.stdout + check.stderr).split('\n').filter((l) => l.trim().startsWith('- ')).join(' ');
      throw new Error(`generated files are stale ${stale}: run \`npm run codegen\` and commit`);
    }
  });
});
