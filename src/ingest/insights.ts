import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { writeInsight, type ActivityFacts, type InsightFacts, type InsightGenerator, type InsightSentence, type KeyWorkout, type WeeklyFacts } from '../domain/insights';
import { complianceStatus } from '../domain/plan-matching';
import { summarizeStreaks } from '../domain/streaks';
import { STREAK_MIN_DAYS } from '../domain/insights/weekly-rules';
import { addDays } from '../domain/time';
import { findActivityInputs, findWeeklyInputs, type WeeklyInputRow } from '../repositories/insights';
import { equalsAny } from '../repositories/params';
import { runCoverage, type Coverage } from '../domain/metric-basis';

export const RECENT_ACTIVITY_INSIGHTS = 3;

export interface ComposedInsight {
  athleteId: number;
  kind: 'weekly' | 'activity';
  periodStart: string;
  activityId: number | null;
  /** The rules' sentences as the generator wrote them (docs/metrics.md, Insights). */
  sentences: InsightSentence[];
  text: string;
  inputHash: string;
  generator: string;
  generatorVersion: string;
  /** The data the text was written from (the week's runs, or the one run). */
  coverage: Coverage;
}

/** The weekly summary's facts from its row (src/repositories/insights.ts). */
export function weeklyFacts(w: WeeklyInputRow): WeeklyFacts {
  const weekEnd = addDays(w.week_start, 6);
  // Every key workout's day is over (the week is complete): missed, partial or completed as in the plan's own counts.
  const keyWorkouts = w.key_workouts.map((k): KeyWorkout => ({
    date: k.date,
    kind: k.kind,
    status: complianceStatus({ date: k.date, kind: k.kind }, { activityId: k.matched ? 0 : null, score: k.score }, addDays(weekEnd, 1), k.matched) as KeyWorkout['status'],
    score: k.score,
  }));
  const streaks = summarizeStreaks(w.streak_islands, weekEnd);
  const vdot = w.settings_vdot ?? w.best_vdot;
  return {
    weekStart: w.week_start,
    units: w.unit_system ?? 'metric',
    week: { runs: w.runs, distanceM: w.distance_m, longestRunM: w.longest_run_m, load: w.loaded_runs > 0 ? w.load : null, loadedRuns: w.loaded_runs },
    previousWeek: { runs: w.prev_runs, distanceM: w.prev_distance_m, load: w.prev_loaded_runs > 0 ? w.prev_load : null, loadedRuns: w.prev_loaded_runs },
    average: {
      runs: w.avg_runs, distanceM: w.avg_distance_m, longestRunM: w.avg_longest_run_m,
      load: w.avg_loaded_runs > 0 ? w.avg_load : null, loadedRuns: w.avg_loaded_runs / 4,
    },
    restingHrChange: w.resting_hr_change,
    hrv: {
      weekMs: w.hrv_week_ms, weekReadings: w.hrv_week_readings, baselineMs: w.hrv_baseline_ms,
      baselineSd: w.hrv_baseline_sd, baselineReadings: w.hrv_baseline_readings,
    },
    keyWorkouts,
    form: w.form_as_of === null ? null : { asOf: w.form_as_of, ctl: w.ctl!, atl: w.atl!, tsb: w.tsb! },
    race: w.race_name === null ? null : {
      name: w.race_name, date: w.race_date!, distanceM: w.race_distance_m!, goalTimeS: w.goal_time_s, vdot,
      vdotSource: w.settings_vdot !== null ? 'settings' : w.best_vdot !== null ? 'best_effort' : null,
    },
    streak: streaks.current && streaks.current.length >= STREAK_MIN_DAYS
      ? { current: streaks.current.length, currentEnd: streaks.current.end, longest: streaks.longest?.length ?? streaks.current.length }
      : null,
  };
}

/**
 * Writes each athlete's insights from the current facts: the weekly summary of the last
 * complete week and a line per recent run (two statements for any number of athletes; none
 * when the generator is off).
 */
export async function composeInsights(
  db: Kysely<Database>,
  orgId: number,
  athleteIds: readonly number[],
  now: Date,
  generator: InsightGenerator,
): Promise<Map<number, { weekly: ComposedInsight | null; activities: ComposedInsight[] }>> {
  const result = new Map(athleteIds.map((id) => [id, { weekly: null as ComposedInsight | null, activities: [] as ComposedInsight[] }]));
  if (!generator.enabled) return result;
  const [weeks, runs] = await Promise.all([
    findWeeklyInputs(db, orgId, athleteIds, now),
    findActivityInputs(db, orgId, athleteIds, RECENT_ACTIVITY_INSIGHTS),
  ]);
  const compose = async (athleteId: number, periodStart: string, activityId: number | null, input: InsightFacts, coverage: Coverage): Promise<ComposedInsight | null> => {
    const written = await writeInsight(generator, input);
    if (written === null) return null;
    return {
      athleteId, kind: input.kind === 'weekly' ? 'weekly' : 'activity', periodStart, activityId, sentences: written.sentences, text: written.text,
      inputHash: written.hash, generator: generator.name, generatorVersion: generator.version, coverage,
    };
  };
  for (const w of weeks) {
    const coverage: Coverage = { windowDays: 7, daysWithData: null, runs: w.runs, hrShare: null, loadMethods: null, readings: null };
    result.get(w.athlete_id)!.weekly = await compose(w.athlete_id, w.week_start, null, { kind: 'weekly', facts: weeklyFacts(w) }, coverage);
  }
  for (const r of runs) {
    const facts: ActivityFacts = {
      date: r.local_date, units: r.unit_system ?? 'metric', distanceM: r.distance_m, movingS: r.moving_s, avgHr: r.avg_hr,
      load: r.training_load, loadMethod: r.load_method, usualPace: r.usual_pace,
    };
    const coverage = runCoverage(1, [{ date: r.local_date, method: r.load_method, movingS: r.moving_s, hasHr: r.avg_hr !== null }]);
    const line = await compose(r.athlete_id, r.local_date, r.activity_id, { kind: 'activity', facts }, coverage);
    if (line) result.get(r.athlete_id)!.activities.push(line);
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
  if (!generator.enabled) return;
  // A run line goes with its run: gone when the run is deleted or moved to another local day.
  await sql`
    delete from insights i using activities a
    where i.org_id = ${orgId} and i.subject = 'athlete' and i.kind = 'activity' and i.subject_id ${equalsAny(athleteIds)}
      and a.org_id = i.org_id and a.id = i.activity_id and (a.deleted_at is not null or a.local_date <> i.period_start)`.execute(db);
  const composed = await composeInsights(db, orgId, athleteIds, now, generator);
  await storeInsights(db, orgId, [...composed.values()].flatMap((c) => [...(c.weekly ? [c.weekly] : []), ...c.activities]));
}
