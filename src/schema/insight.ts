import { builder } from './builder';
import { Athlete } from './athlete';
import { parseId } from './ids';
import { composeInsights, refreshInsights, type ComposedInsight } from '../ingest/insights';
import { findStoredInsights, type StoredInsightRow } from '../repositories/insights';
import { findAthletesByIds } from '../repositories/athletes';
import { notFound } from '../errors';
import type { Context } from '../context';
import { MetricBasisRef } from './metric-basis';
import { estimatedInputsFor } from './load-basis';
import { tracedBatch } from '../observability/tracing';
import {
  HRV_BELOW_SD, HRV_MIN_BASELINE_READINGS, HRV_MIN_WEEK_READINGS, LONG_RUN_SHARE_MAX_PERCENT, RACE_HORIZON_DAYS, RAMP_ALERT_PERCENT, RAMP_WARN_PERCENT,
  RESTING_HR_NOTABLE, STREAK_MIN_DAYS, TSB_VERY_NEGATIVE, type InsightInput, type InsightRule, type InsightSentence, type InsightSeverity, type InsightUnit,
} from '../domain/insights';

interface InsightShape extends ComposedInsight {
  storedAt: Date | null;
}

interface AthleteInsightsShape {
  weeklySummary: InsightShape | null;
  recentActivities: InsightShape[];
}

const RULE_DESCRIPTIONS: Record<InsightRule, string> = {
  WEEK_VOLUME: 'Weekly: distance and runs of the week against the mean of the 4 weeks before.',
  DISTANCE_RAMP: `Weekly: distance up more than ${RAMP_WARN_PERCENT}% on the week before (WARNING), more than ${RAMP_ALERT_PERCENT}% (ALERT).`,
  LONG_RUN: `Weekly (2 runs or more): the longest run and its share of the week's distance; WARNING above ${LONG_RUN_SHARE_MAX_PERCENT}% with 3 runs or more.`,
  WEEK_LOAD: "Weekly: the week's training load against the 4-week average; only when a run of the week has a load.",
  LOAD_RAMP: `Weekly: training load up more than ${RAMP_WARN_PERCENT}% on the week before (WARNING), more than ${RAMP_ALERT_PERCENT}% (ALERT).`,
  KEY_WORKOUTS: "Weekly: the plan's long runs, tempo runs, intervals and races of the week, done, partly done or missed.",
  FORM: `Weekly: form (TSB) of the fitness cache at or below ${TSB_VERY_NEGATIVE}, when the cache is from the week or later.`,
  RESTING_HR: `Weekly: mean resting HR ${RESTING_HR_NOTABLE} bpm or more away from the week before.`,
  HRV_BASELINE: `Weekly: the week's HRV (geometric mean, ${HRV_MIN_WEEK_READINGS}+ readings) ${HRV_BELOW_SD} SD or more below the 60 days before (${HRV_MIN_BASELINE_READINGS}+ readings).`,
  STREAK: `Weekly: a streak of ${STREAK_MIN_DAYS} or more days in a row with a run, reaching the week's Saturday or Sunday.`,
  GOAL_RACE: `Weekly: the next goal race, when within ${RACE_HORIZON_DAYS} days of the week's Sunday, with the VDOT prediction against the goal time.`,
  RUN_LINE: "Per run: distance, time, pace against the 28-day average, average HR, load and its method.",
  GROUP_WEEK: "Group: the group's distance and runs against the 4 weeks before (the same days of them for the current week).",
  GROUP_ENGAGEMENT: 'Group: members who ran against the 4 weeks before.',
  GROUP_TOP_MEMBER: 'Group: the member with the most distance.',
};

const InsightRuleEnum = builder.enumType('InsightRule', {
  description: 'The rule a sentence of an insight comes from (docs/metrics.md, Insights, lists each with its inputs and thresholds).',
  values: Object.fromEntries(Object.entries(RULE_DESCRIPTIONS).map(([name, description]) => [name, { description }])) as Record<InsightRule, { description: string }>,
});

const InsightSeverityEnum = builder.enumType('InsightSeverity', {
  description: 'How a sentence reads to the athlete.',
  values: {
    INFO: { description: 'A plain fact.' },
    POSITIVE: { description: 'Good news: key workouts all done, a streak, a prediction at or faster than the goal.' },
    WARNING: { description: 'Something to watch: a ramp above 10%, a long run above half the week, a missed key workout, very negative form, HRV below baseline.' },
    ALERT: { description: 'Something to act on: a ramp above 30%, HRV 2 SD or more below baseline.' },
  } satisfies Record<InsightSeverity, { description: string }>,
});

