import { builder } from './builder';
import { Athlete } from './athlete';
import { Stats } from './stats';
import { argsKey, batchedByArgs, groupBy } from './loaders';
import { foldIntoAthleteLookup } from './athlete-fold';
import { badInput } from '../errors';
import { addTotals, EMPTY_TOTALS, toStats, type Totals } from '../domain/stats';
import { bucketCoverage, countBuckets, listBuckets, localDayBounds, type Bucket, type Granularity } from '../domain/buckets';
import { addDays, localDateOf } from '../domain/time';
import { runningBucketsQuery, type RunningUnit } from '../repositories/running-stats';
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from '../domain/input-bounds';

const MAX_BUCKETS = 1000;

const RangeType = builder.enumType('RangeType', {
  description: "Bucket size of runningStats, in local dates of runningStats' zone (docs/metrics.md, Windows and buckets).",
  values: {
    DAILY: { description: 'One bucket per local day.' },
    WEEKLY: { description: 'One bucket per ISO week, Monday to Sunday.' },
    MONTHLY: { description: 'One bucket per calendar month.' },
    YEARLY: { description: 'One bucket per calendar year.' },
  } as const,
});
const MetricType = builder.enumType('MetricType', {
  description: 'Which total RunningStatsPoint.value carries.',
  values: {
    DISTANCE: { description: 'Metres.' },
    DURATION: { description: 'Moving seconds.' },
    TRAINING_LOAD: { description: "Sum of the runs' training loads (docs/metrics.md, Training load of a run)." },
  } as const,
});
type RangeTypeValue = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
type MetricTypeValue = 'DISTANCE' | 'DURATION' | 'TRAINING_LOAD';

const GRANULARITY: Record<RangeTypeValue, Granularity> = { DAILY: 'DAY', WEEKLY: 'WEEK', MONTHLY: 'MONTH', YEARLY: 'YEAR' };
const UNIT: Record<RangeTypeValue, RunningUnit> = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' };

interface RunningArgs {
  from: number;
  to: number;
  rangeType: RangeTypeValue;
  metricType: MetricTypeValue;
  timezone: string | null;
}

interface RunningPoint extends Bucket {
  complete: boolean;
  daysElapsed: number;
  totals: Totals;
  paceZoneS: number[];
  metricType: MetricTypeValue;
}

interface RunningStatsShape extends RunningArgs {
  resolvedTimezone: string;
  points: RunningPoint[];
}

const metricValue = (p: RunningPoint) =>
  p.metricType === 'DISTANCE' ? p.totals.distanceM : p.metricType === 'DURATION' ? p.totals.movingS : p.totals.trainingLoad;

const RunningStatsPoint = builder.objectRef<RunningPoint>('RunningStatsPoint').implement({
  description: 'One local day, ISO week (Monday to Sunday), month or year; empty ones are present with zeros.',
  fields: (t) => ({
    start: t.expose('start', { type: 'Date', description: 'First local date of the bucket in the zone of runningStats (the whole bucket, even when the range starts inside it).' }),
    end: t.expose('end', { type: 'Date', description: 'Last local date of the bucket, inclusive (the whole bucket, even when the range ends inside it).' }),
    complete: t.exposeBoolean('complete', { description: "True once the whole bucket is inside the range and its last local day is over; false for the bucket holding today (the current week, month or year) and for a bucket the range cuts, even by an hour (docs/metrics.md, Windows and buckets)." }),
    daysElapsed: t.exposeInt('daysElapsed', { description: 'Local days of the bucket inside the range up to today, today included, a day the range cuts counted (0 for a bucket still to come).' }),
    value: t.float({ description: 'The chosen metricType: metres, moving seconds or training load.', resolve: metricValue }),
    distance: t.float({ description: 'Metres.', resolve: (p) => p.totals.distanceM }),
    duration: t.int({ description: 'Moving seconds.', resolve: (p) => p.totals.movingS }),
    trainingLoad: t.float({ description: 'Sum of the runs\' training loads (docs/metrics.md, Training load of a run).', resolve: (p) => p.totals.trainingLoad }),
    runs: t.int({ description: 'Number of runs in the bucket inside the range.', resolve: (p) => p.totals.runs }),
    calories: t.float({ description: 'Kilocalories summed over the runs that report them.', resolve: (p) => p.totals.calories }),
    ...Object.fromEntries([1, 2, 3, 4, 5].map((z) => [`paceZ${z}Time`, t.int({ description: `Seconds in pace zone ${z}.`, resolve: (p) => p.paceZoneS[z - 1] })])),
  }),
});

