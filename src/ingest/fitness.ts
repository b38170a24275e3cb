import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { CTL_DAYS, summarizeFitness } from '../domain/fitness';
import { riskState, type RiskDay } from '../domain/risk';
import { daysBetween } from '../domain/buckets';
import { addDays, localDateOf } from '../domain/time';
import { estimatedInputsOf, runCoverage, type CachedBasis, type WindowRun } from '../domain/metric-basis';
import type { LoadBasis } from '../domain/load-basis';
import type { LoadMethod } from '../db/types';

const RISK_WINDOW_DAYS = 28;

/**
 * Recomputes one athlete's cached fitness (CTL/ATL/TSB from every day of load up to today,
 * latest VO2max and resting HR, 7-day HRV, the risk indicators' windows) inside the writing
 * transaction, so a profile read never recomputes a year of load.
 */
export async function refreshFitness(db: Kysely<Database>, orgId: number, athlete: { id: number; timezone: string; basis: LoadBasis }, now: Date): Promise<void> {
  const today = localDateOf(now, athlete.timezone);
  const { rows } = await sql<{ local_date: string; training_load: number; distance_m: number; longest_run_m: number }>`
    select local_date, training_load, distance_m, longest_run_m from activity_daily
    where org_id = ${orgId} and athlete_id = ${athlete.id} and local_date <= ${today}::date
    order by local_date`.execute(db);
  // One entry per local day from the first with data to today; days without runs are zeros.
  const first = rows[0]?.local_date;
  const days: RiskDay[] = first ? Array.from({ length: daysBetween(first, today) + 1 }, () => ({ load: 0, distanceM: 0, longestRunM: 0 })) : [];
  for (const r of rows) days[daysBetween(first, r.local_date)] = { load: r.training_load, distanceM: r.distance_m, longestRunM: r.longest_run_m };
  const summary = summarizeFitness(days.map((d) => d.load));
  const { rows: health } = await sql<{ vo2max: number | null; resting_hr: number | null; hrv_7d: number | null }>`
    select
      (select vo2max from health_daily where org_id = ${orgId} and athlete_id = ${athlete.id} and vo2max is not null and local_date <= ${today}::date order by local_date desc limit 1) as vo2max,
      (select resting_hr from health_daily where org_id = ${orgId} and athlete_id = ${athlete.id} and resting_hr is not null and local_date <= ${today}::date order by local_date desc limit 1) as resting_hr,
      (select avg(hrv_rmssd_ms) from health_daily where org_id = ${orgId} and athlete_id = ${athlete.id} and local_date between ${today}::date - 6 and ${today}::date)::float8 as hrv_7d`.execute(db);
  const basis = await windowBasis(db, orgId, athlete, today);
  const values = {
    as_of: today, ctl: summary.ctl, atl: summary.atl, tsb: summary.tsb, ctl_days: summary.ctlDays, atl_days: summary.atlDays,
    ramp_rate: summary.rampRate, vo2max: health[0].vo2max, resting_hr: health[0].resting_hr, hrv_7d: health[0].hrv_7d,
    risk_state: JSON.stringify(riskState(days)),
    basis: JSON.stringify(basis),
  };
  await db
    .insertInto('athlete_fitness')
    .values({ org_id: orgId, athlete_id: athlete.id, ...values })
    .onConflict((oc) => oc.columns(['org_id', 'athlete_id']).doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}

/** The runs behind CTL (42 days) and the risk indicators (28 days) as of today, with the estimated inputs they rest on. */
async function windowBasis(db: Kysely<Database>, orgId: number, athlete: { id: number; basis: LoadBasis }, today: string): Promise<CachedBasis> {
  const { rows } = await sql<{ local_date: string; load_method: LoadMethod | null; moving_s: number; has_hr: boolean }>`
    select local_date::text, load_method, moving_s, avg_hr is not null as has_hr from activities
    where org_id = ${orgId} and athlete_id = ${athlete.id} and deleted_at is null
      and local_date between ${addDays(today, -(CTL_DAYS - 1))}::date and ${today}::date`.execute(db);
  const runs: WindowRun[] = rows.map((r) => ({ date: r.local_date, method: r.load_method, movingS: r.moving_s, hasHr: r.has_hr }));
  const riskFrom = addDays(today, -(RISK_WINDOW_DAYS - 1));
  const of = (days: number, window: WindowRun[]) => {
    const coverage = runCoverage(days, window);
    return { coverage, estimatedInputs: estimatedInputsOf(athlete.basis, coverage.loadMethods) };
  };
  return { fitness: of(CTL_DAYS, runs), risk: of(RISK_WINDOW_DAYS, runs.filter((r) => r.date >= riskFrom)) };
}
