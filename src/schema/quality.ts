import { builder } from './builder';
import { batched } from './loaders';
import { Athlete } from './athlete';
import { dataQuality, QUALITY_WEIGHTS, RECENT_RUNS_DAYS, type DataQualityScore, type QualityItem } from '../domain/quality';
import { findQualityInputs, type QualityRow } from '../repositories/profile';

const QualityItemKey = builder.enumType('DataQualityItemKey', {
  description: 'What the data-quality score checks (docs/metrics.md, Data quality).',
  values: {
    PACE_ZONES: { description: 'Pace zones set.' },
    HR_ZONES: { description: 'Heart-rate zones set.' },
    HR_MAX_REST: { description: 'HR max and resting HR both set (estimates stand in for load, but are not settings).' },
    THRESHOLD_PACE: { description: 'Threshold pace set.' },
    VDOT: { description: 'A VDOT set.' },
    INTEGRATION: { description: 'A connected integration.' },
    TIMEZONE: { description: 'A time zone of their own.' },
    UNIT_SYSTEM: { description: 'A unit system chosen.' },
    RECENT_RUNS: { description: `A run in the last ${RECENT_RUNS_DAYS} local days.` },
  } satisfies Record<keyof typeof QUALITY_WEIGHTS, { description: string }>,
});

const DataQualityItem = builder.objectRef<QualityItem>('DataQualityItem').implement({
  description: 'One item of the score: what it is worth and whether it is met.',
  fields: (t) => ({
    key: t.expose('key', { type: QualityItemKey, description: 'What the item checks.' }),
    weight: t.exposeInt('weight', { description: 'Points this item is worth when met.' }),
    met: t.exposeBoolean('met', { description: 'True when the athlete has it.' }),
  }),
});

const weights = (Object.entries(QUALITY_WEIGHTS) as [string, number][]).map(([key, weight]) => `${key.toLowerCase().replace(/_/g, ' ')} ${weight}`).join(', ');

const DataQuality = builder.objectRef<DataQualityScore>('DataQuality').implement({
  description: `How far the athlete's numbers can be trusted, 0-100: ${weights}.`,
  fields: (t) => ({
    score: t.exposeInt('score', { description: 'The sum of the weights of the items met.' }),
    items: t.expose('items', { type: [DataQualityItem], description: 'Every item, met or missing.' }),
    note: t.exposeString('note', { nullable: true, description: 'What the score means when it cannot mean the usual (no runs at all); null otherwise.' }),
  }),
});

const loadQualityRow = batched('loadQualityRow', async (athleteIds: number[], ctx) => {
  const rows = new Map((await findQualityInputs(ctx.db, ctx.viewer.orgId, athleteIds, ctx.now)).map((r) => [r.athlete_id, r]));
  return athleteIds.map((id) => rows.get(id)!);
});

const qualityOf = (r: QualityRow): DataQualityScore => dataQuality({
  hasPaceZones: r.has_pace_zones, hasHrZones: r.has_hr_zones, hasHrMaxAndRest: r.has_hr_max_rest,
  hasThresholdPace: r.has_threshold_pace, hasVdot: r.has_vdot, hasConnectedIntegration: r.has_connected_integration,
  hasTimezone: r.has_timezone, hasUnitSystem: r.has_unit_system, hasRecentRuns: r.has_recent_runs, hasAnyRun: r.has_any_run,
});

builder.objectField(Athlete, 'dataQuality', (t) =>
  t.field({ type: DataQuality, description: 'How complete the set-up and the data are (docs/metrics.md, Data quality).', resolve: async (athlete, _args, ctx) => qualityOf(await loadQualityRow(athlete.id, ctx)) }),
);
