import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { athleteTodays, type DatedValueRow } from './activity-daily';
import { equalsAny } from './params';

export interface HealthBucketRow {
  athlete_id: number;
  bucket: string;
  resting_hr: number | null;
  resting_hr_readings: number;
  hrv: number | null;
  hrv_readings: number;
  hrv_sdnn: number | null;
  hrv_sdnn_readings: number;
  sleep_s: number | null;
  sleep_readings: number;
  vo2max: number | null;
  vo2max_readings: number;
}

/** Per bucket (local day, ISO week or month), each metric's mean over the days that have a reading. */
export async function findHealthBuckets(
  db: Kysely<Database>,
  orgId: number,
  athleteIds: readonly number[],
  range: { from: string; to: string; unit: 'day' | 'week' | 'month' },
): Promise<HealthBucketRow[]> {
  const { rows } = await sql<HealthBucketRow>`
    select h.athlete_id, date_trunc(${range.unit}, h.local_date::timestamp)::date as bucket,
      avg(h.resting_hr)::float8 as resting_hr, count(h.resting_hr)::int as resting_hr_readings,
      avg(h.hrv_rmssd_ms)::float8 as hrv, count(h.hrv_rmssd_ms)::int as hrv_readings,
      avg(h.hrv_sdnn_ms)::float8 as hrv_sdnn, count(h.hrv_sdnn_ms)::int as hrv_sdnn_readings,
      avg(h.sleep_s)::float8 as sleep_s, count(h.sleep_s)::int as sleep_readings,
      avg(h.vo2max)::float8 as vo2max, count(h.vo2max)::int as vo2max_readings
    from health_daily h
    where h.org_id = ${orgId} and h.athlete_id ${equalsAny(athleteIds)}
      and h.local_date between ${range.from}::date and ${range.to}::date
    group by h.athlete_id, 2
    order by h.athlete_id, 2`.execute(db);
  return rows;
}

/** Resting HR readings per athlete for the `days` local days ending today. */
export async function findRestingHeartRates(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], days: number, now: Date): Promise<DatedValueRow[]> {
  const { rows } = await sql<DatedValueRow>`
    with today as materialized (${athleteTodays(orgId, athleteIds, now)})
    select t.athlete_id, t.today, h.local_date as date, h.resting_hr as value
    from today t left join health_daily h on h.org_id = ${orgId} and h.athlete_id = t.athlete_id
      and h.local_date between t.today - ${days - 1}::int and t.today and h.resting_hr is not null
    order by t.athlete_id, h.local_date`.execute(db);
  return rows;
}

export interface SignalReadingRow {
  athlete_id: number;
  date: string;
  hrv_rmssd_ms: number | null;
  recovery_score: number | null;
  vo2max: number | null;
}

/** The health readings of the two weeks the signals compare (the 14 local days ending today), per athlete, oldest first. */
export async function findSignalReadings(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], now: Date): Promise<SignalReadingRow[]> {
  const { rows } = await sql<SignalReadingRow>`
    with today as materialized (${athleteTodays(orgId, athleteIds, now)})
    select t.athlete_id, h.local_date::text as date, h.hrv_rmssd_ms, h.recovery_score, h.vo2max
    from today t join health_daily h on h.org_id = ${orgId} and h.athlete_id = t.athlete_id
      and h.local_date between t.today - 13 and t.today
    order by t.athlete_id, h.local_date`.execute(db);
  return rows;
}
