import { builder } from './builder';
import { batched } from './loaders';
import { Athlete } from './athlete';
import { attentionSignals, DEFAULT_THRESHOLDS, type AttentionSignal, type AttentionThresholds } from '../domain/signals';
import { findSignalInputs } from '../repositories/profile';

const SignalMetric = builder.enumType('SignalMetric', { values: ['HRV', 'RECOVERY_SCORE', 'VO2MAX'] as const });
const Direction = builder.enumType('Direction', { values: ['UP', 'DOWN'] as const });
const Severity = builder.enumType('Severity', { values: ['HIGH', 'MEDIUM', 'LOW'] as const });

const AttentionSignalRef = builder.objectRef<AttentionSignal>('AttentionSignal').implement({
  description: 'A week-over-week change worth a coach\'s look (the last 7 local days against the 7 before).',
  fields: (t) => ({
    metric: t.expose('metric', { type: SignalMetric }),
    previous: t.exposeFloat('previous', { description: 'HRV as the geometric mean in ms; the others as means.' }),
    current: t.exposeFloat('current'),
    change: t.exposeFloat('change'),
    direction: t.expose('direction', { type: Direction }),
    severity: t.expose('severity', { type: Severity, description: 'A fall of twice the threshold or more is HIGH, a smaller fall MEDIUM, a rise LOW.' }),
    reason: t.exposeString('reason'),
  }),
});

/** Organization settings override the defaults one by one; anything malformed keeps the default. */
function thresholdsFrom(settings: Record<string, unknown> | null): AttentionThresholds {
  const pick = (key: keyof AttentionThresholds) => {
    const value = settings?.[key];
    return typeof value === 'number' && value > 0 ? value : DEFAULT_THRESHOLDS[key];
  };
  return { hrvSd: pick('hrvSd'), recoveryPoints: pick('recoveryPoints'), vo2max: pick('vo2max') };
}

const loadSignals = batched(async (athleteIds: number[], ctx) => {
  const rows = new Map((await findSignalInputs(ctx.db, ctx.viewer.orgId, athleteIds, ctx.now)).map((r) => [r.athlete_id, r]));
  // Every row carries its organization's settings, and a batch is one organization's.
  const thresholds = thresholdsFrom(rows.values().next().value?.thresholds ?? null);
  return athleteIds.map((id) => {
    const r = rows.get(id);
    if (!r) return [];
    return attentionSignals(
      {
        hrv: { previousLnMean: r.hrv_previous_ln, previousCount: r.hrv_previous_count, currentLnMean: r.hrv_current_ln, currentCount: r.hrv_current_count, baselineSd: r.hrv_baseline_sd },
        recovery: { previous: r.recovery_previous, current: r.recovery_current },
        vo2max: { previous: r.vo2max_previous, current: r.vo2max_current },
      },
      thresholds,
    );
  });
});

builder.objectField(Athlete, 'attentionSignals', (t) =>
  t.field({
    type: [AttentionSignalRef],
    description: 'HRV, recovery score and VO2max signals that fired; thresholds are organization settings (defaults 0.5 SD, 10 points, 1.0).',
    resolve: (athlete, _args, ctx) => loadSignals(athlete.id, ctx),
  }),
);
