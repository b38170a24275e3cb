import { sql } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../../src/db/client';
import { migrateToLatest } from '../../db/migrate';
import { createOrganization, createUser } from '../helpers/fixtures';
import { TEST_AUTH, tokenFor } from '../helpers/auth';
import { rollupMismatches } from '../helpers/invariants';
import { findPostgresBinaries, startThrowawayCluster, type ThrowawayCluster } from '../helpers/pg-cluster';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

// The real server process against a PostgreSQL cluster of this file's own, stopped, crashed,
// restarted and cut off under load. Only on the PostgreSQL run: the embedded database's own
// failure (its socket server going away) is tests/integration/embedded-failure.test.ts.
const binaries = process.env.DATABASE_URL ? findPostgresBinaries() : null;
if (process.env.DATABASE_URL && !binaries) throw new Error('DATABASE_URL is set but no initdb/pg_ctl were found for the restart test');
const describeOnPostgres = binaries ? describe : describe.skip;

type Outcome = 'ok' | 'unavailable' | 'other';
interface Sample {
  client: number;
  at: number;
  outcome: Outcome;
  detail: string;
}

let cluster: ThrowawayCluster;
let admin: DatabaseHandle;
let server: ServerProcess;
let token: string;
let athleteId: number;

const ATHLETES_QUERY = '{ athletes(first: 20) { totalCount edges { node { id name activityStats(from: "2026-01-01", to: "2026-12-31", granularity: MONTH) { totals { totalActivities totalDistance } } } } } }';
const INGEST = `mutation($athleteId: ID!, $activities: [ActivityInput!]!) { ingestActivities(athleteId: $athleteId, activities: $activities) { written } }`;

async function post(body: unknown): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // judged below as 'other'
  }
  return { status: response.status, json, text };
}

function classify(status: number, json: any, text: string): { outcome: Outcome; detail: string } {
  const errors: any[] = json?.errors ?? [];
  if (status === 200 && json && errors.length === 0) return { outcome: 'ok', detail: '' };
  const retryable = status === 503 && errors.length > 0 && errors.every((e) => e.extensions?.code === 'DATABASE_UNAVAILABLE');
  if (retryable && !/\bat .+:\d+:\d+/.test(text) && !/stack/i.test(text)) return { outcome: 'unavailable', detail: '' };
  return { outcome: 'other', detail: `${status} ${text.slice(0, 300)}` };
}

