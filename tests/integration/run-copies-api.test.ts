import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import type { App } from '../../src/app';

// The same run sent by two sources through the API: one run, both sources listed, and a
// source withdrawing its copy leaves the run to the other.
const NOW = new Date('2026-03-20T12:00:00Z');

let t: TestDatabase;
let app: App;
let coach: string;
let athleteToken: string;
let ada: number;
let bea: number;

const INGEST = `mutation($athleteId: ID!, $activities: [ActivityInput!]!) {
  ingestActivities(athleteId: $athleteId, activities: $activities) { written inserted updated unchanged merged otherAthlete otherAthleteIds
    athlete { fitnessStats(days: 30) { totalActivities totalDistance } } } }`;
const RUNS = `query($id: ID!) { athlete(id: $id) { recentActivities(first: 5) { edges { node { source distance avgHeartRate
  sources { source externalId shown withdrawn } } } } } }`;
const WITHDRAW = `mutation($source: String!, $externalId: String!) { withdrawActivitySource(source: $source, externalId: $externalId) {
  runDeleted localDate athlete { fitnessStats(days: 30) { totalActivities totalDistance } } } }`;

const strava = { source: 'strava', externalId: '9001', startTime: '2026-03-18T06:00:00Z', distance: 10_000, movingTime: 3000 };
const watch = { source: 'fit', externalId: 'fenix-1', startTime: '2026-03-18T06:01:10Z', distance: 10_150, movingTime: 2995, avgHeartRate: 152, hrZoneTimes: [0, 600, 1800, 595, 0] };

beforeAll(async () => {
  t = await createTestDatabase();
  const orgId = await createOrganization(t.db, 'Copies API Club', 'UTC');
  ada = await createUser(t.db, orgId, { role: 'athlete', name: 'Ada' });
  bea = await createUser(t.db, orgId, { role: 'athlete', name: 'Bea' });
  coach = await tokenFor({ orgId, userId: await createUser(t.db, orgId, { role: 'admin', name: 'Admin' }), role: 'ADMIN' });
  athleteToken = await tokenFor({ orgId, userId: bea, role: 'ATHLETE' });
  app = createTestApp(t.db, { clock: () => NOW });
});

afterAll(() => t.close());

describe('a run from two sources through the API', () => {
  it('answers merged for the second copy, counts the run once and lists both sources', async () => {
    const first = await execute<any, any>(app, coach, INGEST, { athleteId: String(ada), activities: [strava] });
    expect(first.data.ingestActivities).toMatchObject({ written: 1, merged: 0, otherAthlete: 0 });
    const second = await execute<any, any>(app, coach, INGEST, { athleteId: String(ada), activities: [watch] });
    expect(second.errors).toBeUndefined();
    expect(second.data.ingestActivities).toEqual({
      written: 1, inserted: 0, updated: 0, unchanged: 0, merged: 1, otherAthlete: 0, otherAthleteIds: [], athlete: { fitnessStats: { totalActivities: 1, totalDistance: 10_150 } },
    });
    const runs = await execute<any, any>(app, coach, RUNS, { id: String(ada) });
    expect(runs.data.athlete.recentActivities.edges.map((e: any) => e.node)).toEqual([{
      source: 'fit', distance: 10_150, avgHeartRate: 152,
      sources: [{ source: 'fit', externalId: 'fenix-1', shown: true, withdrawn: false }, { source: 'strava', externalId: '9001', shown: false, withdrawn: false }],
    }]);
  });

  it('says otherAthlete when the runs belong to someone else, and refuses an athlete withdrawing them', async () => {
    const result = await execute<any, any>(app, coach, INGEST, { athleteId: String(bea), activities: [strava] });
    expect(result.data.ingestActivities).toMatchObject({ written: 0, merged: 0, otherAthlete: 1, otherAthleteIds: [String(ada)] });
    // The athlete herself hears how many, not whose.
    const own = await execute<any, any>(app, athleteToken, INGEST, { athleteId: String(bea), activities: [strava] });
    expect(own.data.ingestActivities).toMatchObject({ written: 0, otherAthlete: 1, otherAthleteIds: [] });
    const refused = await execute<any, any>(app, athleteToken, WITHDRAW, { source: 'strava', externalId: '9001' });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    const unknown = await execute<any, any>(app, coach, WITHDRAW, { source: 'strava', externalId: 'nope' });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
  });

  it('keeps the run when one source withdraws, and deletes it with the last', async () => {
    const first = await execute<any, any>(app, coach, WITHDRAW, { source: 'fit', externalId: 'fenix-1' });
    expect(first.data.withdrawActivitySource).toEqual({ runDeleted: false, localDate: '2026-03-18', athlete: { fitnessStats: { totalActivities: 1, totalDistance: 10_000 } } });
    const runs = await execute<any, any>(app, coach, RUNS, { id: String(ada) });
    expect(runs.data.athlete.recentActivities.edges[0].node.sources).toEqual([
      { source: 'strava', externalId: '9001', shown: true, withdrawn: false }, { source: 'fit', externalId: 'fenix-1', shown: false, withdrawn: true },
    ]);
    const last = await execute<any, any>(app, coach, WITHDRAW, { source: 'strava', externalId: '9001' });
    expect(last.data.withdrawActivitySource).toMatchObject({ runDeleted: true, athlete: { fitnessStats: { totalActivities: 0, totalDistance: 0 } } });
  });
});
