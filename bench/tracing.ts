import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareBenchDatabase } from './load';
import { startApiServer, type ChildServer } from './processes';
import { interleaved, type LoadFigures, type Target } from './measure';
import { machineAndCommit } from './report';

// What tracing costs the Athletes list (issue 21), in one interleaved run: the API with tracing
// off, with tracing on at 100% sampling into an in-memory exporter (bench/traced-main.ts), and,
// with --before <commit>, the API as it was at that commit (a git worktree), so that "off"
// can be compared with the figure before the instrumentation existed.
//
// npx tsx bench/tracing.ts [--athletes 200] [--days 400] [--seconds 5] [--rounds 3] [--before <commit>] [--out file.md]
// BENCH_DATABASE_URL (default: stride_bench_tracing on postgres://postgres@127.0.0.1:55432).

const DEFAULT_DATABASE = 'postgres://postgres@127.0.0.1:55432/stride_bench_tracing';

/** A checkout of `commit` beside this one, sharing its node_modules. */
function worktreeAt(commit: string): string {
  const dir = path.join(tmpdir(), `stride-bench-${commit.slice(0, 12)}`);
  if (!existsSync(dir)) {
    execFileSync('git', ['worktree', 'add', '--detach', dir, commit], { stdio: 'ignore' });
    symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
  }
  return dir;
}

async function main() {
  const { values } = parseArgs({
    options: {
      athletes: { type: 'string', default: '200' },
      days: { type: 'string', default: '400' },
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      before: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_DATABASE;
  const { org, operations, token } = await prepareBenchDatabase(databaseUrl, Number(values.athletes), Number(values.days));
  const list = operations.find((o) => o.operationName === 'AthletesList')!;

  const servers: Record<string, ChildServer> = {};
  if (values.before) servers.before = await startApiServer(databaseUrl, [], { entry: path.join(worktreeAt(values.before), 'src/main.ts') });
  servers.off = await startApiServer(databaseUrl);
  servers.on = await startApiServer(databaseUrl, [], { entry: 'bench/traced-main.ts' });
  const body = JSON.stringify({ query: list.query, variables: list.variables, operationName: list.operationName });
  const targets = Object.fromEntries(Object.entries(servers).map(([key, s]) => [key, { url: s.url, headers: { authorization: `Bearer ${token}` }, body, pid: s.pid } satisfies Target]));
  const settings = { seconds: Number(values.seconds), rounds: Number(values.rounds), warmupSeconds: 2 };
  let one: Record<string, LoadFigures>;
  let four: Record<string, LoadFigures>;
  try {
    one = await interleaved(targets, { ...settings, connections: 1 });
    four = await interleaved(targets, { ...settings, connections: 4 });
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
  const { commit, cores, cpu, memoryGiB, node } = machineAndCommit();
  const row = (key: string, label: string) =>
    `| ${label} | ${one[key].p50Ms.toFixed(2)} | ${(one[key].p50Ms / one.off.p50Ms).toFixed(2)}x | ${four[key].requestsPerSecond.toFixed(1)} | ${(four[key].requestsPerSecond / four.off.requestsPerSecond).toFixed(2)}x | ${one[key].failures + four[key].failures} |`;
  const report = [
    `# Tracing's cost on the Athletes list, ${new Date().toISOString()}: ${org.athletes} athletes x ${values.days} days`,
    '',
    `Commit ${commit}; ${cores} x ${cpu}, ${memoryGiB} GiB; Node ${node}. Response cache off; the servers driven in turn,`,
    `${values.rounds} rounds of ${values.seconds} s each after 2 s of warm-up, at 1 connection (p50) and at 4 (requests per second).`,
    '',
    '| server | p50 ms, 1 connection | / off | requests/s, 4 connections | / off | failed requests |',
    '|---|---|---|---|---|---|',
    ...(servers.before ? [row('before', `before the instrumentation (${values.before})`)] : []),
    row('off', 'tracing off (no OTLP endpoint)'),
    row('on', 'tracing on, 100% sampled, in-memory exporter'),
    '',
  ].join('\n');
  console.log(report);
  if (values.out) writeFileSync(values.out, report);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
