import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { insightHash, type ActivityInput, type InsightGenerator, type WeeklyInput } from '../domain/insights';
import { findActivityInputs, findWeeklyInputs } from '../repositories/insights';
import { intArray } from '../repositories/params';
import { runCoverage, type Coverage } from '../domain/metric-basis';

export const RECENT_ACTIVITY_INSIGHTS = 3;

export interface ComposedInsight {
  athleteId: number;
  kind: 'weekly' | 'activity';
  periodStart: string;
  activityId: number | null;
  text: string;
  inputHash: string;
  generator: string;
  generatorVersion: string;
  /** The data the text was written from (the week's runs, or the one run). */
  coverage: Coverage;
}

/**
 * Writes each athlete's insights from the current numbers: the weekly summary of the last
 * full week and a line per recent run (two statements for any number of athletes).
 */
export async function composeInsights(
  db: Kysely<Database>,
  orgId: number,
  athleteIds: readonly number[],
  now: Date,
  generator: InsightGenerator,
): Promise<Map<number, { weekly: ComposedInsight | null; activities: ComposedInsight[] }>> {
  const [weeks, runs] = await Promise.all([
    findWeeklyInputs(db, orgId, athleteIds, now),
    findActivityInputs(db, orgId, athleteIds, RECENT_ACTIVITY_INSIGHTS),
  ]);
  const compose = (athleteId: number, kind: ComposedInsight['kind'], periodStart: string, activityId: number | null, input: WeeklyInput | ActivityInput, text: string, coverage: Coverage): ComposedInsight => ({
    athleteId, kind, periodStart, activityId, text, inputHash: insightHash(generator, input), generator: generator.name, generatorVersion: generator.version, coverage,
  });
  const result = new Map(athleteIds.map((id) => [id, { weekly: null as ComposedInsight | null, activities: [] as ComposedInsight[] }]));
  for (const w of weeks) {
    const input: WeeklyInput = {
      weekStart: w.week_start,
      week: { runs: w.runs, distanceM: w.distance_m, longestRunM: w.longest_run_m, load: w.load },
      average: { runs: w.avg_runs, distanceM: w.avg_distance_m, longestRunM: w.avg_longest_run_m, load: w.avg_load },
      restingHrChange: w.resting_hr_change,
      hrvChangeMs: w.hrv_change_ms,
    };
    const coverage: Coverage = { windowDays: 7, daysWithData: null, runs: w.runs, hrShare: null, loadMethods: null, readings: null };
    result.get(w.athlete_id)!.weekly = compose(w.athlete_id, 'weekly', w.week_start, null, input, generator.weekly(input), coverage);
  }
  for (const r of runs) {
    const input: ActivityInput = {
      date: r.local_date, distanceM: r.distance_m, movingS: r.moving_s, avgHr: r.avg_hr, load: r.training_load, loadMethod: r.load_method, usualPace: r.usual_pace,
    };
    const coverage = runCoverage(1, [{ date: r.local_date, method: r.load_method, movingS: r.moving_s, hasHr: r.avg_hr !== null }]);
    result.get(r.athlete_id)!.activities.push(compose(r.athlete_id, 'activity', r.local_date, r.activity_id, input, generator.activity(input), coverage));
  }
  return result;
}

/** Stores composed insights, replacing a stored one only when its numbers changed. */
export async function storeInsights(db: Kysely<Database>, orgId: number, insights: ComposedInsight[]): Promise<void> {
  if (insights.length === 0) return;
  await db
    .insertInto('insights')
    .values(
      insights.map((i) => ({
        org_id: orgId, subject: 'athlete' as const, subject_id: i.athleteId, kind: i.kind, period_start: i.periodStart,
        activity_id: i.activityId, text: i.text, generator: i.generator, generator_version: i.generatorVersion, input_hash: i.inputHash,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'subject', 'subject_id', 'kind', 'period_start', 'activity_id'])
        .doUpdateSet((eb) => ({
          text: eb.ref('excluded.text'),
          generator: eb.ref('excluded.generator'),
          generator_version: eb.ref('excluded.generator_version'),
          input_hash: eb.ref('excluded.input_hash'),
          created_at: sql`now()`,
        }))
        .where('insights.input_hash', '<>', (eb) => eb.ref('excluded.input_hash')),
    )
    .execute();
}

/** Composes and stores the current insights of some athletes (after a write, or on request). */
export async function refreshInsights(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], now: Date, generator: InsightGenerator): Promise<void> {
  // A run line goes with its run: gone when the run is deleted or moved to another local day.
  await sql`
    delete from insights i using activities a
    where i.org_id = ${orgId} and i.subject = 'athlete' and i.kind = 'activity' and i.subject_id = any(${intArray(athleteIds)}::int[])
      and a.org_id = i.org_id and a.id = i.activity_id and (a.deleted_at is not null or a.local_date <> i.period_start)`.execute(db);
  const composed = await composeInsights(db, orgId, athleteIds, now, generator);
  await storeInsights(db, orgId, [...composed.values()].flatMap((c) => [...(c.weekly ? [c.weekly] : []), ...c.activities]));
}
