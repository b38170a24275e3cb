import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { assignCoach, createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { openSubscription } from '../helpers/sse';
import path from 'node:path';
import { EventHub } from '../../src/live/event-hub';
import { importFile } from '../../src/ingest/import-file';
import type { App } from '../../src/app';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { rollbackUnlessEnded, startTenantTransaction } from '../../src/db/tenant';
import { appendEvents } from '../../src/repositories/events';

// The live feed (issue 19): events written in the writing transaction, numbered at COMMIT,
// delivered over server-sent events to each subscriber once and in order, across instances.

const NOW = new Date('2026-03-10T12:00:00Z');
const FIELDS = 'id kind athleteId runs { localDates inserted updated deleted } signal { metric severity direction } compliance { workoutId complianceScore } importSummary { format fileName inserted } health { localDates written }';
const ORG_EVENTS = `subscription($kinds: [LiveEventKind!], $after: ID) { organizationEvents(kinds: $kinds, after: $after) { ${FIELDS} } }`;
const ATHLETE_EVENTS = `subscription($ids: [ID!]!, $kinds: [LiveEventKind!], $after: ID) { athleteEvents(athleteIds: $ids, kinds: $kinds, after: $after) { ${FIELDS} } }`;
const INGEST = `mutation($athleteId: ID!, $activities: [ActivityInput!]!) { ingestActivities(athleteId: $athleteId, activities: $activities) { written } }`;
const HEALTH = `mutation($athleteId: ID!, $days: [HealthDayInput!]!) { recordHealthMetrics(athleteId: $athleteId, days: $days) { written } }`;

let t: TestDatabase;
let app: App;
let hub: EventHub;
let orgId: number;
let otherOrgId: number;
const ids = {} as Record<'di' | 'bo' | 'coach' | 'admin' | 'elsewhere', number>;
const tokens = {} as Record<'admin' | 'coach' | 'di' | 'bo' | 'otherAdmin', string>;

const run = (externalId: string, day: string, distance = 8000) => ({
  source: 'test', externalId, startTime: `${day}T07:00:00Z`, distance, movingTime: Math.round(distance * 0.3), sport: 'run',
});
const ingest = async (token: string, athleteId: number, activities: unknown[], target: App = app) => {
  const result = await execute<any, any>(target, token, INGEST, { athleteId: String(athleteId), activities });
  return result;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until the hub holds this many subscribers: a write after it is seen by "from now" feeds, however slow the machine. */
const joined = async (count: number, target: EventHub = hub) => {
  for (let i = 0; i < 1_000 && target.subscriberCount < count; i++) await sleep(10);
  expect(target.subscriberCount).toBeGreaterThanOrEqual(count);
};
const lastSeq = async (org: number) => Number((await sql<{ n: string }>`select event_seq as n from organization_data_versions where org_id = ${org}`.execute(t.db)).rows[0]?.n ?? 0);

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Live Club');
  otherOrgId = await createOrganization(t.db, 'Other Club');
  ids.di = await createUser(t.db, orgId, { role: 'athlete', name: 'Di', timezone: 'Europe/Paris' });
  ids.bo = await createUser(t.db, orgId, { role: 'athlete', name: 'Bo', timezone: 'Europe/Paris' });
  ids.coach = await createUser(t.db, orgId, { role: 'coach', name: 'Coach' });
  ids.admin = await createUser(t.db, orgId, { role: 'admin', name: 'Admin' });
  ids.elsewhere = await createUser(t.db, otherOrgId, { role: 'athlete', name: 'Elsewhere' });
  const otherAdmin = await createUser(t.db, otherOrgId, { role: 'admin', name: 'Other Admin' });
  await assignCoach(t.db, orgId, ids.coach, ids.di);
  tokens.admin = await tokenFor({ orgId, userId: ids.admin, role: 'ADMIN' });
  tokens.coach = await tokenFor({ orgId, userId: ids.coach, role: 'COACH' });
  tokens.di = await tokenFor({ orgId, userId: ids.di, role: 'ATHLETE' });
  tokens.bo = await tokenFor({ orgId, userId: ids.bo, role: 'ATHLETE' });
  tokens.otherAdmin = await tokenFor({ orgId: otherOrgId, userId: otherAdmin, role: 'ADMIN' });
  hub = new EventHub(t.db, { listen: t.listen, pollMs: 5_000 });
  app = createTestApp(t.db, { clock: () => NOW, events: hub });
});

afterAll(async () => {
  await hub.stop();
  await t.close();
});

