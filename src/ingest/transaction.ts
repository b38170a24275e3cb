import type { Kysely } from 'kysely';
import type { Database } from '../db/types';

/**
 * Runs `fn` in a transaction: the caller's when `db` already is one (a GraphQL mutation runs
 * inside the request's tenant transaction), else a new one.
 */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
