import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import autocannon from 'autocannon';
import { Pool } from 'pg';
import { benchOperations } from './operations';
import { findTargets } from './targets';
import { adminToken, startApiServer, startFloorServer } from './processes';

// Where a request's CPU goes under load, API and floor in turn: the server process's CPU, the
// load generator's, and the whole machine's (so PostgreSQL's is the rest), per answered
// request, from /proc (Linux, with PostgreSQL on this machine). CPU_PROF=<dir> also writes
// both servers' CPU profiles; RESPONSE_CACHE=on runs the API with its response cache on (the
// cached-repeat row).
//   BENCH_DATABASE_URL=... npx tsx bench/cpu-split.ts <orgId> <OperationName> [connections=4] [seconds=10]
const TICK_MS = 10;

const processCpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
};

const machineBusyMs = () => {
  const [user, nice, system, _idle, _iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) * TICK_MS;
};

/** The pid of the process listening on a local port, found through its socket's inode. */
function listenerPid(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const listening = readFileSync('/proc/net/tcp', 'utf8').split('\n').find((line) => line.includes(`:${hexPort} 00000000:0000 0A`));
  if (!listening) throw new Error(`nothing listens on ${port}`);
  const socket = `socket:[${listening.trim().split(/\s+/)[9]}]`;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readdirSync(`/proc/${pid}/fd`).some((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`) === socket)) return Number(pid);
    } catch {
      // the process ended, or its descriptors are not ours to read
    }
  }
  throw new Error(`no process holds the socket listening on ${port}`);
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  const [orgId, name] = [Number(process.argv[2]), process.argv[3]];
  const [connections, seconds] = [Number(process.argv[4] ?? 4), Number(process.argv[5] ?? 10)];
  if (!url || !orgId || !name) throw new Error('usage: BENCH_DATABASE_URL=... npx tsx bench/cpu-split.ts <orgId> <OperationName> [connections] [seconds]');
  const pool = new Pool({ connectionString: url, max: 1 });
  const operation = benchOperations(await findTargets(pool, orgId)).find((o) => o.operationName === name);
  if (!operation) throw new Error(`no benchmark operation named ${name}`);
  const token = await adminToken(pool, orgId);
  await pool.end();
  const profile = (dir: string) => (process.env.CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROF}/${dir}`] : []);
  const api = await startApiServer(url, profile('api'), { responseCache: process.env.RESPONSE_CACHE === 'on' });
  const floor = await startFloorServer(url, orgId, profile('floor'));
  const body = JSON.stringify({ query: operation.query, variables: operation.variables, operationName: operation.operationName });
  const targets = [
    { label: 'api', url: api.url, headers: { authorization: `Bearer ${token}` } },
    { label: 'floor', url: floor.url, headers: {} },
  ].map((t) => ({ ...t, pid: listenerPid(Number(new URL(t.url).port)) }));
  try {
    // A short warm-up round, then two measured rounds, interleaved.
    for (const round of [0, 1, 2]) {
      for (const target of targets) {
        const server0 = processCpuMs(target.pid), machine0 = machineBusyMs(), self0 = process.cpuUsage();
        const result = await autocannon({
          url: `${target.url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body, connections, duration: round === 0 ? 3 : seconds,
        });
        const [server, machine, self] = [processCpuMs(target.pid) - server0, machineBusyMs() - machine0, process.cpuUsage(self0)];
        if (round === 0) continue;
        const n = result.requests.total;
        const perRequest = (ms: number) => `${(ms / n).toFixed(1)} ms`;
        console.log(`${target.label}: ${(n / result.duration).toFixed(1)} req/s at ${connections} connection(s); CPU per request: server ${perRequest(server)}, ` +
          `load generator ${perRequest((self.user + self.system) / 1000)}, machine ${perRequest(machine)} (${(machine / (result.duration * 1000)).toFixed(2)} cores busy)`);
      }
    }
    console.log(`peak RSS: API ${api.peakRssMiB()} MiB, floor ${floor.peakRssMiB()} MiB`);
  } finally {
    await Promise.all([api.stop(), floor.stop()]);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
