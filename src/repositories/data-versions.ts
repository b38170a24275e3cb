import type { Kysely } from 'kysely';
import type { Database } from '../db/types';

/**
 * The organization's data version: every committed write raises it (migration 013), so an
 * answer computed after reading version v holds every write up to v. 0 before any write.
 */
export async function findDataVersion(db: Kysely<Database>, orgId: number): Promise<number> {
  const row = await db.selectFrom('organization_data_versions').select('version').where('org_id', '=', orgId).executeTakeFirst();
  return row?.version ?? 0;
}