describe('the outbox', () => {
  test('a run ingested reaches a coach following the organization, numbered after the last event', async () => {
    const before = await lastSeq(orgId);
    const feed = await openSubscription(app, tokens.coach, ORG_EVENTS);
    expect(feed.status).toBe(200);
    await joined(1);
    expect((await ingest(tokens.admin, ids.di, [run('o-1', '2026-03-08'), run('o-2', '2026-03-09')])).errors).toBeUndefined();
    const message = await feed.next();
    expect(message.data.data.organizationEvents).toMatchObject({
      id: String(before + 1), kind: 'RUNS_CHANGED', athleteId: String(ids.di),
      runs: { localDates: ['2026-03-08', '2026-03-09'], inserted: 2, updated: 0, deleted: 0 }, signal: null,
    });
    feed.close();
  });

  test('a write that rolls back publishes nothing, and the next event follows without a gap', async () => {
    const before = await lastSeq(orgId);
    const feed = await openSubscription(app, tokens.admin, ORG_EVENTS);
    await joined(1);
    // One invalid run refuses the whole batch: nothing written, nothing published.
    const refused = await ingest(tokens.admin, ids.di, [run('r-1', '2026-03-07'), { ...run('r-2', '2026-03-07'), distance: -5 }]);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await t.db.transaction().execute(async (trx) => {
      await trx.insertInto('organization_events').values({ org_id: orgId, kind: 'RUNS_CHANGED', athlete_id: ids.di, payload: '{}' }).execute();
      await sql`select 1 / 0`.execute(trx);
    }).catch(() => {});
    expect(await lastSeq(orgId)).toBe(before);
    await ingest(tokens.admin, ids.bo, [run('r-3', '2026-03-07')]);
    const message = await feed.next();
    expect(message.data.data.organizationEvents).toMatchObject({ id: String(before + 1), kind: 'RUNS_CHANGED', athleteId: String(ids.bo) });
    const { rows } = await sql<{ seq: string }>`select seq from organization_events where org_id = ${orgId} order by seq`.execute(t.db);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    feed.close();
  });

  test('a CLI import (no request, no hub told) publishes its runs and IMPORT_FINISHED, read by polling and NOTIFY', async () => {
    const before = await lastSeq(orgId);
    const feed = await openSubscription(app, tokens.coach, ATHLETE_EVENTS, { ids: [String(ids.bo)], kinds: ['IMPORT_FINISHED', 'RUNS_CHANGED'] });
    await joined(1);
    await importFile(t.db, orgId, ids.bo, path.resolve(__dirname, '..', 'fixtures', 'gpx', 'togeojson_run_gpxtpx.gpx'), { now: NOW });
    const first = (await feed.next()).data.data.athleteEvents;
    const second = (await feed.next()).data.data.athleteEvents;
    expect([first.kind, second.kind]).toEqual(['RUNS_CHANGED', 'IMPORT_FINISHED']);
    expect(second.importSummary).toEqual({ format: 'GPX', fileName: 'togeojson_run_gpxtpx.gpx', inserted: 1 });
    expect(Number(second.id)).toBeGreaterThan(before);
    feed.close();
  });

  test('health readings record HEALTH_RECORDED, raise a signal, and clear it when recovery comes back', async () => {
    const feed = await openSubscription(app, tokens.di, ATHLETE_EVENTS, { ids: [String(ids.di)], kinds: ['HEALTH_RECORDED', 'SIGNAL_RAISED', 'SIGNAL_CLEARED'] });
    await joined(1);
    const day = (back: number) => new Date(NOW.getTime() - back * 86_400_000).toISOString().slice(0, 10);
    const days = Array.from({ length: 14 }, (_, back) => ({ date: day(back), recoveryScore: back <= 6 ? 50 : 75, source: 'test' }));
    expect((await execute<any, any>(app, tokens.admin, HEALTH, { athleteId: String(ids.di), days })).errors).toBeUndefined();
    expect((await feed.next()).data.data.athleteEvents).toMatchObject({ kind: 'HEALTH_RECORDED', health: { written: 14 } });
    expect((await feed.next()).data.data.athleteEvents).toMatchObject({ kind: 'SIGNAL_RAISED', signal: { metric: 'RECOVERY_SCORE', direction: 'DOWN' } });
    // The same readings again: recorded, but the signal is already published.
    await execute<any, any>(app, tokens.admin, HEALTH, { athleteId: String(ids.di), days });
    expect((await feed.next()).data.data.athleteEvents.kind).toBe('HEALTH_RECORDED');
    // A mute clears it from the feed as from attentionSignals; unmuting raises it again.
    const MUTE = `mutation($input: MuteAttentionSignalInput!) { muteAttentionSignal(input: $input) { athlete { id } } }`;
    const UNMUTE = `mutation($input: UnmuteAttentionSignalInput!) { unmuteAttentionSignal(input: $input) { unmuted } }`;
    expect((await execute<any, any>(app, tokens.coach, MUTE, { input: { athleteId: String(ids.di), metric: 'RECOVERY_SCORE', until: '2026-03-12T00:00:00Z' } })).errors).toBeUndefined();
    expect((await feed.next()).data.data.athleteEvents).toMatchObject({ kind: 'SIGNAL_CLEARED', signal: { metric: 'RECOVERY_SCORE' } });
    expect((await execute<any, any>(app, tokens.coach, UNMUTE, { input: { athleteId: String(ids.di), metric: 'RECOVERY_SCORE' } })).errors).toBeUndefined();
    expect((await feed.next()).data.data.athleteEvents).toMatchObject({ kind: 'SIGNAL_RAISED', signal: { metric: 'RECOVERY_SCORE' } });
    const recovered = days.map((d) => ({ ...d, recoveryScore: 75 }));
    await execute<any, any>(app, tokens.admin, HEALTH, { athleteId: String(ids.di), days: recovered });
    expect((await feed.next()).data.data.athleteEvents.kind).toBe('HEALTH_RECORDED');
    expect((await feed.next()).data.data.athleteEvents).toMatchObject({ kind: 'SIGNAL_CLEARED', signal: { metric: 'RECOVERY_SCORE' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(feed.pending()).toBe(0);
    feed.close();
  });

  test('a run on a planned day publishes PLAN_COMPLIANCE_CHANGED', async () => {
    const plan = await t.db.insertInto('training_plans').values({ org_id: orgId, athlete_id: ids.bo, group_id: null, name: 'Spring', start_date: '2026-03-02', total_weeks: 4, status: 'active' }).returning('id').executeTakeFirstOrThrow();
    const workout = await t.db.insertInto('planned_workouts').values({ org_id: orgId, plan_id: plan.id, date: '2026-03-05', kind: 'easy', planned_distance_m: 8000, planned_duration_s: null, completed_activity_id: null, compliance_score: null, description: null }).returning('id').executeTakeFirstOrThrow();
    const feed = await openSubscription(app, tokens.coach, ATHLETE_EVENTS, { ids: [String(ids.bo)], kinds: ['PLAN_COMPLIANCE_CHANGED'] });
    await joined(1);
    await ingest(tokens.admin, ids.bo, [run('p-1', '2026-03-05', 8000)]);
    const event = (await feed.next()).data.data.athleteEvents;
    expect(event.compliance).toEqual([{ workoutId: String(workout.id), complianceScore: expect.any(Number) }]);
    expect(event.compliance[0].complianceScore).toBeGreaterThan(0.9);
    feed.close();
  });
});

describe('reconnecting', () => {
  test('after the last id seen, a client gets what it missed, in order; the Last-Event-ID header does the same', async () => {
    const start = await lastSeq(orgId);
    await ingest(tokens.admin, ids.di, [run('m-1', '2026-02-01')]);
    await ingest(tokens.admin, ids.bo, [run('m-2', '2026-02-02')]);
    await ingest(tokens.admin, ids.di, [run('m-3', '2026-02-03')]);
    const feed = await openSubscription(app, tokens.coach, ORG_EVENTS, { kinds: ['RUNS_CHANGED'], after: String(start) });
    const got = [];
    for (let i = 0; i < 3; i++) got.push((await feed.next()).data.data.organizationEvents);
    expect(got.map((e) => e.runs.localDates[0])).toEqual(['2026-02-01', '2026-02-02', '2026-02-03']);
    expect(got.map((e) => Number(e.id))).toEqual([...got.map((e) => Number(e.id))].sort((a, b) => a - b));
    feed.close();

    const resumed = await openSubscription(app, tokens.coach, ORG_EVENTS, { kinds: ['RUNS_CHANGED'] }, { 'last-event-id': got[0].id });
    expect((await resumed.next()).data.data.organizationEvents.id).toBe(got[1].id);
    expect((await resumed.next()).data.data.organizationEvents.id).toBe(got[2].id);
    resumed.close();
  });

  test('behind the retention window, or ahead of the last event, the first message is RESYNC_NEEDED', async () => {
    const last = await lastSeq(orgId);
    const ahead = await openSubscription(app, tokens.coach, ORG_EVENTS, { after: String(last + 100) });
    expect((await ahead.next()).data.data.organizationEvents).toMatchObject({ kind: 'RESYNC_NEEDED', id: String(last), athleteId: null });
    ahead.close();

    const expired = new EventHub(t.db, { retentionMs: 0 });
    expect(await expired.removeExpiredEvents(new Date(Date.now() + 1000))).toBeGreaterThan(0);
    await ingest(tokens.admin, ids.di, [run('x-1', '2026-01-15')]);
    const behind = await openSubscription(app, tokens.coach, ORG_EVENTS, { after: '1' });
    expect((await behind.next()).data.data.organizationEvents).toMatchObject({ kind: 'RESYNC_NEEDED', id: String(last + 1) });
    await ingest(tokens.admin, ids.di, [run('x-2', '2026-01-16')]);
    expect((await behind.next()).data.data.organizationEvents).toMatchObject({ kind: 'RUNS_CHANGED', id: String(last + 2) });
    behind.close();
    await expired.stop();
  });

  test('a subscriber that does not keep up gets one RESYNC_NEEDED instead of an unbounded backlog', async () => {
    const small = new EventHub(t.db, { maxBacklog: 2, pollMs: 60_000 });
    const start = await lastSeq(orgId);
    const slow = small.subscribe(orgId, start, () => true);
    const write = (n: number) => t.db.insertInto('organization_events').values(Array.from({ length: n }, () => ({ org_id: orgId, kind: 'RUNS_CHANGED', athlete_id: ids.di, payload: '{}' }))).execute();
    await write(1);
    expect((await slow.next()).value).toMatchObject({ type: 'event', event: { seq: start + 1 } });
    // Three more, none taken: the third finds two waiting and replaces them with a resync.
    await write(3);
    small.notify(orgId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await write(1);
    small.notify(orgId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await slow.next()).value).toMatchObject({ type: 'resync', lastSeq: start + 4 });
    expect((await slow.next()).value).toMatchObject({ type: 'event', event: { seq: start + 5 } });
    await slow.return!();
    await small.stop();
  });

  test('a bad after is BAD_USER_INPUT naming the argument', async () => {
    const feed = await openSubscription(app, tokens.coach, ORG_EVENTS, { after: 'abc' });
    const message = await feed.next();
    expect(message.data.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(message.data.errors[0].message).toMatch(/^after must be an event id/);
    feed.close();
  });
});

describe('roles and organizations', () => {
  test('an athlete follows only themself; organizationEvents is for staff; another organization\'s athlete is NOT_FOUND', async () => {
    const cases: [string, string, Record<string, unknown>, string][] = [
      [tokens.di, ATHLETE_EVENTS, { ids: [String(ids.bo)] }, 'FORBIDDEN'],
      [tokens.di, ORG_EVENTS, {}, 'FORBIDDEN'],
      [tokens.coach, ATHLETE_EVENTS, { ids: [String(ids.elsewhere)] }, 'NOT_FOUND'],
      [tokens.otherAdmin, ATHLETE_EVENTS, { ids: [String(ids.di)] }, 'NOT_FOUND'],
      [tokens.coach, ATHLETE_EVENTS, { ids: [] }, 'BAD_USER_INPUT'],
    ];
    for (const [token, query, variables, code] of cases) {
      const feed = await openSubscription(app, token, query, variables);
      const message = await feed.next(3000).catch(() => ({ data: { errors: [{ extensions: { code: 'no answer within 3 s' } }] } }));
      expect({ variables, code: message.data.errors?.[0]?.extensions?.code }).toEqual({ variables, code });
      feed.close();
    }
  });

  test("an organization's subscribers never see another's events, and an athlete sees only their own", async () => {
    const other = await openSubscription(app, tokens.otherAdmin, ORG_EVENTS, { after: '0' });
    const bo = await openSubscription(app, tokens.bo, ATHLETE_EVENTS, { ids: [String(ids.bo)], kinds: ['RUNS_CHANGED'] });
    await joined(2);
    await ingest(tokens.admin, ids.di, [run('i-1', '2026-03-01')]);
    await ingest(tokens.admin, ids.bo, [run('i-2', '2026-03-02')]);
    expect((await bo.next()).data.data.athleteEvents).toMatchObject({ athleteId: String(ids.bo), runs: { localDates: ['2026-03-02'] } });
    await ingest(tokens.otherAdmin, ids.elsewhere, [run('i-3', '2026-03-03')]);
    // The other organization's own write arrives; nothing of Live Club came before it.
    expect((await other.next()).data.data.organizationEvents).toMatchObject({ athleteId: String(ids.elsewhere), id: '1' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([other.pending(), bo.pending()]).toEqual([0, 0]);
    other.close();
    bo.close();
  });
});

describe('shared results', () => {
  test('subscribers with the same subscription get the same bytes; another selection or filter gets its own', async () => {
    const before = await lastSeq(orgId);
    const same = [await openSubscription(app, tokens.coach, ORG_EVENTS, { kinds: ['RUNS_CHANGED'] }), await openSubscription(app, tokens.coach, ORG_EVENTS, { kinds: ['RUNS_CHANGED'] })];
    const narrow = await openSubscription(app, tokens.admin, `subscription { organizationEvents(kinds: [RUNS_CHANGED]) { id } }`);
    const bosOnly = await openSubscription(app, tokens.coach, ATHLETE_EVENTS, { ids: [String(ids.bo)], kinds: ['RUNS_CHANGED'] });
    await joined(4);
    await ingest(tokens.admin, ids.di, [run('share-1', '2026-03-06')]);
    await ingest(tokens.admin, ids.bo, [run('share-2', '2026-03-06')]);
    const [a, b] = [[(await same[0].next()).data, (await same[0].next()).data], [(await same[1].next()).data, (await same[1].next()).data]];
    expect(a).toEqual(b);
    expect(a.map((m: any) => m.data.organizationEvents.athleteId)).toEqual([String(ids.di), String(ids.bo)]);
    expect((await narrow.next()).data).toEqual({ data: { organizationEvents: { id: String(before + 1) } } });
    expect((await bosOnly.next()).data.data.athleteEvents).toMatchObject({ athleteId: String(ids.bo), runs: { localDates: ['2026-03-06'] } });
    await sleep(200);
    expect(bosOnly.pending()).toBe(0);
    [...same, narrow, bosOnly].forEach((f) => f.close());
  });
});

describe('leaving', () => {
  test('a client that closes its stream leaves the hub: no subscriber is kept for a stream gone', async () => {
    const feed = await openSubscription(app, tokens.coach, ORG_EVENTS);
    await joined(1);
    await ingest(tokens.admin, ids.di, [run('leave-1', '2026-03-04')]);
    await feed.next();
    expect(hub.subscriberCount).toBeGreaterThan(0);
    feed.close();
    for (let wait = 0; wait < 50 && hub.subscriberCount > 0; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
    // Every test above closed its feeds: none is left.
    expect(hub.subscriberCount).toBe(0);
  });

  test('a stream ends when its token expires', async () => {
    const shortLived = await tokenFor({ orgId, userId: ids.coach, role: 'COACH' }, 'stride-api', '2s');
    const feed = await openSubscription(app, shortLived, ORG_EVENTS);
    await expect(feed.next(5_000)).rejects.toThrow('the stream ended');
    for (let wait = 0; wait < 50 && hub.subscriberCount > 0; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hub.subscriberCount).toBe(0);
  });
});

describe('two server instances on one database', () => {
  test('every subscriber of each gets every event of its organization once, in order, whichever instance wrote it', async () => {
    const hubs = [new EventHub(t.db, { listen: t.listen, pollMs: 60_000 }), new EventHub(t.db, { listen: t.listen, pollMs: 60_000 })];
    const apps = hubs.map((events) => createTestApp(t.db, { clock: () => NOW, events }));
    const start = await lastSeq(orgId);
    const feeds = [
      await openSubscription(apps[0], tokens.coach, ORG_EVENTS, { kinds: ['RUNS_CHANGED'] }),
      await openSubscription(apps[0], tokens.admin, ORG_EVENTS, { kinds: ['RUNS_CHANGED'] }),
      await openSubscription(apps[1], tokens.coach, ORG_EVENTS, { kinds: ['RUNS_CHANGED'] }),
    ];
    await Promise.all([joined(2, hubs[0]), joined(1, hubs[1])]);
    const writes = 12;
    await Promise.all(Array.from({ length: writes }, (_, i) => ingest(tokens.admin, i % 2 ? ids.di : ids.bo, [run(`two-${i}`, `2026-01-${String(i + 1).padStart(2, '0')}`)], apps[i % 2])));
    for (const feed of feeds) {
      const seen: { id: number; day: string }[] = [];
      for (let i = 0; i < writes; i++) {
        const event = (await feed.next()).data.data.organizationEvents;
        seen.push({ id: Number(event.id), day: event.runs.localDates[0] });
      }
      expect(seen.map((e) => e.id)).toEqual(seen.map((e) => e.id).sort((a, b) => a - b));
      expect(seen.map((e) => e.day).sort()).toEqual(Array.from({ length: writes }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`));
    }
    // Once each, and in the order of their numbers (gapless from the start).
    const { rows } = await sql<{ seq: string }>`select seq from organization_events where org_id = ${orgId} and seq > ${start} and kind = 'RUNS_CHANGED' order by seq`.execute(t.db);
    expect(rows).toHaveLength(writes);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(feeds.map((f) => f.pending())).toEqual([0, 0, 0]);
    feeds.forEach((f) => f.close());
    await Promise.all(hubs.map((h) => h.stop()));
  });
});

describe('fan-out under load', () => {
  const RUNS = { localDates: ['2026-03-09'], inserted: 1, updated: 0, deleted: 0 };
  /** `count` events in one transaction of their own, as a writer's COMMIT makes them (one NOTIFY). */
  const commitEvents = async (count: number) => {
    const trx = await startTenantTransaction(t.db, orgId, { readOnly: false, statementTimeoutMs: 10_000 });
    try {
      await appendEvents(trx, orgId, Array.from({ length: count }, () => ({ kind: 'RUNS_CHANGED' as const, athleteId: ids.di, payload: RUNS })));
      await trx.commit().execute();
    } catch (error) {
      await rollbackUnlessEnded(trx);
      throw error;
    }
  };
  const outboxReads = () => t.statements.sql.filter((s) => /from "organization_events"/.test(s) && /"seq" >/.test(s)).length;

  test('while COMMITs keep coming, reads are spaced by the subscriber count: one read carries the events of three COMMITs', async () => {
    // 300 ms per subscriber: three make a 900 ms gap, far longer than three small COMMITs take.
    const paced = new EventHub(t.db, { listen: t.listen, pollMs: 60_000, readGapPerSubscriberMs: 300, maxReadGapMs: 2_000 });
    const feeds = [0, 1, 2].map(() => paced.subscribe(orgId, null, () => true));
    await joined(3, paced);
    await commitEvents(1);
    const first = await Promise.all(feeds.map(async (f) => (await f.next()).value));
    const readsBefore = outboxReads();
    for (let i = 0; i < 3; i++) await commitEvents(1);
    for (const feed of feeds) {
      const seqs = [];
      for (let i = 0; i < 3; i++) seqs.push(((await feed.next()).value as { event: { seq: number } }).event.seq);
      expect(seqs).toEqual([1, 2, 3].map((k) => (first[0] as { event: { seq: number } }).event.seq + k));
    }
    expect(outboxReads() - readsBefore).toBe(1);
    await Promise.all(feeds.map((f) => f.return?.()));
    await paced.stop();
  });

  test("the events of one read leave in one write to each subscriber's socket", async () => {
    const server = createServer(app);
    const eventWrites: string[] = [];
    server.on('connection', (socket: Socket & { _write: Function; _writev: Function }) => {
      const [write, writev] = [socket._write.bind(socket), socket._writev.bind(socket)];
      const record = (text: string) => text.includes('event: next') && eventWrites.push(text);
      socket._write = (chunk: Buffer, encoding: BufferEncoding, done: () => void) => (record(String(chunk)), write(chunk, encoding, done));
      socket._writev = (chunks: { chunk: Buffer }[], done: () => void) => (record(chunks.map((c) => String(c.chunk)).join('')), writev(chunks, done));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const received: string[] = [];
    const request = httpRequest(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.coach}`, accept: 'text/event-stream', 'content-type': 'application/json' },
    });
    request.on('response', (res) => res.setEncoding('utf8').on('data', (text: string) => received.push(...(text.match(/"organizationEvents":\{"id":"\d+"/g) ?? []))));
    request.end(JSON.stringify({ query: 'subscription { organizationEvents { id } }' }));
    await joined(1);
    await commitEvents(5);
    for (let i = 0; i < 500 && received.length < 5; i++) await sleep(10);
    expect(received).toHaveLength(5);
    expect(eventWrites).toHaveLength(1);
    expect(eventWrites[0].match(/event: next/g)).toHaveLength(5);
    request.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    for (let wait = 0; wait < 50 && hub.subscriberCount > 0; wait++) await sleep(20);
  });
});
