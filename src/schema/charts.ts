import { builder } from './builder';
import { Athlete } from './athlete';
import { argsKey, groupBy, loadByArgs } from './loaders';
import { requireIntInRange } from './args';
import { completeSlope, completeTrailingMeans } from '../domain/trends';
import { bucketProgress, listBuckets, rollingWindow, type Granularity } from '../domain/buckets';
import { addDays } from '../domain/time';
import { ATL_DAYS, CTL_DAYS, type FitnessDay } from '../domain/fitness';
import { loadFitnessHistories } from './fitness-history';
import { findDailyDistances, findWeeklyLoads, type DatedValueRow } from '../repositories/activity-daily';
import { findRestingHeartRates } from '../repositories/health';
import type { Context } from '../context';
import { MetricBasisRef } from './metric-basis';
import { estimatedInputsFor } from './load-basis';
import { METRIC_METHODS, type Coverage, type MetricMethod } from '../domain/metric-basis';
import { tracedBatch } from '../observability/tracing';

interface ChartPointShape {
  date: string;
  value: number | null;
  trend: number | null;
  complete: boolean;
  daysElapsed: number;
}

interface ChartSeriesShape {
  points: ChartPointShape[];
  slope: number | null;
  slopeUnit: string;
  trendWindow: number;
  /** What the series stands on; its estimated inputs are read at resolve time for load series. */
  basis: { athleteId: number; coverage: Coverage; method: MetricMethod; loadBased: boolean };
}

const ChartPoint = builder.objectRef<ChartPointShape>('ChartPoint').implement({
  description: 'One point of a chart series: a local day or an ISO week in the athlete\'s zone (docs/metrics.md, Trends).',
  fields: (t) => ({
    date: t.expose('date', { type: 'Date', description: 'The local day, or the Monday of the ISO week.' }),
    value: t.exposeFloat('value', { nullable: true, description: 'Null where there is no reading (resting HR); 0 for a day or week without runs.' }),
    trend: t.exposeFloat('trend', {
      nullable: true,
      description: 'Trailing mean over the trendWindow points ending here, over the complete points that have a value; on an incomplete point (today, the current week) the trend of the complete point before it, so a partial bucket never drags it. The fitness chart (trendWindow 1) is its own trend, today included (docs/metrics.md, Trends).',
    }),
    complete: t.exposeBoolean('complete', {
      description: "False for the bucket holding today in the athlete's zone (today's day, the current ISO week): its value is shown but left out of every trend and of the slope.",
    }),
    daysElapsed: t.exposeInt('daysElapsed', {
      description: 'Days of the bucket up to today, today included: 1 for a day, 1..7 for a week (7 for every past week; Monday is 1 in the current week).',
    }),
  }),
});

const ChartSeries = builder.objectRef<ChartSeriesShape>('ChartSeries').implement({
  description: 'A series ready to plot: points with a trailing-mean trend, and the least-squares slope of the values.',
  fields: (t) => ({
    points: t.expose('points', { type: [ChartPoint], description: 'One point per local day or ISO week, oldest first, the last being today or the current week.' }),
    slope: t.exposeFloat('slope', { nullable: true, description: 'Least-squares slope of value per point over the complete points (the partial bucket of today left out); null with fewer than two values.' }),
    slopeUnit: t.exposeString('slopeUnit', { description: 'Unit of `slope`, e.g. "metres per day".' }),
    trendWindow: t.exposeInt('trendWindow', { description: 'Points in the trailing mean (7 days, 4 weeks, 30 days).' }),
    basis: t.field({
      type: MetricBasisRef,
      description: 'How sure the series is: its points with data, readings behind resting HR, and the estimated inputs of load series.',
      resolve: async ({ basis }, _args, ctx) => ({
        method: basis.method, coverage: basis.coverage,
        estimatedInputs: basis.loadBased ? await estimatedInputsFor(basis.athleteId, ctx, null) : [],
      }),
    }),
  }),
});

interface SeriesSpec {
  granularity: Granularity;
  /** What a point is made of: runs (distance, load) or readings (resting HR). */
  measures: 'runs' | 'load' | 'readings';
  trendWindow: number;
  slopeUnit: string;
  /** Value of a point with no row: 0 for sums, null for readings. */
  missing: 0 | null;
  fetch: (ctx: Context, ids: number[], points: number) => Promise<DatedValueRow[]>;
}

