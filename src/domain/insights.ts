import { createHash } from 'node:crypto';
import { formatDuration } from './vdot';
import type { LoadMethod } from './load';

const LOAD_METHOD_WORDS: Record<LoadMethod, string> = {
  trimp: 'TRIMP', pace: 'pace-based', session_rpe: 'session RPE', duration: 'estimated from duration only',
};

// Insight text from numbers. The generator is an interface so another one (a language
// model, chosen by configuration) can replace the deterministic one; none is called now.

export interface WeekNumbers {
  runs: number;
  distanceM: number;
  longestRunM: number;
  load: number;
}

export interface WeeklyInput {
  weekStart: string;
  week: WeekNumbers;
  /** Mean of the 4 weeks before it. */
  average: WeekNumbers;
  restingHrChange: number | null;
  hrvChangeMs: number | null;
}

export interface ActivityInput {
  date: string;
  distanceM: number;
  movingS: number;
  avgHr: number | null;
  load: number | null;
  loadMethod: LoadMethod | null;
  /** The athlete's average pace over the 28 days before, s/km. */
  usualPace: number | null;
}

export interface GroupWeekInput {
  weekStart: string;
  groupName: string;
  members: number;
  engaged: number;
  runs: number;
  distanceM: number;
  /** Means per week over the 4 weeks before. */
  average: { runs: number; distanceM: number; engaged: number };
  topMember: { name: string; distanceM: number } | null;
}

export interface InsightGenerator {
  name: string;
  version: string;
  weekly(input: WeeklyInput): string;
  activity(input: ActivityInput): string;
  group(input: GroupWeekInput): string;
}

const km = (m: number) => `${(m / 1000).toFixed(1)} km`;
const pace = (sPerKm: number) => {
  const total = Math.round(sPerKm);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}/km`;
};
const longDate = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

function versus(value: number, average: number, unit: (v: number) => string): string {
  if (average <= 0) return value > 0 ? `with no runs in the 4 weeks before` : '';
  const pct = Math.round(((value - average) / average) * 100);
  if (pct === 0) return `level with the 4-week average of ${unit(average)}`;
  return `${Math.abs(pct)}% ${pct > 0 ? 'more' : 'less'} than the 4-week average of ${unit(average)}`;
}

/** Plain, specific sentences from the numbers; the same numbers always give the same text. */
export const plainInsights: InsightGenerator = {
  name: 'stride-plain',
  version: '1',
  weekly(input) {
    const { week, average } = input;
    const opening = `Week of ${longDate(input.weekStart)}`;
    if (week.runs === 0) {
      return `${opening}: no runs, against ${average.runs.toFixed(1)} runs and ${km(average.distanceM)} a week over the 4 weeks before.`;
    }
    const sentences = [
      `${opening}: ${km(week.distanceM)} over ${week.runs} run${week.runs === 1 ? '' : 's'}, ${versus(week.distanceM, average.distanceM, km)}.`,
      `Longest run ${km(week.longestRunM)}${average.longestRunM > 0 ? ` (4-week average ${km(average.longestRunM)})` : ''}.`,
      `Training load ${Math.round(week.load)}${average.load > 0 ? `, ${versus(week.load, average.load, (v) => String(Math.round(v)))}` : ''}.`,
    ];
    if (input.restingHrChange !== null && Math.abs(input.restingHrChange) >= 2) {
      sentences.push(`Resting HR ${Math.abs(Math.round(input.restingHrChange))} bpm ${input.restingHrChange > 0 ? 'higher' : 'lower'} than the week before.`);
    }
    if (input.hrvChangeMs !== null && Math.abs(input.hrvChangeMs) >= 5) {
      sentences.push(`HRV ${Math.abs(Math.round(input.hrvChangeMs))} ms ${input.hrvChangeMs > 0 ? 'higher' : 'lower'} than the week before.`);
    }
    return sentences.join(' ');
  },
  activity(input) {
    const ownPace = input.distanceM > 0 ? input.movingS / (input.distanceM / 1000) : null;
    const parts = [`${longDate(input.date)}: ${km(input.distanceM)} in ${formatDuration(input.movingS)}${ownPace ? ` (${pace(ownPace)})` : ''}`];
    if (ownPace && input.usualPace) {
      const diff = Math.round(ownPace - input.usualPace);
      parts.push(diff === 0 ? 'right on the 28-day average pace' : `${Math.abs(diff)} s/km ${diff < 0 ? 'faster' : 'slower'} than the 28-day average`);
    }
    if (input.avgHr !== null) parts.push(`average HR ${Math.round(input.avgHr)}`);
    if (input.load !== null) parts.push(`load ${Math.round(input.load)} (${input.loadMethod ? LOAD_METHOD_WORDS[input.loadMethod] : 'no method'})`);
    return `${parts.join(', ')}.`;
  },
  group(input) {
    const opening = `Week of ${longDate(input.weekStart)}`;
    if (input.members === 0) return `${opening}: ${input.groupName} has no members yet.`;
    const rate = Math.round((input.engaged / input.members) * 100);
    const sentences = [
      `${opening}: ${input.groupName} ran ${km(input.distanceM)} over ${input.runs} run${input.runs === 1 ? '' : 's'}, ${versus(input.distanceM, input.average.distanceM, km)}.`,
      `${input.engaged} of ${input.members} members ran (${rate}%), against ${input.average.engaged.toFixed(1)} a week over the 4 weeks before.`,
    ];
    if (input.topMember && input.topMember.distanceM > 0) sentences.push(`Most distance: ${input.topMember.name}, ${km(input.topMember.distanceM)}.`);
    return sentences.join(' ');
  },
};

/** Generators selectable by configuration (INSIGHT_GENERATOR). A language-model one would register here. */
export const insightGenerators = { plain: plainInsights } satisfies Record<string, InsightGenerator>;
export type InsightGeneratorName = keyof typeof insightGenerators;

/** Fingerprint of the numbers and the generator: a stored insight is current when it matches. */
export function insightHash(generator: InsightGenerator, input: WeeklyInput | ActivityInput | GroupWeekInput): string {
  return createHash('sha256').update(`${generator.name}@${generator.version}:${JSON.stringify(input)}`).digest('hex').slice(0, 32);
}
