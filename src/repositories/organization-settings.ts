import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { DEFAULT_RISK_THRESHOLDS, type RiskThresholds } from '../domain/signals';

export interface SignalThresholdsRow extends RiskThresholds {
  version: number;
  updatedAt: Date | null;
  updatedBy: number | null;
}

/** The organization's risk-signal thresholds; the defaults at version 1 while it has no row. */
export async function findSignalThresholds(db: Kysely<Database>, orgId: number, lock = false): Promise<SignalThresholdsRow> {
  const row = await db.selectFrom('organization_signal_thresholds')
    .select(['acwr_max', 'monotony_max', 'weekly_ramp_max', 'version', 'updated_at', 'updated_by'])
    .where('org_id', '=', orgId)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_RISK_THRESHOLDS, version: 1, updatedAt: null, updatedBy: null };
  return {
    acwrMax: row.acwr_max, monotonyMax: row.monotony_max, weeklyRampMax: row.weekly_ramp_max,
    version: row.version, updatedAt: row.updated_at, updatedBy: row.updated_by,
  };
}

/**
 * The row locked for an update, made first if missing (concurrent first updates meet on
 * the primary key, and the second then waits on the lock like any later one).
 */
export async function lockSignalThresholds(db: Kysely<Database>, orgId: number): Promise<SignalThresholdsRow> {
  await db.insertInto('organization_signal_thresholds').values({ org_id: orgId }).onConflict((oc) => oc.column('org_id').doNothing()).execute();
  return findSignalThresholds(db, orgId, true);
}

/** Stores new thresholds, one version step; the caller holds the lock and checked the version. */
export async function writeSignalThresholds(db: Kysely<Database>, orgId: number, values: RiskThresholds, by: number): Promise<void> {
  await db.updateTable('organization_signal_thresholds')
    .set({
      acwr_max: values.acwrMax, monotony_max: values.monotonyMax, weekly_ramp_max: values.weeklyRampMax,
      version: sql`version + 1`, updated_at: sql`now()`, updated_by: by,
    })
    .where('org_id', '=', orgId)
    .execute();
}