/** Points for the `count` buckets ending with today's, plus the trend's history before them. */
function toSeries(spec: SeriesSpec, rows: DatedValueRow[], count: number, athleteId: number): ChartSeriesShape {
  const today = rows[0]?.today;
  const step = spec.granularity === 'WEEK' ? 7 : 1;
  if (!today) {
    return { points: [], slope: null, slopeUnit: spec.slopeUnit, trendWindow: spec.trendWindow, basis: seriesBasis(spec, athleteId, count * step, []) };
  }
  // One bucket more than a window of history: an incomplete first point takes the trend of
  // the full window before it.
  const total = count + spec.trendWindow;
  const buckets = listBuckets(addDays(today, -(total - 1) * step), today, spec.granularity);
  const byDate = new Map(rows.filter((r) => r.date !== null).map((r) => [r.date!, r.value]));
  const values = buckets.map((b) => byDate.get(b.start) ?? spec.missing);
  const history = values.slice(0, values.length - count);
  const shown = values.slice(values.length - count);
  const progress = buckets.slice(history.length).map((b) => bucketProgress(b, today));
  const complete = progress.map((p) => p.complete);
  const trends = completeTrailingMeans(history, shown, complete, spec.trendWindow);
  return {
    points: shown.map((value, i) => ({ date: buckets[history.length + i].start, value, trend: trends[i], ...progress[i] })),
    slope: completeSlope(shown, complete),
    slopeUnit: spec.slopeUnit,
    trendWindow: spec.trendWindow,
    basis: seriesBasis(spec, athleteId, count * step, shown),
  };
}

function seriesBasis(spec: SeriesSpec, athleteId: number, windowDays: number, values: (number | null)[]): ChartSeriesShape['basis'] {
  const withData = values.filter((v) => v !== null && (spec.missing === null || v !== 0)).length;
  const coverage: Coverage = {
    windowDays, points: values.length, pointsWithData: withData,
    daysWithData: spec.granularity === 'DAY' ? withData : null,
    runs: null, hrShare: null, loadMethods: null, readings: spec.measures === 'readings' ? withData : null,
  };
  return { athleteId, coverage, method: METRIC_METHODS.dailySeries, loadBased: spec.measures === 'load' };
}

const SERIES = {
  dailyDistance: {
    granularity: 'DAY', measures: 'runs', trendWindow: 7, slopeUnit: 'metres per day', missing: 0,
    fetch: (ctx, ids, days) => findDailyDistances(ctx.db, ctx.viewer.orgId, ids, days, ctx.now),
  },
  weeklyTrainingLoad: {
    granularity: 'WEEK', measures: 'load', trendWindow: 4, slopeUnit: 'training load per week', missing: 0,
    fetch: (ctx, ids, weeks) => findWeeklyLoads(ctx.db, ctx.viewer.orgId, ids, weeks, ctx.now),
  },
  restingHeartRate: {
    granularity: 'DAY', measures: 'readings', trendWindow: 30, slopeUnit: 'beats per minute per day', missing: null,
    fetch: (ctx, ids, days) => findRestingHeartRates(ctx.db, ctx.viewer.orgId, ids, days, ctx.now),
  },
} satisfies Record<string, SeriesSpec>;

const loadSeries = (spec: SeriesSpec) => (keys: string[], ctx: Context) =>
  loadByArgs<number, ChartSeriesShape>(keys, async (count, ids) => {
    const byAthlete = groupBy(await spec.fetch(ctx, ids, count + spec.trendWindow), (r) => r.athlete_id);
    return new Map(ids.map((id) => [id, toSeries(spec, byAthlete.get(id) ?? [], count, id)]));
  });

interface FitnessChartShape {
  ctl: ChartSeriesShape;
  atl: ChartSeriesShape;
  tsb: ChartSeriesShape;
}

const FitnessChart = builder.objectRef<FitnessChartShape>('FitnessChart').implement({
  description:
    'CTL, ATL and TSB per local day, weighted from the first day of data (as Athlete.fitnessHistory). They are exponentially weighted already, so each trend is the value itself (trendWindow 1).',
  fields: (t) => ({
    ctl: t.expose('ctl', { type: ChartSeries, description: `Fitness: load weighted over ${CTL_DAYS} days.` }),
    atl: t.expose('atl', { type: ChartSeries, description: `Fatigue: load weighted over ${ATL_DAYS} days.` }),
    tsb: t.expose('tsb', { type: ChartSeries, description: 'Form: CTL − ATL of the day before.' }),
    ctlDays: t.int({ description: 'Time constant of CTL, in days.', resolve: () => CTL_DAYS }),
    atlDays: t.int({ description: 'Time constant of ATL, in days.', resolve: () => ATL_DAYS }),
  }),
});

