import type { GraphQLResolveInfo } from 'graphql';
import { builder } from './builder';
import { Athlete } from './athlete';
import { argsKey, batched, batchedByArgs, groupBy } from './loaders';
import { requireDateRange, requireIntInRange } from './args';
import { addTotals, EMPTY_TOTALS, toStats, type Stats as StatsShape, type Totals } from '../domain/stats';
import { bucketCoverage, listBuckets, type Bucket } from '../domain/buckets';
import { localDateOf } from '../domain/time';
import { dailyBucketsQuery, findRollingTotals, type DailyBucketRow } from '../repositories/activity-daily';
import { MetricBasisRef } from './metric-basis';
import { selectionAsker } from './selection';
import { foldIntoAthleteLookup } from './athlete-fold';
import { estimatedInputsFor } from './load-basis';
import { METRIC_METHODS, totalsCoverage, type Coverage } from '../domain/metric-basis';

/** Stats of an athlete's rolling window carry what stands behind them; buckets and groups do not. */
type StatsWithBasis = StatsShape & { window?: { athleteId: number; coverage: Coverage } };

export const Stats = builder.objectRef<StatsWithBasis>('Stats').implement({
  description: 'Totals of runs: the one aggregate shape for windows, buckets and groups. Metres, seconds, s/km.',
  fields: (t) => ({
    totalActivities: t.exposeInt('totalActivities', { description: 'Number of runs.' }),
    totalDistance: t.exposeFloat('totalDistance', { description: 'Metres.' }),
    totalDuration: t.exposeInt('totalDuration', { description: 'Moving seconds.' }),
    avgPace: t.exposeFloat('avgPace', { nullable: true, description: 'Seconds per km: total moving time / total km (not a mean of paces); null without distance.' }),
    avgHeartRate: t.exposeFloat('avgHeartRate', { nullable: true, description: 'Moving-time-weighted mean over runs with HR; null when none had HR.' }),
    trainingLoad: t.exposeFloat('trainingLoad', { description: 'Sum of the runs\' training loads, each by its own method (TRIMP, pace, session RPE or duration estimate: see Activity.loadMethod; docs/metrics.md, Training load of a run).' }),
    calories: t.exposeFloat('calories', { description: 'Kilocalories summed over the runs that report them (0 when none do).' }),
    basis: t.field({
      type: MetricBasisRef,
      nullable: true,
      description: "How sure the window's numbers are: days with runs, the share of moving time with HR, and the estimated inputs of its loads. Given on fitnessStats; null on buckets and group totals.",
      resolve: async (s, _args, ctx) => (s.window
        ? { method: METRIC_METHODS.windowTotals, coverage: s.window.coverage, estimatedInputs: await estimatedInputsFor(s.window.athleteId, ctx, null) }
        : null),
    }),
  }),
});

const MAX_WINDOW_DAYS = 365;
export const MAX_RANGE_DAYS = 400;

// Mixed windows (7 and 28 days) still cost one statement: the days travel with the ids.
const loadRollingTotals = batched('loadRollingTotals', async (keys: string[], ctx) => {
  const requests = keys.map((key) => {
    const [athleteId, days] = key.split('|').map(Number);
    return { athleteId, days };
  });
  const rows = await findRollingTotals(ctx.db, ctx.viewer.orgId, requests, ctx.now);
  const byKey = new Map(rows.map((r) => [argsKey(r.athlete_id, r.days), Object.assign(toStats(r), { window: { athleteId: r.athlete_id, coverage: totalsCoverage(r.days, r) } })]));
  return keys.map((key) => byKey.get(key) ?? toStats(EMPTY_TOTALS));
});

builder.objectField(Athlete, 'fitnessStats', (t) =>
  t.field({
    type: Stats,
    nullable: true,
    description: `Totals over the rolling window of \`days\` local days ending today in the athlete's zone, today included (days 1..${MAX_WINDOW_DAYS}).`,
    args: { days: t.arg.int({ required: true, description: `Window length in local days, 1..${MAX_WINDOW_DAYS}, today included (days: 7 on a Tuesday is the Wednesday before to today); else BAD_USER_INPUT.` }) },
    resolve: (athlete, args, ctx) => loadRollingTotals(argsKey(athlete.id, requireIntInRange('days', args.days, 1, MAX_WINDOW_DAYS)), ctx),
  }),
);

