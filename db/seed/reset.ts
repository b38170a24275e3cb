import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/types';

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** Empties every table (organizations cascade to all tenant tables) and restarts the ids. */
export async function truncateAll(db: Kysely<Database>): Promise<void> {
  await sql`truncate organizations restart identity cascade`.execute(db);
}
