import { sql, type Kysely } from 'kysely';
import type { Database, ZoneTimes } from '../db/types';
import { trainingLoad } from '../domain/load';
import { localDateOf } from '../domain/time';
import { loadIngestAthlete, type IngestAthlete } from './athlete';
import { inTransaction } from './transaction';
import { notFound } from '../errors';
import { rebuildActivityDaily } from './rollups';
import { completeEndedPlans } from '../repositories/plan-writes';
import { rematchPlannedWorkouts } from './plan-matching';
import { refreshLoadEstimates } from './load-estimates';
import { refreshFitness } from './fitness';
import { refreshInsights } from './insights';
import { plainInsights, type InsightGenerator } from '../domain/insights';

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

export interface IngestResult {
  written: number;
  localDates: string[];
}

// 27 columns a row: 500 rows stay far below PostgreSQL's 65,535 parameters.
const ROWS_PER_STATEMENT = 500;

function zoneColumns(paceZoneS: number[] = [], hrZoneS: number[] = []): ZoneTimes {
  const at = (zones: number[], i: number) => Math.round(zones[i] ?? 0);
  return {
    pace_z1_s: at(paceZoneS, 0), pace_z2_s: at(paceZoneS, 1), pace_z3_s: at(paceZoneS, 2),
    pace_z4_s: at(paceZoneS, 3), pace_z5_s: at(paceZoneS, 4),
    hr_z1_s: at(hrZoneS, 0), hr_z2_s: at(hrZoneS, 1), hr_z3_s: at(hrZoneS, 2),
    hr_z4_s: at(hrZoneS, 3), hr_z5_s: at(hrZoneS, 4),
  };
}

function toRow(orgId: number, athlete: IngestAthlete, a: ActivityRecord) {
  const { load, method } = trainingLoad({ movingS: a.movingS, distanceM: a.distanceM, avgHr: a.avgHr ?? null, rpe: a.rpe ?? null }, athlete.physiology);
  return {
    org_id: orgId,
    athlete_id: athlete.id,
    source: a.source,
    external_id: a.externalId,
    sport: a.sport ?? 'run',
    start_time: a.startTime,
    timezone: a.timezone ?? null,
    local_date: localDateOf(a.startTime, athlete.timezone),
    distance_m: a.distanceM,
    moving_s: Math.round(a.movingS),
    elapsed_s: Math.round(a.elapsedS),
    avg_hr: a.avgHr ?? null,
    max_hr: a.maxHr ?? null,
    calories: a.calories ?? null,
    elevation_gain_m: a.elevationGainM ?? null,
    training_load: load,
    load_method: method,
    rpe: a.rpe ?? null,
    ...zoneColumns(a.paceZoneS, a.hrZoneS),
    source_updated_at: a.sourceUpdatedAt ?? null,
  };
}

/**
 * Upserts one chunk of an athlete's activities by (org_id, source, external_id) inside the
 * caller's transaction and returns the local dates it touched (old and new). A tombstoned
 * activity stays deleted, an older version (earlier sourceUpdatedAt) never replaces a newer
 * one, and an external id already owned by another athlete is left untouched.
 */
async function writeActivityChunk(trx: Kysely<Database>, orgId: number, athlete: IngestAthlete, records: ActivityRecord[]) {
  const rows = records.map((a) => toRow(orgId, athlete, a));
  const previous = await trx
    .selectFrom('activities')
    .select('local_date')
    .where('org_id', '=', orgId)
    .where('athlete_id', '=', athlete.id)
    .where(sql<boolean>`(source, external_id) in (select * from unnest(${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.external_id)}::text[]))`)
    .execute();
  const keep = new Set(['org_id', 'source', 'external_id', 'athlete_id']);
  const updatable = Object.keys(rows[0]).filter((col) => !keep.has(col));
  // A resent, unchanged activity is not rewritten (and not counted as written).
  const changed = sql.raw<boolean>(`(${updatable.map((c) => `activities.${c}`).join(', ')}) is distinct from (${updatable.map((c) => `excluded.${c}`).join(', ')})`);
  let written = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const result = await trx
      .insertInto('activities')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(['org_id', 'source', 'external_id'])
          .doUpdateSet((eb) => ({
            ...Object.fromEntries(updatable.map((col) => [col, eb.ref(`excluded.${col}` as `excluded.${keyof (typeof chunk)[0]}`)])),
            // A write without a version keeps the stored one, so an older version still loses later.
            source_updated_at: sql`coalesce(excluded.source_updated_at, activities.source_updated_at)`,
            updated_at: sql`now()`,
          }))
          .where('activities.athlete_id', '=', athlete.id)
          .where('activities.deleted_at', 'is', null)
          .where(sql<boolean>`(excluded.source_updated_at is null or activities.source_updated_at is null
            or excluded.source_updated_at >= activities.source_updated_at)`)
          .where(changed),
      )
      .executeTakeFirst();
    written += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return { written, localDates: [...previous.map((p) => p.local_date), ...rows.map((r) => r.local_date)] };
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
    let written = 0;
    const touched = new Set<string>();
    for await (const records of chunks) {
      if (records.length === 0) continue;
      const result = await writeActivityChunk(trx, orgId, athlete, records);
      written += result.written;
      result.localDates.forEach((d) => touched.add(d));
    }
    const localDates = [...touched].sort();
    if (localDates.length === 0) return { written, localDates };
    // The batch may move the estimates its own loads were computed from (a first import always does).
    const now = options.now ?? new Date();
    const estimated = await refreshLoadEstimates(trx, orgId, athlete, now);
    await rebuildActivityDaily(trx, orgId, athleteId, [...new Set([...localDates, ...estimated.localDates])].sort());
    await rematchPlannedWorkouts(trx, orgId, athleteId, localDates);
    await completeEndedPlans(trx, orgId, [athleteId], now);
    await refreshDerived(trx, orgId, estimated.athlete, options);
    return { written, localDates };
  });
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
      // The deleted run may have held the athlete's highest max HR or best effort.
      const now = options.now ?? new Date();
      const estimated = await refreshLoadEstimates(trx, orgId, await loadIngestAthlete(trx, orgId, row.athlete_id), now);
      await rebuildActivityDaily(trx, orgId, row.athlete_id, [...new Set([row.local_date, ...estimated.localDates])].sort());
      await rematchPlannedWorkouts(trx, orgId, row.athlete_id, [row.local_date]);
      await completeEndedPlans(trx, orgId, [row.athlete_id], now);
      await refreshDerived(trx, orgId, estimated.athlete, options);
    }
    return { id: activityId, athleteId: row.athlete_id, localDate: row.local_date };
  });
}

/** The cached fitness and the insights follow every write, in the same transaction. */
export async function refreshDerived(db: Kysely<Database>, orgId: number, athlete: IngestAthlete, options: WriteOptions): Promise<void> {
  const now = options.now ?? new Date();
  await refreshFitness(db, orgId, athlete, now);
  await refreshInsights(db, orgId, [athlete.id], now, options.generator ?? plainInsights);
}
