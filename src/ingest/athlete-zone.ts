import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { redateActivities } from '../repositories/roster';
import { rebuildActivityDaily } from './rollups';
import { rematchPlannedWorkouts } from './plan-matching';
import { loadIngestAthlete } from './athlete';
import { refreshDerived, type WriteOptions } from './activities';

/**
 * An athlete's zone changed (`before` and `after` are their own, null meaning the
 * organization's): runs move to their local dates in the new zone, with the rollups, the
 * plan matching and the caches of every date touched, inside the caller's transaction.
 */
export async function moveRunsToNewZone(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  zones: { organization: string; before: string | null; after: string | null },
  options: WriteOptions,
): Promise<string[]> {
  const zone = zones.after ?? zones.organization;
  if (zone === (zones.before ?? zones.organization)) return [];
  const dates = await redateActivities(db, orgId, athleteId, zone);
  if (dates.length === 0) return [];
  await rebuildActivityDaily(db, orgId, athleteId, dates);
  await rematchPlannedWorkouts(db, orgId, athleteId, dates);
  await refreshDerived(db, orgId, await loadIngestAthlete(db, orgId, athleteId), options);
  return dates;
}
