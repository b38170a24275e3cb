import { sql, type Kysely } from 'kysely';
import type { Database, IntegrationProvider } from '../db/types';

// An athlete's connection to a provider (Strava, Garmin, Apple Health): one row per provider.

export interface IntegrationWrite {
  status: 'connected' | 'disconnected' | 'error';
  error: string | null;
  /** undefined keeps the stored instant (null for a new row). */
  last_sync_at: Date | null | undefined;
}

/** The athlete's connection to a provider, locked; undefined when never recorded. */
export async function lockIntegration(db: Kysely<Database>, orgId: number, athleteId: number, provider: IntegrationProvider) {
  return db
    .selectFrom('integrations')
    .select(['version', 'status', 'last_sync_at', 'error'])
    .where('org_id', '=', orgId)
    .where('athlete_id', '=', athleteId)
    .where('provider', '=', provider)
    .forUpdate()
    .executeTakeFirst();
}

/** Inserts or updates the connection's status (version 1, then +1 on each update). */
export async function upsertIntegration(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  provider: IntegrationProvider,
  write: IntegrationWrite,
): Promise<void> {
  const values = { status: write.status, error: write.error, ...(write.last_sync_at === undefined ? {} : { last_sync_at: write.last_sync_at }) };
  await db
    .insertInto('integrations')
    .values({ org_id: orgId, athlete_id: athleteId, provider, last_sync_at: null, ...values })
    .onConflict((oc) => oc.columns(['org_id', 'athlete_id', 'provider']).doUpdateSet({ ...values, version: sql`integrations.version + 1` }))
    .execute();
}
