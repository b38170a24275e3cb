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

/** lockAthleteDerived for many athletes in one statement, in ascending order (no two writers wait on each other in a circle). */
export async function lockAthletesDerived(trx: Kysely<Database>, orgId: number, athleteIds: readonly number[]): Promise<void> {
  if (athleteIds.length === 1) return lockAthleteDerived(trx, orgId, athleteIds[0]);
  await sql`select pg_advisory_xact_lock(${orgId}::int, a.id)
    from (select distinct id from unnest(${[...athleteIds]}::int[]) as u(id) order by id) a`.execute(trx);
}