const RunningStats = builder.objectRef<RunningStatsShape>('RunningStats').implement({
  description: 'Runs between two instants, bucketed from the raw activities in a zone.',
  fields: (t) => ({
    fromTimestamp: t.field({ type: 'Timestamp', description: 'Start of the range asked for, unix seconds (inclusive).', resolve: (s) => new Date(s.from * 1000) }),
    toTimestamp: t.field({ type: 'Timestamp', description: 'End of the range asked for, unix seconds (inclusive).', resolve: (s) => new Date(s.to * 1000) }),
    rangeType: t.expose('rangeType', { type: RangeType, description: 'The bucket size asked for.' }),
    metricType: t.expose('metricType', { type: MetricType, description: 'The metric each point\'s value carries.' }),
    timezone: t.expose('resolvedTimezone', { type: 'TimeZone', description: 'The zone the buckets are in: the one asked for, or the athlete\'s.' }),
    points: t.expose('points', { type: [RunningStatsPoint], description: 'Every bucket touching the range, oldest first; empty ones with zeros.' }),
    totals: t.field({ type: Stats, description: 'Totals of the runs whose start is inside the range (the sum of the points).', resolve: (s) => toStats(s.points.reduce((sum, p) => addTotals(sum, p.totals), EMPTY_TOTALS)) }),
  }),
});

