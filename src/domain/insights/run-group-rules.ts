// The rules of a run's line and of a group's week (docs/metrics.md, Insights). Pure.

import type { LoadMethod } from '../load';
import { distance, formatDuration, input, pace, paceSeconds, paceUnit, percentChange, plural, sentence, shortDate, versusAverage } from './format';
import type { ActivityFacts, GroupWeekFacts, InsightSentence, Rule } from './types';

const LOAD_METHOD_WORDS: Record<LoadMethod, string> = {
  trimp: 'TRIMP', pace: 'pace-based', session_rpe: 'session RPE', duration: 'estimated from duration only',
};

const runLine: Rule<ActivityFacts> = {
  rule: 'RUN_LINE',
  apply(run) {
    const { units } = run;
    const inputs = [input('distance', run.distanceM, 'METRES'), input('movingTime', run.movingS, 'SECONDS')];
    const ownPace = run.distanceM > 0 && run.movingS > 0 ? run.movingS / (run.distanceM / 1000) : null;
    const parts = [ownPace === null
      ? `${shortDate(run.date)}: ${run.distanceM > 0 ? distance(run.distanceM, units) : 'a run with no distance recorded'}${run.movingS > 0 ? ` in ${formatDuration(run.movingS)}` : ''}`
      : `${shortDate(run.date)}: ${distance(run.distanceM, units)} in ${formatDuration(run.movingS)} (${pace(ownPace, units)})`];
    if (ownPace !== null) inputs.push(input('pace', ownPace, 'SECONDS_PER_KM'));
    if (ownPace !== null && run.usualPace !== null && run.usualPace > 0) {
      const diff = Math.round(paceSeconds(ownPace, units) - paceSeconds(run.usualPace, units));
      parts.push(diff === 0 ? 'right on the 28-day average pace' : `${Math.abs(diff)} s/${paceUnit(units)} ${diff < 0 ? 'faster' : 'slower'} than the 28-day average`);
      inputs.push(input('usualPace', run.usualPace, 'SECONDS_PER_KM'));
    }
    if (run.avgHr !== null) {
      parts.push(`average HR ${Math.round(run.avgHr)}`);
      inputs.push(input('averageHr', run.avgHr, 'BEATS_PER_MINUTE'));
    }
    // A load of 0 is a run of no moving time; a null one had no method: neither says anything.
    if (run.load !== null && run.load > 0 && run.loadMethod !== null) {
      parts.push(`load ${Math.round(run.load)} (${LOAD_METHOD_WORDS[run.loadMethod]})`);
      inputs.push(input('load', run.load, 'LOAD'));
    }
    return sentence('RUN_LINE', 'INFO', `${parts.join(', ')}.`, inputs);
  },
};

export const ACTIVITY_RULES: readonly Rule<ActivityFacts>[] = [runLine];

/** "Week of 9 Mar" or, for the current week, "Week of 16 Mar to date (3 days)". */
const weekOpening = (g: GroupWeekFacts) => `Week of ${shortDate(g.weekStart)}${g.complete ? '' : ` to date (${plural(g.daysElapsed, 'day')})`}`;
/** What the week is compared with: whole weeks, or the same days of them for the current week. */
const span = (g: GroupWeekFacts) => (g.complete ? 'the 4 weeks before' : 'the same days of the 4 weeks before');
/** "a week over the 4 weeks before", or "on average over the same days of the 4 weeks before". */
const perWeek = (g: GroupWeekFacts) => (g.complete ? 'a week over the 4 weeks before' : 'on average over the same days of the 4 weeks before');

/** "140% more than the same days of the 4 weeks before (1.3 km on average)"; the base must be above 0. */
function versusSameDays(value: number, average: number, written: (v: number) => string): string {
  const pct = percentChange(value, average);
  const base = `the same days of the 4 weeks before (${written(average)} on average)`;
  return pct === 0 ? `level with ${base}` : `${Math.abs(pct)}% ${pct > 0 ? 'more' : 'less'} than ${base}`;
}

