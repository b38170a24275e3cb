// The rules of the weekly summary, in the order their sentences appear (docs/metrics.md,
// Insights, lists each with its inputs, thresholds and an example). Pure.

import { addDays } from '../time';
import { daysBetween } from '../buckets';
import { predictRaceTime } from '../vdot';
import { distance, formatDuration, gap, input, percentChange, plural, sentence, shortDate, versusAverage, weekday } from './format';
import type { InsightInput, InsightSentence, KeyWorkout, Rule, WeeklyFacts } from './types';

/** Week-over-week increase (whole percent) above which a ramp warns, and above which it is flagged. */
export const RAMP_WARN_PERCENT = 10;
export const RAMP_ALERT_PERCENT = 30;
/**
 * The longest run's share of the week (whole percent) above which it warns, with 3 runs or
 * more: more than half the week in one run. 40% warned on nearly half the demo's weeks.
 */
export const LONG_RUN_SHARE_MAX_PERCENT = 50;
/** Form (TSB) at or below this is very negative. */
export const TSB_VERY_NEGATIVE = -30;
/** Resting HR change (bpm) worth a sentence, and a rise worth a warning. */
export const RESTING_HR_NOTABLE = 2;
export const RESTING_HR_WARN = 5;
/** HRV: the week's geometric mean this many SDs of daily ln(RMSSD) below the 60-day baseline, with enough readings. */
export const HRV_BELOW_SD = 1;
export const HRV_MIN_WEEK_READINGS = 4;
export const HRV_MIN_BASELINE_READINGS = 14;
/** A current active-day streak of this many days is worth a sentence. */
export const STREAK_MIN_DAYS = 7;
/** A goal race this many days or fewer after the week's Sunday is coming. */
export const RACE_HORIZON_DAYS = 84;

const KIND_WORDS: Record<KeyWorkout['kind'], string> = { long: 'long run', tempo: 'tempo run', intervals: 'intervals', race: 'race' };

const weekVolume: Rule<WeeklyFacts> = {
  rule: 'WEEK_VOLUME',
  apply({ weekStart, week, average, units }) {
    const opening = `Week of ${shortDate(weekStart)}`;
    const d = (m: number) => distance(m, units);
    const inputs = [input('runs', week.runs, 'COUNT'), input('distance', week.distanceM, 'METRES'), input('averageRuns', average.runs, 'COUNT'), input('averageDistance', average.distanceM, 'METRES')];
    if (week.runs === 0) {
      const text = average.runs === 0
        ? `${opening}: no runs, nor in the 4 weeks before.`
        : `${opening}: no runs, against ${average.runs.toFixed(1)} runs and ${d(average.distanceM)} a week over the 4 weeks before.`;
      return sentence('WEEK_VOLUME', average.runs === 0 ? 'INFO' : 'WARNING', text, inputs);
    }
    if (week.distanceM <= 0) return sentence('WEEK_VOLUME', 'INFO', `${opening}: ${plural(week.runs, 'run')}, none with a distance recorded.`, inputs);
    const comparison = average.runs === 0
      ? 'with no runs in the 4 weeks before'
      : average.distanceM > 0 ? versusAverage(week.distanceM, average.distanceM, d) : 'with no distance recorded in the 4 weeks before';
    return sentence('WEEK_VOLUME', 'INFO', `${opening}: ${d(week.distanceM)} over ${plural(week.runs, 'run')}, ${comparison}.`, inputs);
  },
};

