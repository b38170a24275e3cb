import { builder } from './builder';
import { batched } from './loaders';
import { Athlete } from './athlete';
import { dataQuality, QUALITY_WEIGHTS, type QualityItem } from '../domain/quality';
import { findQualityInputs } from '../repositories/profile';

const QualityItemKey = builder.enumType('DataQualityItemKey', {
  values: Object.keys(QUALITY_WEIGHTS) as (keyof typeof QUALITY_WEIGHTS)[],
});

const DataQualityItem = builder.objectRef<QualityItem>('DataQualityItem').implement({
  fields: (t) => ({
    key: t.expose('key', { type: QualityItemKey }),
    weight: t.exposeInt('weight', { description: 'Points this item is worth when met.' }),
    met: t.exposeBoolean('met'),
  }),
});

const DataQuality = builder.objectRef<ReturnType<typeof dataQuality>>('DataQuality').implement({
  description: 'How complete the athlete\'s setup is, 0-100: pace zones 20, HR zones 20, VDOT 15, a connected integration 20, time zone 15, unit system 10.',
  fields: (t) => ({
    score: t.exposeInt('score'),
    items: t.expose('items', { type: [DataQualityItem] }),
  }),
});

const loadDataQuality = batched(async (athleteIds: number[], ctx) => {
  const rows = new Map((await findQualityInputs(ctx.db, ctx.viewer.orgId, athleteIds)).map((r) => [r.athlete_id, r]));
  return athleteIds.map((id) => {
    const r = rows.get(id)!;
    return dataQuality({
      hasPaceZones: r.has_pace_zones, hasHrZones: r.has_hr_zones, hasVdot: r.has_vdot,
      hasConnectedIntegration: r.has_connected_integration, hasTimezone: r.has_timezone, hasUnitSystem: r.has_unit_system,
    });
  });
});

builder.objectField(Athlete, 'dataQuality', (t) =>
  t.field({ type: DataQuality, resolve: (athlete, _args, ctx) => loadDataQuality(athlete.id, ctx) }),
);
