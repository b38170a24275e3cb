import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { equalsAny } from './params';
import type { SettingsChange, SettingsField, SettingsValues } from '../domain/athlete-settings';
import { storedZoneBounds } from '../domain/zones';

// Athlete settings live in two rows: athlete_settings (physiology and zones) and the
// athlete's users row (sex, birth year, units, zone). Every change is logged in
// athlete_settings_changes with who made it, in the writing transaction.

const SETTINGS_COLUMNS = {
  hrMax: 'hr_max',
  restingHr: 'hr_rest',
  thresholdHr: 'threshold_hr',
  thresholdPace: 'threshold_pace_s_per_km',
  paceZones: 'pace_zones',
  hrZones: 'hr_zones',
  vdot: 'vdot',
} as const;
const USER_COLUMNS = { sex: 'sex', birthYear: 'birth_year', unitSystem: 'unit_system', timezone: 'timezone' } as const;
const JSON_FIELDS = new Set<SettingsField>(['paceZones', 'hrZones']);


interface SettingsSqlRow {
  hr_max: number | null;
  hr_rest: number | null;
  threshold_hr: number | null;
  threshold_pace_s_per_km: number | null;
  pace_zones: unknown;
  hr_zones: unknown;
  vdot: number | null;
  sex: 'male' | 'female' | null;
  birth_year: number | null;
  unit_system: 'metric' | 'imperial' | null;
  timezone: string | null;
}

const valuesOf = (r: SettingsSqlRow): SettingsValues => ({
  hrMax: r.hr_max,
  restingHr: r.hr_rest,
  thresholdHr: r.threshold_hr,
  thresholdPace: r.threshold_pace_s_per_km,
  paceZones: storedZoneBounds(r.pace_zones),
  hrZones: storedZoneBounds(r.hr_zones),
  vdot: r.vdot,
  sex: r.sex,
  birthYear: r.birth_year,
  unitSystem: r.unit_system,
  timezone: r.timezone,
});

export interface LockedSettings {
  values: SettingsValues;
  version: number;
  /** The athlete's zone before the change: their own, else the organization's. */
  effectiveTimezone: string;
  orgTimezone: string;
}

/**
 * The athlete's settings, locked for the rest of the transaction (the settings row is
 * created at version 1 if missing, so two writers queue on it). Undefined when the athlete
 * is not in the organization.
 */
export async function lockSettings(db: Kysely<Database>, orgId: number, athleteId: number): Promise<LockedSettings | undefined> {
  await sql`
    insert into athlete_settings (org_id, athlete_id)
    select org_id, id from users where org_id = ${orgId} and id = ${athleteId} and role = 'athlete'
    on conflict (org_id, athlete_id) do nothing`.execute(db);
  const { rows } = await sql<SettingsSqlRow & { version: number; org_timezone: string }>`
    select s.hr_max, s.hr_rest, s.threshold_hr, s.threshold_pace_s_per_km, s.pace_zones, s.hr_zones, s.vdot, s.version,
      u.sex, u.birth_year, u.unit_system, u.timezone, o.timezone as org_timezone
    from users u
    join organizations o on o.id = u.org_id
    join athlete_settings s on s.org_id = u.org_id and s.athlete_id = u.id
    where u.org_id = ${orgId} and u.id = ${athleteId} and u.role = 'athlete'
    for update of u, s`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  return { values: valuesOf(row), version: row.version, effectiveTimezone: row.timezone ?? row.org_timezone, orgTimezone: row.org_timezone };
}

