import { builder } from './builder';
import { Athlete } from './athlete';
import { MAX_RANGE_DAYS } from './stats';
import { argsKey, batched, groupBy, loadByArgs } from './loaders';
import { requireDateRange } from './args';
import { bucketCoverage, listBuckets, type Bucket } from '../domain/buckets';
import { localDateOf } from '../domain/time';
import { findHealthBuckets, type HealthBucketRow } from '../repositories/health';

const HealthGranularity = builder.enumType('HealthGranularity', {
  description: 'Bucket size of healthMetrics, in local dates of the athlete\'s zone (docs/metrics.md, Windows and buckets).',
  values: {
    DAY: { description: 'One bucket per local day.' },
    WEEK: { description: 'One bucket per ISO week, Monday to Sunday.' },
    MONTH: { description: 'One bucket per calendar month.' },
  } as const,
});
type HealthGranularityValue = 'DAY' | 'WEEK' | 'MONTH';

interface HealthArgs {
  from: string;
  to: string;
  granularity: HealthGranularityValue;
}

type HealthBucket = Bucket & Partial<HealthBucketRow> & { complete: boolean; daysElapsed: number };

const HealthMetricsBucket = builder.objectRef<HealthBucket>('HealthMetricsBucket').implement({
  description: 'Each metric is the mean of the days in the bucket that have a reading; null, with 0 readings, where none do.',
  fields: (t) => ({
    start: t.expose('start', { type: 'Date', description: 'First local date of the bucket (the whole bucket, even when the range starts inside it).' }),
    end: t.expose('end', { type: 'Date', description: 'Last local date of the bucket, inclusive.' }),
    complete: t.exposeBoolean('complete', { description: "True once the whole bucket is inside the range and its last local day is over; false for the bucket holding today and for a bucket the range cuts: its means are over fewer days (docs/metrics.md, Windows and buckets)." }),
    daysElapsed: t.exposeInt('daysElapsed', { description: 'Days of the bucket its means may cover: inside the range and up to today, today included (0 for a bucket still to come).' }),
    restingHeartRate: t.float({ nullable: true, description: 'Beats per minute.', resolve: (b) => b.resting_hr ?? null }),
    restingHeartRateReadings: t.int({ description: 'Days of the bucket with a resting HR reading (what restingHeartRate averages).', resolve: (b) => b.resting_hr_readings ?? 0 }),
    hrv: t.float({ nullable: true, description: 'Heart-rate variability, RMSSD in milliseconds.', resolve: (b) => b.hrv ?? null }),
    hrvReadings: t.int({ description: 'Days of the bucket with an HRV reading (what hrv averages).', resolve: (b) => b.hrv_readings ?? 0 }),
    hrvSdnn: t.float({ nullable: true, description: 'Heart-rate variability as SDNN in milliseconds (Apple Health), averaged apart from RMSSD: the two measures are not comparable.', resolve: (b) => b.hrv_sdnn ?? null }),
    hrvSdnnReadings: t.int({ description: 'Days of the bucket with an SDNN reading (what hrvSdnn averages).', resolve: (b) => b.hrv_sdnn_readings ?? 0 }),
    sleep: t.float({ nullable: true, description: 'Seconds asleep per night, the mean of the days with a reading (sleep from overlapping sources counted once: the union of its intervals).', resolve: (b) => b.sleep_s ?? null }),
    sleepReadings: t.int({ description: 'Days of the bucket with a sleep reading (what sleep averages).', resolve: (b) => b.sleep_readings ?? 0 }),
    vo2max: t.float({ nullable: true, description: 'ml/kg/min.', resolve: (b) => b.vo2max ?? null }),
    vo2maxReadings: t.int({ description: 'Days of the bucket with a VO2max reading (what vo2max averages).', resolve: (b) => b.vo2max_readings ?? 0 }),
  }),
});

const HealthMetrics = builder.objectRef<HealthArgs & { buckets: HealthBucket[] }>('HealthMetrics').implement({
  description: 'Daily health readings (resting HR, HRV, VO2max) averaged per bucket between two local dates (docs/metrics.md, Averages).',
  fields: (t) => ({
    from: t.expose('from', { type: 'Date', description: 'First local date asked for (inclusive).' }),
    to: t.expose('to', { type: 'Date', description: 'Last local date asked for (inclusive).' }),
    granularity: t.expose('granularity', { type: HealthGranularity, description: 'The bucket size asked for.' }),
    buckets: t.expose('buckets', { type: [HealthMetricsBucket], description: 'Every bucket touching from..to, oldest first; empty ones with null means and 0 readings.' }),
  }),
});

const UNIT = { DAY: 'day', WEEK: 'week', MONTH: 'month' } as const;

// As activityStats: one statement per argument set, each athlete's today applied after it.
const loadHealthBuckets = batched('loadHealthBuckets', (keys: string[], ctx) =>
  loadByArgs<HealthArgs, (Bucket & Partial<HealthBucketRow>)[]>(keys, async (args, ids) => {
    const rows = await findHealthBuckets(ctx.db, ctx.viewer.orgId, ids, { from: args.from, to: args.to, unit: UNIT[args.granularity] });
    const byAthlete = groupBy(rows, (r) => r.athlete_id);
    return new Map(
      ids.map((id) => {
        const byStart = new Map((byAthlete.get(id) ?? []).map((r) => [r.bucket, r]));
        return [id, listBuckets(args.from, args.to, args.granularity).map((b) => Object.assign({}, byStart.get(b.start), b))];
      }),
    );
  }));

builder.objectField(Athlete, 'healthMetrics', (t) =>
  t.field({
    type: HealthMetrics,
    nullable: true,
    description: `Resting HR, HRV (RMSSD, and SDNN apart), VO2max and sleep per local day, ISO week or month between two local dates (inclusive, at most ${MAX_RANGE_DAYS} days).`,
    args: {
      from: t.arg({ type: 'Date', required: true, description: `First local date (athlete's zone), inclusive; not after to, and from..to at most ${MAX_RANGE_DAYS} days.` }),
      to: t.arg({ type: 'Date', required: true, description: 'Last local date (athlete\'s zone), inclusive.' }),
      granularity: t.arg({ type: HealthGranularity, required: true, description: 'Bucket size: local day, ISO week or calendar month.' }),
    },
    resolve: async (athlete, args, ctx) => {
      const range: HealthArgs = { ...requireDateRange(args.from, args.to, MAX_RANGE_DAYS), granularity: args.granularity };
      const today = localDateOf(ctx.now, athlete.timezone);
      const buckets = await loadHealthBuckets(argsKey(athlete.id, range), ctx);
      return { ...range, buckets: buckets.map((b) => Object.assign({}, b, bucketCoverage(b, range, today))) };
    },
  }),
);