/** "up 18% on the week before (30.0 km to 35.4 km)" with its severity, or null at 10% or less. */
function ramp(what: string, previous: number, current: number, written: (v: number) => string, inputs: InsightInput[], rule: 'DISTANCE_RAMP' | 'LOAD_RAMP'): InsightSentence | null {
  if (!(previous > 0) || !(current > 0)) return null;
  const pct = percentChange(current, previous);
  if (pct <= RAMP_WARN_PERCENT) return null;
  const head = `${what} up ${pct}% on the week before (${written(previous)} to ${written(current)})`;
  const all = [...inputs, input('change', pct / 100, 'RATIO')];
  if (pct > RAMP_ALERT_PERCENT) return sentence(rule, 'ALERT', `${head}: a jump of more than ${RAMP_ALERT_PERCENT}% raises the risk of injury; hold this level or ease back next week.`, all);
  return sentence(rule, 'WARNING', `${head}, more than the ${RAMP_WARN_PERCENT}% a week usually advised.`, all);
}

const distanceRamp: Rule<WeeklyFacts> = {
  rule: 'DISTANCE_RAMP',
  apply: ({ week, previousWeek, units }) =>
    ramp('Distance', previousWeek.distanceM, week.distanceM, (m) => distance(m, units),
      [input('previousDistance', previousWeek.distanceM, 'METRES'), input('distance', week.distanceM, 'METRES')], 'DISTANCE_RAMP'),
};

const longRun: Rule<WeeklyFacts> = {
  rule: 'LONG_RUN',
  apply({ week, average, units }) {
    if (week.runs < 2 || week.longestRunM <= 0 || week.distanceM <= 0) return null;
    const share = week.longestRunM / week.distanceM;
    const inputs = [input('longestRun', week.longestRunM, 'METRES'), input('distance', week.distanceM, 'METRES'), input('share', share, 'RATIO'), input('averageLongestRun', average.longestRunM, 'METRES')];
    const percent = Math.round(share * 100);
    const head = `Longest run ${distance(week.longestRunM, units)}, ${percent}% of the week${average.longestRunM > 0 ? ` (4-week average ${distance(average.longestRunM, units)})` : ''}`;
    if (week.runs >= 3 && percent > LONG_RUN_SHARE_MAX_PERCENT) {
      return sentence('LONG_RUN', 'WARNING', `${head}: more than half of the week in one run; spread the distance over the other days.`, inputs);
    }
    return sentence('LONG_RUN', 'INFO', `${head}.`, inputs);
  },
};

const weekLoad: Rule<WeeklyFacts> = {
  rule: 'WEEK_LOAD',
  apply({ week, average }) {
    if (week.load === null || week.load <= 0) return null;
    const inputs = [input('load', week.load, 'LOAD'), input('runsWithLoad', week.loadedRuns, 'COUNT'), input('runs', week.runs, 'COUNT')];
    const partial = week.loadedRuns < week.runs ? ` from ${week.loadedRuns} of ${week.runs} runs` : '';
    const r = (v: number) => String(Math.round(v));
    if (average.load === null || average.load <= 0) return sentence('WEEK_LOAD', 'INFO', `Training load ${r(week.load)}${partial}.`, inputs);
    return sentence('WEEK_LOAD', 'INFO', `Training load ${r(week.load)}${partial}, ${versusAverage(week.load, average.load, r)}.`, [...inputs, input('averageLoad', average.load, 'LOAD')]);
  },
};

const loadRamp: Rule<WeeklyFacts> = {
  rule: 'LOAD_RAMP',
  apply: ({ week, previousWeek }) =>
    week.load === null || previousWeek.load === null
      ? null
      : ramp('Training load', previousWeek.load, week.load, (v) => String(Math.round(v)),
        [input('previousLoad', previousWeek.load, 'LOAD'), input('load', week.load, 'LOAD')], 'LOAD_RAMP'),
};