/** Readers and writers sending requests back to back until stopped; writers remember what was acknowledged. */
function startLoad(readers: number, writers: number) {
  const samples: Sample[] = [];
  const acknowledged: string[] = [];
  let running = true;
  let written = 0;
  const loop = async (client: number, write: boolean) => {
    while (running) {
      let result: { outcome: Outcome; detail: string };
      try {
        if (write) {
          const externalId = `c${client}-${written++}`;
          const day = 1 + (written % 300);
          const startTime = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000 + client * 3_600_000).toISOString();
          const { status, json, text } = await post({
            query: INGEST,
            variables: { athleteId: String(athleteId), activities: [{ source: 'restart', externalId, startTime, distance: 5000 + day, movingTime: 1500 }] },
          });
          result = classify(status, json, text);
          if (result.outcome === 'ok' && json.data.ingestActivities.written === 1) acknowledged.push(externalId);
        } else {
          const { status, json, text } = await post({ query: ATHLETES_QUERY });
          result = classify(status, json, text);
        }
      } catch (error) {
        result = { outcome: 'other', detail: `no response: ${(error as Error).message}` };
      }
      samples.push({ client, at: Date.now(), ...result });
      if (result.outcome !== 'ok') await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const loops = [...Array(readers + writers)].map((_, i) => loop(i, i >= readers));
  return {
    samples,
    acknowledged,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

const endpoint = async (name: 'health' | 'ready') => {
  try {
    return (await fetch(`${server.url}/${name}`, { signal: AbortSignal.timeout(2_000) })).status;
  } catch {
    return 0;
  }
};

async function waitFor(predicate: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`condition not met within ${timeoutMs} ms; server exit: ${JSON.stringify(server.exit())}\n${server.output().slice(-2_000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}

/** The longest time, over clients, from `backAt` to that client's first successful request. */
function longestOutageAfter(samples: Sample[], backAt: number): number {
  const clients = new Set(samples.map((s) => s.client));
  let longest = 0;
  for (const client of clients) {
    const first = samples.find((s) => s.client === client && s.at >= backAt && s.outcome === 'ok');
    longest = Math.max(longest, first ? first.at - backAt : Infinity);
  }
  return longest;
}

describeOnPostgres('the server survives its database going away', () => {
  beforeAll(async () => {
    cluster = await startThrowawayCluster(binaries!);
    admin = await createDatabase({ databaseUrl: cluster.url, dataDir: 'memory', poolSize: 1 });
    await migrateToLatest(admin.db);
    const orgId = await createOrganization(admin.db, 'Restart Club');
    const coachId = await createUser(admin.db, orgId, { role: 'coach', name: 'Restart Coach' });
    athleteId = await createUser(admin.db, orgId, { role: 'athlete', name: 'Restart Runner' });
    token = await tokenFor({ orgId, userId: coachId, role: 'COACH' });
    server = await startServerProcess({ DATABASE_URL: cluster.url, JWT_SECRET: TEST_AUTH.secret, DB_POOL_SIZE: '6' });
  });

  afterAll(async () => {
    await server?.stop();
    await admin?.close().catch(() => {});
    await cluster?.destroy();
  });

  it('fails in-flight requests as retryable 503s, reports readiness, and recovers without a manual step', async () => {
    const load = startLoad(4, 2);
    const outages: Record<string, number> = {};
    const readyAfterBack: Record<string, number> = {};
    const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));
    try {
      await settle();
      for (const mode of ['fast', 'immediate'] as const) {
        await cluster.stop(mode);
        await waitFor(async () => (await endpoint('ready')) === 503, 5_000);
        expect(await endpoint('health')).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 500));
        await cluster.start();
        const backAt = Date.now();
        readyAfterBack[`stop -m ${mode}`] = await waitFor(async () => (await endpoint('ready')) === 200, 5_000);
        await settle();
        outages[`stop -m ${mode}`] = longestOutageAfter(load.samples, backAt);
      }

      await cluster.restart('fast');
      let backAt = Date.now();
      await settle();
      outages['restart -m fast'] = longestOutageAfter(load.samples, backAt);

      await admin.db.destroy().catch(() => {});
      admin = await createDatabase({ databaseUrl: cluster.url, dataDir: 'memory', poolSize: 1 });
      const { rows } = await sql<{ ended: number }>`
        select count(*)::int as ended from (
          select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend') terminated`.execute(admin.db);
      backAt = Date.now();
      expect(rows[0].ended).toBeGreaterThan(0);
      await settle();
      outages['pg_terminate_backend'] = longestOutageAfter(load.samples, backAt);
    } finally {
      await load.stop();
    }

    const failures = load.samples.filter((s) => s.outcome !== 'ok');
    const unexpected = failures.filter((s) => s.outcome === 'other');
    console.log(
      `database restart test: ${load.samples.length} requests sent, ${failures.length} failed (${unexpected.length} not as a retryable 503), ` +
        `longest outage seen by a client after the database was back: ${JSON.stringify(outages)} ms, ` +
        `/ready 200 again after: ${JSON.stringify(readyAfterBack)} ms, server exits: ${server.exit() ? 1 : 0}`,
    );
    expect(server.exit()).toBeNull();
    expect(unexpected.map((s) => s.detail).slice(0, 5)).toEqual([]);
    expect(failures.length).toBeGreaterThan(0);
    for (const ms of Object.values(readyAfterBack)) expect(ms).toBeLessThanOrEqual(1_000);
    for (const ms of Object.values(outages)) expect(ms).toBeLessThan(2_000);

    // Every acknowledged write is there once, and the rollups agree with the runs.
    const stored = await admin.db.selectFrom('activities').select('external_id').where('source', '=', 'restart').execute();
    const storedIds = new Set(stored.map((r) => r.external_id));
    expect(load.acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
    expect(load.acknowledged.length).toBeGreaterThan(10);
    expect(await rollupMismatches(admin.db)).toEqual([]);
  });
});
