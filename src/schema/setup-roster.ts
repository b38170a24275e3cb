import { builder } from './builder';
import { Athlete, Sex, UnitSystem } from './athlete';
import { Coach } from './coach';
import { parseId } from './ids';
import { requireBirthYear, requireEmail, requireName, requirePresent, MAX_PERSON_NAME, MIN_BIRTH_YEAR } from './setup-input';
import { assertAdmin, assertManagesAthlete } from '../auth/permissions';
import { AppError, checkVersion, notFound } from '../errors';
import {
  deleteCoachAssignment, findUserByEmail, findUserWithRole, insertCoachAssignment, insertUser, lockAthlete,
  setAthleteArchived, updateAthleteRow, type AthletePatch, type NewUser, type UserRef,
} from '../repositories/roster';
import { changeAthleteSettings } from '../ingest/settings-change';
import type { SettingsValues } from '../domain/athlete-settings';
import { findOrganization } from '../repositories/organizations';
import type { Context } from '../context';
import type { Role } from '../db/types';

// Athletes, staff and coach assignments (docs/api.md, Setting up an organization). Rules:
// an ADMIN manages everyone; a COACH creates athletes (assigned to them) and manages the
// athletes assigned to them; an ATHLETE none of this. Another organization's ids are NOT_FOUND.

/** Inserts a user, or CONFLICT naming who holds the email. */
async function createUser(ctx: Context, user: NewUser): Promise<UserRef> {
  const taken = await findUserByEmail(ctx.db, ctx.viewer.orgId, user.email);
  const created = taken ? undefined : await insertUser(ctx.db, ctx.viewer.orgId, user);
  if (!created) throw emailTaken(user.email, taken);
  return created;
}

const emailTaken = (email: string, holder: UserRef | undefined) =>
  new AppError('CONFLICT', `email ${email} is already used by ${holder ? `${holder.role} ${holder.id}${holder.archived_at ? ' (archived: unarchiveAthlete brings them back)' : ''}` : 'another user'} of this organization`);

const personFields = {
  name: `1..${MAX_PERSON_NAME} characters, no control characters.`,
  email: 'An email address, unique in the organization (any case); stored in lower case.',
  timezone: "IANA zone (e.g. Europe/London); left out or null means the organization's zone.",
};

// ---- athletes -----------------------------------------------------------------------------

builder.relayMutationField(
  'createAthlete',
  {
    description: 'A new athlete of the organization.',
    inputFields: (t) => ({
      name: t.string({ required: true, description: personFields.name }),
      email: t.string({ required: true, description: personFields.email }),
      timezone: t.field({ type: 'TimeZone', description: `${personFields.timezone} Local days (stats, plans) are counted in it.` }),
      unitSystem: t.field({ type: UnitSystem, description: 'Units the athlete\'s clients show.' }),
      sex: t.field({ type: Sex, description: 'For training-load formulas.' }),
      birthYear: t.int({ description: `${MIN_BIRTH_YEAR} to the current year.` }),
    }),
  },
  {
    description: 'Creates an athlete (admins and coaches). An athlete created by a coach is assigned to that coach. A used email is CONFLICT.',
    authScopes: { staff: true },
    resolve: async (_root, { input }, ctx) => {
      const user = await createUser(ctx, {
        role: 'athlete',
        name: requireName('input.name', input.name, MAX_PERSON_NAME),
        email: requireEmail('input.email', input.email),
        timezone: input.timezone ?? null,
        unit_system: input.unitSystem ?? null,
        sex: input.sex ?? null,
        birth_year: input.birthYear == null ? null : requireBirthYear('input.birthYear', input.birthYear, ctx.now),
      });
      if (ctx.viewer.role === 'COACH') await insertCoachAssignment(ctx.db, ctx.viewer.orgId, ctx.viewer.userId, user.id);
      return { athleteId: user.id };
    },
  },
  {
    description: 'The athlete created.',
    outputFields: (t) => ({ athlete: t.field({ type: Athlete, description: 'The new athlete.', resolve: (r) => r.athleteId }) }),
  },
);