const keyWorkouts: Rule<WeeklyFacts> = {
  rule: 'KEY_WORKOUTS',
  apply({ keyWorkouts: workouts }) {
    if (workouts.length === 0) return null;
    const count = (status: KeyWorkout['status']) => workouts.filter((w) => w.status === status);
    const [done, partial, missed] = [count('COMPLETED'), count('PARTIAL'), count('MISSED')];
    const inputs = [input('planned', workouts.length, 'COUNT'), input('completed', done.length, 'COUNT'), input('partial', partial.length, 'COUNT'), input('missed', missed.length, 'COUNT')];
    const item = (w: KeyWorkout) => `${KIND_WORDS[w.kind]} on ${weekday(w.date)}`;
    const ofPlan = (w: KeyWorkout) => (w.score === null ? '' : ` at ${Math.round(w.score * 100)}% of the plan`);
    const severity = missed.length > 0 ? 'WARNING' : partial.length > 0 ? 'INFO' : 'POSITIVE';
    if (workouts.length === 1) {
      const [w] = workouts;
      const text = w.status === 'COMPLETED' ? `Key workout done: ${item(w)}.`
        : w.status === 'PARTIAL' ? `Key workout partly done: ${item(w)}${ofPlan(w)}.`
          : `Key workout missed: ${item(w)}${w.score === null ? '' : ` (a run${ofPlan(w)})`}.`;
      return sentence('KEY_WORKOUTS', severity, text, inputs);
    }
    if (done.length === workouts.length) return sentence('KEY_WORKOUTS', severity, `Key workouts: all ${workouts.length} done (${done.map(item).join(', ')}).`, inputs);
    if (done.length === 0 && partial.length === 0) return sentence('KEY_WORKOUTS', severity, `Key workouts missed: ${missed.map(item).join(', ')}.`, inputs);
    const parts = [done.length ? `Key workouts: ${done.length} of ${workouts.length} done (${done.map(item).join(', ')})` : `Key workouts: none of ${workouts.length} fully done`];
    if (missed.length) parts.push(`${missed.map(item).join(', ')} missed`);
    if (partial.length) parts.push(`${partial.map((w) => `${item(w)}${ofPlan(w)}`).join(', ')}`);
    return sentence('KEY_WORKOUTS', severity, `${parts.join('; ')}.`, inputs);
  },
};

const form: Rule<WeeklyFacts> = {
  rule: 'FORM',
  apply({ form: f, weekStart }) {
    // A cache older than the week says nothing about it (form has recovered since, without load).
    if (f === null || f.asOf < weekStart || f.tsb > TSB_VERY_NEGATIVE) return null;
    return sentence('FORM', 'WARNING',
      `Form (TSB) ${Math.round(f.tsb)} on ${shortDate(f.asOf)}, with fatigue (ATL ${Math.round(f.atl)}) well above fitness (CTL ${Math.round(f.ctl)}): easy days now let it recover before the next hard session.`,
      [input('tsb', f.tsb, 'LOAD'), input('ctl', f.ctl, 'LOAD'), input('atl', f.atl, 'LOAD'), input('threshold', TSB_VERY_NEGATIVE, 'LOAD')]);
  },
};

const restingHr: Rule<WeeklyFacts> = {
  rule: 'RESTING_HR',
  apply({ restingHrChange: change }) {
    if (change === null || Math.abs(change) < RESTING_HR_NOTABLE) return null;
    const bpm = Math.abs(Math.round(change));
    return sentence('RESTING_HR', change >= RESTING_HR_WARN ? 'WARNING' : 'INFO', `Resting HR ${bpm} bpm ${change > 0 ? 'higher' : 'lower'} than the week before.`, [input('change', change, 'BEATS_PER_MINUTE')]);
  },
};

