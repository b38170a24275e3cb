import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { intArray } from './params';

/** Where a (source, external id) already lives in the organization: as a run's shown copy, or as another copy. */
export interface KnownIdentity {
  source: string;
  external_id: string;
  kind: 'run' | 'copy';
  athlete_id: number;
  activity_id: number;
  deleted: boolean;
}

/** The identities among `keys` the organization already has, in either table: one statement. */
export async function findKnownIdentities(
  db: Kysely<Database>,
  orgId: number,
  keys: { source: string; external_id: string }[],
): Promise<KnownIdentity[]> {
  const sources = keys.map((k) => k.source);
  const ids = keys.map((k) => k.external_id);
  const { rows } = await sql<KnownIdentity>`
    with k(source, external_id) as (select * from unnest(${sources}::text[], ${ids}::text[]))
    select a.source, a.external_id, 'run' as kind, a.athlete_id, a.id::float8 as activity_id, a.deleted_at is not null as deleted
    from activities a join k using (source, external_id) where a.org_id = ${orgId}
    union all
    select c.source, c.external_id, 'copy', c.athlete_id, c.activity_id::float8, c.deleted_at is not null
    from activity_copies c join k using (source, external_id) where c.org_id = ${orgId}`.execute(db);
  return rows;
}

/** A stored run as the duplicate rule and the richness order need it. */
export interface RunCandidate {
  id: number;
  start_time: Date;
  distance_m: number;
  local_date: string;
  deleted: boolean;
  avg_hr: number | null;
  max_hr: number | null;
  elevation_gain_m: number | null;
  calories: number | null;
  pace_s: number;
  hr_s: number;
}

/** The athlete's runs, deleted ones too, on the given local dates (a copy within 2 minutes is at most a day away). */
export async function findRunsOnDates(db: Kysely<Database>, orgId: number, athleteId: number, dates: string[]): Promise<RunCandidate[]> {
  if (dates.length === 0) return [];
  const { rows } = await sql<RunCandidate>`
    select a.id::float8 as id, a.start_time, a.distance_m, a.local_date, a.deleted_at is not null as deleted,
      a.avg_hr, a.max_hr, a.elevation_gain_m, a.calories,
      a.pace_z1_s + a.pace_z2_s + a.pace_z3_s + a.pace_z4_s + a.pace_z5_s as pace_s,
      a.hr_z1_s + a.hr_z2_s + a.hr_z3_s + a.hr_z4_s + a.hr_z5_s as hr_s
    from activities a
    where a.org_id = ${orgId} and a.athlete_id = ${athleteId} and a.local_date = any(${dates}::date[])`.execute(db);
  return rows;
}

export interface CopyRow {
  source: string;
  external_id: string;
  activity_id: number;
  athlete_id: number;
  record: Record<string, unknown>;
  source_updated_at: Date | null;
}

// 7 columns a row: 1,000 rows stay far below PostgreSQL's 65,535 parameters.
const COPIES_PER_STATEMENT = 1000;

export async function insertCopies(db: Kysely<Database>, orgId: number, copies: CopyRow[]): Promise<void> {
  for (let i = 0; i < copies.length; i += COPIES_PER_STATEMENT) {
    await db.insertInto('activity_copies')
      .values(copies.slice(i, i + COPIES_PER_STATEMENT).map((c) => ({ org_id: orgId, ...c, record: JSON.stringify(c.record) })))
      .execute();
  }
}

/** A resent copy replaces what was kept of it, unless it is deleted or older than the kept version; the count changed. */
export async function updateCopies(db: Kysely<Database>, orgId: number, copies: Omit<CopyRow, 'activity_id' | 'athlete_id'>[]): Promise<number> {
  let changed = 0;
  for (const c of copies) {
    const result = await db.updateTable('activity_copies')
      .set({ record: JSON.stringify(c.record), source_updated_at: sql`coalesce(${c.source_updated_at}::timestamptz, source_updated_at)`, updated_at: sql`now()` })
      .where('org_id', '=', orgId).where('source', '=', c.source).where('external_id', '=', c.external_id)
      .where('deleted_at', 'is', null)
      .where(sql<boolean>`(${c.source_updated_at}::timestamptz is null or source_updated_at is null or ${c.source_updated_at}::timestamptz >= source_updated_at)`)
      .where(sql<boolean>`record is distinct from ${JSON.stringify(c.record)}::jsonb`)
      .executeTakeFirst();
    changed += Number(result.numUpdatedRows);
  }
  return changed;
}

/** The live copies of a run, oldest first. */
export async function findLiveCopies(db: Kysely<Database>, orgId: number, activityId: number) {
  return db.selectFrom('activity_copies').select(['source', 'external_id', 'record', 'source_updated_at'])
    .where('org_id', '=', orgId).where('activity_id', '=', activityId).where('deleted_at', 'is', null)
    .orderBy('created_at').orderBy('source').execute();
}

/** Every copy of each run (the shown one first), for Activity.sources: one statement for a page. */
export async function findRunSources(db: Kysely<Database>, orgId: number, activityIds: readonly number[]) {
  const { rows } = await sql<{ activity_id: number; source: string; external_id: string; shown: boolean; deleted: boolean }>`
    select a.id::float8 as activity_id, a.source, a.external_id, true as shown, false as deleted
    from activities a where a.org_id = ${orgId} and a.id = any(${intArray(activityIds)}::bigint[])
    union all
    select c.activity_id::float8, c.source, c.external_id, false, c.deleted_at is not null
    from activity_copies c where c.org_id = ${orgId} and c.activity_id = any(${intArray(activityIds)}::bigint[])
    order by activity_id, shown desc, source, external_id`.execute(db);
  return rows;
}
