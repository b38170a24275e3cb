import { Pool } from 'pg';
import type { BenchOperation } from './operations';
import { adminToken, startApiServer, startFloorServer, startPeerServer, type ChildServer } from './processes';
import { interleaved, type LoadFigures, type Target } from './measure';
import { firstDifferences } from './differences';
import type { BenchReport, Reference } from './report';

type Settings = BenchReport['settings'];
type Answer = { data?: unknown; errors?: unknown };

/** Requested identically over and over of the API with its response cache on (the cached-repeat rows). */
const CACHED_OPERATIONS = ['AthleteProfile', 'AthletesPage100'];
const ATHLETES_LIST = 'AthletesList';

/**
 * Step 4 of the harness: the API (response cache off), the floor and PostGraphile, each
 * answer checked against the API's before timing, then driven in the same rounds; then an
 * API with its cache on, for the cached repeats. Unequal answers land in report.equality
 * (they fail the run) and that server is not timed on that operation.
 */
export async function timeServers(databaseUrl: string, orgId: number, operations: BenchOperation[], settings: Settings, report: BenchReport): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const token = await adminToken(pool, orgId).finally(() => pool.end());
  const headers = { authorization: `Bearer ${token}` };
  const floor = await startFloorServer(databaseUrl, orgId);
  try {
    const api = await startApiServer(databaseUrl);
    const peer = await startPeerServer(databaseUrl).catch(async (error: unknown) => {
      await api.stop();
      throw error;
    });
    try {
      for (const op of operations) await timeOperation(op, { api, floor, peer }, headers, settings, report);
      report.peakRssMiB.api = api.peakRssMiB();
      report.peakRssMiB.peer = peer.peakRssMiB();
    } finally {
      await Promise.all([api.stop(), peer.stop()]);
    }
    const list = report.timing.filter((t) => t.operation === operations.find((o) => o.operationName === ATHLETES_LIST)?.name);
    if (list.length) report.rssUnderAthletesList = { api: underLoad(list.map((t) => t.api)), floor: underLoad(list.map((t) => t.floor)) };

    const cachedOps = operations.filter((o) => CACHED_OPERATIONS.includes(o.operationName));
    if (cachedOps.length) {
      const cachedApi = await startApiServer(databaseUrl, [], { responseCache: true });
      try {
        for (const op of cachedOps) await timeCachedRepeat(op, cachedApi, floor, headers, settings, report);
        report.peakRssMiB.cachedApi = cachedApi.peakRssMiB();
      } finally {
        await cachedApi.stop();
      }
    }
    report.peakRssMiB.floor = floor.peakRssMiB();
  } finally {
    await floor.stop();
  }
}

const strideBody = (op: BenchOperation) => JSON.stringify({ query: op.query, variables: op.variables, operationName: op.operationName });
const target = (server: ChildServer, body: string, headers: Record<string, string> = {}): Target => ({ url: server.url, headers, body, pid: server.pid });

async function timeOperation(
  op: BenchOperation,
  servers: { api: ChildServer; floor: ChildServer; peer: ChildServer },
  headers: Record<string, string>,
  settings: Settings,
  report: BenchReport,
): Promise<void> {
  const body = strideBody(op);
  const api = target(servers.api, body, headers);
  const floor = target(servers.floor, body);
  const [a, f] = await Promise.all([post(api), post(floor)]);
  if (!check(report, op, 'floor', a, f.data)) {
    console.log(`${op.name}: the floor's answer differs from the API's; not timed`);
    return;
  }
  let peer: Target | null = null;
  if (op.peer) {
    const candidate = target(servers.peer, JSON.stringify({ query: op.peer.query, variables: op.peer.variables, operationName: op.peer.operationName }));
    const p = await post(candidate);
    if (check(report, op, 'PostGraphile', a, p.errors === undefined ? normalized(op, p.data) : { errors: p.errors })) peer = candidate;
    else console.log(`${op.name}: PostGraphile's normalized answer differs from the API's; PostGraphile not timed`);
  }
  for (const connections of [1, 4]) {
    console.log(`timing ${op.name} at ${connections} connection(s)${peer ? ' (with PostGraphile)' : ''}`);
    const run = { connections, ...settings };
    const figures = peer ? await interleaved({ api, floor, peer }, run) : { ...(await interleaved({ api, floor }, run)), peer: null };
    report.timing.push({ operation: op.name, connections, ...figures });
  }
}

/** The same request, answered from the cache after its first time, against the floor computing it each time. */
async function timeCachedRepeat(op: BenchOperation, cachedApi: ChildServer, floorServer: ChildServer, headers: Record<string, string>, settings: Settings, report: BenchReport): Promise<void> {
  const api = target(cachedApi, strideBody(op), headers);
  const floor = target(floorServer, strideBody(op));
  await post(api); // fills the cache
  const [a, f] = await Promise.all([post(api), post(floor)]);
  if (!check(report, op, 'floor (API cache on)', a, f.data)) {
    console.log(`${op.name}: the cached answer differs from the floor's; not timed`);
    return;
  }
  console.log(`timing ${op.name}, cached repeat, at 4 connections`);
  report.cached.push({ operation: op.name, connections: 4, ...(await interleaved({ api, floor }, { connections: 4, ...settings })) });
}

/** Records whether the API's answer equals a reference's (floats within 1e-9 relative); true when equal. */
function check(report: BenchReport, op: BenchOperation, against: Reference, api: Answer, reference: unknown): boolean {
  const differences = api.errors !== undefined ? [`the API answered errors ${JSON.stringify(api.errors)}`] : firstDifferences(api.data, reference, 5);
  report.equality.push({ operation: op.name, against, equal: differences.length === 0, differences });
  return differences.length === 0;
}

function normalized(op: BenchOperation, data: unknown): unknown {
  try {
    return op.peer!.normalize(data);
  } catch (error) {
    return { normalizationFailed: String(error) };
  }
}

/** Memory under one operation's load over its timings: the highest peak, and the steady state of the last (4 connections). */
function underLoad(figures: LoadFigures[]): { peakMiB: number; steadyMiB: number } | null {
  const measured = figures.flatMap((f) => (f.rss ? [f.rss] : []));
  return measured.length ? { peakMiB: Math.max(...measured.map((m) => m.peakMiB)), steadyMiB: measured[measured.length - 1].steadyMiB } : null;
}

async function post(t: Target): Promise<Answer> {
  const response = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...t.headers }, body: t.body });
  const text = await response.text();
  try {
    return JSON.parse(text) as Answer;
  } catch {
    return { errors: [`HTTP ${response.status}: ${text.slice(0, 300)}`] };
  }
}
