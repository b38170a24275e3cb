import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { prepareBenchDatabase } from './load';
import { freePort, startApiServer, type ChildServer } from './processes';
import { interleaved, type LoadFigures } from './measure';
import { machineAndCommit } from './report';
import { createReplica, stopReplica } from '../scripts/replica-cluster';

// Reads at 4 connections with one API server reading on the primary only, and one reading on a
// streaming replica beside it (issue 20), interleaved in one run, plus the share of the second
// server's reads that still reached the primary. On one 2-core machine the replica shares the
// CPU with the primary, the servers and the load generator, so no speed-up is expected: the
// point is that nothing breaks and the primary's share of reads goes to near zero.
//
// npx tsx bench/replicas.ts [--athletes 200] [--days 400] [--seconds 5] [--rounds 3] [--out file.md]
// BENCH_DATABASE_URL (default: the database stride_bench_replicas on postgres://postgres@127.0.0.1:55432),
// a PostgreSQL cluster on this machine: the bench makes a replica of it (pg_basebackup) in a
// temporary folder and removes it at the end.

const DEFAULT_DATABASE = 'postgres://postgres@127.0.0.1:55432/stride_bench_replicas';
const OPERATIONS = ['AthleteProfile', 'ActivityStats400', 'AthletesPage100'];

function startApi(databaseUrl: string, replicaUrl?: string): Promise<ChildServer> {
  return startApiServer(databaseUrl, [], { env: replicaUrl ? { DATABASE_REPLICA_URLS: replicaUrl } : {} });
}

interface Routed { primary: number; replica: number }
const routedReads = async (server: ChildServer): Promise<Routed> => ((await (await fetch(`${server.url}/ready`)).json()) as { reads: Routed }).reads;

async function main() {
  const { values } = parseArgs({
    options: {
      athletes: { type: 'string', default: '200' },
      days: { type: 'string', default: '400' },
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      out: { type: 'string' },
    },
  });
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_DATABASE;
  const bench = await prepareBenchDatabase(databaseUrl, Number(values.athletes), Number(values.days));
  const { org, token } = bench;
  const operations = bench.operations.filter((o) => OPERATIONS.includes(o.operationName));

  const replicaDir = path.join(mkdtempSync(path.join(tmpdir(), 'stride-bench-replica-')), 'data');
  const replicaPort = await freePort();
  const started = Date.now();
  const replica = await createReplica(databaseUrl, replicaDir, replicaPort);
  const copySeconds = (Date.now() - started) / 1000;
  const primaryOnly = await startApi(databaseUrl);
  const withReplica = await startApi(databaseUrl, replica.url(databaseUrl));
  const lines: string[] = [];
  try {
    const rows: { name: string; primary: LoadFigures; replica: LoadFigures; share: number }[] = [];
    for (const op of operations) {
      const body = JSON.stringify({ query: op.query, variables: op.variables, operationName: op.operationName });
      const headers = { authorization: `Bearer ${token}` };
      const before = await routedReads(withReplica);
      const figures = await interleaved(
        { primary: { url: primaryOnly.url, headers, body, pid: primaryOnly.pid }, replica: { url: withReplica.url, headers, body, pid: withReplica.pid } },
        { connections: 4, seconds: Number(values.seconds), rounds: Number(values.rounds), warmupSeconds: 2 },
      );
      const after = await routedReads(withReplica);
      const onPrimary = after.primary - before.primary;
      const onReplica = after.replica - before.replica;
      rows.push({ name: op.name, primary: figures.primary, replica: figures.replica, share: onPrimary / Math.max(1, onPrimary + onReplica) });
      console.log(`${op.name}: ${figures.primary.requestsPerSecond.toFixed(1)} req/s on the primary only, ${figures.replica.requestsPerSecond.toFixed(1)} with the replica; primary's share ${(100 * rows.at(-1)!.share).toFixed(2)}%`);
    }
    const { commit, cores, cpu, memoryGiB, node } = machineAndCommit();
    lines.push(
      `# Reads with a streaming replica, ${new Date().toISOString()}: ${org.athletes} athletes x ${values.days} days`,
      '',
      `Commit ${commit}; ${cores} x ${cpu}, ${memoryGiB} GiB; Node ${node}. The replica (pg_basebackup -R of the bench cluster) was made in ${copySeconds.toFixed(1)} s.`,
      `Two API servers (response cache off), driven in turn at 4 connections: ${values.rounds} rounds of ${values.seconds} s each after 2 s of warm-up.`,
      'One machine of 2 cores holds the primary, the replica, both servers and the load generator: no speed-up is expected.',
      '',
      '| operation | primary only: req/s | p50 ms | with a replica: req/s | p50 ms | ratio | failed requests | reads the second server sent to the primary |',
      '|---|---|---|---|---|---|---|---|',
      ...rows.map((r) =>
        `| ${r.name} | ${r.primary.requestsPerSecond.toFixed(1)} | ${r.primary.p50Ms.toFixed(2)} | ${r.replica.requestsPerSecond.toFixed(1)} | ${r.replica.p50Ms.toFixed(2)} | ${(r.replica.requestsPerSecond / r.primary.requestsPerSecond).toFixed(2)}x | ${r.primary.failures + r.replica.failures} | ${(100 * r.share).toFixed(2)}% |`,
      ),
      '',
    );
  } finally {
    await Promise.all([primaryOnly.stop(), withReplica.stop()]);
    stopReplica(replica, 'immediate');
    await dropSlot(databaseUrl, replicaPort);
    rmSync(path.dirname(replicaDir), { recursive: true, force: true });
  }
  const report = lines.join('\n');
  console.log(`\n${report}`);
  if (values.out) writeFileSync(values.out, report);
}

async function dropSlot(databaseUrl: string, port: number) {
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query('select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = $1', [`stride_replica_${port}`]);
  await admin.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
