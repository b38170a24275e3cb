import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { trainingLoad, type AthletePhysiology } from '../domain/load';
import { ESTIMATE_WINDOWS, estimateHrMax, estimateHrRest, estimatesMoved, type DatedReading, type LoadEstimates } from '../domain/load-basis';
import { addDays, localDateOf } from '../domain/time';
import { bestEffortJoin } from '../repositories/profile';
import { withEstimates, type IngestAthlete } from './athlete';

/**
 * Recomputes every live run's load from `physiology` inside the caller's transaction, writing
 * only the runs whose load or method changed; answers how many, and their local dates (for the rollups).
 */
export async function recomputeLoads(db: Kysely<Database>, orgId: number, athleteId: number, physiology: AthletePhysiology): Promise<{ runs: number; dates: string[] }> {
  const runs = await db
    .selectFrom('activities')
    .select(['id', 'local_date', 'moving_s', 'distance_m', 'avg_hr', 'rpe', 'training_load', 'load_method'])
    .where('org_id', '=', orgId)
    .where('athlete_id', '=', athleteId)
    .where('deleted_at', 'is', null)
    .execute();
  const updates = runs
    .map((r) => ({ run: r, next: trainingLoad({ movingS: r.moving_s, distanceM: r.distance_m, avgHr: r.avg_hr, rpe: r.rpe }, physiology) }))
    .filter(({ run, next }) => run.training_load !== next.load || run.load_method !== next.method);
  if (updates.length === 0) return { runs: 0, dates: [] };
  await sql`
    update activities a set training_load = m.load, load_method = m.method
    from unnest(${updates.map((u) => Number(u.run.id))}::bigint[], ${updates.map((u) => u.next.load)}::float8[], ${updates.map((u) => u.next.method)}::text[])
      as m(id, load, method)
    where a.org_id = ${orgId} and a.id = m.id`.execute(db);
  return { runs: updates.length, dates: [...new Set(updates.map((u) => u.run.local_date))] };
}

interface EstimateInputs {
  max_hrs: DatedReading[];
  resting: DatedReading[];
  best_vdot: number | null;
  best_date: string | null;
}

/** What the estimates read, in one statement: the window's max HRs, resting HRs and best effort. */
async function findEstimateInputs(db: Kysely<Database>, orgId: number, athleteId: number, today: string): Promise<EstimateInputs> {
  const { rows } = await sql<EstimateInputs>`
    select
      (select coalesce(json_agg(json_build_object('date', local_date::text, 'value', max_hr)), '[]'::json) from activities
        where org_id = ${orgId} and athlete_id = ${athleteId} and deleted_at is null and max_hr is not null
          and local_date between ${addDays(today, -(ESTIMATE_WINDOWS.hrMaxDays - 1))}::date and ${today}::date) as max_hrs,
      (select coalesce(json_agg(json_build_object('date', local_date::text, 'value', resting_hr)), '[]'::json) from health_daily
        where org_id = ${orgId} and athlete_id = ${athleteId} and resting_hr is not null
          and local_date between ${addDays(today, -(ESTIMATE_WINDOWS.restingHrDays - 1))}::date and ${today}::date) as resting,
      best.vdot as best_vdot, best.local_date::text as best_date
    from (select ${athleteId}::int as athlete_id, ${today}::date as today) t
    ${bestEffortJoin(orgId)}`.execute(db);
  return rows[0];
}

/**
 * Brings the athlete's load estimates (HR max, resting HR, best-effort VDOT) up to date with
 * their data after a write. An estimate that stays within its margin keeps its stored value;
 * one that moves beyond it is stored, and when the values loads are computed from change,
 * every run's load is recomputed. Answers the athlete as now and the dates whose load moved.
 */
export async function refreshLoadEstimates(
  db: Kysely<Database>,
  orgId: number,
  athlete: IngestAthlete,
  now: Date,
): Promise<{ athlete: IngestAthlete; localDates: string[] }> {
  const today = localDateOf(now, athlete.timezone);
  const inputs = await findEstimateInputs(db, orgId, athlete.id, today);
  const fresh: LoadEstimates = {
    hrMax: estimateHrMax(inputs.max_hrs),
    hrRest: estimateHrRest(inputs.resting),
    vdot: inputs.best_vdot === null ? null : { value: inputs.best_vdot, readings: 1, since: inputs.best_date! },
  };
  if (!estimatesMoved(athlete.estimates, fresh)) return { athlete, localDates: [] };
  const values = {
    hr_max: fresh.hrMax?.value ?? null, hr_max_readings: fresh.hrMax?.readings ?? null, hr_max_since: fresh.hrMax?.since ?? null,
    hr_rest: fresh.hrRest?.value ?? null, hr_rest_readings: fresh.hrRest?.readings ?? null, hr_rest_since: fresh.hrRest?.since ?? null,
    vdot: fresh.vdot?.value ?? null, vdot_readings: fresh.vdot?.readings ?? null, vdot_since: fresh.vdot?.since ?? null,
  };
  await db.insertInto('athlete_load_estimates').values({ org_id: orgId, athlete_id: athlete.id, ...values })
    .onConflict((oc) => oc.columns(['org_id', 'athlete_id']).doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
  const next = withEstimates(athlete, fresh);
  const samePhysiology = JSON.stringify(next.physiology) === JSON.stringify(athlete.physiology);
  return { athlete: next, localDates: samePhysiology ? [] : (await recomputeLoads(db, orgId, athlete.id, next.physiology)).dates };
}
