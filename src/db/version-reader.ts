import type { Pool } from 'pg';
import type { Kysely } from 'kysely';
import type { Database } from './types';
import { findDataVersion } from '../repositories/data-versions';

type VersionReader = (orgId: number) => Promise<number>;

const readers = new WeakMap<Kysely<Database>, VersionReader>();

const DATA_VERSION_SQL = 'select version from organization_data_versions where org_id = $1';

/**
 * On PostgreSQL, the data version as one named prepared statement on the primary's pool,
 * without Kysely: the check before a cached answer (src/http/cached-answers.ts), where Kysely's
 * building and an unnamed statement's parse and plan were most of the answer's time
 * (bench/README.md, fifth pass). `onQuery` hears it as Kysely's log would.
 */
export function setVersionReader(db: Kysely<Database>, pool: Pool, onQuery?: (sql: string, parameters: readonly unknown[]) => void): void {
  readers.set(db, async (orgId) => {
    onQuery?.(DATA_VERSION_SQL, [orgId]);
    const { rows } = await pool.query<{ version: string | number }>({ name: 'stride_data_version', text: DATA_VERSION_SQL, values: [orgId] });
    return Number(rows[0]?.version ?? 0);
  });
}

/** The organization's data version, read the cheapest way the database offers. */
export function readDataVersion(db: Kysely<Database>, orgId: number): Promise<number> {
  return (readers.get(db) ?? ((id: number) => findDataVersion(db, id)))(orgId);
}
