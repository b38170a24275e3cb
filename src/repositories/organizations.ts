import type { Kysely } from 'kysely';
import type { Database } from '../db/types';

export async function findOrganization(db: Kysely<Database>, orgId: number) {
  return db.selectFrom('organizations').select(['id', 'name', 'timezone']).where('id', '=', orgId).executeTakeFirst();
}

/**
 * Ids GraphiQL's example tabs open with (the owner's connection, at start-up): the athlete of
 * the organization with the most runs, so every example has data to show, and its first group.
 */
export async function findExampleSamples(db: Kysely<Database>, orgId: number): Promise<{ athleteId: number | null; groupId: number | null }> {
  const athlete = await db.selectFrom('users as u')
    .leftJoin('activities as a', (j) => j.onRef('a.org_id', '=', 'u.org_id').onRef('a.athlete_id', '=', 'u.id'))
    .select('u.id').where('u.org_id', '=', orgId).where('u.role', '=', 'athlete').where('u.archived_at', 'is', null)
    .groupBy('u.id').orderBy((eb) => eb.fn.count('a.id'), 'desc').orderBy('u.id').limit(1).executeTakeFirst();
  const group = await db.selectFrom('groups').select('id').where('org_id', '=', orgId).orderBy('id').limit(1).executeTakeFirst();
  return { athleteId: athlete?.id ?? null, groupId: group?.id ?? null };
}
