import { builder } from './builder';
import { Athlete } from './athlete';
import { batched } from './loaders';
import { resolveLoadBasis, storedEstimate as estimate, type BasisValue, type LoadBasis } from '../domain/load-basis';
import { findLoadBasisInputs, type LoadBasisRow } from '../repositories/profile';
import { estimatedInputsOf, type EstimatedInput, type LoadMethodCount } from '../domain/metric-basis';
import type { Context } from '../context';

const BasisSource = builder.enumType('LoadBasisSource', {
  description: 'Where a value a load rests on comes from.',
  values: {
    SETTINGS: { value: 'settings', description: "The athlete's settings." },
    ESTIMATED: { value: 'estimated', description: "Estimated from the athlete's own data (docs/metrics.md, Load basis)." },
    NONE: { value: 'none', description: 'Neither set nor estimable: methods needing it are skipped.' },
  } as const,
});

const BasisValueRef = builder.objectRef<BasisValue>('LoadBasisValue').implement({
  description: 'One value a load rests on: the value, where it comes from, and what an estimate rests on.',
  fields: (t) => ({
    value: t.exposeFloat('value', { nullable: true, description: 'The value in use; null with source NONE.' }),
    source: t.expose('source', { type: BasisSource, description: 'SETTINGS, ESTIMATED or NONE.' }),
    readings: t.exposeInt('readings', { nullable: true, description: 'Readings behind an estimate (runs with a max HR, resting-HR readings of the week chosen, or the one best-effort run); null for a setting.' }),
    since: t.expose('since', { type: 'Date', nullable: true, description: 'The local date an estimate dates from (the run, or the Monday of the resting-HR week); null for a setting.' }),
  }),
});

const LoadBasisRef = builder.objectRef<LoadBasis>('LoadBasis').implement({
  description: "What the athlete's run loads are computed from now: each value set, estimated, or missing (docs/metrics.md, Training load).",
  fields: (t) => ({
    hrMax: t.expose('hrMax', { type: BasisValueRef, description: 'HR max, bpm: set, or the highest max HR of the last 365 days that a second run confirms within 5 bpm.' }),
    restingHr: t.expose('hrRest', { type: BasisValueRef, description: 'Resting HR, bpm: set, or the median of the lowest ISO week of resting-HR readings in the last 90 days.' }),
    thresholdPace: t.expose('thresholdPace', { type: BasisValueRef, description: "Threshold pace, s/km: set, or Daniels' threshold (88% of VO2max) of the VDOT below." }),
    vdot: t.expose('vdot', { type: BasisValueRef, description: 'The VDOT a derived threshold pace comes from: set, or the best effort (3 km or more) of the last 180 days.' }),
  }),
});

const loadBasisOf = (r: LoadBasisRow): LoadBasis => resolveLoadBasis(
  { sex: r.sex, hrMax: r.hr_max, hrRest: r.hr_rest, thresholdPaceSPerKm: r.threshold_pace, vdot: r.vdot },
  {
    hrMax: estimate(r.est_hr_max, r.est_hr_max_readings, r.est_hr_max_since),
    hrRest: estimate(r.est_hr_rest, r.est_hr_rest_readings, r.est_hr_rest_since),
    vdot: estimate(r.est_vdot, r.est_vdot_readings, r.est_vdot_since),
  },
);

/** One statement per request serves loadBasis and every basis's estimatedInputs. */
const loadBasisRow = batched('loadBasisRow', async (athleteIds: number[], ctx) => {
  const rows = new Map((await findLoadBasisInputs(ctx.db, ctx.viewer.orgId, athleteIds)).map((r) => [r.athlete_id, r]));
  return athleteIds.map((id) => rows.get(id)!);
});

/** The estimated inputs a number of the athlete rests on (all estimated ones when `methods` is null). */
export async function estimatedInputsFor(athleteId: number, ctx: Context, methods: readonly LoadMethodCount[] | null): Promise<EstimatedInput[]> {
  return estimatedInputsOf(loadBasisOf(await loadBasisRow(athleteId, ctx)), methods);
}

builder.objectField(Athlete, 'loadBasis', (t) =>
  t.field({
    type: LoadBasisRef,
    description: "Which settings the athlete's loads use, and which are estimated from their data.",
    resolve: async (athlete, _args, ctx) => loadBasisOf(await loadBasisRow(athlete.id, ctx)),
  }),
);