function fitnessSeriesOf(athleteId: number, points: FitnessDay[], metric: 'ctl' | 'atl' | 'tsb'): ChartSeriesShape {
  const values = points.map((p) => p[metric]);
  const loadDays = points.filter((p) => p.load > 0).length;
  const coverage: Coverage = {
    windowDays: points.length, points: points.length, pointsWithData: loadDays, daysWithData: loadDays,
    runs: null, hrShare: null, loadMethods: null, readings: null,
  };
  // Each value is an exponentially weighted mean already, so it is its own trend; the slope
  // leaves today out like every series (docs/metrics.md, Trends).
  const today = points[points.length - 1]?.date;
  const complete = points.map((p) => p.date !== today);
  return {
    points: points.map((p, i) => ({ date: p.date, value: p[metric], trend: p[metric], complete: complete[i], daysElapsed: 1 })),
    slope: completeSlope(values, complete),
    slopeUnit: `${metric.toUpperCase()} per day`,
    trendWindow: 1,
    basis: { athleteId, coverage, method: METRIC_METHODS.fitness, loadBased: true },
  };
}

const loadFitnessChart = (keys: string[], ctx: Context) =>
  loadByArgs<number, FitnessChartShape>(keys, async (days, ids) => {
    const histories = await loadFitnessHistories(ctx, ids, null, (today) => rollingWindow(today, days));
    return new Map(
      [...histories].map(([id, { points }]) => [id, { ctl: fitnessSeriesOf(id, points, 'ctl'), atl: fitnessSeriesOf(id, points, 'atl'), tsb: fitnessSeriesOf(id, points, 'tsb') }]),
    );
  });

const Charts = builder.objectRef<{ athleteId: number }>('Charts').implement({
  description: "Series for the athlete's charts, in the athlete's zone, ending today.",
  fields: (t) => ({
    dailyDistance: t.loadable({
      type: ChartSeries,
      nullable: true,
      description: 'Metres per local day for the last `days` days (1..365), with a trailing 7-day mean.',
      args: { days: t.arg.int({ defaultValue: 30, description: 'Local days ending today, 1..365.' }) },
      load: tracedBatch('dailyDistance', loadSeries(SERIES.dailyDistance)),
      resolve: (c, args) => argsKey(c.athleteId, requireIntInRange('days', args.days ?? 30, 1, 365)),
    }),
    weeklyTrainingLoad: t.loadable({
      type: ChartSeries,
      nullable: true,
      description: 'Training load per ISO week for the last `weeks` weeks (1..104, the current one included), with a trailing 4-week mean.',
      args: { weeks: t.arg.int({ defaultValue: 12, description: 'ISO weeks ending with the current one, 1..104.' }) },
      load: tracedBatch('weeklyTrainingLoad', loadSeries(SERIES.weeklyTrainingLoad)),
      resolve: (c, args) => argsKey(c.athleteId, requireIntInRange('weeks', args.weeks ?? 12, 1, 104)),
    }),
    restingHeartRate: t.loadable({
      type: ChartSeries,
      nullable: true,
      description: 'Resting HR per local day for the last `days` days (1..365), null without a reading, with a trailing 30-day mean.',
      args: { days: t.arg.int({ defaultValue: 90, description: 'Local days ending today, 1..365.' }) },
      load: tracedBatch('restingHeartRate', loadSeries(SERIES.restingHeartRate)),
      resolve: (c, args) => argsKey(c.athleteId, requireIntInRange('days', args.days ?? 90, 1, 365)),
    }),
    fitness: t.loadable({
      type: FitnessChart,
      nullable: true,
      description: 'CTL, ATL and TSB per local day for the last `days` days (1..365), today included, from the daily rollup; today equals the cached `fitness`.',
      args: { days: t.arg.int({ defaultValue: 90, description: 'Local days ending today, 1..365.' }) },
      load: tracedBatch('fitnessChart', loadFitnessChart),
      resolve: (c, args) => argsKey(c.athleteId, requireIntInRange('days', args.days ?? 90, 1, 365)),
    }),
  }),
});

builder.objectField(Athlete, 'charts', (t) =>
  t.field({ type: Charts, description: 'Chart series (daily distance, weekly load, resting HR, CTL/ATL/TSB).', resolve: (athlete) => ({ athleteId: athlete.id }) }),
);
