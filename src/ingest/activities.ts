import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { loadIngestAthlete, type IngestAthlete } from './athlete';
import { inTransaction } from './transaction';
import { notFound } from '../errors';
import { rebuildActivityDaily } from './rollups';
import { completeEndedPlans } from '../repositories/plan-writes';
import { rematchPlannedWorkouts } from './plan-matching';
import { refreshLoadEstimates } from './load-estimates';
import { refreshFitness } from './fitness';
import { refreshInsights } from './insights';
import { addCounts, NO_RUNS, writeRunChunk, withdrawCopy, type RunCounts } from './run-copies';
import { lockAthleteDerived } from '../repositories/athlete-lock';
import { findKnownIdentities } from '../repositories/activity-copies';
import { plainInsights, type InsightGenerator } from '../domain/insights';
import { appendEvents } from '../repositories/events';
import { publishSignalChanges } from './live-events';
import type { RunsChangedPayload } from '../domain/live-events';

export interface WriteOptions {
  /** "Today" for the cached fitness and the insights; the system clock by default. */
  now?: Date;
  generator?: InsightGenerator;
}

export interface ActivityRecord {
  source: string;
  externalId: string;
  sport?: string;
  startTime: Date;
  /** Zone the device recorded in; local dates use the athlete's profile zone. */
  timezone?: string | null;
  distanceM: number;
  movingS: number;
  elapsedS: number;
  avgHr?: number | null;
  maxHr?: number | null;
  calories?: number | null;
  elevationGainM?: number | null;
  /** Seconds in pace zones 1..5 and HR zones 1..5, when known. */
  paceZoneS?: number[];
  hrZoneS?: number[];
  sourceUpdatedAt?: Date | null;
  /** Session RPE, 0..10 (CR-10), when the athlete gave one. */
  rpe?: number | null;
}

export interface IngestResult extends RunCounts {
  /** Runs inserted or changed: inserted + updated + the merged copies that took a run over. */
  written: number;
  localDates: string[];
}

/**
 * Writes an athlete's activities arriving in chunks (a file being parsed, or one batch) in
 * one transaction, then rebuilds the daily rollup of every touched date, the matching of
 * planned workouts on those dates, and the derived caches: everything lands or nothing does.
 */
export async function ingestActivityChunks(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  chunks: AsyncIterable<ActivityRecord[]> | Iterable<ActivityRecord[]>,
  options: WriteOptions = {},
): Promise<IngestResult> {
  return inTransaction(db, async (trx) => {
    const athlete = await loadIngestAthlete(trx, orgId, athleteId);
    // Copies of one run arriving in two batches at once must meet: one batch per athlete at a time.
    await lockAthleteDerived(trx, orgId, athleteId);
    let counts = NO_RUNS;
    const touched = new Set<string>();
    for await (const records of chunks) {
      if (records.length === 0) continue;
      const { localDates, ...chunk } = await writeRunChunk(trx, orgId, athlete, records);
      counts = addCounts(counts, chunk);
      localDates.forEach((d) => touched.add(d));
    }
    const localDates = [...touched].sort();
    if (localDates.length > 0) await runsChanged(trx, orgId, athlete, { localDates, inserted: counts.inserted, updated: counts.updated + counts.tookOver, deleted: 0 }, options);
    return { ...counts, written: counts.inserted + counts.updated + counts.tookOver, localDates };
  });
}

/**
 * Everything derived from the athlete's runs, after runs on these local dates changed: the
 * load estimates (a batch may move those its own loads were computed from; a deleted run may
 * have held the highest max HR), the daily rollups, plan matching and the caches; and the
 * live feed's RUNS_CHANGED event.
 */
