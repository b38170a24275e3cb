import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { Client } from 'pg';
import { createDatabase, type DatabaseHandle } from '../src/db/client';
import type { Database } from '../src/db/types';
import { createApp } from '../src/app';
import { EventHub } from '../src/live/event-hub';
import { signToken } from '../src/auth/tokens';
import { rollbackUnlessEnded, startTenantTransaction } from '../src/db/tenant';
import { upsertActivities, type ActivityRecord } from '../src/ingest/activities';
import { appendEvents } from '../src/repositories/events';
import type { NewLiveEvent } from '../src/domain/live-events';
import { migrateToLatest } from '../db/migrate';
import { generateHistory } from '../db/seed/training';
import { Random } from '../db/seed/random';
import { BENCH_AUTH } from './in-process';
import { machineAndCommit } from './report';
import { monotonicMs, type FromSubscribers, type SubscriberRecord, type ToSubscribers } from './live-subscribers';

// The live feed under load (issue 19, item 5), in one run:
//   1. ingest throughput (runs/s through upsertActivities) with no subscriber, then with N
//      subscribers following organizationEvents over server-sent events;
//   2. the latency from a transaction's COMMIT returning to each subscriber receiving its
//      events, at a fixed event rate, for 1, 10 and N subscribers.
// The server (createApp + node:http on a loopback port, an EventHub that LISTENs as main.ts
// builds it) and the writers share this process, as in one API instance where the writes
// arrive; the subscribers run in a child process (bench/live-subscribers.ts).
//
// npx tsx bench/live.ts [subscribers=100] [seconds=10] [--rate 1000] [--batch 20] [--rounds 2] [--out file.md]
// BENCH_DATABASE_URL, else the database stride_bench_live on postgres://postgres@127.0.0.1:55432
// (created and migrated here). Each run uses a new organization and deletes it at the end.

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:55432';
const DEFAULT_DATABASE = 'stride_bench_live';
/** Ingest writers in parallel: one per core of the benchmark machine. */
const INGEST_WRITERS = 2;
/** Each athlete's history is ingested a week per transaction, as a daily or weekly sync would send it. */
const HISTORY_DAYS = 56;
const WEEK_MS = 7 * 86_400_000;
/** Event transactions open at once: beyond it the writer waits (and the achieved rate shows it). */
const MAX_IN_FLIGHT = 8;
const RUNNER = { timezone: 'Europe/London', weeklyKm: 50, easyPace: 330, hrMax: 190, hrRest: 50, restingHr: 52, hrv: 60, vo2max: 50, hrShare: 0.9, healthSource: null, prefersEvening: false };
// A client's usual selection; `id` first, where the subscribers read it (bench/live-subscribers.ts).
const FEED = 'subscription($after: ID) { organizationEvents(after: $after) { id kind athleteId occurredAt runs { localDates inserted updated deleted } } }';

interface Bench {
  db: Kysely<Database>;
  orgId: number;
  url: string;
  token: string;
  /** NOTIFY stride_events received by the hub, and its reads of the outbox. */
  counters: { notifications: number; outboxReads: number };
}

interface Usage {
  /** Cores kept busy over the phase: this process (server and writers), the subscribers' process, the whole machine (PostgreSQL included). */
  serverCores: number;
  subscriberCores: number;
  machineCores: number;
  serverPeakRssMiB: number;
  subscribersPeakRssMiB: number | null;
  notifications: number;
  outboxReads: number;
}

interface Delivery {
  subscribers: number;
  events: number;
  /** Subscribers that received every event of the phase once, in order of number. */
  exact: number;
  problems: string[];
  /** From the last COMMIT to the slowest subscriber's last event; null when one never got it. */
  caughtUpMs: number | null;
}

interface IngestFigures {
  subscribers: number;
  runs: number;
  transactions: number;
  seconds: number;
  runsPerSecond: number;
  ranOutOfAthletes: boolean;
  delivery: Delivery | null;
  usage: Usage;
}

interface LatencyFigures {
  subscribers: number;
  events: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  delivery: Delivery;
  usage: Usage;
}

