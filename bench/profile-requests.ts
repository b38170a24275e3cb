import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { createDatabase } from '../src/db/client';
import { createApp } from '../src/app';
import { signToken } from '../src/auth/tokens';
import { BENCH_AUTH } from './in-process';
import { benchOperations } from './operations';
import { findTargets } from './targets';

// In-process loop over one benchmark operation, for CPU profiles and quick before/after figures:
// BENCH_DATABASE_URL=... node --cpu-prof --import tsx bench/profile-requests.ts <orgId> <OperationName> [requests]
// (RESPONSE_CACHE=on: with the response cache, so every request after the first is a hit)
async function main() {
  const url = process.env.BENCH_DATABASE_URL!;
  const orgId = Number(process.argv[2]);
  const name = process.argv[3];
  const requests = Number(process.argv[4] ?? 300);
  const pool = new Pool({ connectionString: url, max: 1 });
  const op = benchOperations(await findTargets(pool, orgId)).find((o) => o.operationName === name)!;
  await pool.end();
  const handle = await createDatabase({ databaseUrl: url, dataDir: 'memory', poolSize: 2 });
  const admin = await handle.db.selectFrom('users').select('id').where('org_id', '=', orgId).where('role', '=', 'admin').executeTakeFirstOrThrow();
  const token = await signToken(BENCH_AUTH, { orgId, userId: admin.id, role: 'ADMIN', audience: 'stride-api', expiresIn: '1h' });
  const app = createApp({ db: handle.db, auth: BENCH_AUTH, responseCache: process.env.RESPONSE_CACHE === 'on' ? { maxBytes: 64 << 20, ttlMs: 60_000 } : undefined });
  const body = JSON.stringify({ query: op.query, variables: op.variables });
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const response = await app.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    await response.text();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${name}: p50 ${times[Math.floor(requests / 2)].toFixed(2)} ms over ${requests} requests`);
  await handle.close();
}

main();