const Granularity = builder.enumType('ActivityStatsGranularity', {
  description: 'Bucket size of activityStats, in local dates of the athlete\'s zone (docs/metrics.md, Windows and buckets).',
  values: {
    DAY: { description: 'One bucket per local day.' },
    MONTH: { description: 'One bucket per calendar month.' },
  } as const,
});

interface ActivityBucket extends Bucket {
  complete: boolean;
  daysElapsed: number;
  totals: Totals;
  elevationGainM: number;
  longestRunM: number;
  /** Absent when the request asked for no zone (asksForZones). */
  paceZoneS?: number[];
  hrZoneS?: number[];
}

interface ActivityStatsShape {
  from: string;
  to: string;
  granularity: 'DAY' | 'MONTH';
  buckets: ActivityBucket[];
}

const ActivityStatsBucket = builder.objectRef<ActivityBucket>('ActivityStatsBucket').implement({
  description: 'One local day or calendar month of the rollup; empty ones are present with zeros.',
  fields: (t) => ({
    start: t.expose('start', { type: 'Date', description: 'First local date of the bucket (the whole bucket, even when the range starts inside it).' }),
    end: t.expose('end', { type: 'Date', description: 'Last local date of the bucket, inclusive (the whole bucket, even when the range ends inside it).' }),
    stats: t.field({ type: Stats, description: 'Totals of the bucket\'s runs inside the range; zeros for a bucket without runs.', resolve: (b) => toStats(b.totals) }),
    complete: t.exposeBoolean('complete', { description: "True once the whole bucket is inside the range and its last local day is over; false for the bucket holding today (the current month, week or day) and for a bucket the range cuts (docs/metrics.md, Windows and buckets)." }),
    daysElapsed: t.exposeInt('daysElapsed', { description: 'Days of the bucket its figures cover: inside the range and up to today, today included (9 for March on 9 March; 0 for a bucket still to come).' }),
    elevationGain: t.exposeFloat('elevationGainM', { description: 'Metres climbed.' }),
    longestRun: t.exposeFloat('longestRunM', { description: 'Metres of the longest single run.' }),
    ...Object.fromEntries(
      [1, 2, 3, 4, 5].flatMap((z) => [
        [`paceZ${z}Time`, t.int({ description: `Seconds in pace zone ${z}.`, resolve: (b) => zoneSeconds(b.paceZoneS, z) })],
        [`hrZ${z}Time`, t.int({ description: `Seconds in heart-rate zone ${z}.`, resolve: (b) => zoneSeconds(b.hrZoneS, z) })],
      ]),
    ),
  }),
});

const ActivityStats = builder.objectRef<ActivityStatsShape>('ActivityStats').implement({
  description: 'Stats from the daily rollup (activity_daily), aggregated in PostgreSQL.',
  fields: (t) => ({
    from: t.expose('from', { type: 'Date', description: 'First local date asked for (inclusive).' }),
    to: t.expose('to', { type: 'Date', description: 'Last local date asked for (inclusive).' }),
    granularity: t.expose('granularity', { type: Granularity, description: 'The bucket size asked for.' }),
    buckets: t.expose('buckets', { type: [ActivityStatsBucket], description: 'Every bucket touching from..to, oldest first; empty ones with zeros, so charts have no gaps.' }),
    totals: t.field({ type: Stats, description: 'Totals over from..to (the sum of the buckets).', resolve: (s) => toStats(s.buckets.reduce((sum, b) => addTotals(sum, b.totals), EMPTY_TOTALS)) }),
  }),
});

type ActivityRange = Omit<ActivityStatsShape, 'buckets'>;

/** Whether a request's activityStats asks for any time in zone: the zones are read only then. */
const asksForZones = selectionAsker((name) => /^(pace|hr)Z\d+Time$/.test(name));