interface LatencySettings {
  rate: number;
  batch: number;
  seconds: number;
}

// ---------------------------------------------------------------------------------------------
// The database, the organization, the server

/** BENCH_DATABASE_URL, else the scratch database on the local benchmark cluster, created if missing. */
async function benchDatabaseUrl(): Promise<string> {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const client = new Client({ connectionString: `${DEFAULT_SERVER}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [DEFAULT_DATABASE]);
    if (!rowCount) await client.query(`create database ${DEFAULT_DATABASE}`);
  } finally {
    await client.end();
  }
  return `${DEFAULT_SERVER}/${DEFAULT_DATABASE}`;
}

async function createOrganization(db: Kysely<Database>): Promise<{ orgId: number; coachId: number }> {
  const { id: orgId } = await db.insertInto('organizations').values({ name: `bench live ${new Date().toISOString()}`, timezone: 'UTC' }).returning('id').executeTakeFirstOrThrow();
  const { id: coachId } = await db.insertInto('users').values({ org_id: orgId, role: 'coach', name: 'Bench Coach', email: 'coach@bench.invalid' }).returning('id').executeTakeFirstOrThrow();
  return { orgId, coachId };
}

/** Athletes with the settings the load and fitness formulas read, as bench/ingest.ts makes them. */
async function createAthletes(db: Kysely<Database>, orgId: number, count: number, label: string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1000) {
    const rows = await db.insertInto('users')
      .values(Array.from({ length: Math.min(1000, count - i) }, (_, k) => ({ org_id: orgId, role: 'athlete' as const, name: `Live ${label} ${i + k}`, email: `live-${label}-${i + k}@bench.invalid`, timezone: RUNNER.timezone, sex: 'female' as const })))
      .returning('id').execute();
    ids.push(...rows.map((r) => r.id));
  }
  await db.insertInto('athlete_settings').values(ids.map((id) => ({ org_id: orgId, athlete_id: id, hr_max: 190, hr_rest: 50, threshold_pace_s_per_km: 300 }))).execute();
  return ids;
}

/** The API as main.ts builds it (its hub LISTENs on its own connection), counting what wakes the hub. */
async function startServer(handle: DatabaseHandle, counters: Bench['counters']): Promise<{ url: string; stop(): Promise<void> }> {
  const hub = new EventHub(handle.db, {
    listen: (onNotify, onReconnect) => handle.listen((payload) => {
      counters.notifications++;
      onNotify(payload);
    }, onReconnect),
    onError: (error) => console.warn(`the event hub could not read the outbox: ${(error as Error).message}`),
  });
  const server = createServer(createApp({ db: handle.db, auth: BENCH_AUTH, graphiql: false, events: hub }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await hub.stop();
    },
  };
}

/** The organization's last event number (raised at each COMMIT that wrote events, migration 014). */
async function lastEventSeq(bench: Bench): Promise<number> {
  const { rows } = await sql<{ n: number | null }>`select event_seq as n from organization_data_versions where org_id = ${bench.orgId}`.execute(bench.db);
  return Number(rows[0]?.n ?? 0);
}

/** A write as a mutation makes it: one transaction as the app role with the organization set (src/plugins/tenant-transaction.ts). */
async function writeAsTenant<T>(bench: Bench, write: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  const trx = await startTenantTransaction(bench.db, bench.orgId, { readOnly: false, statementTimeoutMs: 30_000 });
  try {
    const result = await write(trx);
    await trx.commit().execute();
    return result;
  } catch (error) {
    await rollbackUnlessEnded(trx);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Subscribers and what they received

interface Subscribers {
  /** The lowest of the subscribers' highest event numbers received. */
  caughtUpTo(): Promise<number>;
  close(): Promise<Extract<FromSubscribers, { type: 'closed' }>>;
}

/** `count` subscriptions to organizationEvents after event `after`, held by a child process; resolves once every one is answered. */
async function openSubscribers(bench: Bench, count: number, after: number): Promise<Subscribers> {
  const child = fork(path.join(__dirname, 'live-subscribers.ts'), [], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
  const ask = <T extends FromSubscribers['type']>(message: ToSubscribers, answer: T) =>
    new Promise<Extract<FromSubscribers, { type: T }>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the subscribers' process exited (${code}) before answering ${message.type}`));
      const onMessage = (reply: FromSubscribers) => {
        if (reply.type !== answer) return;
        child.off('message', onMessage).off('exit', onExit);
        resolve(reply as Extract<FromSubscribers, { type: T }>);
      };
      child.on('message', onMessage).once('exit', onExit);
      child.send(message);
    });
  // `after` rather than "from now": no event of the phase is missed while the hub admits a subscriber.
  const opened = await ask({ type: 'open', url: bench.url, token: bench.token, query: FEED, variables: { after: String(after) }, count }, 'opened');
  if (opened.failures.length > 0) {
    child.kill();
    throw new Error(`${opened.failures.length} of ${count} subscriptions failed: ${opened.failures[0]}`);
  }
  return {
    caughtUpTo: async () => (await ask({ type: 'progress' }, 'progress')).caughtUpTo,
    close: () => ask({ type: 'close' }, 'closed'),
  };
}

