import type { Kysely } from 'kysely';
import type { Database } from '../db/types';

export async function findOrganization(db: Kysely<Database>, orgId: number) {
  return db.selectFrom('organizations').select(['id', 'name', 'timezone']).where('id', '=', orgId).executeTakeFirst();
}
