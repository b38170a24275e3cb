import { Pool } from 'pg';
import { createDatabase } from '../src/db/client';
import { createApp } from '../src/app';
import { signToken } from '../src/auth/tokens';
import { benchOperations } from './operations';
import { findTargets } from './targets';
import './floor/pg-types';
import { floorHandlers } from './floor/index';
import { firstDifferences } from './differences';
import { BENCH_AUTH as AUTH } from './in-process';

// Checks the floor against the API in-process, with one pinned clock, and prints where they differ.
// BENCH_DATABASE_URL=postgres://... npx tsx bench/check-floor.ts [orgId] [OperationName]

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('set BENCH_DATABASE_URL');
  const orgId = Number(process.argv[2] ?? 1);
  const only = process.argv[3];
  const now = new Date();
  const handle = await createDatabase({ databaseUrl: url, dataDir: 'memory', poolSize: 2 });
  const pool = new Pool({ connectionString: url, max: 1 });
  const admin = await handle.db.selectFrom('users').select(['id']).where('org_id', '=', orgId).where('role', '=', 'admin').executeTakeFirstOrThrow();
  const token = await signToken(AUTH, { orgId, userId: admin.id, role: 'ADMIN', audience: 'stride-api', expiresIn: '1h' });
  const app = createApp({ db: handle.db, auth: AUTH, clock: () => now });
  let failed = 0;
  for (const op of benchOperations(await findTargets(pool, orgId))) {
    if (only && op.operationName !== only) continue;
    const response = await app.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: op.query, variables: op.variables, operationName: op.operationName }),
    });
    const api = (await response.json()) as { data?: unknown; errors?: unknown };
    const handler = floorHandlers[op.operationName];
    if (!handler) {
      console.log(`${op.operationName}: no floor yet`);
      continue;
    }
    const client = await pool.connect();
    const floor = JSON.parse(JSON.stringify(await handler(client, { orgId, variables: op.variables, now }).finally(() => client.release())));
    if (api.errors) throw new Error(`${op.operationName}: the API answered errors ${JSON.stringify(api.errors)}`);
    const differences = firstDifferences(api.data, floor, 20);
    if (differences.length === 0) console.log(`${op.operationName}: equal`);
    else {
      failed += 1;
      console.log(`${op.operationName}: DIFFERENT\n${differences.join('\n')}`);
    }
  }
  await pool.end();
  await handle.close();
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