/** Waits until every subscriber has event `last`, or the timeout passes. */
async function waitUntilDelivered(subscribers: Subscribers, last: number, timeoutMs: number): Promise<void> {
  const deadline = monotonicMs() + timeoutMs;
  while ((await subscribers.caughtUpTo()) < last && monotonicMs() < deadline) await sleep(100);
}

/** Whether each subscriber received exactly the events first+1..last, each once and in order; what went wrong otherwise. */
function checkDelivery(records: SubscriberRecord[], first: number, last: number, lastCommitMs: number): Delivery {
  const expected = last - first;
  const problems: string[] = [];
  let exact = 0;
  let caughtUpMs: number | null = 0;
  records.forEach((record, index) => {
    const { seqs } = record;
    const inOrder = seqs.length === expected && seqs.every((seq, i) => seq === first + 1 + i);
    if (inOrder) exact++;
    else {
      const seen = new Set<number>();
      let twice = 0;
      let backwards = 0;
      seqs.forEach((seq, i) => {
        if (seen.has(seq)) twice++;
        seen.add(seq);
        if (i > 0 && seq < seqs[i - 1]) backwards++;
      });
      const missing = Array.from({ length: expected }, (_, i) => first + 1 + i).filter((seq) => !seen.has(seq)).length;
      problems.push(`subscriber ${index}: ${missing} missing, ${twice} received twice, ${backwards} out of order`);
    }
    problems.push(...record.errors.map((e) => `subscriber ${index} received: ${e}`));
    const lastAt = seqs.length > 0 && seqs[seqs.length - 1] === last ? record.receivedAtMs[seqs.length - 1] : null;
    caughtUpMs = lastAt === null || caughtUpMs === null ? null : Math.max(caughtUpMs, lastAt - lastCommitMs);
  });
  return { subscribers: records.length, events: expected, exact, problems: problems.slice(0, 10), caughtUpMs };
}

// ---------------------------------------------------------------------------------------------
// Resource use over a phase

