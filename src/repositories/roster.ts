import { sql, type Kysely } from 'kysely';
import type { Database, Role, Sex, UnitSystem } from '../db/types';
import { equalsAny } from './params';

// The roster and structure writes of the set-up API (docs/api.md, Setting up an
// organization): users, coach assignments, labels, groups and memberships. Plain functions
// taking the request's transaction first and the organization second; the schema checks
// roles and input before calling them. Inserts that may collide use ON CONFLICT DO NOTHING,
// so a duplicate answers "no row" instead of aborting the transaction.

export interface NewUser {
  role: Role;
  name: string;
  email: string;
  timezone: string | null;
  unit_system?: UnitSystem | null;
  sex?: Sex | null;
  birth_year?: number | null;
}

export interface UserRef {
  id: number;
  role: Role;
  name: string;
  email: string;
  timezone: string | null;
  archived_at: Date | null;
  version: number;
}

const USER_COLUMNS = ['id', 'role', 'name', 'email', 'timezone', 'archived_at', 'version'] as const;

/** The user of the organization holding this email (emails are compared in lower case). */
export async function findUserByEmail(db: Kysely<Database>, orgId: number, email: string): Promise<UserRef | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('org_id', '=', orgId)
    .where(sql<boolean>`lower(email) = ${email.toLowerCase()}`).executeTakeFirst();
}

/** Inserts a user; undefined when the email is taken in the organization. */
export async function insertUser(db: Kysely<Database>, orgId: number, user: NewUser): Promise<UserRef | undefined> {
  return db.insertInto('users').values({ org_id: orgId, archived_at: null, ...user })
    .onConflict((oc) => oc.columns(['org_id', 'email']).doNothing())
    .returning(USER_COLUMNS).executeTakeFirst();
}

/** A user of the organization with this role (any other role, or organization, is undefined). */
export async function findUserWithRole(db: Kysely<Database>, orgId: number, id: number, role: Role): Promise<UserRef | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('org_id', '=', orgId).where('id', '=', id).where('role', '=', role).executeTakeFirst();
}

/** An athlete locked for an update (archived ones too). */
export async function lockAthlete(db: Kysely<Database>, orgId: number, id: number): Promise<(UserRef & { unit_system: UnitSystem | null; sex: Sex | null; birth_year: number | null }) | undefined> {
  return db.selectFrom('users').select([...USER_COLUMNS, 'unit_system', 'sex', 'birth_year'])
    .where('org_id', '=', orgId).where('id', '=', id).where('role', '=', 'athlete').forUpdate().executeTakeFirst();
}

export type AthletePatch = Partial<Pick<NewUser, 'name' | 'email' | 'timezone' | 'unit_system' | 'sex' | 'birth_year'>>;

/** Applies the patch and increments the version. */
/** `bumpVersion` false when the same update already moved the version (a settings change). */
export async function updateAthleteRow(db: Kysely<Database>, orgId: number, id: number, patch: AthletePatch, bumpVersion = true): Promise<void> {
  await db.updateTable('users').set(bumpVersion ? { ...patch, version: sql`version + 1` } : patch)
    .where('org_id', '=', orgId).where('id', '=', id).where('role', '=', 'athlete').execute();
}

/**
 * Whom a roster import logs settings changes as made by: the admin with that email, or the
 * organization's first admin.
 */
export async function findImportAuthor(db: Kysely<Database>, orgId: number, email?: string): Promise<{ id: number; email: string }> {
  let query = db.selectFrom('users').select(['id', 'email']).where('org_id', '=', orgId).where('role', '=', 'admin').orderBy('id').limit(1);
  if (email !== undefined) query = query.where(sql<boolean>`lower(email) = lower(${email})`);
  const admin = await query.executeTakeFirst();
  if (!admin) throw new Error(email === undefined ? `organization ${orgId} has no admin: the import logs its changes as made by one` : `no admin ${email} in organization ${orgId}`);
  return admin;
}

/** Archives (now) or unarchives an athlete; the version moves only when the state changes. */
export async function setAthleteArchived(db: Kysely<Database>, orgId: number, id: number, archived: boolean, now: Date): Promise<void> {
  await db.updateTable('users')
    .set({ archived_at: archived ? now : null, version: sql`version + 1` })
    .where('org_id', '=', orgId).where('id', '=', id).where('role', '=', 'athlete')
    .where('archived_at', archived ? 'is' : 'is not', null)
    .execute();
}

/**
 * Moves every run of the athlete (tombstones too, so they stay consistent) to its local date
 * in `timezone`; answers the dates touched, old and new, and how many live runs moved.
 */
