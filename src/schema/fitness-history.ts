import { builder } from './builder';
import { Athlete } from './athlete';
import { MAX_RANGE_DAYS } from './stats';
import { argsKey, groupBy, loadByArgs } from './loaders';
import { requireDateRange } from './args';
import { ATL_DAYS, CTL_DAYS, fitnessHistory, type FitnessDay, type FitnessHistory } from '../domain/fitness';
import { findDailyLoadsUpTo } from '../repositories/fitness-history';
import type { Context } from '../context';
import { tracedBatch } from '../observability/tracing';

const FitnessSeed = builder.enumType('FitnessSeed', {
  description: 'Where CTL and ATL start before they are weighted forward day by day.',
  values: {
    ZERO_AT_FIRST_DATA_DAY: {
      description:
        "Both start from 0 on the athlete's first day with data (firstDataDate), as the cached fitness does: fitness before the first recorded day is unknown, and a seed taken from later weeks would let later data set an earlier state and move with every back-filled import.",
    },
  },
});

interface FitnessHistoryShape extends FitnessHistory {
  from: string;
  to: string;
}

const FitnessHistoryPoint = builder.objectRef<FitnessDay>('FitnessHistoryPoint').implement({
  description: "One local day of the athlete's fitness history.",
  fields: (t) => ({
    date: t.expose('date', { type: 'Date', description: "The athlete's local day." }),
    load: t.exposeFloat('load', { description: "The day's training load from the daily rollup; 0 on a day without runs." }),
    ctl: t.exposeFloat('ctl', { description: 'Fitness at the end of the day: load weighted with λ = 1 − e^(−1/ctlDays).' }),
    atl: t.exposeFloat('atl', { description: 'Fatigue at the end of the day: load weighted with λ = 1 − e^(−1/atlDays).' }),
    tsb: t.exposeFloat('tsb', { description: 'Form going into the day: CTL − ATL of the day before.' }),
  }),
});

const FitnessHistoryRef = builder.objectRef<FitnessHistoryShape>('FitnessHistory').implement({
  description: 'Daily CTL, ATL, TSB and load over a window, weighted from the first day of data so the curve has no cliff where the window starts.',
  fields: (t) => ({
    from: t.expose('from', { type: 'Date', description: 'First local day of the window.' }),
    to: t.expose('to', { type: 'Date', description: 'Last local day of the window (inclusive).' }),
    ctlDays: t.int({ description: 'Time constant of CTL, in days.', resolve: () => CTL_DAYS }),
    atlDays: t.int({ description: 'Time constant of ATL, in days.', resolve: () => ATL_DAYS }),
    seed: t.field({ type: FitnessSeed, description: 'How the weighting starts.', resolve: () => 'ZERO_AT_FIRST_DATA_DAY' as const }),
    firstDataDate: t.expose('firstDataDate', {
      type: 'Date',
      nullable: true,
      description: "The athlete's first local day with data (up to `to`), where the weighting starts; null without data. Days before it are zeros.",
    }),
    points: t.expose('points', { type: [FitnessHistoryPoint], description: 'One point per local day from `from` to `to`, oldest first.' }),
  }),
});

/**
 * Fitness histories of a batch of athletes from one statement: the rollup up to `to` (each
 * athlete's own today when null), shown over the window `windowOf` gives for their today.
 */
export async function loadFitnessHistories(
  ctx: Context,
  athleteIds: number[],
  to: string | null,
  windowOf: (today: string) => { from: string; to: string },
): Promise<Map<number, FitnessHistoryShape>> {
  const rows = await findDailyLoadsUpTo(ctx.db, ctx.viewer.orgId, athleteIds, to, ctx.now);
  const byAthlete = groupBy(rows, (r) => r.athlete_id);
  const histories = new Map<number, FitnessHistoryShape>();
  for (const [athleteId, athleteRows] of byAthlete) {
    const window = windowOf(athleteRows[0].today);
    const days = athleteRows.flatMap((r) => (r.date === null ? [] : [{ date: r.date, load: r.load ?? 0 }]));
    histories.set(athleteId, Object.assign({}, window, fitnessHistory(days, window)));
  }
  return histories;
}

builder.objectField(Athlete, 'fitnessHistory', (t) =>
  t.loadable({
    type: FitnessHistoryRef,
    nullable: true,
    description: `Daily CTL, ATL, TSB and load for the athlete's local days from..to (inclusive, at most ${MAX_RANGE_DAYS} days), from the daily rollup; the point of today equals the cached \`fitness\`.`,
    args: {
      from: t.arg({ type: 'Date', required: true, description: "First local day, in the athlete's zone." }),
      to: t.arg({ type: 'Date', required: true, description: `Last local day (inclusive), not before \`from\` and at most ${MAX_RANGE_DAYS - 1} days after it.` }),
    },
    load: tracedBatch('fitnessHistory', (keys: string[], ctx) =>
      loadByArgs<{ from: string; to: string }, FitnessHistoryShape>(keys, (window, ids) => loadFitnessHistories(ctx, ids, window.to, () => window))),
    resolve: (athlete, args) => argsKey(athlete.id, requireDateRange(args.from, args.to, MAX_RANGE_DAYS)),
  }),
);
