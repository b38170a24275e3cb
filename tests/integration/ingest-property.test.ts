import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser, setAthleteSettings } from '../helpers/fixtures';
import { rollupMismatches } from '../helpers/invariants';
import { deleteActivity, upsertActivities } from '../../src/ingest/activities';
import { upsertHealthDays } from '../../src/ingest/health';
import { composeInsights } from '../../src/ingest/insights';
import { summarizeFitness } from '../../src/domain/fitness';
import { plainInsights } from '../../src/domain/insights';
import { addDays, localDateOf } from '../../src/domain/time';
import { daysBetween } from '../../src/domain/buckets';

// Random sequences of ingests, re-ingests, newer and older versions, deletes and health
// writes; afterwards every derived row must equal a recomputation from the raw rows.
const NOW = new Date('2026-03-10T18:00:00Z');
const FIRST_DAY = '2026-02-10';

let t: TestDatabase;
let orgId: number;
let athletes: { id: number; timezone: string }[];

const item = fc.record({
  id: fc.integer({ min: 0, max: 7 }),
  day: fc.integer({ min: 0, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  distance: fc.integer({ min: 1000, max: 20_000 }),
  moving: fc.integer({ min: 600, max: 7200 }),
  hr: fc.option(fc.integer({ min: 100, max: 185 }), { nil: null }),
  version: fc.integer({ min: 0, max: 3 }),
});

const operation = fc.oneof(
  fc.record({ kind: fc.constant('ingest' as const), athlete: fc.integer({ min: 0, max: 1 }), items: fc.uniqueArray(item, { selector: (i) => i.id, maxLength: 5 }) }),
  fc.record({ kind: fc.constant('delete' as const), athlete: fc.integer({ min: 0, max: 1 }), id: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('health' as const), athlete: fc.integer({ min: 0, max: 1 }), day: fc.integer({ min: 0, max: 28 }), hrv: fc.integer({ min: 30, max: 90 }) }),
);

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

async function apply(op: Operation) {
  const athlete = athletes[op.athlete];
  const options = { now: NOW };
  if (op.kind === 'ingest') {
    await upsertActivities(t.db, orgId, athlete.id, op.items.map((i) => ({
      source: 'prop', externalId: `a${op.athlete}-${i.id}`, startTime: new Date(`${addDays(FIRST_DAY, i.day)}T${String(i.hour).padStart(2, '0')}:15:00Z`),
      distanceM: i.distance, movingS: i.moving, elapsedS: i.moving, avgHr: i.hr,
      sourceUpdatedAt: new Date(Date.UTC(2026, 0, 1, i.version)),
    })), options);
  } else if (op.kind === 'delete') {
    const row = await t.db.selectFrom('activities').select('id').where('external_id', '=', `a${op.athlete}-${op.id}`).executeTakeFirst();
    if (row) await deleteActivity(t.db, orgId, row.id, options);
  } else {
    await upsertHealthDays(t.db, orgId, athlete.id, [{ localDate: addDays(FIRST_DAY, op.day), hrvRmssdMs: op.hrv, restingHr: 50, source: 'prop' }], options);
  }
}

async function checkDerived() {
  expect(await rollupMismatches(t.db)).toEqual([]);
  for (const athlete of athletes) {
    const cached = await t.db.selectFrom('athlete_fitness').selectAll().where('athlete_id', '=', athlete.id).executeTakeFirst();
    if (!cached) continue;
    // Recompute from the raw activities, not from the rollup.
    const { rows } = await sql<{ local_date: string; load: number }>`
      select local_date, sum(training_load)::float8 as load from activities
      where athlete_id = ${athlete.id} and deleted_at is null group by local_date order by local_date`.execute(t.db);
    const today = localDateOf(NOW, athlete.timezone);
    const loads = rows.length ? Array(daysBetween(rows[0].local_date, today) + 1).fill(0) : [];
    for (const r of rows) loads[daysBetween(rows[0].local_date, r.local_date)] = r.load;
    const expected = summarizeFitness(loads);
    expect(cached.as_of).toBe(today);
    expect(cached.ctl).toBeCloseTo(expected.ctl, 9);
    expect(cached.atl).toBeCloseTo(expected.atl, 9);
    expect(cached.tsb).toBeCloseTo(expected.tsb, 9);
    const { rows: hrv } = await sql<{ hrv: number | null }>`
      select avg(hrv_rmssd_ms)::float8 as hrv from health_daily where athlete_id = ${athlete.id} and local_date between ${today}::date - 6 and ${today}::date`.execute(t.db);
    expect(cached.hrv_7d).toEqual(hrv[0].hrv);
    // The stored weekly insight is the one the current numbers would write.
    const composed = (await composeInsights(t.db, orgId, [athlete.id], NOW, plainInsights)).get(athlete.id)!;
    const stored = await t.db.selectFrom('insights').select('input_hash').where('subject_id', '=', athlete.id).where('kind', '=', 'weekly').where('period_start', '=', composed.weekly!.periodStart).executeTakeFirst();
    expect(stored?.input_hash).toBe(composed.weekly!.inputHash);
  }
  // Run lines exist only for live runs, on the run's own local day.
  const { rows: orphans } = await sql<{ id: number }>`
    select i.id from insights i left join activities a on a.org_id = i.org_id and a.id = i.activity_id
    where i.kind = 'activity' and (a.id is null or a.deleted_at is not null or a.local_date <> i.period_start)`.execute(t.db);
  expect(orphans).toEqual([]);
}

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Property Club', 'UTC');
  athletes = [];
  for (const [name, timezone] of [['Pat Property', 'America/New_York'], ['Kim Kathmandu', 'Asia/Kathmandu']]) {
    const id = await createUser(t.db, orgId, { role: 'athlete', name, timezone, sex: 'female' });
    await setAthleteSettings(t.db, orgId, id, { hr_max: 190, hr_rest: 50, threshold_pace_s_per_km: 300 });
    athletes.push({ id, timezone });
  }
});

afterAll(() => t.close());

it('keeps every rollup and cached metric equal to a recomputation from the raw rows', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 6 }), async (operations) => {
      for (const table of ['insights', 'athlete_fitness', 'health_daily', 'activity_weekly', 'activity_daily', 'activities'] as const) {
        await t.db.deleteFrom(table).where('org_id', '=', orgId).execute();
      }
      for (const op of operations) await apply(op);
      await checkDerived();
    }),
    { numRuns: process.env.DATABASE_URL ? 40 : 15, seed: 20261127 },
  );
});
