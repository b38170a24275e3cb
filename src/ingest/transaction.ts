import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { readOnlyRequestConnections } from '../db/tenant';

/**
 * Runs `fn` in a transaction: the caller's when `db` already is one (a GraphQL mutation runs
 * inside the request's tenant transaction; a query's read-only connection is inside one too,
 * and a nested BEGIN and COMMIT there would end the request's tenant settings), else a new one.
 */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction || readOnlyRequestConnections.has(db) ? fn(db) : db.transaction().execute(fn);
}