builder.relayMutationField(
  'updateAthlete',
  {
    description: 'What to change: a field left out stays as it is; null clears timezone, unitSystem, sex or birthYear.',
    inputFields: (t) => ({
      id: t.id({ required: true, description: 'The athlete.' }),
      expectedVersion: t.int({ description: 'The version last read: a newer one is CONFLICT. Left out, the update applies whatever the version.' }),
      name: t.string({ description: personFields.name }),
      email: t.string({ description: personFields.email }),
      timezone: t.field({ type: 'TimeZone', description: `${personFields.timezone} A change re-dates the athlete's runs (local dates, rollups, plan matching) in the new zone.` }),
      unitSystem: t.field({ type: UnitSystem, description: 'Units the athlete\'s clients show.' }),
      sex: t.field({ type: Sex, description: 'For training-load formulas; a change recomputes stored loads.' }),
      birthYear: t.int({ description: `${MIN_BIRTH_YEAR} to the current year.` }),
    }),
  },
  {
    description: "Updates an athlete's name, email, time zone, units, sex or birth year (admins, or the athlete's coaches); the version increments. Time zone, units, sex and birth year are settings: their changes are logged in settingsHistory, and loads, local dates, rollups and plan matching follow, as with updateAthleteSettings.",
    resolve: async (_root, { input }, ctx) => {
      const id = parseId(input.id, 'input.id');
      const patch: AthletePatch = {};
      const name = requirePresent('input.name', input.name);
      if (name !== undefined) patch.name = requireName('input.name', name, MAX_PERSON_NAME);
      const email = requirePresent('input.email', input.email);
      if (email !== undefined) patch.email = requireEmail('input.email', email);
      // The fields updateAthleteSettings also has go its way: logged, and loads and dates follow.
      const settings: Partial<SettingsValues> = {};
      if (input.timezone !== undefined) settings.timezone = input.timezone;
      if (input.unitSystem !== undefined) settings.unitSystem = input.unitSystem;
      if (input.sex !== undefined) settings.sex = input.sex;
      if (input.birthYear !== undefined) settings.birthYear = input.birthYear === null ? null : requireBirthYear('input.birthYear', input.birthYear, ctx.now);
      await assertManagesAthlete(ctx.db, ctx.viewer, id, 'updateAthlete');
      const current = await lockAthlete(ctx.db, ctx.viewer.orgId, id);
      if (!current) throw notFound('athlete', id);
      checkVersion(`athlete ${id}`, current.version, input.expectedVersion);
      if (patch.email !== undefined && patch.email !== current.email.toLowerCase()) {
        const holder = await findUserByEmail(ctx.db, ctx.viewer.orgId, patch.email);
        if (holder && holder.id !== id) throw emailTaken(patch.email, holder);
      }
      const update = await changeAthleteSettings(ctx.db, ctx.viewer.orgId, id, ctx.viewer.userId, settings, { now: ctx.now, generator: ctx.insightGenerator });
      // One update moves the athlete's version by one, whichever rows it wrote.
      if (Object.keys(patch).length) await updateAthleteRow(ctx.db, ctx.viewer.orgId, id, patch, update.changedFields.length === 0);
      return { athleteId: id };
    },
  },
  {
    description: 'The athlete as updated.',
    outputFields: (t) => ({ athlete: t.field({ type: Athlete, description: 'The athlete, with its new version.', resolve: (r) => r.athleteId }) }),
  },
);

for (const [name, archived] of [['archiveAthlete', true], ['unarchiveAthlete', false]] as const) {
  builder.relayMutationField(
    name,
    { description: `Whom to ${archived ? 'archive' : 'bring back'}.`, inputFields: (t) => ({ id: t.id({ required: true, description: 'The athlete.' }) }) },
    {
      description: archived
        ? "Archives an athlete (admins, or the athlete's coaches): they leave the roster, the Athletes list, group dashboards and member counts, and keep their history; athlete(id) still answers, with archivedAt. Archiving twice is harmless."
        : 'Brings an archived athlete back to the roster, lists and dashboards (admins, or the athlete\'s coaches). Harmless for an athlete on the roster.',
      resolve: async (_root, { input }, ctx) => {
        const id = parseId(input.id, 'input.id');
        await assertManagesAthlete(ctx.db, ctx.viewer, id, name);
        await setAthleteArchived(ctx.db, ctx.viewer.orgId, id, archived, ctx.now);
        return { athleteId: id };
      },
    },
    {
      description: `The athlete ${archived ? 'archived' : 'back on the roster'}.`,
      outputFields: (t) => ({ athlete: t.field({ type: Athlete, description: 'The athlete (see archivedAt).', resolve: (r) => r.athleteId }) }),
    },
  );
}