/** A zone's seconds; an error rather than a made-up zero if the zones were not read. */
function zoneSeconds(zones: number[] | undefined, zone: number): number {
  if (!zones) throw new Error('time in zones was not read for this request (activityStats selection)');
  return zones[zone - 1];
}

const NO_ZONE_TIME: readonly number[] = Object.freeze([0, 0, 0, 0, 0]);

function fillBuckets(range: ActivityRange & { zones: boolean }, rows: DailyBucketRow[]): Omit<ActivityBucket, 'complete' | 'daysElapsed'>[] {
  const byStart = new Map(rows.map((r) => [r.bucket, r]));
  return listBuckets(range.from, range.to, range.granularity).map((bucket) => {
    const row = byStart.get(bucket.start);
    // Written out, not `{ ...bucket, totals }`: Node 20's V8 builds a spread followed by more
    // properties 20 to 50 times slower, and this runs once per bucket (docs/design.md, Per-request CPU).
    return {
      start: bucket.start,
      end: bucket.end,
      totals: row ?? EMPTY_TOTALS,
      elevationGainM: row?.elevationGainM ?? 0,
      longestRunM: row?.longestRunM ?? 0,
      paceZoneS: range.zones ? (row?.paceZoneS ?? (NO_ZONE_TIME as number[])) : undefined,
      hrZoneS: range.zones ? (row?.hrZoneS ?? (NO_ZONE_TIME as number[])) : undefined,
    };
  });
}

// The rollup's buckets are the same for every viewer's clock; how far each is covered depends
// on the athlete's today, added after the batch so athletes in many zones share one statement.
const loadActivityBuckets = batchedByArgs<ActivityRange & { zones: boolean }, ReturnType<typeof fillBuckets>>('loadActivityBuckets', async (range, ids, ctx, read) => {
  const rows = await read(dailyBucketsQuery(ctx.viewer.orgId, ids, { ...range, unit: range.granularity === 'DAY' ? 'day' : 'month' }));
  const byAthlete = groupBy(rows, (r) => r.athlete_id);
  return new Map(ids.map((id) => [id, fillBuckets(range, byAthlete.get(id) ?? [])]));
});

type ActivityStatsArgs = { from: string; to: string; granularity: 'DAY' | 'MONTH' };

const activityRangeOf = (args: ActivityStatsArgs): ActivityRange => ({ ...requireDateRange(args.from, args.to, MAX_RANGE_DAYS), granularity: args.granularity });

const activityStatsKey = (athleteId: number, range: ActivityRange, info: GraphQLResolveInfo) => argsKey(athleteId, { ...range, zones: asksForZones(info) });

foldIntoAthleteLookup('activityStats', {
  loader: loadActivityBuckets,
  keyOf: (athleteId, args, info) => activityStatsKey(athleteId, activityRangeOf(args as ActivityStatsArgs), info),
});

builder.objectField(Athlete, 'activityStats', (t) =>
  t.field({
    type: ActivityStats,
    nullable: true,
    description: `Stats v2: every metric per local day or month between two local dates (inclusive, at most ${MAX_RANGE_DAYS} days), from the daily rollup.`,
    args: {
      from: t.arg({ type: 'Date', required: true, description: `First local date (athlete's zone), inclusive; not after to, and from..to at most ${MAX_RANGE_DAYS} days.` }),
      to: t.arg({ type: 'Date', required: true, description: 'Last local date (athlete\'s zone), inclusive.' }),
      granularity: t.arg({ type: Granularity, required: true, description: 'Bucket size: local day or calendar month.' }),
    },
    resolve: async (athlete, args, ctx, info) => {
      const range = activityRangeOf(args);
      const today = localDateOf(ctx.now, athlete.timezone);
      const buckets = await loadActivityBuckets.load(activityStatsKey(athlete.id, range, info), ctx);
      return { ...range, buckets: buckets.map((b) => Object.assign({}, b, bucketCoverage(b, range, today))) };
    },
  }),
);
