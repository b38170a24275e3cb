import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { assignCoach, createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import { upsertHealthDays } from '../../src/ingest/health';
import { addDays } from '../../src/domain/time';
import { createMigrator, migrateToLatest } from '../../db/migrate';
import type { App } from '../../src/app';

// Signals a coach can tune (issue 16, section 3): the health thresholds live beside the
// load-risk ones and change through the same admin mutation; a coach mutes one signal of one
// athlete until a moment. Both reach the profile's attentionSignals and the Athletes list's
// ATTENTION order, which counts the signals in SQL.

const NOW = new Date('2026-03-10T12:00:00Z');
const TODAY = '2026-03-10';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestDatabase;
let app: App;
let orgId: number;
const ids = {} as Record<'di' | 'bo' | 'cy' | 'coachA' | 'coachB' | 'admin' | 'foreign', number>;
const tokens = {} as Record<'admin' | 'coachA' | 'coachB' | 'athlete' | 'foreignAdmin', string>;
/** Organizations made before migration 010, with their settings.attention. */
const legacy = {} as Record<'tuned' | 'clamped' | 'malformed' | 'none', number>;

type Result = Awaited<ReturnType<typeof execute<any, any>>>;
const gql = (token: string, query: string, variables?: Record<string, unknown>, on: App = app): Promise<Result> => execute<any, any>(on, token, query, variables);

const THRESHOLDS = '{ organization { signalThresholds { hrvSd recoveryPoints vo2max acwrMax monotonyMax weeklyRampMax version } } }';
const UPDATE = `mutation($input: UpdateOrganizationSignalThresholdsInput!) { updateOrganizationSignalThresholds(input: $input) {
  signalThresholds { hrvSd recoveryPoints vo2max acwrMax monotonyMax weeklyRampMax version } } }`;
const SIGNALS = `query($id: ID!, $includeMuted: Boolean) { athlete(id: $id) {
  attentionSignals(includeMuted: $includeMuted) { metric previous current mutedUntil }
  signalMutes { metric until note mutedAt mutedBy { id name } } } }`;
const LIST = `{ coachAthletesMetrics(orderBy: ATTENTION, first: 50) { edges { node { id attentionSignals { metric } } } } }`;
const MUTE = `mutation($input: MuteAttentionSignalInput!) { muteAttentionSignal(input: $input) {
  signalMute { metric until note mutedBy { id name } } athlete { id attentionSignals { metric } } } }`;
const UNMUTE = `mutation($input: UnmuteAttentionSignalInput!) { unmuteAttentionSignal(input: $input) { unmuted athlete { id attentionSignals { metric } } } }`;

const metricsOf = async (id: number, on: App = app) => {
  const result = await gql(tokens.admin, SIGNALS, { id: String(id) }, on);
  expect(result.errors).toBeUndefined();
  return result.data.athlete.attentionSignals.map((s: any) => s.metric);
};

/** The ATTENTION order: ids with the signal counts the API reports, which must never rise down the list. */
const attentionOrder = async (on: App = app) => {
  const result = await gql(tokens.admin, LIST, undefined, on);
  expect(result.errors).toBeUndefined();
  const rows = result.data.coachAthletesMetrics.edges.map((e: any) => ({ id: Number(e.node.id), count: e.node.attentionSignals.length }));
  const counts = rows.map((r: { count: number }) => r.count);
  expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
  return rows as { id: number; count: number }[];
};

const inDays = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

beforeAll(async () => {
  t = await createTestDatabase();
  // Organizations from before migration 010, whose thresholds were in settings.attention.
  await createMigrator(t.db).migrateTo('2026_11_30_009_metric_basis');
  const legacyOrg = async (name: string, attention: unknown) =>
    (await t.db.insertInto('organizations').values({ name, settings: JSON.stringify(attention === undefined ? {} : { attention, other: 1 }) as never }).returning('id').executeTakeFirstOrThrow()).id;
  legacy.tuned = await legacyOrg('Tuned Club', { hrvSd: 0.7, recoveryPoints: 12, vo2max: 2 });
  legacy.clamped = await legacyOrg('Clamped Club', { hrvSd: 0.1, recoveryPoints: 250, vo2max: '3' });
  legacy.malformed = await legacyOrg('Malformed Club', { hrvSd: '0.7', recoveryPoints: -1, vo2max: null });
  legacy.none = await legacyOrg('Plain Club', undefined);
  await sql`insert into organization_signal_thresholds (org_id, acwr_max) values (${legacy.tuned}, 1.3)`.execute(t.db);
  await migrateToLatest(t.db);

  app = createTestApp(t.db, { clock: () => NOW });
  orgId = await createOrganization(t.db, 'Tuning Club', 'UTC');
  ids.admin = await createUser(t.db, orgId, { role: 'admin', name: 'Ada Admin' });
  ids.coachA = await createUser(t.db, orgId, { role: 'coach', name: 'Coach Alma' });
  ids.coachB = await createUser(t.db, orgId, { role: 'coach', name: 'Coach Bert' });
  ids.di = await createUser(t.db, orgId, { role: 'athlete', name: 'Di Down', timezone: 'Europe/London' });
  ids.bo = await createUser(t.db, orgId, { role: 'athlete', name: 'Bo Steady', timezone: 'Europe/London' });
  ids.cy = await createUser(t.db, orgId, { role: 'athlete', name: 'Cy Rested', timezone: 'Europe/London' });
  await assignCoach(t.db, orgId, ids.coachA, ids.di);
  await assignCoach(t.db, orgId, ids.coachA, ids.bo);
  await assignCoach(t.db, orgId, ids.coachB, ids.cy);
  // Di: HRV 1.56 baseline SDs down and recovery 20 points down this week; Bo: VO2max 1.5 up; Cy: nothing.
  const days = (from: number, to: number, value: (d: number) => Record<string, number>) =>
    Array.from({ length: from - to + 1 }, (_, i) => ({ localDate: addDays(TODAY, -(from - i)), source: 'garmin', ...value(from - i) }));
  await upsertHealthDays(t.db, orgId, ids.di, days(66, 0, (d) => ({ hrvRmssdMs: d <= 6 ? 55 : d % 2 ? 57 : 63, recoveryScore: d <= 6 ? 55 : 75 })), { now: NOW });
  await upsertHealthDays(t.db, orgId, ids.bo, days(13, 0, (d) => ({ vo2max: d <= 6 ? 52 : 50.5 })), { now: NOW });
  tokens.admin = await tokenFor({ orgId, userId: ids.admin, role: 'ADMIN' });
  tokens.coachA = await tokenFor({ orgId, userId: ids.coachA, role: 'COACH' });
  tokens.coachB = await tokenFor({ orgId, userId: ids.coachB, role: 'COACH' });
  tokens.athlete = await tokenFor({ orgId, userId: ids.di, role: 'ATHLETE' });
  const foreignOrg = await createOrganization(t.db, 'Elsewhere Harriers', 'UTC');
  const foreignAdmin = await createUser(t.db, foreignOrg, { role: 'admin', name: 'Far Admin' });
  ids.foreign = await createUser(t.db, foreignOrg, { role: 'athlete', name: 'Far Runner', timezone: 'UTC' });
  tokens.foreignAdmin = await tokenFor({ orgId: foreignOrg, userId: foreignAdmin, role: 'ADMIN' });
});

afterAll(() => t.close());

describe('migration 010', () => {
  it('copies the numbers above 0 of settings.attention into the table, within the ranges, and removes the key', async () => {
    const rows = await t.db.selectFrom('organization_signal_thresholds')
      .select(['org_id', 'hrv_sd', 'recovery_points', 'vo2max_change', 'acwr_max'])
      .where('org_id', 'in', Object.values(legacy)).orderBy('org_id').execute();
    expect(rows).toEqual([
      { org_id: legacy.tuned, hrv_sd: 0.7, recovery_points: 12, vo2max_change: 2, acwr_max: 1.3 },
      // 0.1 SD and 250 points are brought to the nearest the mutation accepts; the text '3' was never read.
      { org_id: legacy.clamped, hrv_sd: 0.25, recovery_points: 100, vo2max_change: 1.5, acwr_max: 1.5 },
    ]);
    const settings = await t.db.selectFrom('organizations').select(['id', 'settings']).where('id', 'in', Object.values(legacy)).orderBy('id').execute();
    expect(settings.map((s) => s.settings)).toEqual([{ other: 1 }, { other: 1 }, { other: 1 }, {}]);
  });
});

describe('health thresholds', () => {
  it('read as the defaults at version 1, beside the load-risk ones', async () => {
    expect((await gql(tokens.athlete, THRESHOLDS)).data.organization.signalThresholds)
      .toEqual({ hrvSd: 1, recoveryPoints: 15, vo2max: 1.5, acwrMax: 1.5, monotonyMax: 2, weeklyRampMax: 0.1, version: 1 });
    expect(await metricsOf(ids.di)).toEqual(['HRV', 'RECOVERY_SCORE']);
    expect(await metricsOf(ids.bo)).toEqual(['VO2MAX']);
  });

  it('are for admins: a coach, even an assigned one, and an athlete are FORBIDDEN and nothing changes', async () => {
    for (const token of [tokens.coachA, tokens.coachB, tokens.athlete]) {
      const result = await gql(token, UPDATE, { input: { recoveryPoints: 30 } });
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(result.data?.updateOrganizationSignalThresholds ?? null).toBeNull();
    }
    expect((await gql(tokens.admin, THRESHOLDS)).data.organization.signalThresholds.version).toBe(1);
  });

  it.each([
    [{ hrvSd: 0.2 }, 'input.hrvSd must be within 0.25..5; got 0.2'],
    [{ hrvSd: 5.5 }, 'input.hrvSd must be within 0.25..5; got 5.5'],
    [{ recoveryPoints: 0.5 }, 'input.recoveryPoints must be within 1..100; got 0.5'],
    [{ recoveryPoints: 101 }, 'input.recoveryPoints must be within 1..100; got 101'],
    [{ vo2max: 0 }, 'input.vo2max must be within 0.1..10; got 0'],
    [{ vo2max: 12, recoveryPoints: 20 }, 'input.vo2max must be within 0.1..10; got 12'],
  ])('refuses %j out of range as BAD_USER_INPUT naming the field and its range', async (input, message) => {
    const result = await gql(tokens.admin, UPDATE, { input });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toBe(message);
    expect((await gql(tokens.admin, THRESHOLDS)).data.organization.signalThresholds).toMatchObject({ recoveryPoints: 15, version: 1 });
  });

  it('move the signals and the ATTENTION order: a raised threshold hides a signal, a lowered one shows it', async () => {
    expect((await attentionOrder()).slice(0, 2)).toEqual([{ id: ids.di, count: 2 }, { id: ids.bo, count: 1 }]);

    // Di's recovery fell 20 points: 25 keeps it quiet. Bo's VO2max rose 1.5: 2 keeps it quiet.
    const raised = await gql(tokens.admin, UPDATE, { input: { recoveryPoints: 25, vo2max: 2, expectedVersion: 1 } });
    expect(raised.errors).toBeUndefined();
    expect(raised.data.updateOrganizationSignalThresholds.signalThresholds)
      .toEqual({ hrvSd: 1, recoveryPoints: 25, vo2max: 2, acwrMax: 1.5, monotonyMax: 2, weeklyRampMax: 0.1, version: 2 });
    expect(await metricsOf(ids.di)).toEqual(['HRV']);
    expect(await metricsOf(ids.bo)).toEqual([]);
    expect((await attentionOrder())[0]).toEqual({ id: ids.di, count: 1 });

    // HRV fell 1.56 SD: at 2 SD it is quiet too, and Di's count is 0 like everyone's.
    await gql(tokens.admin, UPDATE, { input: { hrvSd: 2 } });
    expect(await metricsOf(ids.di)).toEqual([]);
    expect((await attentionOrder()).map((r) => r.count)).toEqual([0, 0, 0]);

    // Lowered below the default, the 1.5-point VO2max rise fires again; null restores a default.
    const lowered = await gql(tokens.admin, UPDATE, { input: { vo2max: 1, recoveryPoints: null, hrvSd: null } });
    expect(lowered.data.updateOrganizationSignalThresholds.signalThresholds).toMatchObject({ hrvSd: 1, recoveryPoints: 15, vo2max: 1, version: 4 });
    expect(await metricsOf(ids.bo)).toEqual(['VO2MAX']);
    const di = (await gql(tokens.admin, SIGNALS, { id: String(ids.di) })).data.athlete.attentionSignals;
    expect(di.map((s: any) => s.metric)).toEqual(['HRV', 'RECOVERY_SCORE']);
    expect(di[1]).toMatchObject({ previous: 75, current: 55, mutedUntil: null });
    expect((await attentionOrder()).slice(0, 2)).toEqual([{ id: ids.di, count: 2 }, { id: ids.bo, count: 1 }]);

    // Sending what is stored is no change; back to the defaults for the tests below.
    expect((await gql(tokens.admin, UPDATE, { input: { vo2max: 1 } })).data.updateOrganizationSignalThresholds.signalThresholds.version).toBe(4);
    expect((await gql(tokens.admin, UPDATE, { input: { vo2max: null, expectedVersion: 4 } })).data.updateOrganizationSignalThresholds.signalThresholds.version).toBe(5);
  });

  it('refuse a stale expectedVersion with CONFLICT, changing nothing', async () => {
    const before = (await gql(tokens.admin, THRESHOLDS)).data.organization.signalThresholds;
    const stale = await gql(tokens.admin, UPDATE, { input: { hrvSd: 3, expectedVersion: before.version - 1 } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].message).toMatch(`is at version ${before.version}, not the expectedVersion ${before.version - 1}`);
    expect((await gql(tokens.admin, THRESHOLDS)).data.organization.signalThresholds).toEqual(before);
  });

  it("are the organization's own: another organization's change moves nothing here", async () => {
    const here = (await gql(tokens.admin, THRESHOLDS)).data.organization.signalThresholds;
    expect((await gql(tokens.foreignAdmin, UPDATE, { input: { recoveryPoints: 50 } })).data.updateOrganizationSignalThresholds.signalThresholds)
      .toMatchObject({ recoveryPoints: 50, version: 2 });
    expect((await gql(tokens.admin, THRESHOLDS)).data.organization.signalThresholds).toEqual(here);
    expect(await metricsOf(ids.di)).toEqual(['HRV', 'RECOVERY_SCORE']);
  });
});

describe('mutes', () => {
  afterEach(async () => {
    await t.db.deleteFrom('athlete_signal_mutes').where('org_id', '=', orgId).execute();
  });

  it("hide the signal from attentionSignals and the ATTENTION count; includeMuted shows it with its end", async () => {
    const until = inDays(7);
    const muted = await gql(tokens.coachA, MUTE, { input: { athleteId: String(ids.di), metric: 'RECOVERY_SCORE', until, note: '  Sick with a cold  ' } });
    expect(muted.errors).toBeUndefined();
    expect(muted.data.muteAttentionSignal).toEqual({
      signalMute: { metric: 'RECOVERY_SCORE', until, note: 'Sick with a cold', mutedBy: { id: String(ids.coachA), name: 'Coach Alma' } },
      athlete: { id: String(ids.di), attentionSignals: [{ metric: 'HRV' }] },
    });

    const read = (await gql(tokens.coachB, SIGNALS, { id: String(ids.di) })).data.athlete;
    expect(read.attentionSignals.map((s: any) => s.metric)).toEqual(['HRV']);
    expect(read.signalMutes).toEqual([{ metric: 'RECOVERY_SCORE', until, note: 'Sick with a cold', mutedAt: NOW.toISOString(), mutedBy: { id: String(ids.coachA), name: 'Coach Alma' } }]);
    const all = (await gql(tokens.admin, SIGNALS, { id: String(ids.di), includeMuted: true })).data.athlete.attentionSignals;
    expect(all.map((s: any) => [s.metric, s.mutedUntil])).toEqual([['HRV', null], ['RECOVERY_SCORE', until]]);
    // The athlete reads their own mutes too.
    expect((await gql(tokens.athlete, SIGNALS, { id: String(ids.di) })).data.athlete.signalMutes).toHaveLength(1);

    // Di 1, Bo 1: tied, by id.
    expect((await attentionOrder()).slice(0, 2)).toEqual([{ id: ids.di, count: 1 }, { id: ids.bo, count: 1 }]);
    // An admin mutes Di's HRV as well: Di drops below Bo.
    expect((await gql(tokens.admin, MUTE, { input: { athleteId: String(ids.di), metric: 'HRV', until: inDays(2) } })).errors).toBeUndefined();
    expect(await attentionOrder()).toEqual([{ id: ids.bo, count: 1 }, { id: ids.di, count: 0 }, { id: ids.cy, count: 0 }]);
    expect((await gql(tokens.admin, SIGNALS, { id: String(ids.di) })).data.athlete.signalMutes.map((m: any) => [m.metric, m.note]))
      .toEqual([['HRV', null], ['RECOVERY_SCORE', 'Sick with a cold']]);
  });

  it('stop applying at their end: a request after it sees the signal again, with no job run', async () => {
    const until = new Date(NOW.getTime() + HOUR).toISOString();
    await gql(tokens.coachA, MUTE, { input: { athleteId: String(ids.di), metric: 'HRV', until } });
    expect(await metricsOf(ids.di)).toEqual(['RECOVERY_SCORE']);
    // Two hours later, the same local day for Di (Europe/London): the same weeks, the mute over.
    for (const later of [new Date(NOW.getTime() + HOUR), new Date(NOW.getTime() + 2 * HOUR)]) {
      const laterApp = createTestApp(t.db, { clock: () => later });
      expect(await metricsOf(ids.di, laterApp)).toEqual(['HRV', 'RECOVERY_SCORE']);
      expect((await gql(tokens.admin, SIGNALS, { id: String(ids.di) }, laterApp)).data.athlete.signalMutes).toEqual([]);
      expect((await attentionOrder(laterApp))[0]).toEqual({ id: ids.di, count: 2 });
    }
    // A minute before its end it still applies.
    const before = createTestApp(t.db, { clock: () => new Date(NOW.getTime() + HOUR - 60_000) });
    expect(await metricsOf(ids.di, before)).toEqual(['RECOVERY_SCORE']);
  });

  it('end early with unmute, which answers whether a mute was in force', async () => {
    await gql(tokens.coachA, MUTE, { input: { athleteId: String(ids.bo), metric: 'VO2MAX', until: inDays(30) } });
    expect(await metricsOf(ids.bo)).toEqual([]);
    const unmuted = await gql(tokens.coachA, UNMUTE, { input: { athleteId: String(ids.bo), metric: 'VO2MAX' } });
    expect(unmuted.errors).toBeUndefined();
    expect(unmuted.data.unmuteAttentionSignal).toEqual({ unmuted: true, athlete: { id: String(ids.bo), attentionSignals: [{ metric: 'VO2MAX' }] } });
    expect(await metricsOf(ids.bo)).toEqual(['VO2MAX']);
    expect((await gql(tokens.admin, UNMUTE, { input: { athleteId: String(ids.bo), metric: 'VO2MAX' } })).data.unmuteAttentionSignal.unmuted).toBe(false);
  });

  it('muting again replaces the end and the note: one mute per metric', async () => {
    await gql(tokens.coachA, MUTE, { input: { athleteId: String(ids.bo), metric: 'VO2MAX', until: inDays(30), note: 'new watch' } });
    const again = await gql(tokens.admin, MUTE, { input: { athleteId: String(ids.bo), metric: 'VO2MAX', until: inDays(3) } });
    expect(again.data.muteAttentionSignal.signalMute).toEqual({ metric: 'VO2MAX', until: inDays(3), note: null, mutedBy: { id: String(ids.admin), name: 'Ada Admin' } });
    expect(await t.db.selectFrom('athlete_signal_mutes').select('metric').where('athlete_id', '=', ids.bo).execute()).toHaveLength(1);
  });

  it.each([
    ['an end in the past', { until: new Date(NOW.getTime() - 1000).toISOString() }, /^input\.until must be after now \(2026-03-10T12:00:00\.000Z\) and at most 90 days later \(2026-06-08T12:00:00\.000Z\); got 2026-03-10T11:59:59\.000Z$/],
    ['an end now', { until: NOW.toISOString() }, /input\.until must be after now/],
    ['an end past 90 days', { until: new Date(NOW.getTime() + 90 * DAY + 1000).toISOString() }, /at most 90 days later \(2026-06-08T12:00:00\.000Z\); got 2026-06-08T12:00:01\.000Z/],
    ['a long note', { until: inDays(1), note: 'x'.repeat(501) }, /^input\.note must be at most 500 characters \(trimmed\); got 501$/],
    ['a note with a control character', { until: inDays(1), note: 'a\u0007b' }, /^input\.note must not contain/],
    ['a bad id', { athleteId: 'abc', until: inDays(1) }, /^input\.athleteId must be a positive integer id/],
  ])('refuse %s as BAD_USER_INPUT, writing nothing', async (_what, input, message) => {
    const result = await gql(tokens.admin, MUTE, { input: { athleteId: String(ids.di), metric: 'HRV', ...input } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(message);
    expect(await t.db.selectFrom('athlete_signal_mutes').selectAll().execute()).toEqual([]);
  });

  it('takes 90 days to the millisecond', async () => {
    const until = new Date(NOW.getTime() + 90 * DAY).toISOString();
    expect((await gql(tokens.admin, MUTE, { input: { athleteId: String(ids.di), metric: 'HRV', until } })).data.muteAttentionSignal.signalMute.until).toBe(until);
  });

  it("are for admins and the athlete's assigned coaches: the athlete and another coach are FORBIDDEN", async () => {
    for (const [token, mutation] of [[tokens.athlete, MUTE], [tokens.coachB, MUTE], [tokens.athlete, UNMUTE], [tokens.coachB, UNMUTE]]) {
      const result = await gql(token, mutation, { input: { athleteId: String(ids.di), metric: 'HRV', ...(mutation === MUTE ? { until: inDays(1) } : {}) } });
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    }
    expect(await t.db.selectFrom('athlete_signal_mutes').selectAll().execute()).toEqual([]);
    // Coach Bert manages Cy: a mute there is his to set and lift.
    expect((await gql(tokens.coachB, MUTE, { input: { athleteId: String(ids.cy), metric: 'HRV', until: inDays(1) } })).errors).toBeUndefined();
    expect((await gql(tokens.coachB, UNMUTE, { input: { athleteId: String(ids.cy), metric: 'HRV' } })).data.unmuteAttentionSignal.unmuted).toBe(true);
    // And the coach's unmute of a mute an admin set is fine too.
    await gql(tokens.admin, MUTE, { input: { athleteId: String(ids.di), metric: 'HRV', until: inDays(1) } });
    expect((await gql(tokens.coachA, UNMUTE, { input: { athleteId: String(ids.di), metric: 'HRV' } })).data.unmuteAttentionSignal.unmuted).toBe(true);
  });

  it("answer NOT_FOUND for another organization's athlete, writing nothing", async () => {
    for (const mutation of [MUTE, UNMUTE]) {
      const result = await gql(tokens.admin, mutation, { input: { athleteId: String(ids.foreign), metric: 'HRV', ...(mutation === MUTE ? { until: inDays(1) } : {}) } });
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    }
    expect(await t.db.selectFrom('athlete_signal_mutes').selectAll().execute()).toEqual([]);
  });
});

describe('statements', () => {
  const PAGE = (extra: string) => `{ coachAthletesMetrics(orderBy: ATTENTION, first: 100) { edges { node { id attentionSignals { metric } ${extra} } } } }`;
  const count = async (query: string) => {
    await t.statements.settled();
    t.statements.reset();
    const result = await gql(tokens.admin, query);
    expect(result.errors).toBeUndefined();
    await t.statements.settled();
    return t.statements.queries;
  };

  it('mutes and thresholds add none to the signals; signalMutes is one statement for the page, only when asked for', async () => {
    await gql(tokens.admin, MUTE, { input: { athleteId: String(ids.di), metric: 'HRV', until: inDays(1) } });
    await gql(tokens.admin, MUTE, { input: { athleteId: String(ids.bo), metric: 'VO2MAX', until: inDays(1) } });
    const plain = await count(PAGE(''));
    expect(await count(PAGE('withMuted: attentionSignals(includeMuted: true) { metric mutedUntil }'))).toBe(plain);
    expect(await count(PAGE('signalMutes { metric until mutedBy { name } }'))).toBe(plain + 1);
    await t.db.deleteFrom('athlete_signal_mutes').where('org_id', '=', orgId).execute();
  });
});
