import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { addDays } from '../domain/time';
import { findSameRun, richness } from '../domain/duplicates';
import type { IngestAthlete } from './athlete';
import type { ActivityRecord } from './activities';
import { recordFromJson, recordOfRow, recordToJson, toRow, upsertShownRuns, type ActivityInsert } from './activity-rows';
import {
  findKnownIdentities, findLiveCopies, findRunsOnDates, insertCopies, updateCopies, type CopyRow, type RunCandidate,
} from '../repositories/activity-copies';

// One run, many sources: a record whose (source, external id) is new but which is the same run
// as one the athlete has (src/domain/duplicates.ts) becomes a copy of that run instead of a
// second run. The run shows its richest copy; the others wait in activity_copies.

/** What became of each record of a write, each record in one count (docs/api.md, Runs from several sources). */
export interface RunCounts {
  /** New runs. */
  inserted: number;
  /** Runs whose numbers changed: a newer version of the shown copy, or a richer copy taking over. */
  updated: number;
  /** Resent as they were, an older version, a deleted run, or another copy of a run resent. */
  unchanged: number;
  /** Kept as another source's copy of a run the athlete already has, or taking it over as the richer copy. */
  merged: number;
  /** Of the merged, those that took over the run (its numbers changed: it counts as written). */
  tookOver: number;
  /** Another athlete's (source, external id): left alone. */
  otherAthlete: number;
  /** Those other athletes, each once. */
  otherAthleteIds: number[];
}

export const NO_RUNS: RunCounts = { inserted: 0, updated: 0, unchanged: 0, merged: 0, tookOver: 0, otherAthlete: 0, otherAthleteIds: [] };

export function addCounts(a: RunCounts, b: RunCounts): RunCounts {
  return {
    inserted: a.inserted + b.inserted, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged, merged: a.merged + b.merged, tookOver: a.tookOver + b.tookOver,
    otherAthlete: a.otherAthlete + b.otherAthlete, otherAthleteIds: [...new Set([...a.otherAthleteIds, ...b.otherAthleteIds])],
  };
}

export interface ChunkResult extends RunCounts {
  localDates: string[];
}

const keyOf = (source: string, externalId: string) => `${source}\u0000${externalId}`;

interface Run {
  /** Null until a run new in this chunk is inserted. */
  id: number | null;
  startTime: Date;
  distanceM: number;
  localDate: string;
  deleted: boolean;
  richness: number;
  /** A run new in this chunk: the record it shows. */
  shown?: ActivityInsert;
  /** Records to keep as its copies, and whether the first of them takes over an existing run. */
  copies: ActivityRecord[];
  takeOver?: ActivityRecord;
}

const candidateRun = (c: RunCandidate): Run => ({
  id: c.id, startTime: c.start_time, distanceM: c.distance_m, localDate: c.local_date, deleted: c.deleted, copies: [],
  richness: richness({ avgHr: c.avg_hr, maxHr: c.max_hr, elevationGainM: c.elevation_gain_m, calories: c.calories, paceZoneS: [c.pace_s], hrZoneS: [c.hr_s] }),
});

