import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import type { LoadFigures, RssFigures } from './measure';

/** Who an answer is checked against: the floor, PostGraphile (normalized), or the floor again for the API with its cache on. */
export type Reference = 'floor' | 'PostGraphile' | 'floor (API cache on)';

export interface BenchReport {
  date: string;
  commit: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; postgres: string };
  size: { athletes: number; days: number };
  settings: { seconds: number; rounds: number; warmupSeconds: number };
  statements: { athletes: number; operation: string; statements: number; queries: number; rowsFetched: number; objectsReturned: number }[];
  sqlTime: { name: string; budgetMs: number; slowestMs: number; statements: number }[];
  /** The API with RESPONSE_CACHE=off (the work), the floor and, where it can answer, PostGraphile, in the same rounds. */
  timing: { operation: string; connections: number; api: LoadFigures; floor: LoadFigures; peer: LoadFigures | null }[];
  /** The same request over and over to the API with its response cache on, against the floor in the same rounds. */
  cached: { operation: string; connections: number; api: LoadFigures; floor: LoadFigures }[];
  equality: { operation: string; against: Reference; equal: boolean; differences: string[] }[];
  /** Resident memory under the Athletes list's load (the whole organization's list), 1 and 4 connections. */
  rssUnderAthletesList: { api: RssFigures | null; floor: RssFigures | null } | null;
  peakRssMiB: { api: number | null; floor: number | null; peer: number | null; cachedApi: number | null; harness: number };
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
const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
const rate = (f: LoadFigures) => f.requestsPerSecond.toFixed(1);
const rss = (f: RssFigures | null) => (f ? `${f.peakMiB} / ${f.steadyMiB}` : 'n/a');

/**
 * The summary: per operation its p50 at 1 connection and its requests per second at 4, then
 * the cached repeats and the resident memory under the Athletes list.
 */
function sideBySide(r: BenchReport): string[] {
  const rows: string[] = [];
  for (const t of r.timing) {
    const p50 = t.connections === 1;
    if (!p50 && t.connections !== 4) continue;
    const value = (f: LoadFigures) => (p50 ? f.p50Ms : f.requestsPerSecond);
    const show = (f: LoadFigures) => (p50 ? ms(f.p50Ms) : rate(f));
    rows.push(`| ${t.operation} | ${p50 ? 'p50 ms, 1 connection' : 'requests/s, 4 connections'} | ${show(t.floor)} | ${t.peer ? show(t.peer) : 'n/a'} | ${show(t.api)} | ${times(value(t.api), value(t.floor))} | ${t.peer ? times(value(t.api), value(t.peer)) : 'n/a'} |`);
  }
  for (const c of r.cached) {
    rows.push(`| ${c.operation}, cached repeat (cache on) | requests/s, ${c.connections} connections | ${rate(c.floor)} | n/a | ${rate(c.api)} | ${times(c.api.requestsPerSecond, c.floor.requestsPerSecond)} | n/a |`);
  }
  const m = r.rssUnderAthletesList;
  if (m) rows.push(`| Athletes list, resident memory of the server | MiB, peak / steady | ${rss(m.floor)} | n/a | ${rss(m.api)} | ${m.api && m.floor ? `${times(m.api.steadyMiB, m.floor.steadyMiB)} (steady)` : 'n/a'} | n/a |`);
  return rows;
}

