import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, UsersTable } from '../db/types';
import { equalsIds, idsParameter } from './params';
import { reusableStatement } from './reusable-statement';
import { columnArrays, rowsOf, zipColumns, type RowsQuery } from './json-rows';

export type AthleteRow = Pick<Selectable<UsersTable>, 'org_id' | 'id' | 'name' | 'email' | 'unit_system' | 'sex' | 'birth_year' | 'version'> & {
  /** The athlete's own zone, or the organization's when they have none. */
  timezone: string;
  own_timezone: string | null;
  /** A Date, or ISO text when read through jsonRows; null for an athlete on the roster. */
  archived_at: Date | string | null;
};

/** The columns of an AthleteRow, for queries that join users `u` and organizations `o`. */
export const athleteColumns = sql`u.org_id, u.id, u.name, u.email, u.unit_system, u.sex, u.birth_year, u.timezone as own_timezone,
  coalesce(u.timezone, o.timezone) as timezone, u.archived_at, u.version`;

function athletesOf(db: Kysely<Database>, orgId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.org_id')
    .select(['u.org_id', 'u.id', 'u.name', 'u.email', 'u.unit_system', 'u.sex', 'u.birth_year', 'u.timezone as own_timezone', 'u.archived_at', 'u.version'])
    .select(sql<string>`coalesce(u.timezone, o.timezone)`.as('timezone'))
    .where('u.org_id', '=', orgId)
    .where('u.role', '=', 'athlete');
}

// Every request about one athlete starts here: built once per shape (reusable-statement.ts).
const athletesByIds = reusableStatement((db, p: { orgId: number; ids: number | string }, shape: 'one' | 'several') =>
  athletesOf(db, p.orgId).where(sql<boolean>`u.id ${equalsIds(shape, p.ids)}`),
);

/** The athletes with these ids, matched as equalsAny matches them (params.ts says why). */
export async function findAthletesByIds(db: Kysely<Database>, orgId: number, ids: readonly number[]): Promise<AthleteRow[]> {
  const { shape, value } = idsParameter(ids);
  return athletesByIds(db, shape, { orgId, ids: value });
}

/**
 * One athlete's row and the rows of another statement, in one statement: how `athlete(id)`
 * answers the id and one field in one round trip (schema/athlete-fold.ts). The athlete is null
 * when the id is not an athlete of the organization, as findAthletesByIds leaves it out, and the
 * other statement then does not run (the lateral refers to the athlete). The row comes as JSON
 * (archived_at as ISO text), so its columns never meet the other rows' names.
 */
export async function findAthleteWithRows<R>(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  rows: RowsQuery<R>,
): Promise<{ athlete: AthleteRow | null; rows: R[] }> {
  const { rows: [row] } = await sql<Record<string, unknown> & { $athlete: AthleteRow }>`
    select to_json(a) as "$athlete", f.*
    from (select ${athleteColumns} from users u join organizations o on o.id = u.org_id
          where u.org_id = ${orgId} and u.id = ${athleteId} and u.role = 'athlete') a
    cross join lateral (select ${columnArrays(rows.columns, 'r')} from (${rows.query}) r where a.id is not null) f`.execute(db);
  return row ? { athlete: row.$athlete, rows: rowsOf(row, rows) } : { athlete: null, rows: [] };
}

export interface AthletePageCursor {
  name: string;
  id: number;
}

/** The columns of an AthleteRow, as `athletesOf` names them. */
const ATHLETE_ROW_COLUMNS = [
  'org_id', 'id', 'name', 'email', 'unit_system', 'sex', 'birth_year', 'own_timezone', 'archived_at', 'version', 'timezone',
] as const satisfies readonly (keyof AthleteRow)[];

/**
 * One page of the organization's athletes (archived ones left out) ordered by name then id;
 * `limit` rows after the cursor, read as JSON column arrays (json-rows.ts). With `withTotal`,
 * the same statement also counts the roster, saving the page's `totalCount` a round trip.
 */
export async function listAthletes(
  db: Kysely<Database>,
  orgId: number,
  page: { after: AthletePageCursor | null; limit: number; withTotal?: boolean },
): Promise<{ rows: AthleteRow[]; total: number | null }> {
  let query = athletesOf(db, orgId).where('u.archived_at', 'is', null);
  if (page.after) query = query.where(sql<boolean>`(u.name, u.id) > (${page.after.name}, ${page.after.id})`);
  query = query.orderBy('u.name').orderBy('u.id').limit(page.limit);
  const total = page.withTotal ? sql`, (${rosterCount(db, orgId)}) as total` : sql``;
  const { rows } = await sql<Record<string, unknown>>`select ${columnArrays(ATHLETE_ROW_COLUMNS, 'r')}${total} from (${query}) r`.execute(db);
  return { rows: zipColumns<AthleteRow>(rows[0], ATHLETE_ROW_COLUMNS), total: page.withTotal ? Number(rows[0].total) : null };
}

const rosterCount = (db: Kysely<Database>, orgId: number) =>
  db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'athlete')
    .where('archived_at', 'is', null);

/** Athletes on the roster (archived ones left out). */
export async function countAthletes(db: Kysely<Database>, orgId: number): Promise<number> {
  const row = await rosterCount(db, orgId).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Every athlete of the organization, archived ones too (their signals are published like anyone's). */
export async function findAthleteIds(db: Kysely<Database>, orgId: number): Promise<number[]> {
  const rows = await db.selectFrom('users').select('id').where('org_id', '=', orgId).where('role', '=', 'athlete').execute();
  return rows.map((r) => r.id);
}
