import { builder } from './builder';
import { LoadMethod } from './activity';
import { METRIC_METHODS, type CachedBasis, type Coverage, type EstimatedInput, type LoadMethodCount, type MetricBasis, type MetricMethod } from '../domain/metric-basis';
import { batched } from './loaders';
import { findCachedBases } from '../repositories/profile';

// The one shape every derived number uses to say how sure it is (docs/metrics.md, How sure a
// number is): the formula and its version, the data behind it, and the inputs estimated.

const EstimatedInputEnum = builder.enumType('EstimatedInput', {
  description: 'An input of a load that was estimated from the athlete\'s data rather than set (Athlete.loadBasis says from what).',
  values: {
    HR_MAX: { value: 'hrMax', description: 'HR max, from the runs of the last 365 days.' },
    RESTING_HR: { value: 'restingHr', description: 'Resting HR, from the lowest week of readings of the last 90 days.' },
    THRESHOLD_PACE: { value: 'thresholdPace', description: "Threshold pace, Daniels' threshold of the VDOT." },
    VDOT: { value: 'vdot', description: 'VDOT, from the best effort of the last 180 days.' },
  } as const satisfies Record<string, { value: EstimatedInput; description: string }>,
});

const LoadMethodCountRef = builder.objectRef<LoadMethodCount>('LoadMethodCount').implement({
  description: 'How many runs of a window have their load from one method.',
  fields: (t) => ({
    method: t.expose('method', { type: LoadMethod, description: 'The load method.' }),
    runs: t.exposeInt('runs', { description: 'Runs whose load comes from it.' }),
  }),
});

const CoverageRef = builder.objectRef<Coverage>('MetricCoverage').implement({
  description: 'How much data stands behind a number: its window, the days and runs with data, the share recorded with HR, the runs per load method, the readings behind a health average.',
  fields: (t) => ({
    windowDays: t.exposeInt('windowDays', { description: 'Local days the number looks at.' }),
    daysWithData: t.exposeInt('daysWithData', { nullable: true, description: 'Of those, days with a run (or a reading, for health numbers); null where the source does not count days (weekly sums).' }),
    dayShare: t.float({ nullable: true, description: 'daysWithData / windowDays.', resolve: (c) => (c.daysWithData === null || c.windowDays === 0 ? null : c.daysWithData / c.windowDays) }),
    runs: t.exposeInt('runs', { nullable: true, description: 'Runs in the window; null for numbers not made of runs (health readings).' }),
    points: t.int({ nullable: true, description: 'For a series: its points.', resolve: (c) => c.points ?? null }),
    pointsWithData: t.int({ nullable: true, description: 'For a series: the points with data (a run in the day or week, or a reading).', resolve: (c) => c.pointsWithData ?? null }),
    hrShare: t.exposeFloat('hrShare', { nullable: true, description: "Share of the runs' moving time recorded with heart rate, 0..1; null without runs." }),
    loadMethods: t.expose('loadMethods', { type: [LoadMethodCountRef], nullable: true, description: 'Runs per load method, most first; null where the source keeps no per-run methods (rollup sums).' }),
    readings: t.exposeInt('readings', { nullable: true, description: 'Readings behind a health average; null for numbers made of runs.' }),
  }),
});

const MethodRef = builder.objectRef<MetricMethod>('MetricMethod').implement({
  description: 'The formula a number comes from, named and versioned.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'A stable name, e.g. "banister-ewma".' }),
    version: t.exposeInt('version', { description: 'Increments when the formula changes.' }),
    description: t.exposeString('description', { description: 'The formula in words (docs/metrics.md has the details).' }),
  }),
});

export const MetricBasisRef = builder.objectRef<MetricBasis>('MetricBasis').implement({
  description: 'How sure a number is: its formula, the data behind it (coverage), and which inputs were estimated rather than set. "CTL 63 from HR on 95% of runs" and "CTL 63 from duration estimates" differ here.',
  fields: (t) => ({
    method: t.expose('method', { type: MethodRef, description: 'The formula.' }),
    coverage: t.expose('coverage', { type: CoverageRef, description: 'The data behind it.' }),
    estimatedInputs: t.expose('estimatedInputs', { type: [EstimatedInputEnum], description: 'Inputs estimated from the athlete\'s data rather than set; empty when all were set or none was needed.' }),
  }),
});

const loadCachedBasis = batched('loadCachedBasis', async (athleteIds: number[], ctx) => {
  const rows = new Map((await findCachedBases(ctx.db, ctx.viewer.orgId, athleteIds)).map((r) => [r.athlete_id, r.basis]));
  return athleteIds.map((id) => rows.get(id) ?? null);
});

/** The basis the fitness cache keeps for CTL (42 days) or the risk indicators (28 days); null before it was written. */
export async function cachedBasis(athleteId: number, which: keyof CachedBasis, ctx: Parameters<typeof loadCachedBasis>[1]): Promise<MetricBasis | null> {
  const basis = await loadCachedBasis(athleteId, ctx);
  return basis ? { method: METRIC_METHODS[which], ...basis[which] } : null;
}
