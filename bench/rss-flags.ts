import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import autocannon from 'autocannon';
import { adminToken, startApiServer } from './processes';
import { benchOperations } from './operations';
import { findTargets } from './targets';

// The API's resident memory under the full Athletes list at 4 connections, for one set of Node
// flags against another: BENCH_DATABASE_URL=... npx tsx bench/rss-flags.ts <orgId> <seconds> '<flags>' ['<flags>' ...]
// (the flags replace npm start's; '' is Node's defaults). Prints peak and steady (median of the
// second half) VmRSS and the requests per second, one line per flag set.
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function main() {
  const url = process.env.BENCH_DATABASE_URL!;
  const orgId = Number(process.argv[2]);
  const seconds = Number(process.argv[3]);
  const pool = new Pool({ connectionString: url, max: 1 });
  const op = benchOperations(await findTargets(pool, orgId)).find((o) => o.operationName === 'AthletesList')!;
  const token = await adminToken(pool, orgId);
  await pool.end();
  for (const flags of process.argv.slice(4)) {
    const server = await startApiServer(url, [], {}, flags.split(' ').filter(Boolean));
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMiB(server.pid)), 250);
    const result = await autocannon({
      url: `${server.url}/graphql`, connections: 4, duration: seconds, method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: op.query, variables: op.variables, operationName: op.operationName }),
    });
    clearInterval(sampler);
    const steady = samples.slice(Math.floor(samples.length / 2)).sort((a, b) => a - b)[Math.floor(samples.length / 4)];
    console.log(`flags '${flags}': peak ${Math.max(...samples).toFixed(0)} MiB, steady ${steady.toFixed(0)} MiB, ${result.requests.average.toFixed(1)} requests/s, ${result.non2xx} non-2xx`);
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