const jsonOrNull = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Writes changed settings (each to its row), bumps athlete_settings.version (and the users
 * row's version when a field there changed), and logs every change with who made it.
 */
export async function writeSettingsChanges(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  changedBy: number,
  changes: SettingsChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const settingsSet: Record<string, unknown> = {};
  const userSet: Record<string, unknown> = {};
  for (const { field, newValue } of changes) {
    if (field in SETTINGS_COLUMNS) settingsSet[SETTINGS_COLUMNS[field as keyof typeof SETTINGS_COLUMNS]] = JSON_FIELDS.has(field) ? jsonOrNull(newValue) : newValue;
    else userSet[USER_COLUMNS[field as keyof typeof USER_COLUMNS]] = newValue;
  }
  await db
    .updateTable('athlete_settings')
    .set({ ...settingsSet, version: sql`version + 1`, updated_at: sql`now()` })
    .where('org_id', '=', orgId)
    .where('athlete_id', '=', athleteId)
    .execute();
  if (Object.keys(userSet).length) {
    await db.updateTable('users').set({ ...userSet, version: sql`version + 1` }).where('org_id', '=', orgId).where('id', '=', athleteId).execute();
  }
  await db
    .insertInto('athlete_settings_changes')
    .values(changes.map((c) => ({
      org_id: orgId, athlete_id: athleteId, changed_by: changedBy, field: c.field,
      old_value: jsonOrNull(c.oldValue), new_value: jsonOrNull(c.newValue),
    })))
    .execute();
}

export interface SettingsRow extends SettingsValues {
  athlete_id: number;
  /** 1 for an athlete whose settings were never written (the version a new row starts at). */
  version: number;
  updated_at: Date | null;
  changed_by_id: number | null;
  changed_by_name: string | null;
  changed_by_role: 'admin' | 'coach' | 'athlete' | null;
}

/** Each athlete's current settings with the time and author of the latest logged change: one statement. */
export async function findSettings(db: Kysely<Database>, orgId: number, athleteIds: readonly number[]): Promise<SettingsRow[]> {
  const { rows } = await sql<SettingsSqlRow & { athlete_id: number; version: number | null; updated_at: Date | null;
    changed_by_id: number | null; changed_by_name: string | null; changed_by_role: 'admin' | 'coach' | 'athlete' | null }>`
    select u.id as athlete_id, s.hr_max, s.hr_rest, s.threshold_hr, s.threshold_pace_s_per_km, s.pace_zones, s.hr_zones, s.vdot,
      s.version, s.updated_at, u.sex, u.birth_year, u.unit_system, u.timezone,
      c.changed_by as changed_by_id, c.name as changed_by_name, c.role as changed_by_role
    from users u
    left join athlete_settings s on s.org_id = u.org_id and s.athlete_id = u.id
    left join lateral (
      select ch.changed_by, w.name, w.role from athlete_settings_changes ch
      left join users w on w.org_id = ch.org_id and w.id = ch.changed_by
      where ch.org_id = u.org_id and ch.athlete_id = u.id
      order by ch.changed_at desc, ch.id desc limit 1) c on true
    where u.org_id = ${orgId} and u.id ${equalsAny(athleteIds)} and u.role = 'athlete'`.execute(db);
  return rows.map((r) => ({
    ...valuesOf(r),
    athlete_id: r.athlete_id,
    version: r.version ?? 1,
    updated_at: r.updated_at,
    changed_by_id: r.changed_by_id,
    changed_by_name: r.changed_by_name,
    changed_by_role: r.changed_by_role,
  }));
}

export interface SettingsChangeRow {
  id: number;
  athlete_id: number;
  field: string;
  old_value: unknown;
  new_value: unknown;
  changed_at: Date;
  changed_by_id: number;
  changed_by_name: string | null;
  changed_by_role: 'admin' | 'coach' | 'athlete' | null;
}

/**
 * One page of each athlete's settings changes, newest first (by id): `limit` rows after the
 * cursor id, and the athlete's total, in one statement for any number of athletes.
 */
export async function findSettingsHistories(
  db: Kysely<Database>,
  orgId: number,
  athleteIds: readonly number[],
  page: { afterId: number | null; limit: number },
): Promise<{ athlete_id: number; total: number; rows: SettingsChangeRow[] }[]> {
  const { rows } = await sql<SettingsChangeRow & { total: number }>`
    select u.id as athlete_id, n.total, ch.id, ch.field, ch.old_value, ch.new_value, ch.changed_at,
      ch.changed_by_id, w.name as changed_by_name, w.role as changed_by_role
    from users u
    cross join lateral (
      select count(*)::int as total from athlete_settings_changes where org_id = u.org_id and athlete_id = u.id) n
    left join lateral (
      select c.id::int as id, c.field, c.old_value, c.new_value, c.changed_at, c.changed_by as changed_by_id
      from athlete_settings_changes c
      where c.org_id = u.org_id and c.athlete_id = u.id
        ${page.afterId === null ? sql`` : sql`and c.id < ${page.afterId}`}
      order by c.id desc
      limit ${page.limit}) ch on true
    left join users w on w.org_id = u.org_id and w.id = ch.changed_by_id
    where u.org_id = ${orgId} and u.id ${equalsAny(athleteIds)} and u.role = 'athlete'
    order by u.id, ch.id desc`.execute(db);
  const byAthlete = new Map<number, { athlete_id: number; total: number; rows: SettingsChangeRow[] }>();
  for (const r of rows) {
    let entry = byAthlete.get(r.athlete_id);
    if (!entry) byAthlete.set(r.athlete_id, (entry = { athlete_id: r.athlete_id, total: r.total, rows: [] }));
    if (r.id !== null) entry.rows.push(r);
  }
  return [...byAthlete.values()];
}