/** Writes one chunk of an athlete's records inside the caller's transaction (which holds the athlete's lock). */
export async function writeRunChunk(trx: Kysely<Database>, orgId: number, athlete: IngestAthlete, records: ActivityRecord[]): Promise<ChunkResult> {
  const rows = records.map((r) => toRow(orgId, athlete, r));
  const known = new Map((await findKnownIdentities(trx, orgId, rows)).map((k) => [keyOf(k.source, k.external_id), k]));
  const result: ChunkResult = { ...NO_RUNS, otherAthleteIds: [], localDates: [] };
  const shownUpdates: ActivityInsert[] = [];
  const copyUpdates: Omit<CopyRow, 'activity_id' | 'athlete_id'>[] = [];
  const fresh: { record: ActivityRecord; row: ActivityInsert }[] = [];
  rows.forEach((row, i) => {
    const hit = known.get(keyOf(row.source, row.external_id));
    if (hit && hit.athlete_id !== athlete.id) {
      result.otherAthlete += 1;
      if (!result.otherAthleteIds.includes(hit.athlete_id)) result.otherAthleteIds.push(hit.athlete_id);
    }
    else if (hit?.kind === 'run') shownUpdates.push(row);
    else if (hit) copyUpdates.push({ source: row.source, external_id: row.external_id, record: recordToJson(records[i]), source_updated_at: row.source_updated_at });
    else fresh.push({ record: records[i], row });
  });

  // Resent shown copies: their previous dates are touched too (a start may have moved).
  const previous = shownUpdates.length
    ? await trx.selectFrom('activities').select('local_date').where('org_id', '=', orgId).where('athlete_id', '=', athlete.id)
      .where(sql<boolean>`(source, external_id) in (select * from unnest(${shownUpdates.map((r) => r.source)}::text[], ${shownUpdates.map((r) => r.external_id)}::text[]))`)
      .execute()
    : [];
  result.localDates.push(...previous.map((p) => p.local_date), ...shownUpdates.map((r) => r.local_date));
  // A resent copy refreshes what is kept of it; the run it belongs to does not move.
  if (copyUpdates.length) await updateCopies(trx, orgId, copyUpdates);
  result.unchanged += copyUpdates.length;

  const dates = [...new Set(fresh.flatMap(({ row }) => [addDays(row.local_date, -1), row.local_date, addDays(row.local_date, 1)]))];
  const runs = (await findRunsOnDates(trx, orgId, athlete.id, dates)).map(candidateRun);
  const added: Run[] = [];
  for (const { record, row } of fresh) {
    const same = findSameRun({ startTime: row.start_time, distanceM: row.distance_m }, [...runs, ...added]);
    const level = richness(record);
    if (!same) {
      added.push({ id: null, startTime: row.start_time, distanceM: row.distance_m, localDate: row.local_date, deleted: false, richness: level, shown: row, copies: [] });
    } else if (same.shown && level > same.richness) {
      // Two new copies of one run: the richer is shown, the other kept.
      same.copies.push(recordOfRow(same.shown));
      Object.assign(same, { shown: row, richness: level, startTime: row.start_time, distanceM: row.distance_m, localDate: row.local_date });
    } else if (!same.shown && !same.deleted && level > same.richness) {
      // A richer copy than the run shows takes over; one taken over earlier in the chunk is kept.
      if (same.takeOver) same.copies.push(same.takeOver);
      same.takeOver = record;
      same.richness = level;
    } else {
      same.copies.push(record);
    }
  }

  const inserted = await upsertShownRuns(trx, athlete.id, [...shownUpdates, ...added.map((r) => r.shown!)]);
  const idOf = new Map(inserted.map((r) => [keyOf(r.source, r.external_id), r.id]));
  result.updated += shownUpdates.filter((r) => idOf.has(keyOf(r.source, r.external_id))).length;
  result.unchanged += shownUpdates.filter((r) => !idOf.has(keyOf(r.source, r.external_id))).length;
  result.inserted += added.filter((r) => idOf.has(keyOf(r.shown!.source, r.shown!.external_id))).length;
  for (const run of added) {
    run.id = idOf.get(keyOf(run.shown!.source, run.shown!.external_id)) ?? null;
    result.localDates.push(run.localDate);
  }

  const copies: CopyRow[] = [];
  for (const run of [...runs, ...added]) {
    if (run.id === null) continue;
    if (run.takeOver) {
      const replaced = await showCopy(trx, orgId, athlete, run.id, run.takeOver);
      copies.push(copyRow(run.id, athlete.id, replaced.previous));
      result.localDates.push(replaced.previous.localDate, replaced.localDate);
      // Counted once, as merged (the record is a copy of a run the athlete had); the run changed, so it is written.
      result.merged += 1;
      result.tookOver += 1;
    }
    for (const record of run.copies) copies.push(copyRow(run.id, athlete.id, record));
    result.merged += run.copies.length;
  }
  await insertCopies(trx, orgId, copies);
  return result;
}

const copyRow = (activityId: number, athleteId: number, record: ActivityRecord & { localDate?: string }): CopyRow => {
  const { localDate: _localDate, ...kept } = record;
  return { source: kept.source, external_id: kept.externalId, activity_id: activityId, athlete_id: athleteId, record: recordToJson(kept), source_updated_at: kept.sourceUpdatedAt ?? null };
};

/**
 * The run (same id, so plan matches and insights keep pointing at it) shows another copy now:
 * returns the copy it showed before, to be kept, and the run's new local date.
 */
export async function showCopy(trx: Kysely<Database>, orgId: number, athlete: IngestAthlete, activityId: number, record: ActivityRecord) {
  const before = await trx.selectFrom('activities').selectAll().where('org_id', '=', orgId).where('id', '=', activityId).executeTakeFirstOrThrow();
  const { org_id: _org, athlete_id: _athlete, ...row } = toRow(orgId, athlete, record);
  await trx.updateTable('activities').set({ ...row, updated_at: sql`now()` }).where('org_id', '=', orgId).where('id', '=', activityId).execute();
  return { previous: { ...recordOfRow(before), localDate: before.local_date }, localDate: row.local_date };
}

/**
 * A source withdrew its copy (deleted it there): a kept copy is marked deleted; the shown one
 * hands the run to the richest live copy left, and only a run with no copy left is deleted.
 * Returns the run and what happened to it, or null for an identity the organization lacks.
 */
export async function withdrawCopy(trx: Kysely<Database>, orgId: number, athlete: IngestAthlete, activityId: number, shown: boolean, source: string, externalId: string) {
  if (!shown) {
    await trx.updateTable('activity_copies').set({ deleted_at: sql`now()`, updated_at: sql`now()` })
      .where('org_id', '=', orgId).where('source', '=', source).where('external_id', '=', externalId).where('deleted_at', 'is', null).execute();
    return { runDeleted: false, localDates: [] as string[] };
  }
  const live = (await findLiveCopies(trx, orgId, activityId)).map((c) => recordFromJson(c.record));
  if (live.length === 0) return null;
  const next = live.reduce((best, c) => (richness(c) > richness(best) ? c : best));
  const replaced = await showCopy(trx, orgId, athlete, activityId, next);
  await trx.deleteFrom('activity_copies').where('org_id', '=', orgId).where('source', '=', next.source).where('external_id', '=', next.externalId).execute();
  // The withdrawn copy stays as a deleted one: resending it does not bring it back.
  await insertCopies(trx, orgId, [copyRow(activityId, athlete.id, replaced.previous)]);
  await trx.updateTable('activity_copies').set({ deleted_at: sql`now()` })
    .where('org_id', '=', orgId).where('source', '=', source).where('external_id', '=', externalId).execute();
  return { runDeleted: false, localDates: [replaced.previous.localDate, replaced.localDate] };
}
