// The structured facts insights are written from, and the sentences the rules make of them.
// Pure data: no database, no GraphQL (docs/metrics.md, Insights).

import type { LoadMethod } from '../load';

export type UnitSystem = 'metric' | 'imperial';

/** The named rules; each sentence of an insight comes from one (docs/metrics.md, Insights). */
export const INSIGHT_RULES = [
  'WEEK_VOLUME', 'DISTANCE_RAMP', 'LONG_RUN', 'WEEK_LOAD', 'LOAD_RAMP', 'KEY_WORKOUTS', 'FORM', 'RESTING_HR',
  'HRV_BASELINE', 'STREAK', 'GOAL_RACE', 'RUN_LINE', 'GROUP_WEEK', 'GROUP_ENGAGEMENT', 'GROUP_TOP_MEMBER',
] as const;
export type InsightRule = (typeof INSIGHT_RULES)[number];

/** How a sentence reads to the athlete: a plain fact, good news, something to watch, or something to act on. */
export type InsightSeverity = 'INFO' | 'POSITIVE' | 'WARNING' | 'ALERT';

/** The unit of a rule input's value: always the API's base units, whatever units the text is written in. */
export type InsightUnit = 'METRES' | 'SECONDS' | 'SECONDS_PER_KM' | 'BEATS_PER_MINUTE' | 'MILLISECONDS' | 'LOAD' | 'RATIO' | 'COUNT' | 'DAYS' | 'VDOT' | 'STANDARD_DEVIATIONS';

/** One named number a rule read. */
export interface InsightInput {
  name: string;
  value: number;
  unit: InsightUnit;
}

/** One sentence of an insight, with the rule that wrote it and the numbers it read. */
export interface InsightSentence {
  rule: InsightRule;
  severity: InsightSeverity;
  text: string;
  inputs: InsightInput[];
}

export interface WeekNumbers {
  runs: number;
  distanceM: number;
  /** Summed load of the runs that have one; null when none of the week's runs has a load. */
  load: number | null;
  /** Runs with a load. */
  loadedRuns: number;
}

/** A key workout (long run, tempo, intervals, race) of the athlete's plan in the week. */
export interface KeyWorkout {
  date: string;
  kind: 'long' | 'tempo' | 'intervals' | 'race';
  status: 'COMPLETED' | 'PARTIAL' | 'MISSED';
  /** Done / planned; null without a matched run or a planned amount. */
  score: number | null;
}

/** Everything the weekly summary of one athlete is written from. */
export interface WeeklyFacts {
  /** Monday of the last complete ISO week in the athlete's zone. */
  weekStart: string;
  units: UnitSystem;
  week: WeekNumbers & { longestRunM: number };
  /** The ISO week before it. */
  previousWeek: WeekNumbers;
  /** Means per week over the 4 weeks before (weeks without runs count as zero); load null when none of their runs has one. */
  average: WeekNumbers & { longestRunM: number };
  /** Mean resting HR of the week − that of the week before; null without readings in both. */
  restingHrChange: number | null;
  /** The week's HRV against the 60 days before it, as geometric means of RMSSD and the SD of daily ln(RMSSD). */
  hrv: { weekMs: number | null; weekReadings: number; baselineMs: number | null; baselineSd: number | null; baselineReadings: number };
  keyWorkouts: KeyWorkout[];
  /** The fitness cache (docs/metrics.md, Fitness): TSB as of its local day `asOf`; null without a cache. */
  form: { asOf: string; ctl: number; atl: number; tsb: number } | null;
  /** The next goal race on or after today when within RACE_HORIZON_DAYS of the week's Sunday (else null), with the VDOT behind its prediction (settings, else the best effort). */
  race: { name: string; date: string; distanceM: number; goalTimeS: number | null; vdot: number | null; vdotSource: 'settings' | 'best_effort' | null } | null;
  /**
   * The active-day streak reaching the week's Sunday or Saturday when it is STREAK_MIN_DAYS
   * long or more, with the longest of all history (src/domain/streaks.ts); null otherwise, so
   * the islands of all history are read only for the athletes who have such a streak.
   */
  streak: { current: number; currentEnd: string; longest: number } | null;
}

/** One run's line. */
export interface ActivityFacts {
  date: string;
  units: UnitSystem;
  distanceM: number;
  movingS: number;
  avgHr: number | null;
  load: number | null;
  loadMethod: LoadMethod | null;
  /** The athlete's average pace over the 28 days before, s/km. */
  usualPace: number | null;
}

/** One group's week (docs/metrics.md, Groups). */
export interface GroupWeekFacts {
  weekStart: string;
  /** False for the current week: its figures run Monday to today, against the same days of the 4 weeks before. */
  complete: boolean;
  daysElapsed: number;
  /** The organization has no unit setting: group text is metric. */
  units: UnitSystem;
  groupName: string;
  members: number;
  engaged: number;
  runs: number;
  distanceM: number;
  /** Means per week over the 4 weeks before (the same days of them for the current week). */
  average: { runs: number; distanceM: number; engaged: number };
  topMember: { name: string; distanceM: number } | null;
}

export type InsightKind = 'weekly' | 'activity' | 'group';
export type InsightFacts =
  | { kind: 'weekly'; facts: WeeklyFacts }
  | { kind: 'activity'; facts: ActivityFacts }
  | { kind: 'group'; facts: GroupWeekFacts };

/** A rule: named, reads facts, writes at most one sentence (null when it has nothing to say or a number it needs is missing). */
export interface Rule<F> {
  rule: InsightRule;
  apply(facts: F): InsightSentence | null;
}
