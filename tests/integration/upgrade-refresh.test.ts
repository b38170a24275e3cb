import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser, setAthleteSettings } from '../helpers/fixtures';
import { rollupMismatches } from '../helpers/invariants';
import { upsertActivities } from '../../src/ingest/activities';
import { refreshOutdatedAthletes } from '../../src/ingest/upgrade-refresh';

// A database from before every run had a load and before the fitness cache kept its risk
// state and basis: the start-up refresh fills them in, finding what is missing from the data.

const NOW = new Date('2026-11-18T12:00:00Z');
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(() => t.close());

it('gives old runs their load, rebuilds their rollups and fills the cache, then finds nothing more to do', async () => {
  const orgs = [await createOrganization(t.db, 'Old Club', 'UTC'), await createOrganization(t.db, 'Other Old Club', 'Europe/Oslo')];
  const athletes: number[] = [];
  for (const orgId of orgs) {
    const athlete = await createUser(t.db, orgId, { role: 'athlete', name: `Old Runner ${orgId}`, sex: 'male' });
    await setAthleteSettings(t.db, orgId, athlete, { hr_max: 190, hr_rest: 50 });
    await upsertActivities(t.db, orgId, athlete, [
      { source: 'w', externalId: `o${orgId}-1`, startTime: new Date('2026-11-10T07:00:00Z'), distanceM: 10000, movingS: 3000, elapsedS: 3000, avgHr: 150 },
      { source: 'w', externalId: `o${orgId}-2`, startTime: new Date('2026-11-12T07:00:00Z'), distanceM: 2000, movingS: 700, elapsedS: 700 },
    ], { now: NOW });
    athletes.push(athlete);
  }
  const expected = (await t.db.selectFrom('activities').select(['id', 'training_load', 'load_method']).orderBy('id').execute());
  const fitness = await t.db.selectFrom('athlete_fitness').select(['athlete_id', 'ctl']).orderBy('athlete_id').execute();
  // As an older version left them: the 2 km run without HR had no load, the rollup counted it as 0, no risk state or basis.
  await sql`update activities set training_load = null, load_method = null where distance_m = 2000`.execute(t.db);
  await sql`update activity_daily set training_load = 0 where local_date = '2026-11-12'`.execute(t.db);
  await sql`update athlete_fitness set risk_state = null, basis = null, ctl = 0`.execute(t.db);

  expect(await refreshOutdatedAthletes(t.db, { statementTimeoutMs: 10_000, now: NOW })).toBe(2);
  expect(await t.db.selectFrom('activities').select(['id', 'training_load', 'load_method']).orderBy('id').execute()).toEqual(expected);
  const after = await t.db.selectFrom('athlete_fitness').select(['athlete_id', 'ctl', 'risk_state', 'basis']).orderBy('athlete_id').execute();
  expect(after.map((f) => ({ athlete_id: f.athlete_id, ctl: f.ctl }))).toEqual(fitness);
  expect(after.every((f) => f.risk_state !== null && f.basis !== null)).toBe(true);
  expect(await rollupMismatches(t.db)).toEqual([]);
  expect(await refreshOutdatedAthletes(t.db, { statementTimeoutMs: 10_000, now: NOW })).toBe(0);
});