export function toMarkdown(r: BenchReport): string {
  const lines = [
    `# Benchmark ${r.date}: ${r.size.athletes} athletes x ${r.size.days} days`,
    '',
    `Commit ${r.commit}; ${r.machine.cores} x ${r.machine.cpu}, ${r.machine.memoryGiB} GiB; Node ${r.machine.node}; ${r.machine.postgres}.`,
    `Each figure: ${r.settings.rounds} rounds of ${r.settings.seconds} s per server, the servers interleaved in each round, after ${r.settings.warmupSeconds} s of warm-up each.`,
    '',
    '## Budget',
    '',
    '| check | measured | ok |',
    '|---|---|---|',
    ...r.budget.map((b) => `| ${b.check} | ${b.measured} | ${b.ok ? 'yes' : '**no**'} |`),
    '',
    '## Floor, PostGraphile and Stride side by side',
    '',
    'Stride is the API with its response cache off (RESPONSE_CACHE=off), so every request does the work; the cached rows ask the same',
    "request over and over of an API with the cache on. Ratios are Stride's figure over the other's: above 1 is slower for p50,",
    'below 1 is slower for requests per second. PostGraphile answers only the operations it can express (n/a elsewhere).',
    '',
    '| operation | figure | floor | PostGraphile | Stride | Stride / floor | Stride / PostGraphile |',
    '|---|---|---|---|---|---|---|',
    ...sideBySide(r),
    '',
    '## Latency and throughput, every figure',
    '',
    '| operation | conn | Stride p50 ms | floor p50 ms | PostGraphile p50 ms | Stride p99 ms | floor p99 ms | PostGraphile p99 ms | Stride req/s | floor req/s | PostGraphile req/s |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.timing.map(
      (t) =>
        `| ${t.operation} | ${t.connections} | ${ms(t.api.p50Ms)} | ${ms(t.floor.p50Ms)} | ${t.peer ? ms(t.peer.p50Ms) : 'n/a'} | ${ms(t.api.p99Ms)} | ${ms(t.floor.p99Ms)} | ${t.peer ? ms(t.peer.p99Ms) : 'n/a'} | ${rate(t.api)} | ${rate(t.floor)} | ${t.peer ? rate(t.peer) : 'n/a'} |`,
    ),
    ...r.cached.map(
      (c) => `| ${c.operation}, cached repeat (cache on) | ${c.connections} | ${ms(c.api.p50Ms)} | ${ms(c.floor.p50Ms)} | n/a | ${ms(c.api.p99Ms)} | ${ms(c.floor.p99Ms)} | n/a | ${rate(c.api)} | ${rate(c.floor)} | n/a |`,
    ),
    '',
    '## Resident memory while driven (MiB, peak / steady)',
    '',
    "VmRSS of each server process every 250 ms while it is driven: peak is the highest sample of an operation's rounds, steady the median sample of its last round.",
    '',
    '| operation | conn | Stride | floor | PostGraphile |',
    '|---|---|---|---|---|',
    ...r.timing.map((t) => `| ${t.operation} | ${t.connections} | ${rss(t.api.rss)} | ${rss(t.floor.rss)} | ${t.peer ? rss(t.peer.rss) : 'n/a'} |`),
    ...r.cached.map((c) => `| ${c.operation}, cached repeat (cache on) | ${c.connections} | ${rss(c.api.rss)} | ${rss(c.floor.rss)} | n/a |`),
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
    `Peak RSS (VmHWM) over the whole run: API ${r.peakRssMiB.api ?? 'n/a'} MiB (cache on: ${r.peakRssMiB.cachedApi ?? 'n/a'} MiB), floor ${r.peakRssMiB.floor ?? 'n/a'} MiB, PostGraphile ${r.peakRssMiB.peer ?? 'n/a'} MiB, harness (loading, tracing) ${r.peakRssMiB.harness} MiB.`,
    r.firstStart
      ? `Embedded first start (empty data folder: PGlite, migrate, demo seed, listen) to the first answered query: ${(r.firstStart.firstAnswerMs / 1000).toFixed(1)} s, peak RSS ${r.firstStart.peakRssMiB ?? 'n/a'} MiB.`
      : 'Embedded first start: not measured in this run.',
    '',
  ];
  const unequal = r.equality.filter((e) => !e.equal);
  if (unequal.length) lines.push('## Answers that differ from the API (those servers not timed on them)', '', ...unequal.map((e) => `- ${e.operation}, against ${e.against}: ${e.differences.join('; ')}`), '');
  return lines.join('\n');
}