/** The local days a range of instants covers whole in a zone: a day cut by either end is left out. */
function wholeDays(range: { from: number; to: number }, zone: string): { from: string; to: string } {
  const fromDate = localDateOf(new Date(range.from * 1000), zone);
  const toDate = localDateOf(new Date(range.to * 1000), zone);
  const startsAtMidnight = localDayBounds(fromDate, zone).start.getTime() === range.from * 1000;
  const endsAtMidnight = (range.to + 1) * 1000 >= localDayBounds(toDate, zone).end.getTime();
  return { from: startsAtMidnight ? fromDate : addDays(fromDate, 1), to: endsAtMidnight ? toDate : addDays(toDate, -1) };
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Unix seconds of the range: as given, or from the first local day's midnight to the last day's last second. */
function rangeOf(
  args: { fromTimestamp?: Date | null; toTimestamp?: Date | null; from?: string | null; to?: string | null },
  zone: string,
): { from: number; to: number } {
  const timestamps = args.fromTimestamp != null || args.toTimestamp != null;
  const dates = args.from != null || args.to != null;
  if (timestamps === dates || (timestamps && (args.fromTimestamp == null || args.toTimestamp == null)) || (dates && (args.from == null || args.to == null))) {
    throw badInput('runningStats takes fromTimestamp and toTimestamp (unix seconds), or from and to (local dates yyyy-MM-dd): one pair, both of it');
  }
  if (timestamps) return { from: args.fromTimestamp!.getTime() / 1000, to: args.toTimestamp!.getTime() / 1000 };
  if (args.from! > args.to!) throw badInput(`from (${args.from}) must not be after to (${args.to})`);
  return { from: localDayBounds(args.from!, zone).start.getTime() / 1000, to: localDayBounds(args.to!, zone).end.getTime() / 1000 - 1 };
}

/**
 * The bucket count is checked before any SQL: in the requested zone, or, for the athlete's
 * own zone (not known yet), in the widest zones UTC-12 and UTC+14, so the answer does not
 * depend on who is asked. The check cannot be skipped: a count that is not a whole number
 * from 1 to MAX_BUCKETS (a local date that is not yyyy-MM-dd, such as a five-digit year,
 * makes it NaN or negative) refuses the range too, rather than answering empty points.
 */
function validate(args: RunningArgs): RunningArgs {
  if (args.from > args.to) throw badInput(`fromTimestamp (${args.from}) must not be after toTimestamp (${args.to})`);
  const fromDate = localDateOf(new Date(args.from * 1000), args.timezone ?? 'Etc/GMT+12');
  const toDate = localDateOf(new Date(args.to * 1000), args.timezone ?? 'Etc/GMT-14');
  const buckets = LOCAL_DATE.test(fromDate) && LOCAL_DATE.test(toDate) ? countBuckets(fromDate, toDate, GRANULARITY[args.rangeType]) : NaN;
  if (!(Number.isInteger(buckets) && buckets >= 1 && buckets <= MAX_BUCKETS)) {
    throw badInput(
      Number.isInteger(buckets) && buckets > MAX_BUCKETS
        ? `the range holds ${buckets} ${args.rangeType} buckets; at most ${MAX_BUCKETS} are allowed`
        : `fromTimestamp..toTimestamp (${fromDate}..${toDate}) cannot be split into ${args.rangeType} buckets; use timestamps from ${MIN_TIMESTAMP} to ${MAX_TIMESTAMP}`,
    );
  }
  return args;
}

const loadRunningStats = batchedByArgs<RunningArgs, RunningStatsShape>('runningStats', async (args, ids, ctx, read) => {
  const rows = await read(runningBucketsQuery(ctx.viewer.orgId, ids, {
    from: new Date(args.from * 1000),
    to: new Date(args.to * 1000),
    unit: UNIT[args.rangeType],
    timezone: args.timezone,
  }));
  const byAthlete = groupBy(rows, (r) => r.athlete_id);
  return new Map(
    ids.map((id) => {
      const athleteRows = byAthlete.get(id) ?? [];
      const tz = athleteRows[0]?.tz ?? args.timezone ?? 'UTC';
      const byStart = new Map(athleteRows.filter((r) => r.bucket !== null).map((r) => [r.bucket!, r]));
      const fromDate = localDateOf(new Date(args.from * 1000), tz);
      const toDate = localDateOf(new Date(args.to * 1000), tz);
      const buckets = listBuckets(fromDate, toDate, GRANULARITY[args.rangeType]);
      const whole = wholeDays(args, tz);
      const today = localDateOf(ctx.now, tz);
      const points = buckets.map((b) => {
        const row = byStart.get(b.start);
        // Days the range cuts count as elapsed; only whole days make a bucket complete.
        const { complete } = bucketCoverage(b, whole, today);
        const { daysElapsed } = bucketCoverage(b, { from: fromDate, to: toDate }, today);
        return { start: b.start, end: b.end, complete, daysElapsed, totals: row ?? EMPTY_TOTALS, paceZoneS: row?.paceZoneS ?? [0, 0, 0, 0, 0], metricType: args.metricType };
      });
      return [id, { ...args, resolvedTimezone: tz, points }];
    }),
  );
});

type RunningStatsFieldArgs = Parameters<typeof rangeOf>[0] & { rangeType: RangeTypeValue; metricType: MetricTypeValue; timezone?: string | null };

/**
 * The loader's key; null when the range is in local days of the athlete's zone and the zone is
 * not known yet (athleteZone null: athlete-fold.ts).
 */
function runningStatsKey(athleteId: number, args: RunningStatsFieldArgs, athleteZone: string | null): string | null {
  const localDays = args.from != null || args.to != null;
  // A range given in local days is cut in the zone it was read in, so it is counted there too.
  const zone = args.timezone ?? (localDays ? athleteZone : null);
  if (localDays && zone === null) return null;
  const { from, to } = rangeOf(args, zone ?? 'UTC');
  return argsKey(athleteId, validate({ from, to, rangeType: args.rangeType, metricType: args.metricType, timezone: zone }));
}

foldIntoAthleteLookup('runningStats', { loader: loadRunningStats, keyOf: (athleteId, args) => runningStatsKey(athleteId, args as RunningStatsFieldArgs, null) });

builder.objectField(Athlete, 'runningStats', (t) =>
  t.field({
    type: RunningStats,
    nullable: true,
    description: `Runs from fromTimestamp to toTimestamp (unix seconds, inclusive), or over the local days from..to, by local day, ISO week, month or year in \`timezone\` (default the athlete's zone); at most ${MAX_BUCKETS} buckets. Each point reports its whole bucket's dates; only runs inside the range count.`,
    args: {
      fromTimestamp: t.arg({ type: 'Timestamp', description: `Start instant, unix seconds (${MIN_TIMESTAMP}..${MAX_TIMESTAMP}), inclusive; not after toTimestamp. Give both timestamps, or from and to.` }),
      toTimestamp: t.arg({ type: 'Timestamp', description: `End instant, unix seconds (${MIN_TIMESTAMP}..${MAX_TIMESTAMP}), inclusive.` }),
      from: t.arg({ type: 'Date', description: 'First local day (yyyy-MM-dd), in timezone or the athlete\'s zone: the range starts at its midnight. Instead of fromTimestamp, with to.' }),
      to: t.arg({ type: 'Date', description: 'Last local day, inclusive: the range ends at its last second. Instead of toTimestamp, with from.' }),
      rangeType: t.arg({ type: RangeType, required: true, description: `Bucket size; the range may hold at most ${MAX_BUCKETS} buckets (counted in timezone, or from UTC-12 to UTC+14 when the athlete's own zone is used), else BAD_USER_INPUT.` }),
      metricType: t.arg({ type: MetricType, required: true, description: 'Which total each point\'s value carries.' }),
      timezone: t.arg({ type: 'TimeZone', description: 'IANA zone the buckets are cut in; omitted means the athlete\'s zone.' }),
    },
    resolve: (athlete, args, ctx) => loadRunningStats.load(runningStatsKey(athlete.id, args, athlete.timezone)!, ctx),
  }),
);
