import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { rollbackUnlessEnded, startTenantTransaction } from '../db/tenant';
import { loadIngestAthlete } from './athlete';
import { recomputeLoads, refreshLoadEstimates } from './load-estimates';
import { rebuildActivityDaily } from './rollups';
import { refreshDerived, type WriteOptions } from './activities';

/**
 * Brings up to date what an older version left behind, at start-up: runs without a load
 * (before every run had one) and fitness caches without the risk state or the basis
 * (migrations 007 and 009 add empty columns; the app, not a frozen migration, knows the
 * formulas). Found from the data itself, so a start stopped halfway finishes on the next;
 * each athlete in a tenant transaction of its own. Answers how many athletes it refreshed.
 */
export async function refreshOutdatedAthletes(
  db: Kysely<Database>,
  options: WriteOptions & { statementTimeoutMs: number },
): Promise<number> {
  const { rows } = await sql<{ org_id: number; athlete_id: number }>`
    select org_id, athlete_id from activities where load_method is null and deleted_at is null
    union
    select org_id, athlete_id from athlete_fitness where basis is null or risk_state is null
    order by org_id, athlete_id`.execute(db);
  for (const { org_id: orgId, athlete_id: athleteId } of rows) {
    const trx = await startTenantTransaction(db, orgId, { readOnly: false, statementTimeoutMs: options.statementTimeoutMs });
    try {
      const now = options.now ?? new Date();
      const { athlete } = await refreshLoadEstimates(trx, orgId, await loadIngestAthlete(trx, orgId, athleteId), now);
      const { dates } = await recomputeLoads(trx, orgId, athleteId, athlete.physiology);
      await rebuildActivityDaily(trx, orgId, athleteId, dates);
      await refreshDerived(trx, orgId, athlete, { ...options, now });
      await trx.commit().execute();
    } catch (error) {
      await rollbackUnlessEnded(trx);
      throw error;
    }
  }
  return rows.length;
}