const InsightUnitEnum = builder.enumType('InsightUnit', {
  description: "The unit of a rule input's value: always the API's base units, whatever units the text is written in.",
  values: {
    METRES: { description: 'Metres.' },
    SECONDS: { description: 'Seconds.' },
    SECONDS_PER_KM: { description: 'Pace, seconds per km.' },
    BEATS_PER_MINUTE: { description: 'Heart rate, bpm.' },
    MILLISECONDS: { description: 'HRV (RMSSD), ms.' },
    LOAD: { description: 'Training load points, or CTL/ATL/TSB in the same points per day (docs/metrics.md, Training load, Fitness).' },
    RATIO: { description: 'A share or a change: 0.1 = 10%.' },
    COUNT: { description: 'A count (runs, workouts, members); a mean per week may have decimals.' },
    DAYS: { description: 'Days.' },
    VDOT: { description: 'Daniels-Gilbert VDOT, ml/kg/min.' },
    STANDARD_DEVIATIONS: { description: 'Standard deviations of the baseline (HRV: of daily ln(RMSSD)).' },
  } satisfies Record<InsightUnit, { description: string }>,
});

const InsightInputRef = builder.objectRef<InsightInput>('InsightInput').implement({
  description: 'One named number a rule read, in base units (metres, seconds, s/km), so a client can show why a sentence was written.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Stable name within the rule, e.g. distance, previousDistance, change, tsb (docs/metrics.md, Insights).' }),
    value: t.exposeFloat('value', { description: 'The value, unrounded.' }),
    unit: t.expose('unit', { type: InsightUnitEnum, description: 'What the value is measured in.' }),
  }),
});

export const InsightSentenceRef = builder.objectRef<InsightSentence>('InsightSentence').implement({
  description: 'One sentence of an insight: the rule that wrote it, how it reads, its text and the numbers it read.',
  fields: (t) => ({
    rule: t.expose('rule', { type: InsightRuleEnum, description: 'The rule that wrote the sentence.' }),
    severity: t.expose('severity', { type: InsightSeverityEnum, description: 'INFO, POSITIVE, WARNING or ALERT.' }),
    text: t.exposeString('text', { description: "The sentence, in the athlete's units (km or mi, pace per km or per mile); the organization's (km) for groups." }),
    inputs: t.expose('inputs', { type: [InsightInputRef], description: 'The named numbers the rule read, in base units.' }),
  }),
});

const InsightKind = builder.enumType('InsightKind', {
  description: 'What an insight is about (docs/metrics.md, Insights).',
  values: {
    WEEKLY: { value: 'weekly', description: "The last complete ISO week in the athlete's zone: volume, ramps, long run, load, key workouts, form, resting HR, HRV, streak and the goal race (rules WEEK_VOLUME to GOAL_RACE)." },
    ACTIVITY: { value: 'activity', description: "One run: distance, time, pace against the athlete's average pace over the 28 days before it, average HR, load and its method (rule RUN_LINE)." },
  } as const,
});

const Insight = builder.objectRef<InsightShape>('Insight').implement({
  description: "Text written from the numbers: named rules each write a sentence from their inputs, in the athlete's units, and a named, versioned generator writes them out (docs/metrics.md, Insights).",
  fields: (t) => ({
    kind: t.expose('kind', { type: InsightKind, description: 'Weekly summary or one run.' }),
    periodStart: t.expose('periodStart', { type: 'Date', description: 'The week\'s Monday, or the run\'s local date.' }),
    activityId: t.exposeID('activityId', { nullable: true, description: 'The run an ACTIVITY insight is about; null for WEEKLY.' }),
    text: t.exposeString('text', { description: 'The sentences joined with a space, written from numbers only.' }),
    sentences: t.expose('sentences', { type: [InsightSentenceRef], description: 'Each sentence with the rule that wrote it and the numbers it read; a rule whose numbers could not be computed writes none.' }),
    generator: t.exposeString('generator', { description: 'Name of the generator that wrote it (stride-plain by default; docs/metrics.md, Insights).' }),
    generatorVersion: t.exposeString('generatorVersion', { description: 'Version of the generator; it moves when the wording or numbers used change.' }),
    basis: t.field({
      type: MetricBasisRef,
      description: 'What the text stands on: its generator (name and version), the runs behind it, and the estimated inputs of their loads.',
      resolve: async (i, _args, ctx) => ({
        method: { name: i.generator, version: Number.parseInt(i.generatorVersion, 10) || 0, description: 'Text written from the numbers by this generator (docs/metrics.md, Insights).' },
        coverage: i.coverage,
        estimatedInputs: await estimatedInputsFor(i.athleteId, ctx, i.coverage.loadMethods),
      }),
    }),
    storedAt: t.expose('storedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When this text was stored; null when it was written for this answer because nothing stored matches the current numbers yet (the next write or refreshInsights stores it).',
    }),
  }),
});

