import { performance } from 'node:perf_hooks';
import { print } from 'graphql';
import { createDatabase } from '../src/db/client';
import { createApp, type App } from '../src/app';
import { signToken } from '../src/auth/tokens';
import { findFirstUser } from '../src/auth/demo-token';
import { AthleteRosterDocument } from '../operations/__generated__/graphql';

// What the per-request isolation transaction (BEGIN, set role + organization, COMMIT)
// costs the Athletes list: statements and latency, with and without it, interleaved.
// BENCH_DATABASE_URL=postgres://... npx tsx bench/rls-cost.ts [requests]
const AUTH = { secret: 'bench-secret-0123456789abcdef0123456789', issuer: 'stride', audiences: ['stride-api'], persistedOnlyAudiences: [] };

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('set BENCH_DATABASE_URL to a seeded PostgreSQL database (npm run db:seed -- --athletes 1000)');
  const requests = Number(process.argv[2] ?? 300);
  let statements = 0;
  const handle = await createDatabase({ databaseUrl: url, dataDir: 'memory', poolSize: 4, onQuery: () => (statements += 1) });
  const admin = await findFirstUser(handle.db, 'admin');
  if (!admin) throw new Error('the database has no organization: seed it first');
  const token = await signToken(AUTH, { orgId: admin.org_id, userId: admin.id, role: 'ADMIN', audience: 'stride-api', expiresIn: '1h' });
  const body = JSON.stringify({ query: print(AthleteRosterDocument), variables: { first: 100 } });
  const apps: Record<string, App> = {
    isolated: createApp({ db: handle.db, auth: AUTH }),
    unisolated: createApp({ db: handle.db, auth: AUTH, databaseIsolation: false }),
  };
  const run = async (app: App) => {
    const started = performance.now();
    const response = await app.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const json = (await response.json()) as { errors?: unknown };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return performance.now() - started;
  };
  const timings: Record<string, number[]> = { isolated: [], unisolated: [] };
  const counts: Record<string, number> = {};
  for (const name of Object.keys(apps)) {
    statements = 0;
    await run(apps[name]);
    counts[name] = statements;
  }
  for (let i = 0; i < 30; i++) for (const name of Object.keys(apps)) await run(apps[name]); // warm-up
  for (let i = 0; i < requests; i++) for (const name of Object.keys(apps)) timings[name].push(await run(apps[name]));
  const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)];
  const row = (name: string) => `| ${name} | ${counts[name]} | ${pct(timings[name], 0.5).toFixed(2)} | ${pct(timings[name], 0.99).toFixed(2)} |`;
  console.log(`Athletes list, first 100, ${requests} requests each, interleaved, in-process (yoga.fetch)\n`);
  console.log('| mode | statements | p50 ms | p99 ms |\n|---|---|---|---|');
  console.log(row('isolated'));
  console.log(row('unisolated'));
  console.log(`\np50 ratio isolated / unisolated: ${(pct(timings.isolated, 0.5) / pct(timings.unisolated, 0.5)).toFixed(2)}`);
  await handle.close();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
