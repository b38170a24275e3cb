import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { loadIngestAthlete } from './athlete';
import { refreshDerived, type WriteOptions } from './activities';
import { inTransaction } from './transaction';
import { appendEvents } from '../repositories/events';
import { refreshLoadEstimates } from './load-estimates';
import { rebuildActivityDaily } from './rollups';
import { coveredSeconds, unionOf, type Interval } from '../domain/sleep';
import { lockAthleteDerived } from '../repositories/athlete-lock';
import { badInput } from '../errors';

export interface HealthDayRecord {
  /** Local calendar date, 'yyyy-MM-dd', in the athlete's zone. */
  localDate: string;
  restingHr?: number | null;
  hrvRmssdMs?: number | null;
  /** HRV as SDNN (Apple Health), kept apart from RMSSD. */
  hrvSdnnMs?: number | null;
  vo2max?: number | null;
  recoveryScore?: number | null;
  sleepS?: number | null;
  /** Sleep as [start, end) unix seconds from one or more sources: merged with the day's stored intervals. */
  sleepIntervals?: Interval[] | null;
  source: string;
}

/**
 * Days sending sleep intervals join the intervals already stored for that day (another
 * source's), so sleep_s is the union of both: one statement for the batch.
 */
async function withStoredSleep(trx: Kysely<Database>, orgId: number, athleteId: number, days: HealthDayRecord[]): Promise<HealthDayRecord[]> {
  const dates = days.filter((d) => d.sleepIntervals?.length).map((d) => d.localDate);
  if (dates.length === 0) return days;
  const stored = await trx.selectFrom('health_daily').select(['local_date', 'sleep_intervals'])
    .where('org_id', '=', orgId).where('athlete_id', '=', athleteId).where('local_date', 'in', dates).where('sleep_intervals', 'is not', null)
    .execute();
  const byDate = new Map(stored.map((r) => [r.local_date, r.sleep_intervals ?? []]));
  return days.map((d) => {
    if (!d.sleepIntervals?.length) return d;
    const intervals = unionOf([...(byDate.get(d.localDate) ?? []), ...d.sleepIntervals]);
    const sleepS = coveredSeconds(intervals);
    if (sleepS > 86_400) throw badInput(`the sleep of ${d.localDate} would cover ${sleepS} s with the intervals already stored for that day; at most 86400`);
    return { ...d, sleepIntervals: intervals, sleepS };
  });
}

const ROWS_PER_STATEMENT = 1000;

/** Upserts one athlete's daily health rows by (org_id, athlete_id, local_date), all or nothing, with the derived caches. */
export async function upsertHealthDays(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  days: HealthDayRecord[],
  options: WriteOptions = {},
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const athlete = await loadIngestAthlete(trx, orgId, athleteId);
    // Two batches of sleep at once (watch and phone) must each see the other's intervals.
    await lockAthleteDerived(trx, orgId, athleteId);
    const merged = await withStoredSleep(trx, orgId, athleteId, days);
    let written = 0;
    for (let i = 0; i < merged.length; i += ROWS_PER_STATEMENT) {
      const chunk = merged.slice(i, i + ROWS_PER_STATEMENT).map((d) => ({
        org_id: orgId,
        athlete_id: athleteId,
        local_date: d.localDate,
        resting_hr: d.restingHr ?? null,
        hrv_rmssd_ms: d.hrvRmssdMs ?? null,
        hrv_sdnn_ms: d.hrvSdnnMs ?? null,
        vo2max: d.vo2max ?? null,
        recovery_score: d.recoveryScore ?? null,
        sleep_s: d.sleepS ?? null,
        sleep_intervals: d.sleepIntervals?.length ? JSON.stringify(d.sleepIntervals) : null,
        source: d.source,
      }));
      const result = await trx
        .insertInto('health_daily')
        .values(chunk)
        .onConflict((oc) =>
          // A day's readings merge: a write that carries only HRV keeps the day's resting HR.
          oc.columns(['org_id', 'athlete_id', 'local_date']).doUpdateSet({
            resting_hr: sql`coalesce(excluded.resting_hr, health_daily.resting_hr)`,
            hrv_rmssd_ms: sql`coalesce(excluded.hrv_rmssd_ms, health_daily.hrv_rmssd_ms)`,
            hrv_sdnn_ms: sql`coalesce(excluded.hrv_sdnn_ms, health_daily.hrv_sdnn_ms)`,
            vo2max: sql`coalesce(excluded.vo2max, health_daily.vo2max)`,
            recovery_score: sql`coalesce(excluded.recovery_score, health_daily.recovery_score)`,
            // Seconds sent as a total replace the day's intervals; intervals come merged (withStoredSleep).
            sleep_s: sql`coalesce(excluded.sleep_s, health_daily.sleep_s)`,
            sleep_intervals: sql`case when excluded.sleep_s is null then health_daily.sleep_intervals else excluded.sleep_intervals end`,
            source: sql`excluded.source`,
            updated_at: sql`now()`,
          }),
        )
        .executeTakeFirst();
      written += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    if (merged.length > 0) {
      const localDates = [...new Set(merged.map((d) => d.localDate))].sort();
      await appendEvents(trx, orgId, [{ kind: 'HEALTH_RECORDED', athleteId, payload: { localDates, written } }]);
    }
    // Resting-HR readings move the resting-HR estimate, and with it the loads of HR runs.
    const estimated = await refreshLoadEstimates(trx, orgId, athlete, options.now ?? new Date());
    if (estimated.localDates.length) await rebuildActivityDaily(trx, orgId, athleteId, estimated.localDates.sort());
    await refreshDerived(trx, orgId, estimated.athlete, options);
    return written;
  });
}
