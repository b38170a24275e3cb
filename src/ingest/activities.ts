import { sql, type Kysely } from 'kysely';
import type { Database, ZoneTimes } from '../db/types';
import { trainingLoad } from '../domain/load';
import { localDateOf } from '../domain/time';
import { loadIngestAthlete, type IngestAthlete } from './athlete';
import { rebuildActivityDaily } from './rollups';
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
  const { load, method } = trainingLoad(
    { movingS: a.movingS, distanceM: a.distanceM, avgHr: a.avgHr ?? null },
    athlete,
  );
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
    ...zoneColumns(a.paceZoneS, a.hrZoneS),
    source_updated_at: a.sourceUpdatedAt ?? null,
  };
}

/**
 * Upserts a batch of one athlete's activities by (org_id, source, external_id) and
 * rebuilds the daily rollup of every local date touched (old and new), all in one
 * transaction, with the cached fitness and the insights: the batch lands whole or not at all. A tombstoned activity stays deleted,
 * and an external id already owned by another athlete is left untouched.
 */
export async function upsertActivities(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  activities: ActivityRecord[],
  options: WriteOptions = {},
): Promise<IngestResult> {
  return db.transaction().execute(async (trx) => {
    const athlete = await loadIngestAthlete(trx, orgId, athleteId);
    if (activities.length === 0) return { written: 0, localDates: [] };
    const rows = activities.map((a) => toRow(orgId, athlete, a));

    const previous = await trx
      .selectFrom('activities')
      .select('local_date')
      .where('org_id', '=', orgId)
      .where('athlete_id', '=', athleteId)
      .where(sql<boolean>`(source, external_id) in (select * from unnest(${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.external_id)}::text[]))`)
      .execute();

    let written = 0;
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      const result = await trx
        .insertInto('activities')
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns(['org_id', 'source', 'external_id'])
            .doUpdateSet((eb) => {
              const keep = new Set(['org_id', 'source', 'external_id', 'athlete_id']);
              const updates = Object.fromEntries(
                Object.keys(chunk[0])
                  .filter((col) => !keep.has(col))
                  .map((col) => [col, eb.ref(`excluded.${col}` as `excluded.${keyof typeof chunk[0]}`)]),
              );
              return { ...updates, updated_at: sql`now()` };
            })
            .where('activities.athlete_id', '=', athleteId)
            .where('activities.deleted_at', 'is', null),
        )
        .executeTakeFirst();
      written += Number(result.numInsertedOrUpdatedRows ?? 0);
    }

    const localDates = [...new Set([...previous.map((p) => p.local_date), ...rows.map((r) => r.local_date)])].sort();
    await rebuildActivityDaily(trx, orgId, athleteId, localDates);
    await refreshDerived(trx, orgId, athlete, options);
    return { written, localDates };
  });
}

/** The cached fitness and the insights follow every write, in the same transaction. */
export async function refreshDerived(db: Kysely<Database>, orgId: number, athlete: IngestAthlete, options: WriteOptions): Promise<void> {
  const now = options.now ?? new Date();
  await refreshFitness(db, orgId, athlete, now);
  await refreshInsights(db, orgId, [athlete.id], now, options.generator ?? plainInsights);
}
