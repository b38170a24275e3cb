import { sql, type Kysely, type Selectable } from 'kysely';
import type { ActivitiesTable, Database, ZoneTimes } from '../db/types';
import { trainingLoad } from '../domain/load';
import { localDateOf } from '../domain/time';
import type { IngestAthlete } from './athlete';
import type { ActivityRecord } from './activities';

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

export type ActivityInsert = ReturnType<typeof toRow>;

/** The activities row of a record for this athlete: its load and local date computed now. */
export function toRow(orgId: number, athlete: IngestAthlete, a: ActivityRecord) {
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

/** The columns a record is written to: a stored row and a row about to be written both have them. */
type RecordColumns = Pick<Selectable<ActivitiesTable>, 'source' | 'external_id' | 'sport' | 'start_time' | 'timezone' | 'distance_m' | 'moving_s'
  | 'elapsed_s' | 'avg_hr' | 'max_hr' | 'calories' | 'elevation_gain_m' | 'rpe' | 'source_updated_at' | keyof ZoneTimes>;

/** The record a row was written from (what a copy keeps when another copy takes its place). */
export function recordOfRow(row: RecordColumns): ActivityRecord {
  return {
    source: row.source, externalId: row.external_id, sport: row.sport, startTime: row.start_time, timezone: row.timezone,
    distanceM: row.distance_m, movingS: row.moving_s, elapsedS: row.elapsed_s, avgHr: row.avg_hr, maxHr: row.max_hr,
    calories: row.calories, elevationGainM: row.elevation_gain_m, rpe: row.rpe, sourceUpdatedAt: row.source_updated_at,
    paceZoneS: [row.pace_z1_s, row.pace_z2_s, row.pace_z3_s, row.pace_z4_s, row.pace_z5_s],
    hrZoneS: [row.hr_z1_s, row.hr_z2_s, row.hr_z3_s, row.hr_z4_s, row.hr_z5_s],
  };
}

/** A record as a copy keeps it (JSON: the instants as ISO strings), and back. */
export const recordToJson = (r: ActivityRecord): Record<string, unknown> => JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
export function recordFromJson(json: Record<string, unknown>): ActivityRecord {
  const r = json as unknown as ActivityRecord & { startTime: string; sourceUpdatedAt?: string | null };
  return { ...r, startTime: new Date(r.startTime), sourceUpdatedAt: r.sourceUpdatedAt ? new Date(r.sourceUpdatedAt) : null };
}

const KEEP = new Set(['org_id', 'source', 'external_id', 'athlete_id']);

/**
 * Upserts the shown copies of the athlete's runs by (org_id, source, external_id): a
 * tombstoned run stays deleted, an older version (earlier sourceUpdatedAt) never replaces a
 * newer one, an unchanged resend is not rewritten, and an id another athlete owns is left
 * alone. Returns the rows written with their ids.
 */
export async function upsertShownRuns(trx: Kysely<Database>, athleteId: number, rows: ActivityInsert[]): Promise<{ id: number; source: string; external_id: string }[]> {
  if (rows.length === 0) return [];
  const updatable = Object.keys(rows[0]).filter((col) => !KEEP.has(col));
  const changed = sql.raw<boolean>(`(${updatable.map((c) => `activities.${c}`).join(', ')}) is distinct from (${updatable.map((c) => `excluded.${c}`).join(', ')})`);
  const written: { id: number; source: string; external_id: string }[] = [];
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
          .where('activities.athlete_id', '=', athleteId)
          .where('activities.deleted_at', 'is', null)
          .where(sql<boolean>`(excluded.source_updated_at is null or activities.source_updated_at is null
            or excluded.source_updated_at >= activities.source_updated_at)`)
          .where(changed),
      )
      .returning(['id', 'source', 'external_id'])
      .execute();
    written.push(...result.map((r) => ({ ...r, id: Number(r.id) })));
  }
  return written;
}
