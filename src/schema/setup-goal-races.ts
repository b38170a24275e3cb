import { builder } from './builder';
import { Athlete } from './athlete';
import { GoalRace } from './goal-race';
import { parseId } from './ids';
import { requireName, requirePresent } from './setup-input';
import { badInput, checkVersion, notFound } from '../errors';
import { assertEditsAthlete } from '../auth/permissions';
import { GOAL_RACE_BOUNDS, goalRaceProblem } from '../domain/race-names';
import {
  deleteGoalRaceRow, findGoalRaceRows, insertGoalRace, lockGoalRace, updateGoalRaceRow, type GoalRaceValues,
} from '../repositories/goal-races-write';
import type { GoalRaceRow } from '../repositories/profile';
import type { Context } from '../context';

// Goal races: admins, the athlete's coaches and the athlete themself create, update and
// remove them. A name with a standard distance in it must fit that distance (race-names.ts).

const B = GOAL_RACE_BOUNDS;
const NAME_RULE = 'a name with "5K", "10K", "Half Marathon", "Half" or "Marathon" in it must be within 1% of that distance; any other name is free';

function checkedRace(values: GoalRaceValues): GoalRaceValues {
  const problem = goalRaceProblem({ eventName: values.event_name, distanceM: values.distance_m, goalTimeS: values.goal_time_s });
  if (problem) throw badInput(problem);
  return values;
}

async function raceRow(ctx: Context, athleteId: number, id: number): Promise<GoalRaceRow> {
  const [row] = await findGoalRaceRows(ctx.db, ctx.viewer.orgId, [athleteId], ctx.now, id);
  if (!row) throw notFound('goal race', id);
  return row;
}

/** The goal race, locked, once the viewer may edit its athlete's races; NOT_FOUND across organizations. */
async function editableRace(ctx: Context, id: number, action: string) {
  const race = await lockGoalRace(ctx.db, ctx.viewer.orgId, id);
  if (!race) throw notFound('goal race', id);
  await assertEditsAthlete(ctx.db, ctx.viewer, race.athlete_id, action);
  return race;
}

builder.relayMutationField(
  'createGoalRace',
  {
    description: 'A new goal race for an athlete.',
    inputFields: (t) => ({
      athleteId: t.id({ required: true, description: 'The athlete.' }),
      eventName: t.string({ required: true, description: `1..${B.eventNameLength} characters; ${NAME_RULE}.` }),
      distance: t.float({ required: true, description: `Metres, ${B.distanceM.min}..${B.distanceM.max}.` }),
      date: t.field({ type: 'Date', required: true, description: "The race day (the athlete's local date)." }),
      goalTime: t.int({ description: `Seconds, ${B.goalTimeS.min}..${B.goalTimeS.max}; left out means no goal time.` }),
    }),
  },
  {
    description: "Adds a goal race (admins, the athlete's coaches, or the athlete themself).",
    resolve: async (_root, { input }, ctx) => {
      const athleteId = parseId(input.athleteId, 'input.athleteId');
      const values = checkedRace({
        event_name: requireName('input.eventName', input.eventName, B.eventNameLength),
        race_date: input.date,
        distance_m: input.distance,
        goal_time_s: input.goalTime ?? null,
      });
      await assertEditsAthlete(ctx.db, ctx.viewer, athleteId, 'createGoalRace');
      const id = await insertGoalRace(ctx.db, ctx.viewer.orgId, athleteId, values);
      return raceRow(ctx, athleteId, id);
    },
  },
  {
    description: 'The goal race created.',
    outputFields: (t) => ({
      goalRace: t.field({ type: GoalRace, description: 'The new goal race, with its prediction.', resolve: (row) => row }),
      athlete: t.field({ type: Athlete, description: 'Its athlete.', resolve: (row) => row.athlete_id }),
    }),
  },
);

builder.relayMutationField(
  'updateGoalRace',
  {
    description: 'What to change: a field left out keeps its value; goalTime may be null (no goal time), the others may not.',
    inputFields: (t) => ({
      id: t.id({ required: true, description: 'The goal race.' }),
      expectedVersion: t.int({ description: 'GoalRace.version as read; a stale one is CONFLICT and nothing changes.' }),
      eventName: t.string({ description: `1..${B.eventNameLength} characters; ${NAME_RULE}.` }),
      distance: t.float({ description: `Metres, ${B.distanceM.min}..${B.distanceM.max}.` }),
      date: t.field({ type: 'Date', description: 'The race day.' }),
      goalTime: t.int({ description: `Seconds, ${B.goalTimeS.min}..${B.goalTimeS.max}; null removes the goal time.` }),
    }),
  },
  {
    description: "Changes a goal race (admins, the athlete's coaches, or the athlete themself); the version increments. The name rule is checked on the result, so renaming a 42.2 km race to \"Half\" is refused.",
    resolve: async (_root, { input }, ctx) => {
      const id = parseId(input.id, 'input.id');
      const eventName = requirePresent('input.eventName', input.eventName);
      const distance = requirePresent('input.distance', input.distance);
      const date = requirePresent('input.date', input.date);
      const name = eventName === undefined ? undefined : requireName('input.eventName', eventName, B.eventNameLength);
      const race = await editableRace(ctx, id, 'updateGoalRace');
      checkVersion(`goal race ${id}`, race.version, input.expectedVersion);
      const values = checkedRace({
        event_name: name ?? race.event_name,
        race_date: date ?? race.race_date,
        distance_m: distance ?? race.distance_m,
        goal_time_s: input.goalTime === undefined ? race.goal_time_s : input.goalTime,
      });
      await updateGoalRaceRow(ctx.db, ctx.viewer.orgId, id, values);
      return raceRow(ctx, race.athlete_id, id);
    },
  },
  {
    description: 'The goal race as it is now.',
    outputFields: (t) => ({
      goalRace: t.field({ type: GoalRace, description: 'The goal race, with its prediction.', resolve: (row) => row }),
      athlete: t.field({ type: Athlete, description: 'Its athlete.', resolve: (row) => row.athlete_id }),
    }),
  },
);

builder.relayMutationField(
  'removeGoalRace',
  {
    description: 'The goal race to remove.',
    inputFields: (t) => ({
      id: t.id({ required: true, description: 'The goal race.' }),
      expectedVersion: t.int({ description: 'GoalRace.version as read; a stale one is CONFLICT and nothing is removed.' }),
    }),
  },
  {
    description: "Removes a goal race for good (admins, the athlete's coaches, or the athlete themself).",
    resolve: async (_root, { input }, ctx) => {
      const id = parseId(input.id, 'input.id');
      const race = await editableRace(ctx, id, 'removeGoalRace');
      checkVersion(`goal race ${id}`, race.version, input.expectedVersion);
      await deleteGoalRaceRow(ctx.db, ctx.viewer.orgId, id);
      return { id, athleteId: race.athlete_id };
    },
  },
  {
    description: 'What was removed.',
    outputFields: (t) => ({
      removedGoalRaceId: t.id({ description: 'The id of the goal race removed.', resolve: (r) => r.id }),
      athlete: t.field({ type: Athlete, description: 'Its athlete, with goalRace and goalRaces as they are now.', resolve: (r) => r.athleteId }),
    }),
  },
);
