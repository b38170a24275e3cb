import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import type { LoadFigures } from './measure';

export interface BenchReport {
  date: string;
  commit: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; postgres: string };
  size: { athletes: number; days: number };
  settings: { seconds: number; rounds: number; warmupSeconds: number };
  statements: { athletes: number; operation: string; statements: number; queries: number; rowsFetched: number; objectsReturned: number }[];
  sqlTime: { name: string; budgetMs: number; slowestMs: number; statements: number }[];
  timing: { operation: string; connections: number; api: LoadFigures; floor: LoadFigures }[];
  equality: { operation: string; equal: boolean; differences: string[] }[];
  peakRssMiB: { api: number | null; floor: number | null; harness: number };
  firstStart: { firstAnswerMs: number; peakRssMiB: number | null } | null;
  budget: { check: string; ok: boolean; measured: string; exact: boolean }[];
}

export function machineAndCommit(): { commit: string; cpu: string; cores: number; memoryGiB: number; node: string } {
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    if (execSync('git status --porcelain', { encoding: 'utf8' }).trim()) commit += ' (with uncommitted changes)';
  } catch {
    // not a git checkout
  }
  return { commit, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

const ms = (v: number) => v.toFixed(2);
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');

export function toMarkdown(r: BenchReport): string {
  const lines = [
    `# Benchmark ${r.date}: ${r.size.athletes} athletes x ${r.size.days} days`,
    '',
    `Commit ${r.commit}; ${r.machine.cores} x ${r.machine.cpu}, ${r.machine.memoryGiB} GiB; Node ${r.machine.node}; ${r.machine.postgres}.`,
    `Each figure: ${r.settings.rounds} rounds of ${r.settings.seconds} s per side, API and floor interleaved, after ${r.settings.warmupSeconds} s of warm-up each.`,
    '',
    '## Budget',
    '',
    '| check | measured | ok |',
    '|---|---|---|',
    ...r.budget.map((b) => `| ${b.check} | ${b.measured} | ${b.ok ? 'yes' : '**no**'} |`),
    '',
    '## Latency and throughput, API against the raw floor',
    '',
    '| operation | conn | API p50 ms | floor p50 ms | p50 ratio | API p99 ms | floor p99 ms | API req/s | floor req/s | req/s ratio |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...r.timing.map(
      (t) =>
        `| ${t.operation} | ${t.connections} | ${ms(t.api.p50Ms)} | ${ms(t.floor.p50Ms)} | ${ratio(t.api.p50Ms, t.floor.p50Ms)} | ${ms(t.api.p99Ms)} | ${ms(t.floor.p99Ms)} | ${t.api.requestsPerSecond.toFixed(1)} | ${t.floor.requestsPerSecond.toFixed(1)} | ${ratio(t.api.requestsPerSecond, t.floor.requestsPerSecond)} |`,
    ),
    '',
    '## Statements and rows per request',
    '',
    'Statements are every round trip (BEGIN and COMMIT included); queries leave those two out. Rows fetched are rows the database sent to Node; objects returned are the JSON objects of the answer.',
    '',
    '| athletes | operation | statements | queries | rows fetched | objects returned |',
    '|---|---|---|---|---|---|',
    ...r.statements.map((s) => `| ${s.athletes} | ${s.operation} | ${s.statements} | ${s.queries} | ${s.rowsFetched} | ${s.objectsReturned} |`),
    '',
    '## SQL time (EXPLAIN ANALYZE, slowest statement of the request; plans in the -explain file)',
    '',
    '| case | slowest statement ms | budget ms | statements explained |',
    '|---|---|---|---|',
    ...r.sqlTime.map((s) => `| ${s.name} | ${ms(s.slowestMs)} | ${s.budgetMs} | ${s.statements} |`),
    '',
    '## Memory and first start',
    '',
    `Peak RSS: API ${r.peakRssMiB.api ?? 'n/a'} MiB, floor ${r.peakRssMiB.floor ?? 'n/a'} MiB, harness (loading, tracing) ${r.peakRssMiB.harness} MiB.`,
    r.firstStart
      ? `Embedded first start (empty data folder: PGlite, migrate, demo seed, listen) to the first answered query: ${(r.firstStart.firstAnswerMs / 1000).toFixed(1)} s, peak RSS ${r.firstStart.peakRssMiB ?? 'n/a'} MiB.`
      : 'Embedded first start: not measured in this run.',
    '',
  ];
  const unequal = r.equality.filter((e) => !e.equal);
  if (unequal.length) lines.push('## Floor answers that differ from the API (not timed)', '', ...unequal.map((e) => `- ${e.operation}: ${e.differences.join('; ')}`), '');
  return lines.join('\n');
}
