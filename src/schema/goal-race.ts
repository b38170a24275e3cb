import { builder } from './builder';
import { Athlete } from './athlete';
import { groupBy, rowPerAthlete } from './loaders';
import { formatDuration, predictRaceTime } from '../domain/vdot';
import { findGoalRaces, type GoalRaceRow } from '../repositories/profile';
import { findGoalRaceRows } from '../repositories/goal-races-write';
import { tracedBatch } from '../observability/tracing';

const PredictionMethod = builder.enumType('PredictionMethod', {
  description: "Where the VDOT behind a prediction comes from.",
  values: {
    VDOT_FROM_SETTINGS: { description: "The athlete's VDOT in their settings." },
    VDOT_FROM_BEST_EFFORT: { description: 'The best Daniels-Gilbert VDOT of a run of 3 km or more in the last 180 days.' },
  } as const,
});

interface Prediction {
  method: 'VDOT_FROM_SETTINGS' | 'VDOT_FROM_BEST_EFFORT';
  vdot: number;
  seconds: number;
  goalTimeS: number | null;
  effort: { date: string; distanceM: number; movingS: number } | null;
}

const BestEffort = builder.objectRef<NonNullable<Prediction['effort']>>('BestEffort').implement({
  description: 'The run of 3 km or more in the last 180 local days with the best Daniels-Gilbert VDOT (docs/metrics.md, VDOT and race prediction).',
  fields: (t) => ({
    date: t.expose('date', { type: 'Date', description: 'The run\'s local date in the athlete\'s zone.' }),
    distance: t.exposeFloat('distanceM', { description: 'Metres.' }),
    duration: t.exposeInt('movingS', { description: 'Moving seconds.' }),
  }),
});

const RacePrediction = builder.objectRef<Prediction>('RacePrediction').implement({
  description: 'Daniels-Gilbert: the time whose effort at the race distance has the athlete\'s VDOT.',
  fields: (t) => ({
    seconds: t.float({ description: 'Predicted finish time, whole seconds (docs/metrics.md, VDOT and race prediction).', resolve: (p) => Math.round(p.seconds) }),
    formatted: t.string({ description: 'h:mm:ss', resolve: (p) => formatDuration(p.seconds) }),
    method: t.expose('method', { type: PredictionMethod, description: 'Where the VDOT comes from: settings, else the best effort.' }),
    vdot: t.float({ description: 'The Daniels-Gilbert VDOT used (a pseudo-VO2max in ml/kg/min), rounded to 0.01.', resolve: (p) => Math.round(p.vdot * 100) / 100 }),
    basedOn: t.field({ type: BestEffort, nullable: true, description: 'The run the VDOT comes from (best-effort method).', resolve: (p) => p.effort }),
    gapToGoal: t.float({
      nullable: true,
      description: 'Predicted minus goal time, seconds: positive means slower than the goal.',
      resolve: (p) => (p.goalTimeS === null ? null : Math.round(p.seconds) - p.goalTimeS),
    }),
  }),
});

function predict(race: GoalRaceRow): Prediction | null {
  const effort = race.best_vdot !== null ? { date: race.best_date!, distanceM: race.best_distance_m!, movingS: race.best_moving_s! } : null;
  const [method, vdot] = race.settings_vdot !== null
    ? (['VDOT_FROM_SETTINGS', race.settings_vdot] as const)
    : race.best_vdot !== null ? (['VDOT_FROM_BEST_EFFORT', race.best_vdot] as const) : [null, null];
  if (method === null) return null;
  return { method, vdot, seconds: predictRaceTime(vdot, race.distance_m), goalTimeS: race.goal_time_s, effort: method === 'VDOT_FROM_BEST_EFFORT' ? effort : null };
}

export const GoalRace = builder.objectRef<GoalRaceRow>('GoalRace').implement({
  description: 'A race the athlete is training for.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The goal race id, for updateGoalRace and removeGoalRace.' }),
    version: t.exposeInt('version', { description: 'Increments with every update; pass it as expectedVersion.' }),
    eventName: t.exposeString('event_name', { description: 'The race\'s name, 1..100 characters; a standard distance in it (5K, 10K, Half, Marathon) must match distance within ±1% (docs/metrics.md, Race names).' }),
    date: t.expose('race_date', { type: 'Date', description: 'The race day (a local calendar date).' }),
    distance: t.exposeFloat('distance_m', { description: 'Metres.' }),
    goalTime: t.exposeInt('goal_time_s', { nullable: true, description: 'Seconds.' }),
    goalTimeFormatted: t.string({ nullable: true, description: 'h:mm:ss', resolve: (g) => (g.goal_time_s === null ? null : formatDuration(g.goal_time_s)) }),
    predictedTime: t.field({ type: RacePrediction, nullable: true, description: 'Null without a VDOT in settings or a run of 3 km+ in 180 days.', resolve: predict }),
  }),
});

builder.objectField(Athlete, 'goalRace', (t) =>
  t.loadable({
    type: GoalRace,
    nullable: true,
    description: 'The next goal race (the earliest on or after today); null when there is none.',
    load: tracedBatch('nextGoalRace', async (athleteIds: number[], ctx) => rowPerAthlete(athleteIds, await findGoalRaces(ctx.db, ctx.viewer.orgId, athleteIds, ctx.now))),
    resolve: (athlete) => athlete.id,
  }),
);

builder.objectField(Athlete, 'goalRaces', (t) =>
  t.loadableList({
    type: GoalRace,
    description: 'Every goal race of the athlete, past and future, earliest first (then by id).',
    load: tracedBatch('goalRaces', async (athleteIds: number[], ctx) => {
      const byAthlete = groupBy(await findGoalRaceRows(ctx.db, ctx.viewer.orgId, athleteIds, ctx.now), (r) => r.athlete_id);
      return athleteIds.map((id) => byAthlete.get(id) ?? []);
    }),
    resolve: (athlete) => athlete.id,
  }),
);
