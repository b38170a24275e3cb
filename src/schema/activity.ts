import { builder } from './builder';
import { Athlete } from './athlete';
import { argsKey, batched, batchedByArgs, groupBy, rowPerAthlete } from './loaders';
import { foldIntoAthleteLookup } from './athlete-fold';
import { decodeCursor, isCursorBigId, isCursorInstant, MAX_ACTIVITY_PAGE_SIZE, pageSize, toConnection } from './pagination';
import { findRecentActivities, recentActivitiesQuery, type ActivityCursor, type ActivityRow } from '../repositories/activities';

export const LoadMethod = builder.enumType('LoadMethod', {
  values: {
    TRIMP: { value: 'trimp', description: 'Banister TRIMP from average heart rate.' },
    PACE: { value: 'pace', description: 'hours × IF² × 100 against the threshold pace (set, or derived from the VDOT).' },
    SESSION_RPE: { value: 'session_rpe', description: "Foster's session RPE: minutes × the RPE (0..10) the athlete gave the run." },
    DURATION: { value: 'duration', description: 'The crude last resort: minutes × 1.31, the TRIMP of an easy run (60% of heart-rate reserve), when there is no HR basis, no threshold pace and no RPE.' },
  } as const,
  description: 'How a run\'s training load was computed, best first (docs/metrics.md, Training load).',
});

export const Activity = builder.objectRef<ActivityRow>('Activity').implement({
  description: 'One run.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The run\'s id (the database number as a string).' }),
    source: t.exposeString('source', { description: 'Where the run came from (1..32 of a-z, 0-9, _ and -; imports write strava or fit); with the source\'s external id it identifies the run, so resending it is idempotent.' }),
    sport: t.exposeString('sport', { description: 'Always "run": Stride keeps runs only.' }),
    startTime: t.expose('start_time', { type: 'DateTime', description: 'The start instant (ISO 8601, UTC). Its local date in the athlete\'s zone is localDate.' }),
    localDate: t.expose('local_date', { type: 'Date', description: "The start's local date in the athlete's zone." }),
    timezone: t.exposeString('timezone', { nullable: true, description: 'The zone the device recorded.' }),
    distance: t.exposeFloat('distance_m', { description: 'Metres.' }),
    movingTime: t.exposeInt('moving_s', { description: 'Seconds.' }),
    elapsedTime: t.exposeInt('elapsed_s', { description: 'Seconds.' }),
    avgPace: t.float({ nullable: true, description: 'Seconds per km.', resolve: (a) => (a.distance_m > 0 ? a.moving_s / (a.distance_m / 1000) : null) }),
    avgHeartRate: t.exposeFloat('avg_hr', { nullable: true, description: 'Average heart rate, beats per minute (20..250); null when the run has no HR.' }),
    maxHeartRate: t.exposeFloat('max_hr', { nullable: true, description: 'Highest heart rate, beats per minute (20..250); null when the run has no HR.' }),
    calories: t.exposeFloat('calories', { nullable: true, description: 'Kilocalories as the source reported them (0..50,000); null when not given.' }),
    elevationGain: t.exposeFloat('elevation_gain_m', { nullable: true, description: 'Metres.' }),
    trainingLoad: t.exposeFloat('training_load', { nullable: true, description: 'The run\'s training load, by the method in loadMethod (TRIMP, pace, session RPE or duration estimate; docs/metrics.md, Training load of a run). Null only for a run stored before every run had a load.' }),
    loadMethod: t.expose('load_method', { type: LoadMethod, nullable: true, description: 'How trainingLoad was computed; null only for a run stored before every run had a load.' }),
    rpe: t.exposeFloat('rpe', { nullable: true, description: 'Session RPE (0..10) the athlete gave the run.' }),
    ...Object.fromEntries(
      [1, 2, 3, 4, 5].flatMap((z) => [
        [`paceZ${z}Time`, t.int({ description: `Seconds in pace zone ${z} (zone 1 slowest); 0 without per-second samples or zones (docs/metrics.md, Zone times).`, resolve: (a) => a.pace_zone_s[z - 1] })],
        [`hrZ${z}Time`, t.int({ description: `Seconds in heart-rate zone ${z} (zone 1 lowest); 0 without per-second samples or zones (docs/metrics.md, Zone times).`, resolve: (a) => a.hr_zone_s[z - 1] })],
      ]),
    ),
  }),
});

const ActivityConnection = builder.connectionObject(
  { type: Activity, name: 'ActivityConnection', description: "A page of an athlete's runs, newest first." },
  { description: 'One run of the page, with its cursor.' },
);

const isActivityCursor = (v: unknown): v is ActivityCursor =>
  typeof v === 'object' && v !== null && isCursorInstant((v as ActivityCursor).startTime) && isCursorBigId((v as ActivityCursor).id);

type RecentActivitiesArgs = { first: number; after: ActivityCursor | null; cursor: string | null };

const loadRecentActivities = batchedByArgs<RecentActivitiesArgs, ReturnType<typeof toConnection<ActivityRow>>>('recentActivities', async (args, ids, ctx, read) => {
  const rows = await read(recentActivitiesQuery(ctx.viewer.orgId, ids, { limit: args.first + 1, before: args.after }));
  const byAthlete = groupBy(rows, (r) => r.athlete_id);
  const cursorOf = (a: ActivityRow) => ({ startTime: a.start_time.toISOString(), id: a.id });
  return new Map(ids.map((id) => [id, toConnection(byAthlete.get(id) ?? [], args.first, args.cursor, cursorOf)]));
});

const recentActivitiesKey = (athleteId: number, args: { first?: number | null; after?: string | null }) =>
  argsKey(athleteId, { first: pageSize(args.first, MAX_ACTIVITY_PAGE_SIZE), after: decodeCursor(args.after, isActivityCursor), cursor: args.after ?? null } satisfies RecentActivitiesArgs);

foldIntoAthleteLookup('recentActivities', { loader: loadRecentActivities, keyOf: recentActivitiesKey });

builder.objectField(Athlete, 'recentActivities', (t) =>
  t.field({
    type: ActivityConnection,
    nullable: true,
    description: `Runs, newest first; \`first\` 0..${MAX_ACTIVITY_PAGE_SIZE} (default 20), charged by the query cost as asked.`,
    args: {
      first: t.arg.int({ description: `Page size, 0..${MAX_ACTIVITY_PAGE_SIZE} (default 20); anything else is BAD_USER_INPUT. Under a list of athletes, the query cost multiplies it by the page of athletes.` }),
      after: t.arg.string({ description: 'An endCursor from the previous page of this connection; omit for the first page.' }),
    },
    resolve: (athlete, args, ctx) => loadRecentActivities.load(recentActivitiesKey(athlete.id, args), ctx),
  }),
);

const loadLastActivity = batched('loadLastActivity', async (athleteIds: number[], ctx) =>
  rowPerAthlete(athleteIds, await findRecentActivities(ctx.db, ctx.viewer.orgId, athleteIds, { limit: 1, before: null })));

builder.objectField(Athlete, 'lastActivity', (t) =>
  t.field({
    type: Activity,
    nullable: true,
    description: 'The most recent run; null when there is none.',
    resolve: (athlete, _args, ctx) => loadLastActivity(athlete.id, ctx),
  }),
);