function machineBusyMs(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** Starts measuring; `stop` gives the cores each part kept busy and the server's peak RSS (sampled every 250 ms) since. */
function measureUsage(bench: Bench) {
  const startedMs = monotonicMs();
  const cpu = process.cpuUsage();
  const machine = machineBusyMs();
  const counters = { ...bench.counters };
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250);
  return (subscribers: { cpuMs: number; peakRssMiB: number } | null): Usage => {
    clearInterval(sampler);
    const wallMs = monotonicMs() - startedMs;
    const used = process.cpuUsage(cpu);
    const now = machineBusyMs();
    return {
      serverCores: (used.user + used.system) / 1000 / wallMs,
      subscriberCores: subscribers ? subscribers.cpuMs / wallMs : 0,
      machineCores: ((now.busy - machine.busy) / (now.total - machine.total)) * cpus().length,
      serverPeakRssMiB: Math.round(Math.max(peakRss, process.memoryUsage.rss()) / 2 ** 20),
      subscribersPeakRssMiB: subscribers?.peakRssMiB ?? null,
      notifications: bench.counters.notifications - counters.notifications,
      outboxReads: bench.counters.outboxReads - counters.outboxReads,
    };
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Ingest throughput

/** An athlete's generated history, a week of runs per batch, oldest first. */
function weeklyBatches(athleteId: number, endDate: string): ActivityRecord[][] {
  const { activities } = generateHistory(Random.derive(7, athleteId), RUNNER, `live${athleteId}`, endDate, HISTORY_DAYS);
  const batches: ActivityRecord[][] = [];
  const start = activities[0]?.startTime.getTime() ?? 0;
  for (const activity of activities) (batches[Math.floor((activity.startTime.getTime() - start) / WEEK_MS)] ??= []).push(activity);
  return batches.filter(Boolean);
}

/** Ingests athletes' weekly batches with INGEST_WRITERS writers in parallel, until `seconds` have passed or the athletes run out. */
async function ingestFor(bench: Bench, athletes: number[], seconds: number) {
  const endDate = new Date().toISOString().slice(0, 10);
  const deadline = monotonicMs() + seconds * 1000;
  let next = 0;
  let runs = 0;
  let transactions = 0;
  const writer = async () => {
    while (monotonicMs() < deadline && next < athletes.length) {
      const athleteId = athletes[next++];
      for (const batch of weeklyBatches(athleteId, endDate)) {
        if (monotonicMs() >= deadline) break;
        // Awaited before adding: `runs += await …` would read `runs` before the other writer's additions.
        const { written } = await writeAsTenant(bench, (trx) => upsertActivities(trx, bench.orgId, athleteId, batch));
        runs += written;
        transactions++;
      }
    }
  };
  await Promise.all(Array.from({ length: INGEST_WRITERS }, writer));
  return { runs, transactions, ranOutOfAthletes: next >= athletes.length && monotonicMs() < deadline };
}

async function measureIngest(bench: Bench, athletes: number[], subscriberCount: number, seconds: number): Promise<IngestFigures> {
  const first = await lastEventSeq(bench);
  const subscribers = subscriberCount > 0 ? await openSubscribers(bench, subscriberCount, first) : null;
  const stop = measureUsage(bench);
  const startedMs = monotonicMs();
  const ingested = await ingestFor(bench, athletes, seconds);
  const endedMs = monotonicMs();
  const last = await lastEventSeq(bench);
  let delivery: Delivery | null = null;
  let closed = null;
  if (subscribers) {
    await waitUntilDelivered(subscribers, last, Math.max(30, seconds * 3) * 1000);
    closed = await subscribers.close();
    delivery = checkDelivery(closed.subscribers, first, last, endedMs);
  }
  const elapsed = (endedMs - startedMs) / 1000;
  return { subscribers: subscriberCount, ...ingested, seconds: elapsed, runsPerSecond: ingested.runs / elapsed, delivery, usage: stop(closed) };
}

// ---------------------------------------------------------------------------------------------
// 2. Commit-to-subscriber latency

/**
 * One transaction's events. The writer cannot know their numbers (they are given at COMMIT),
 * so each carries its transaction's index (in `inserted`) and its row (in `updated`): the
 * outbox then says which COMMIT each number belongs to.
 */
function eventsOfTransaction(tx: number, athleteId: number, batch: number): NewLiveEvent[] {
  return Array.from({ length: batch }, (_, row) => ({ kind: 'RUNS_CHANGED', athleteId, payload: { localDates: [], inserted: tx, updated: row, deleted: 0 } }));
}

/**
 * Appends `rate` events per second in transactions of `batch` for `seconds`, each started on
 * its schedule (not after the previous one ends, so a slow commit does not lower the offered
 * rate), and records when each transaction's COMMIT returned.
 */
async function driveEvents(bench: Bench, athleteId: number, { rate, batch, seconds }: LatencySettings) {
  const transactions = Math.max(1, Math.round((rate * seconds) / batch));
  const intervalMs = (batch / rate) * 1000;
  const commitAtMs = new Float64Array(transactions);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  const startedMs = monotonicMs();
  for (let tx = 0; tx < transactions && !failure; tx++) {
    const wait = startedMs + tx * intervalMs - monotonicMs();
    if (wait >= 1) await sleep(wait);
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const write: Promise<void> = writeAsTenant(bench, (trx) => appendEvents(trx, bench.orgId, eventsOfTransaction(tx, athleteId, batch)))
      .then(() => void (commitAtMs[tx] = monotonicMs()), (error) => void (failure ??= error))
      .finally(() => inFlight.delete(write));
    inFlight.add(write);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  const lastCommitMs = commitAtMs.reduce((a, b) => Math.max(a, b), 0);
  return { events: transactions * batch, eventsPerSecond: (transactions * batch * 1000) / (lastCommitMs - startedMs), lastCommitMs, commitAtMs };
}

/** For each event number after `first`, the index of the transaction that wrote it (see eventsOfTransaction). */
async function transactionOfEachEvent(bench: Bench, first: number, last: number): Promise<Int32Array> {
  const { rows } = await sql<{ seq: number; tx: number }>`
    select seq, (payload->>'inserted')::int as tx from organization_events
    where org_id = ${bench.orgId} and seq > ${first} and seq <= ${last}`.execute(bench.db);
  const txOf = new Int32Array(last - first).fill(-1);
  for (const row of rows) txOf[Number(row.seq) - first - 1] = row.tx;
  return txOf;
}

/** Every (subscriber, event) delay from its transaction's COMMIT returning to its arrival, sorted. */
function commitToReceiveMs(records: SubscriberRecord[], first: number, txOf: Int32Array, commitAtMs: Float64Array): Float64Array {
  const delays: number[] = [];
  for (const { seqs, receivedAtMs } of records) {
    seqs.forEach((seq, i) => {
      const tx = txOf[seq - first - 1];
      if (tx !== undefined && tx >= 0) delays.push(receivedAtMs[i] - commitAtMs[tx]);
    });
  }
  return Float64Array.from(delays).sort();
}

const percentile = (sorted: Float64Array, p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]);

async function measureLatency(bench: Bench, athleteId: number, subscriberCount: number, settings: LatencySettings): Promise<LatencyFigures> {
  const first = await lastEventSeq(bench);
  const subscribers = await openSubscribers(bench, subscriberCount, first);
  await sleep(300); // the hub admits the subscribers: their first events should not wait for it
  const stop = measureUsage(bench);
  const driven = await driveEvents(bench, athleteId, settings);
  const last = await lastEventSeq(bench);
  await waitUntilDelivered(subscribers, last, Math.max(30, settings.seconds * 3) * 1000);
  const closed = await subscribers.close();
  const usage = stop(closed);
  const delays = commitToReceiveMs(closed.subscribers, first, await transactionOfEachEvent(bench, first, last), driven.commitAtMs);
  return {
    subscribers: subscriberCount,
    events: driven.events,
    eventsPerSecond: driven.eventsPerSecond,
    p50Ms: percentile(delays, 0.5),
    p99Ms: percentile(delays, 0.99),
    maxMs: delays[delays.length - 1] ?? NaN,
    delivery: checkDelivery(closed.subscribers, first, last, driven.lastCommitMs),
    usage,
  };
}

// ---------------------------------------------------------------------------------------------
// The report

const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const count = (n: number) => Math.round(n).toLocaleString('en');

function deliveryCell(d: Delivery | null): string {
  if (!d) return 'n/a';
  const verdict = d.exact === d.subscribers ? `yes: ${d.subscribers} x ${count(d.events)}` : `**no**: ${d.exact} of ${d.subscribers} got all ${count(d.events)}`;
  return `${verdict}, all in ${d.caughtUpMs === null ? 'never (timed out)' : `${fixed(d.caughtUpMs, 0)} ms`}`;
}

const usageCells = (u: Usage) =>
  `${fixed(u.serverCores, 2)} / ${fixed(u.subscriberCores, 2)} / ${fixed(u.machineCores, 2)} | ${u.serverPeakRssMiB} / ${u.subscribersPeakRssMiB ?? 'n/a'} | ${count(u.notifications)} / ${count(u.outboxReads)}`;

function meanRate(phases: IngestFigures[], subscribers: number): number {
  const rates = phases.filter((f) => f.subscribers === subscribers).map((f) => f.runsPerSecond);
  return rates.reduce((a, b) => a + b, 0) / rates.length;
}

/** Each round's (four phases') ratio of the loaded rate to the quiet one. */
function roundRatios(ingest: IngestFigures[], subscribers: number): string {
  const ratios = [];
  for (let i = 0; i + 4 <= ingest.length; i += 4) ratios.push(`${fixed(meanRate(ingest.slice(i, i + 4), subscribers) / meanRate(ingest.slice(i, i + 4), 0), 2)}x`);
  return ratios.join(', ');
}

function report(header: string[], settings: LatencySettings, ingest: IngestFigures[], latency: LatencyFigures[]): string {
  const [quiet] = ingest;
  const loaded = ingest.find((f) => f.subscribers > 0) ?? quiet;
  const lines = [
    ...header,
    '',
    `Ingest: ${INGEST_WRITERS} writers, ${HISTORY_DAYS} days of runs per athlete a week per transaction (upsertActivities in a tenant transaction, as the ingestActivities mutation), for ${fixed(quiet.seconds, 0)} s each, in the order of the rows (rounds of none, loaded, loaded, none).`,
    '',
    '| subscribers | runs/s | runs | transactions | each subscriber got every event once, in order (subscribers x events), caught up after the last COMMIT | cores busy: server / subscribers / machine | peak RSS MiB: server / subscribers | NOTIFYs / outbox reads |',
    '|---|---|---|---|---|---|---|---|',
    ...ingest.map((f) => `| ${f.subscribers} | ${count(f.runsPerSecond)} | ${count(f.runs)} | ${count(f.transactions)} | ${deliveryCell(f.delivery)} | ${usageCells(f.usage)} |`),
    '',
    `Ingest rate with ${loaded.subscribers} subscribers / with none (means of all phases each): **${fixed(meanRate(ingest, loaded.subscribers) / meanRate(ingest, 0), 2)}x**; per round: ${roundRatios(ingest, loaded.subscribers)}.`,
    '',
    `Latency: ${count(settings.rate)} events/s offered for ${settings.seconds} s, ${settings.batch} event${settings.batch === 1 ? '' : 's'} per transaction (${fixed(settings.rate / settings.batch, 0)} COMMITs/s), from each COMMIT returning to each subscriber's arrival.`,
    '',
    '| subscribers | events/s achieved | p50 ms | p99 ms | max ms | every event once, in order (subscribers x events), caught up after the last COMMIT | cores busy: server / subscribers / machine | peak RSS MiB: server / subscribers | NOTIFYs / outbox reads |',
    '|---|---|---|---|---|---|---|---|---|',
    ...latency.map((f) => `| ${f.subscribers} | ${count(f.eventsPerSecond)} | ${fixed(f.p50Ms, 2)} | ${fixed(f.p99Ms, 2)} | ${fixed(f.maxMs, 1)} | ${deliveryCell(f.delivery)} | ${usageCells(f.usage)} |`),
  ];
  const problems = [...ingest, ...latency].flatMap((f) => (f.delivery?.problems ?? []).map((p) => `- ${f.subscribers} subscribers, ${'runs' in f ? 'ingest' : 'latency'}: ${p}`));
  if (problems.length > 0) lines.push('', 'Delivery problems:', ...problems);
  if (ingest.some((f) => f.ranOutOfAthletes)) lines.push('', 'Note: an ingest phase ran out of athletes before its time was up.');
  return lines.join('\n');
}

async function machineNote(db: Kysely<Database>): Promise<string> {
  const { commit, cpu, cores, memoryGiB, node } = machineAndCommit();
  const { rows } = await sql<{ version: string; fsync: string }>`select version(), current_setting('fsync') as fsync`.execute(db);
  return `Commit ${commit}; ${cores} x ${cpu}, ${memoryGiB} GiB; Node ${node}; ${rows[0].version.split(' on ')[0]} (fsync=${rows[0].fsync}); the server, the writers, the subscribers' process and PostgreSQL on the same machine.`;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { rate: { type: 'string', default: '1000' }, batch: { type: 'string', default: '20' }, rounds: { type: 'string', default: '2' }, out: { type: 'string' } },
  });
  const subscriberCount = Number(positionals[0] ?? 100);
  const seconds = Number(positionals[1] ?? 10);
  const settings: LatencySettings = { rate: Number(values.rate), batch: Number(values.batch), seconds };
  const rounds = Number(values.rounds);
  if (![subscriberCount, seconds, settings.rate, settings.batch, rounds].every((n) => Number.isInteger(n) && n > 0)) throw new Error('subscribers, seconds, --rate, --batch and --rounds are positive integers');

  const counters = { notifications: 0, outboxReads: 0 };
  const handle = await createDatabase({
    databaseUrl: await benchDatabaseUrl(),
    dataDir: 'memory',
    poolSize: 10, // the API's default (DB_POOL_SIZE)
    onQuery: (statement) => {
      if (/^select .* from "organization_events"/s.test(statement)) counters.outboxReads++;
    },
  });
  await migrateToLatest(handle.db);
  const { orgId, coachId } = await createOrganization(handle.db);
  const server = await startServer(handle, counters);
  const token = await signToken(BENCH_AUTH, { orgId, userId: coachId, role: 'COACH', audience: 'stride-api', expiresIn: '2h' });
  const bench: Bench = { db: handle.db, orgId, url: server.url, token, counters };
  try {
    // Enough athletes that a phase never runs out (about 30 runs each; a few hundred runs/s expected).
    const athletesPerPhase = Math.max(50, seconds * 60);
    // A, B, B, A per round: the database grows and the machine drifts during a run (a second
    // phase with 1 subscriber measured 0.70x of a first with none, and phases alike differed by
    // a third), so each condition runs early and late in every round, each phase with athletes
    // of its own, and the ratio is given per round too.
    const phases = Array.from({ length: rounds }, () => [0, subscriberCount, subscriberCount, 0]).flat();
    const warmUp = await createAthletes(handle.db, orgId, 4, 'warm');
    const phaseAthletes = [];
    for (const [i] of phases.entries()) phaseAthletes.push(await createAthletes(handle.db, orgId, athletesPerPhase, `phase${i}`));

    console.log('warming up (ingest and events with one subscriber, not measured)');
    await measureIngest(bench, warmUp, 1, 1);
    await measureLatency(bench, warmUp[0], 1, { ...settings, seconds: 1 });

    const ingest: IngestFigures[] = [];
    for (const [i, count] of phases.entries()) {
      console.log(`ingesting for ${seconds} s with ${count} subscribers`);
      ingest.push(await measureIngest(bench, phaseAthletes[i], count, seconds));
    }
    const latency: LatencyFigures[] = [];
    for (const count of [...new Set([1, 10, subscriberCount])].filter((n) => n <= subscriberCount).sort((a, b) => a - b)) {
      console.log(`${settings.rate} events/s for ${seconds} s with ${count} subscribers`);
      latency.push(await measureLatency(bench, warmUp[0], count, settings));
    }

    const header = [`# Live feed under load, ${new Date().toISOString().slice(0, 10)}`, '', await machineNote(handle.db), '', `\`npx tsx bench/live.ts ${subscriberCount} ${seconds} --rate ${settings.rate} --batch ${settings.batch} --rounds ${rounds}\``];
    const markdown = report(header, settings, ingest, latency);
    console.log(`\n${markdown}`);
    if (values.out) writeFileSync(values.out, `${markdown}\n`);
  } finally {
    await server.stop();
    await handle.db.deleteFrom('organizations').where('id', '=', orgId).execute();
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