const hrvBaseline: Rule<WeeklyFacts> = {
  rule: 'HRV_BASELINE',
  apply({ hrv }) {
    if (hrv.weekMs === null || hrv.baselineMs === null || hrv.baselineSd === null || !(hrv.baselineSd > 0)) return null;
    if (hrv.weekReadings < HRV_MIN_WEEK_READINGS || hrv.baselineReadings < HRV_MIN_BASELINE_READINGS) return null;
    const sds = (Math.log(hrv.weekMs) - Math.log(hrv.baselineMs)) / hrv.baselineSd;
    if (sds > -HRV_BELOW_SD) return null;
    return sentence('HRV_BASELINE', sds <= -2 * HRV_BELOW_SD ? 'ALERT' : 'WARNING',
      `HRV averaged ${Math.round(hrv.weekMs)} ms over ${hrv.weekReadings} readings, below the 60-day baseline of ${Math.round(hrv.baselineMs)} ms by ${Math.abs(sds).toFixed(1)} SD: recovery may be lagging, so keep the easy days easy.`,
      [input('week', hrv.weekMs, 'MILLISECONDS'), input('weekReadings', hrv.weekReadings, 'COUNT'), input('baseline', hrv.baselineMs, 'MILLISECONDS'),
        input('baselineReadings', hrv.baselineReadings, 'COUNT'), input('belowBaseline', -sds, 'STANDARD_DEVIATIONS')]);
  },
};

const streak: Rule<WeeklyFacts> = {
  rule: 'STREAK',
  apply({ streak: s }) {
    if (s === null || s.current < STREAK_MIN_DAYS) return null;
    const tail = s.current >= s.longest ? ', the longest streak yet' : ` (longest: ${s.longest} days)`;
    return sentence('STREAK', 'POSITIVE', `${s.current} days in a row with a run up to ${weekday(s.currentEnd)} ${shortDate(s.currentEnd)}${tail}.`,
      [input('current', s.current, 'DAYS'), input('longest', s.longest, 'DAYS')]);
  },
};

const goalRace: Rule<WeeklyFacts> = {
  rule: 'GOAL_RACE',
  apply({ race, weekStart }) {
    if (race === null) return null;
    const daysAway = daysBetween(addDays(weekStart, 6), race.date);
    if (daysAway < 0 || daysAway > RACE_HORIZON_DAYS) return null;
    const opening = `${race.name} on ${shortDate(race.date)}`;
    const inputs = [input('distance', race.distanceM, 'METRES'), input('daysAfterWeek', daysAway, 'DAYS')];
    if (race.goalTimeS !== null) inputs.push(input('goalTime', race.goalTimeS, 'SECONDS'));
    if (race.vdot === null) {
      return sentence('GOAL_RACE', 'INFO', race.goalTimeS === null ? `Coming up: ${opening}.` : `Coming up: ${opening}, goal ${formatDuration(race.goalTimeS)}.`, inputs);
    }
    const predicted = Math.round(predictRaceTime(race.vdot, race.distanceM));
    inputs.push(input('vdot', race.vdot, 'VDOT'), input('predictedTime', predicted, 'SECONDS'));
    const from = `VDOT ${race.vdot.toFixed(1)}${race.vdotSource === 'settings' ? ' from settings' : ', the best run of the last 180 days'}`;
    const head = `${opening}: predicted ${formatDuration(predicted)} (${from})`;
    if (race.goalTimeS === null) return sentence('GOAL_RACE', 'INFO', `${head}.`, inputs);
    const behind = predicted - race.goalTimeS;
    const versus = behind === 0 ? `right on the ${formatDuration(race.goalTimeS)} goal`
      : `${gap(behind)} ${behind > 0 ? 'slower' : 'faster'} than the ${formatDuration(race.goalTimeS)} goal`;
    return sentence('GOAL_RACE', behind > 0 ? 'INFO' : 'POSITIVE', `${head}, ${versus}.`, [...inputs, input('gapToGoal', behind, 'SECONDS')]);
  },
};

/** The weekly summary's rules, in the order their sentences appear. */
export const WEEKLY_RULES: readonly Rule<WeeklyFacts>[] = [weekVolume, distanceRamp, longRun, weekLoad, loadRamp, keyWorkouts, form, restingHr, hrvBaseline, streak, goalRace];

export function weeklySentences(facts: WeeklyFacts): InsightSentence[] {
  return WEEKLY_RULES.flatMap((r) => r.apply(facts) ?? []);
}