export async function redateActivities(db: Kysely<Database>, orgId: number, athleteId: number, timezone: string): Promise<{ dates: string[]; runs: number }> {
  const { rows } = await sql<{ old_date: string; new_date: string; live: boolean }>`
    with changed as (
      select id, local_date as old_date from activities
      where org_id = ${orgId} and athlete_id = ${athleteId} and local_date <> (start_time at time zone ${timezone})::date
      for update)
    update activities a set local_date = (a.start_time at time zone ${timezone})::date, updated_at = now()
    from changed c where a.org_id = ${orgId} and a.id = c.id
    returning c.old_date::text as old_date, a.local_date::text as new_date, a.deleted_at is null as live`.execute(db);
  const live = rows.filter((r) => r.live);
  return { dates: [...new Set(live.flatMap((r) => [r.old_date, r.new_date]))].sort(), runs: live.length };
}

// ---- coach assignments --------------------------------------------------------------------

/** True when the assignment is new. */
export async function insertCoachAssignment(db: Kysely<Database>, orgId: number, coachId: number, athleteId: number): Promise<boolean> {
  const result = await db.insertInto('coach_assignments').values({ org_id: orgId, coach_id: coachId, athlete_id: athleteId })
    .onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** True when there was an assignment to remove. */
export async function deleteCoachAssignment(db: Kysely<Database>, orgId: number, coachId: number, athleteId: number): Promise<boolean> {
  const result = await db.deleteFrom('coach_assignments').where('org_id', '=', orgId).where('coach_id', '=', coachId).where('athlete_id', '=', athleteId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ---- labels and groups --------------------------------------------------------------------

export interface NamedRow {
  id: number;
  name: string;
  version: number;
}

type NamedTable = 'labels' | 'groups';

/** Inserts a label or group; undefined when the name is taken. */
export async function insertNamed(db: Kysely<Database>, table: NamedTable, orgId: number, name: string): Promise<NamedRow | undefined> {
  return db.insertInto(table).values({ org_id: orgId, name })
    .onConflict((oc) => oc.columns(['org_id', 'name']).doNothing())
    .returning(['id', 'name', 'version']).executeTakeFirst();
}

export async function findNamed(db: Kysely<Database>, table: NamedTable, orgId: number, id: number, lock = false): Promise<NamedRow | undefined> {
  const query = db.selectFrom(table).select(['id', 'name', 'version']).where('org_id', '=', orgId).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Another row of the table with this name (case-insensitive), if any. */
export async function findNamedByName(db: Kysely<Database>, table: NamedTable, orgId: number, name: string, exceptId?: number): Promise<NamedRow | undefined> {
  let query = db.selectFrom(table).select(['id', 'name', 'version']).where('org_id', '=', orgId).where(sql<boolean>`lower(name) = ${name.toLowerCase()}`);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

export async function renameNamed(db: Kysely<Database>, table: NamedTable, orgId: number, id: number, name: string): Promise<NamedRow> {
  return db.updateTable(table).set({ name, version: sql`version + 1` }).where('org_id', '=', orgId).where('id', '=', id)
    .returning(['id', 'name', 'version']).executeTakeFirstOrThrow();
}

/** Deletes a label; its attachments go with it. */
export async function deleteLabelRow(db: Kysely<Database>, orgId: number, id: number): Promise<void> {
  await db.deleteFrom('labels').where('org_id', '=', orgId).where('id', '=', id).execute();
}

/**
 * Deletes a group: its memberships and stored group insights go with it; plans created for
 * the group stay with their athletes (their group_id is cleared).
 */
export async function deleteGroupRow(db: Kysely<Database>, orgId: number, id: number): Promise<void> {
  await db.updateTable('training_plans').set({ group_id: null, version: sql`version + 1` }).where('org_id', '=', orgId).where('group_id', '=', id).execute();
  await db.deleteFrom('insights').where('org_id', '=', orgId).where('subject', '=', 'group').where('subject_id', '=', id).execute();
  await db.deleteFrom('groups').where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function attachLabelRow(db: Kysely<Database>, orgId: number, athleteId: number, labelId: number): Promise<void> {
  await db.insertInto('athlete_labels').values({ org_id: orgId, athlete_id: athleteId, label_id: labelId }).onConflict((oc) => oc.doNothing()).execute();
}

export async function detachLabelRow(db: Kysely<Database>, orgId: number, athleteId: number, labelId: number): Promise<void> {
  await db.deleteFrom('athlete_labels').where('org_id', '=', orgId).where('athlete_id', '=', athleteId).where('label_id', '=', labelId).execute();
}

/**
 * Adds (or re-dates) a membership. The join date is stored as noon of that date in the
 * organization's zone, so it reads back as the same date there.
 */
export async function upsertGroupMember(db: Kysely<Database>, orgId: number, groupId: number, athleteId: number, joinedOn: string): Promise<void> {
  await sql`
    insert into group_members (org_id, group_id, athlete_id, joined_at)
    select ${orgId}, ${groupId}, ${athleteId}, (${joinedOn}::date + time '12:00') at time zone o.timezone from organizations o where o.id = ${orgId}
    on conflict (org_id, group_id, athlete_id) do update set joined_at = excluded.joined_at`.execute(db);
}

export async function deleteGroupMember(db: Kysely<Database>, orgId: number, groupId: number, athleteId: number): Promise<void> {
  await db.deleteFrom('group_members').where('org_id', '=', orgId).where('group_id', '=', groupId).where('athlete_id', '=', athleteId).execute();
}

/** The groups an athlete is a member of (ids and names, by name): what a roster import compares its groups column with. */
export async function findAthleteGroups(db: Kysely<Database>, orgId: number, athleteId: number): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('group_members as gm').innerJoin('groups as g', (j) => j.onRef('g.org_id', '=', 'gm.org_id').onRef('g.id', '=', 'gm.group_id'))
    .select(['g.id', 'g.name']).where('gm.org_id', '=', orgId).where('gm.athlete_id', '=', athleteId).orderBy('g.name').orderBy('g.id').execute();
}

// ---- lookups (the coach's filter menus) ---------------------------------------------------

export interface NameCursor {
  name: string;
  id: number;
}

export interface GroupLookupRow extends NamedRow {
  /** Members not archived. */
  members: number;
}

const afterName = (after: NameCursor | null) => (after ? sql`and (name, id) > (${after.name}, ${after.id})` : sql``);

/** A page of the organization's labels by name, then id, with the total. */
export async function listLabels(db: Kysely<Database>, orgId: number, page: { after: NameCursor | null; limit: number }): Promise<NamedRow[]> {
  const { rows } = await sql<NamedRow>`
    select id, name, version from labels where org_id = ${orgId} ${afterName(page.after)}
    order by name, id limit ${page.limit}`.execute(db);
  return rows;
}

/** A page of the organization's coaches by name, then id. */
export async function listCoaches(db: Kysely<Database>, orgId: number, page: { after: NameCursor | null; limit: number }): Promise<{ id: number; name: string; email: string }[]> {
  const { rows } = await sql<{ id: number; name: string; email: string }>`
    select id, name, email from users where org_id = ${orgId} and role = 'coach' ${afterName(page.after)}
    order by name, id limit ${page.limit}`.execute(db);
  return rows;
}

/** A page of the organization's groups by name, then id, each with its member count (archived athletes left out). */
export async function listGroups(db: Kysely<Database>, orgId: number, page: { after: NameCursor | null; limit: number }): Promise<GroupLookupRow[]> {
  const { rows } = await sql<GroupLookupRow>`
    select g.id, g.name, g.version,
      (select count(*)::int from group_members gm join users u on u.org_id = gm.org_id and u.id = gm.athlete_id
       where gm.org_id = g.org_id and gm.group_id = g.id and u.archived_at is null) as members
    from groups g where g.org_id = ${orgId} ${page.after ? sql`and (g.name, g.id) > (${page.after.name}, ${page.after.id})` : sql``}
    order by g.name, g.id limit ${page.limit}`.execute(db);
  return rows;
}

export type LookupTable = 'labels' | 'coaches' | 'groups';

export async function countLookup(db: Kysely<Database>, orgId: number, what: LookupTable): Promise<number> {
  const query = what === 'coaches'
    ? sql<{ n: number }>`select count(*)::int as n from users where org_id = ${orgId} and role = 'coach'`
    : sql<{ n: number }>`select count(*)::int as n from ${sql.table(what)} where org_id = ${orgId}`;
  return (await query.execute(db)).rows[0].n;
}

/** Labels' versions by id (Athlete.labels carries only ids and names). */
export async function findLabelVersions(db: Kysely<Database>, orgId: number, ids: readonly number[]): Promise<{ id: number; version: number }[]> {
  const { rows } = await sql<{ id: number; version: number }>`
    select id, version from labels where org_id = ${orgId} and id ${equalsAny(ids)}`.execute(db);
  return rows;
}

/** One group with its member count (archived athletes left out). */
export async function findGroupWithCount(db: Kysely<Database>, orgId: number, id: number): Promise<GroupLookupRow | undefined> {
  const { rows } = await sql<GroupLookupRow>`
    select g.id, g.name, g.version,
      (select count(*)::int from group_members gm join users u on u.org_id = gm.org_id and u.id = gm.athlete_id
       where gm.org_id = g.org_id and gm.group_id = g.id and u.archived_at is null) as members
    from groups g where g.org_id = ${orgId} and g.id = ${id}`.execute(db);
  return rows[0];
}