const AthleteInsights = builder.objectRef<AthleteInsightsShape>('AthleteInsights').implement({
  description: "An athlete's current insights: the stored text where its numbers still match, else written for this answer (docs/metrics.md, Insights).",
  fields: (t) => ({
    weeklySummary: t.expose('weeklySummary', { type: Insight, nullable: true, description: 'The last complete ISO week (in the athlete\'s zone) against the week before and the 4-week average before it; null when insights are switched off (INSIGHT_GENERATOR=off).' }),
    recentActivities: t.expose('recentActivities', { type: [Insight], description: 'A line for each of the 3 most recent runs; empty when insights are switched off.' }),
  }),
});

const composedKey = (i: ComposedInsight) => `${i.athleteId}|${i.kind}|${i.periodStart}|${i.activityId ?? ''}`;
const storedKey = (s: StoredInsightRow) => `${s.subject_id}|${s.kind}|${s.period_start}|${s.activity_id ?? ''}`;

/** Current insights: the stored text where its numbers still match, else freshly written. */
async function loadInsights(ctx: Context, athleteIds: number[]): Promise<AthleteInsightsShape[]> {
  const composed = await composeInsights(ctx.db, ctx.viewer.orgId, athleteIds, ctx.now, ctx.insightGenerator);
  const all = [...composed.values()];
  const stored = !ctx.insightGenerator.enabled ? [] : await findStoredInsights(ctx.db, ctx.viewer.orgId, athleteIds, {
    weekStarts: [...new Set(all.flatMap((c) => (c.weekly ? [c.weekly.periodStart] : [])))],
    activityIds: all.flatMap((c) => c.activities.map((a) => a.activityId!)),
  });
  const storedByKey = new Map(stored.map((s) => [storedKey(s), s]));
  const withStored = (insight: ComposedInsight): InsightShape => {
    const match = storedByKey.get(composedKey(insight));
    return { ...insight, storedAt: match && match.input_hash === insight.inputHash ? match.created_at : null };
  };
  return athleteIds.map((id) => {
    const c = composed.get(id)!;
    return { weeklySummary: c.weekly ? withStored(c.weekly) : null, recentActivities: c.activities.map(withStored) };
  });
}

builder.objectField(Athlete, 'insights', (t) =>
  t.loadable({
    type: AthleteInsights,
    description: 'Plain-language summaries of the last full week and the latest runs.',
    load: tracedBatch('insights', (athleteIds: number[], ctx) => loadInsights(ctx, athleteIds)),
    resolve: (athlete) => athlete.id,
  }),
);

builder.mutationType({ description: 'Writes. Each runs in the request\'s transaction: everything it changes (runs, rollups, fitness cache, insights) changes together or not at all (docs/api.md, Writing data and Setting up an organization).' });

builder.mutationField('refreshInsights', (t) =>
  t.field({
    type: AthleteInsights,
    authScopes: { staff: true },
    description: "Writes and stores the athlete's insights from the current numbers now (coaches and admins).",
    args: { athleteId: t.arg.id({ required: true, description: 'An athlete of the viewer\'s organization; an unknown id is NOT_FOUND.' }) },
    resolve: async (_root, args, ctx) => {
      const athleteId = parseId(args.athleteId, 'athleteId');
      const [athlete] = await findAthletesByIds(ctx.db, ctx.viewer.orgId, [athleteId]);
      if (!athlete) throw notFound('athlete', athleteId);
      await refreshInsights(ctx.db, ctx.viewer.orgId, [athleteId], ctx.now, ctx.insightGenerator);
      const [insights] = await loadInsights(ctx, [athleteId]);
      return insights;
    },
  }),
);
