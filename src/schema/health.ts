import { builder } from './builder';
import { Athlete } from './athlete';
import { MAX_RANGE_DAYS } from './stats';
import { argsKey, groupBy, loadByArgs } from './loaders';
import { requireDateRange } from './args';
import { listBuckets, type Bucket } from '../domain/buckets';
import { findHealthBuckets, type HealthBucketRow } from '../repositories/health';

const HealthGranularity = builder.enumType('HealthGranularity', { values: ['DAY', 'WEEK', 'MONTH'] as const });
type HealthGranularityValue = 'DAY' | 'WEEK' | 'MONTH';

interface HealthArgs {
  from: string;
  to: string;
  granularity: HealthGranularityValue;
}

type HealthBucket = Bucket & Partial<HealthBucketRow>;

const HealthMetricsBucket = builder.objectRef<HealthBucket>('HealthMetricsBucket').implement({
  description: 'Each metric is the mean of the days in the bucket that have a reading; null, with 0 readings, where none do.',
  fields: (t) => ({
    start: t.expose('start', { type: 'Date' }),
    end: t.expose('end', { type: 'Date' }),
    restingHeartRate: t.float({ nullable: true, description: 'Beats per minute.', resolve: (b) => b.resting_hr ?? null }),
    restingHeartRateReadings: t.int({ resolve: (b) => b.resting_hr_readings ?? 0 }),
    hrv: t.float({ nullable: true, description: 'Heart-rate variability, RMSSD in milliseconds.', resolve: (b) => b.hrv ?? null }),
    hrvReadings: t.int({ resolve: (b) => b.hrv_readings ?? 0 }),
    vo2max: t.float({ nullable: true, description: 'ml/kg/min.', resolve: (b) => b.vo2max ?? null }),
    vo2maxReadings: t.int({ resolve: (b) => b.vo2max_readings ?? 0 }),
  }),
});

const HealthMetrics = builder.objectRef<HealthArgs & { buckets: HealthBucket[] }>('HealthMetrics').implement({
  fields: (t) => ({
    from: t.expose('from', { type: 'Date' }),
    to: t.expose('to', { type: 'Date' }),
    granularity: t.expose('granularity', { type: HealthGranularity }),
    buckets: t.expose('buckets', { type: [HealthMetricsBucket] }),
  }),
});

const UNIT = { DAY: 'day', WEEK: 'week', MONTH: 'month' } as const;

builder.objectField(Athlete, 'healthMetrics', (t) =>
  t.loadable({
    type: HealthMetrics,
    description: `Resting HR, HRV and VO2max per local day, ISO week or month between two local dates (inclusive, at most ${MAX_RANGE_DAYS} days).`,
    args: {
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
      granularity: t.arg({ type: HealthGranularity, required: true }),
    },
    load: (keys: string[], ctx) =>
      loadByArgs<HealthArgs, HealthArgs & { buckets: HealthBucket[] }>(keys, async (args, ids) => {
        const rows = await findHealthBuckets(ctx.db, ctx.viewer.orgId, ids, { from: args.from, to: args.to, unit: UNIT[args.granularity] });
        const byAthlete = groupBy(rows, (r) => r.athlete_id);
        return new Map(
          ids.map((id) => {
            const byStart = new Map((byAthlete.get(id) ?? []).map((r) => [r.bucket, r]));
            const buckets = listBuckets(args.from, args.to, args.granularity).map((b) => ({ ...byStart.get(b.start), ...b }));
            return [id, { ...args, buckets }];
          }),
        );
      }),
    resolve: (athlete, args) => argsKey(athlete.id, { ...requireDateRange(args.from, args.to, MAX_RANGE_DAYS), granularity: args.granularity }),
  }),
);
