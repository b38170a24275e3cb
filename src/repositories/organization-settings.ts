import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { DEFAULT_SIGNAL_THRESHOLDS, type SignalThresholds } from '../domain/signals';

export interface SignalThresholdsRow extends SignalThresholds {
  version: number;
  updatedAt: Date | null;
  updatedBy: number | null;
}

/** The organization's attention-signal thresholds; the defaults at version 1 while it has no row. */
export async function findSignalThresholds(db: Kysely<Database>, orgId: number, lock = false): Promise<SignalThresholdsRow> {
  const row = await db.selectFrom('organization_signal_thresholds')
    .select(['acwr_max', 'monotony_max', 'weekly_ramp_max', 'hrv_sd', 'recovery_points', 'vo2max_change', 'version', 'updated_at', 'updated_by'])
    .where('org_id', '=', orgId)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_SIGNAL_THRESHOLDS, version: 1, updatedAt: null, updatedBy: null };
  return {
    hrvSd: row.hrv_sd, recoveryPoints: row.recovery_points, vo2max: row.vo2max_change,
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
export async function writeSignalThresholds(db: Kysely<Database>, orgId: number, values: SignalThresholds, by: number): Promise<void> {
  await db.updateTable('organization_signal_thresholds')
    .set({
      hrv_sd: values.hrvSd, recovery_points: values.recoveryPoints, vo2max_change: values.vo2max,
      acwr_max: values.acwrMax, monotony_max: values.monotonyMax, weekly_ramp_max: values.weeklyRampMax,
      version: sql`version + 1`, updated_at: sql`now()`, updated_by: by,
    })
    .where('org_id', '=', orgId)
    .execute();
}
