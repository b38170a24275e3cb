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

interface InsightShape extends ComposedInsight {
  storedAt: Date | null;
}

interface AthleteInsightsShape {
  weeklySummary: InsightShape | null;
  recentActivities: InsightShape[];
}

const InsightKind = builder.enumType('InsightKind', {
  description: 'What an insight is about (docs/metrics.md, Insights).',
  values: {
    WEEKLY: { value: 'weekly', description: "The last full ISO week: distance, runs, longest run and load against the mean of the 4 weeks before, with notable resting HR and HRV changes." },
    ACTIVITY: { value: 'activity', description: "One run: distance, time, pace against the athlete's average pace over the 28 days before it, average HR, load and its method." },
  } as const,
});

const Insight = builder.objectRef<InsightShape>('Insight').implement({
  description: 'Text written from the numbers by a named, versioned generator.',
  fields: (t) => ({
    kind: t.expose('kind', { type: InsightKind, description: 'Weekly summary or one run.' }),
    periodStart: t.expose('periodStart', { type: 'Date', description: 'The week\'s Monday, or the run\'s local date.' }),
    activityId: t.exposeID('activityId', { nullable: true, description: 'The run an ACTIVITY insight is about; null for WEEKLY.' }),
    text: t.exposeString('text', { description: 'The insight, written from numbers only.' }),
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
    weeklySummary: t.expose('weeklySummary', { type: Insight, nullable: true, description: 'The last full ISO week against the 4-week average before it.' }),
    recentActivities: t.expose('recentActivities', { type: [Insight], description: 'A line for each of the 3 most recent runs.' }),
  }),
});

const composedKey = (i: ComposedInsight) => `${i.athleteId}|${i.kind}|${i.periodStart}|${i.activityId ?? ''}`;
const storedKey = (s: StoredInsightRow) => `${s.subject_id}|${s.kind}|${s.period_start}|${s.activity_id ?? ''}`;

/** Current insights: the stored text where its numbers still match, else freshly written. */
async function loadInsights(ctx: Context, athleteIds: number[]): Promise<AthleteInsightsShape[]> {
  const composed = await composeInsights(ctx.db, ctx.viewer.orgId, athleteIds, ctx.now, ctx.insightGenerator);
  const all = [...composed.values()];
  const stored = await findStoredInsights(ctx.db, ctx.viewer.orgId, athleteIds, {
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
    load: (athleteIds: number[], ctx) => loadInsights(ctx, athleteIds),
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
