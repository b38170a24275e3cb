import { builder } from './builder';
import { Athlete } from './athlete';
import { MAX_RANGE_DAYS } from './stats';
import { argsKey, groupBy, loadByArgs } from './loaders';
import { requireDateRange } from './args';
import { summarizeStreaks, type Island } from '../domain/streaks';
import { findActiveDays, findStreakIslands, type ActiveDayRow } from '../repositories/activity-daily';
import { tracedBatch } from '../observability/tracing';

type StreakRunShape = Island | { length: 0; start: null; end: null };
const NO_RUN: StreakRunShape = { length: 0, start: null, end: null };

const StreakRun = builder.objectRef<StreakRunShape>('StreakRun').implement({
  description: 'Consecutive active local days (at least one run each); length 0 and no dates when there is none.',
  fields: (t) => ({
    length: t.exposeInt('length', { description: 'Days.' }),
    start: t.expose('start', { type: 'Date', nullable: true, description: 'First local date of the streak; null for length 0.' }),
    end: t.expose('end', { type: 'Date', nullable: true, description: 'Last local date of the streak (inclusive); null for length 0.' }),
  }),
});

const CalendarDay = builder.objectRef<ActiveDayRow>('CalendarDay').implement({
  description: 'An active local day.',
  fields: (t) => ({
    date: t.expose('local_date', { type: 'Date', description: 'The local date in the athlete\'s zone.' }),
    runs: t.exposeInt('runs', { description: 'Runs that day (at least 1).' }),
    distance: t.exposeFloat('distance_m', { description: 'Metres.' }),
  }),
});

interface StreakShape {
  athleteId: number;
  current: Island | null;
  longest: Island | null;
}

const Streak = builder.objectRef<StreakShape>('Streak').implement({
  description: "Active-day streaks in the athlete's zone.",
  fields: (t) => ({
    current: t.field({
      type: StreakRun,
      description: 'Counted back from today, or from yesterday when today has no run yet.',
      resolve: (s) => s.current ?? NO_RUN,
    }),
    longest: t.field({ type: StreakRun, description: 'The longest over all history (the most recent on a tie).', resolve: (s) => s.longest ?? NO_RUN }),
    calendar: t.loadableList({
      type: CalendarDay,
      nullable: true,
      description: `The active days between two local dates (inclusive, at most ${MAX_RANGE_DAYS} days), with run count and distance.`,
      args: {
        from: t.arg({ type: 'Date', required: true, description: `First local date (athlete's zone), inclusive; not after to, and from..to at most ${MAX_RANGE_DAYS} days.` }),
        to: t.arg({ type: 'Date', required: true, description: 'Last local date (athlete\'s zone), inclusive.' }),
      },
      load: tracedBatch('activeDays', (keys: string[], ctx) =>
        loadByArgs<{ from: string; to: string }, ActiveDayRow[]>(keys, async (range, ids) => {
          const byAthlete = groupBy(await findActiveDays(ctx.db, ctx.viewer.orgId, ids, range), (r) => r.athlete_id);
          return new Map(ids.map((id) => [id, byAthlete.get(id) ?? []]));
        })),
      resolve: (s, args) => argsKey(s.athleteId, requireDateRange(args.from, args.to, MAX_RANGE_DAYS)),
    }),
  }),
});

builder.objectField(Athlete, 'streak', (t) =>
  t.loadable({
    type: Streak,
    description: 'Current and longest streaks of active days, and a calendar of them.',
    load: tracedBatch('streak', async (athleteIds: number[], ctx) => {
      const rows = await findStreakIslands(ctx.db, ctx.viewer.orgId, athleteIds, ctx.now);
      const byAthlete = groupBy(rows, (r) => r.athlete_id);
      return athleteIds.map((athleteId) => {
        const rowsOf = byAthlete.get(athleteId) ?? [];
        const islands = rowsOf.filter((r) => r.start !== null).map((r) => ({ start: r.start!, end: r.end!, length: r.length! }));
        return { athleteId, ...summarizeStreaks(islands, rowsOf[0]?.today ?? '') };
      });
    }),
    resolve: (athlete) => athlete.id,
  }),
);
