import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';

/**
 * Serialises the writers of what is derived from one athlete's runs and plans (rollups,
 * plan matching) until the transaction ends: an ingest takes it before its rollups, a plan
 * write before it reads the workouts it changes, so neither matches from what the other is
 * replacing. Statements after it see what the previous holder committed.
 */
export async function lockAthleteDerived(trx: Kysely<Database>, orgId: number, athleteId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${orgId}::int, ${athleteId}::int)`.execute(trx);
}