const groupWeek: Rule<GroupWeekFacts> = {
  rule: 'GROUP_WEEK',
  apply(g) {
    const opening = weekOpening(g);
    const d = (m: number) => distance(m, g.units);
    const inputs = [input('members', g.members, 'COUNT'), input('runs', g.runs, 'COUNT'), input('distance', g.distanceM, 'METRES'),
      input('averageRuns', g.average.runs, 'COUNT'), input('averageDistance', g.average.distanceM, 'METRES')];
    if (g.members === 0) return sentence('GROUP_WEEK', 'INFO', `${opening}: ${g.groupName} has no members yet.`, inputs);
    if (g.runs === 0) {
      const text = g.average.runs === 0
        ? `${opening}: no runs in ${g.groupName}, nor in ${span(g)}.`
        : `${opening}: no runs in ${g.groupName}, against ${g.average.runs.toFixed(1)} runs and ${d(g.average.distanceM)} ${perWeek(g)}.`;
      return sentence('GROUP_WEEK', g.average.runs === 0 ? 'INFO' : 'WARNING', text, inputs);
    }
    if (g.distanceM <= 0) return sentence('GROUP_WEEK', 'INFO', `${opening}: ${g.groupName} logged ${plural(g.runs, 'run')}, none with a distance recorded.`, inputs);
    const comparison = g.average.runs === 0
      ? `with no runs in ${span(g)}`
      : g.average.distanceM > 0
        ? g.complete ? versusAverage(g.distanceM, g.average.distanceM, d) : versusSameDays(g.distanceM, g.average.distanceM, d)
        : `with no distance recorded in ${span(g)}`;
    return sentence('GROUP_WEEK', 'INFO', `${opening}: ${g.groupName} ran ${d(g.distanceM)} over ${plural(g.runs, 'run')}, ${comparison}.`, inputs);
  },
};

const groupEngagement: Rule<GroupWeekFacts> = {
  rule: 'GROUP_ENGAGEMENT',
  apply(g) {
    // Without members, or with no run this week nor before, the week's sentence said it all.
    if (g.members === 0 || (g.runs === 0 && g.average.runs === 0)) return null;
    const rate = Math.round((g.engaged / g.members) * 100);
    const inputs = [input('engaged', g.engaged, 'COUNT'), input('members', g.members, 'COUNT'), input('rate', g.engaged / g.members, 'RATIO'), input('averageEngaged', g.average.engaged, 'COUNT')];
    const who = g.engaged === 0 ? `None of the ${plural(g.members, 'member')} ran` : `${g.engaged} of ${plural(g.members, 'member')} ran (${rate}%)`;
    const against = g.average.runs === 0 ? '' : `, against ${g.average.engaged.toFixed(1)} ${perWeek(g)}`;
    return sentence('GROUP_ENGAGEMENT', 'INFO', `${who}${against}.`, inputs);
  },
};

const groupTopMember: Rule<GroupWeekFacts> = {
  rule: 'GROUP_TOP_MEMBER',
  apply(g) {
    if (!g.topMember || g.topMember.distanceM <= 0) return null;
    return sentence('GROUP_TOP_MEMBER', 'INFO', `Most distance: ${g.topMember.name}, ${distance(g.topMember.distanceM, g.units)}.`, [input('distance', g.topMember.distanceM, 'METRES')]);
  },
};

export const GROUP_RULES: readonly Rule<GroupWeekFacts>[] = [groupWeek, groupEngagement, groupTopMember];

export const activitySentences = (facts: ActivityFacts): InsightSentence[] => ACTIVITY_RULES.flatMap((r) => r.apply(facts) ?? []);
export const groupSentences = (facts: GroupWeekFacts): InsightSentence[] => GROUP_RULES.flatMap((r) => r.apply(facts) ?? []);