// ---- staff --------------------------------------------------------------------------------

const Admin = builder.objectRef<UserRef>('Admin').implement({
  description: 'An administrator of the organization: manages staff, labels, groups, assignments and every athlete.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The admin's user id (the token's sub)." }),
    name: t.exposeString('name', { description: 'Display name.' }),
    email: t.exposeString('email', { description: 'Unique in the organization, lower case.' }),
    timezone: t.expose('timezone', { type: 'TimeZone', nullable: true, description: "Their own zone; null means the organization's." }),
  }),
});

for (const role of ['coach', 'admin'] as const) {
  const title = role === 'coach' ? 'Coach' : 'Admin';
  builder.relayMutationField(
    `create${title}`,
    {
      description: `A new ${role}.`,
      inputFields: (t) => ({
        name: t.string({ required: true, description: personFields.name }),
        email: t.string({ required: true, description: personFields.email }),
        timezone: t.field({ type: 'TimeZone', description: personFields.timezone }),
      }),
    },
    {
      description: `Creates ${role === 'coach' ? 'a coach' : 'an admin'} of the organization (admins only). A used email is CONFLICT.`,
      resolve: async (_root, { input }, ctx) => {
        assertAdmin(ctx.viewer, `create${title}`);
        const user = await createUser(ctx, {
          role: role as Role,
          name: requireName('input.name', input.name, MAX_PERSON_NAME),
          email: requireEmail('input.email', input.email),
          timezone: input.timezone ?? null,
        });
        return user;
      },
    },
    {
      description: `The ${role} created.`,
      outputFields: (t) => {
        const fields: Record<string, ReturnType<typeof t.field>> = {};
        if (role === 'coach') fields.coach = t.field({ type: Coach, description: 'The new coach.', resolve: (u) => u });
        else fields.admin = t.field({ type: Admin, description: 'The new admin.', resolve: (u) => u });
        return fields;
      },
    },
  );
}

// ---- coach assignments --------------------------------------------------------------------

for (const [name, assign] of [['assignCoach', true], ['unassignCoach', false]] as const) {
  builder.relayMutationField(
    name,
    {
      description: assign ? 'Which coach takes which athlete.' : 'Which coach leaves which athlete.',
      inputFields: (t) => ({
        athleteId: t.id({ required: true, description: 'The athlete (archived ones too).' }),
        coachId: t.id({ required: true, description: 'A coach of the organization (see the coaches lookup).' }),
      }),
    },
    {
      description: assign
        ? 'Assigns a coach to an athlete (admins only): the coach then manages the athlete. Assigning twice is harmless.'
        : 'Ends a coach\'s assignment to an athlete (admins only). Harmless when there was none.',
      resolve: async (_root, { input }, ctx) => {
        const athleteId = parseId(input.athleteId, 'input.athleteId');
        const coachId = parseId(input.coachId, 'input.coachId');
        assertAdmin(ctx.viewer, name);
        await assertManagesAthlete(ctx.db, ctx.viewer, athleteId, name);
        if (!(await findUserWithRole(ctx.db, ctx.viewer.orgId, coachId, 'coach'))) throw notFound('coach', coachId);
        const changed = assign
          ? await insertCoachAssignment(ctx.db, ctx.viewer.orgId, coachId, athleteId)
          : await deleteCoachAssignment(ctx.db, ctx.viewer.orgId, coachId, athleteId);
        return { athleteId, changed };
      },
    },
    {
      description: assign ? 'The athlete with their coaches.' : 'The athlete with the coaches who remain.',
      outputFields: (t) => ({
        athlete: t.field({ type: Athlete, description: 'The athlete (see coaches).', resolve: (r) => r.athleteId }),
        changed: t.exposeBoolean('changed', { description: assign ? 'False when the coach was already assigned.' : 'False when the coach was not assigned.' }),
      }),
    },
  );
}