async function runsChanged(trx: Kysely<Database>, orgId: number, athlete: IngestAthlete, change: RunsChangedPayload, options: WriteOptions): Promise<void> {
  const now = options.now ?? new Date();
  const { localDates } = change;
  await appendEvents(trx, orgId, [{ kind: 'RUNS_CHANGED', athleteId: athlete.id, payload: change }]);
  const estimated = await refreshLoadEstimates(trx, orgId, athlete, now);
  await rebuildActivityDaily(trx, orgId, athlete.id, [...new Set([...localDates, ...estimated.localDates])].sort());
  await rematchPlannedWorkouts(trx, orgId, athlete.id, localDates);
  await completeEndedPlans(trx, orgId, [athlete.id], now);
  await refreshDerived(trx, orgId, estimated.athlete, options);
}

/** Upserts one batch of an athlete's activities, all or nothing (see ingestActivityChunks). */
export function upsertActivities(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  activities: ActivityRecord[],
  options: WriteOptions = {},
): Promise<IngestResult> {
  return ingestActivityChunks(db, orgId, athleteId, [activities], options);
}

/**
 * Tombstones an activity (it stays deleted whatever arrives later for its external id) and
 * brings its day's rollup and the derived caches up to date. Deleting twice is harmless.
 */
export async function deleteActivity(db: Kysely<Database>, orgId: number, activityId: number, options: WriteOptions = {}) {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('activities')
      .select(['athlete_id', 'local_date', 'deleted_at'])
      .where('org_id', '=', orgId)
      .where('id', '=', activityId)
      .executeTakeFirst();
    if (!row) throw notFound('activity', activityId);
    if (row.deleted_at === null) {
      await trx.updateTable('activities').set({ deleted_at: sql`now()`, updated_at: sql`now()` }).where('org_id', '=', orgId).where('id', '=', activityId).execute();
      await runsChanged(trx, orgId, await loadIngestAthlete(trx, orgId, row.athlete_id), { localDates: [row.local_date], inserted: 0, updated: 0, deleted: 1 }, options);
    }
    return { id: activityId, athleteId: row.athlete_id, localDate: row.local_date };
  });
}

/**
 * A source deleted its copy of a run (say, the athlete deleted it on Strava): the run stays,
 * showing the richest copy left, while another source still has it; the run is deleted with
 * its last copy. The withdrawn copy stays withdrawn: resending it changes nothing. Null for
 * an identity the organization does not have.
 */
export async function withdrawActivitySource(db: Kysely<Database>, orgId: number, source: string, externalId: string, options: WriteOptions = {}) {
  return inTransaction(db, async (trx) => {
    const [found] = await findKnownIdentities(trx, orgId, [{ source, external_id: externalId }]);
    if (!found) return null;
    const athlete = await loadIngestAthlete(trx, orgId, found.athlete_id);
    await lockAthleteDerived(trx, orgId, athlete.id);
    // Read again under the lock: a batch that committed meanwhile may have made this copy shown or kept.
    const [hit] = await findKnownIdentities(trx, orgId, [{ source, external_id: externalId }]);
    const outcome = hit.deleted ? { localDates: [] } : await withdrawCopy(trx, orgId, athlete, hit.activity_id, hit.kind === 'run', source, externalId);
    if (outcome === null) return { ...(await deleteActivity(trx, orgId, hit.activity_id, options)), athleteId: athlete.id, runDeleted: true };
    if (outcome.localDates.length > 0) await runsChanged(trx, orgId, athlete, { localDates: outcome.localDates, inserted: 0, updated: 1, deleted: 0 }, options);
    const run = await trx.selectFrom('activities').select(['local_date', 'deleted_at']).where('org_id', '=', orgId).where('id', '=', hit.activity_id).executeTakeFirstOrThrow();
    return { id: hit.activity_id, athleteId: athlete.id, localDate: run.local_date, runDeleted: run.deleted_at !== null };
  });
}

/** The cached fitness, the insights and the published attention signals follow every write, in the same transaction. */
export async function refreshDerived(db: Kysely<Database>, orgId: number, athlete: IngestAthlete, options: WriteOptions): Promise<void> {
  const now = options.now ?? new Date();
  await refreshFitness(db, orgId, athlete, now);
  await refreshInsights(db, orgId, [athlete.id], now, options.generator ?? plainInsights);
  await publishSignalChanges(db, orgId, [athlete.id], now);
}
