import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { DERIVED_FIELDS, LOAD_FIELDS, applySettingsPatch, settingsConflict, type SettingsField, type SettingsValues } from '../domain/athlete-settings';
import { loadIngestAthlete, type IngestAthlete } from './athlete';
import { recomputeLoads } from './load-estimates';
import { rebuildActivityDaily } from './rollups';
import { rematchPlannedWorkouts } from './plan-matching';
import { refreshDerived, type WriteOptions } from './activities';
import { redateActivities } from '../repositories/roster';
import { lockSettings, writeSettingsChanges } from '../repositories/athlete-settings';
import { badInput, checkVersion, notFound } from '../errors';

export interface SettingsRefresh {
  /** Runs whose stored load or load method changed. */
  loadsChanged: number;
  /** Runs whose local date moved with the athlete's zone. */
  datesMoved: number;
  /** Local dates whose rollups were rebuilt. */
  localDates: string[];
}

/**
 * Brings what is stored from an athlete's settings up to date after they changed, inside the
 * writing transaction (called after the new settings are written):
 * - a new zone (their own, or the organization's once cleared) moves each run's local date:
 *   activities.local_date, the daily and weekly rollups of the old and new dates, and the
 *   matching of planned workouts on those dates;
 * - HR max, resting HR, threshold pace or sex recompute every live run's load and method
 *   (src/domain/load.ts) and the rollups of the days whose load changed;
 * - any of those, or new zones, refresh the fitness cache and the insights (refreshDerived).
 * Stored zone times stay as they are: they were computed from per-second samples at import
 * (or sent by the client), and the samples are not kept; new zones apply to later imports.
 */
export async function refreshAfterSettingsChange(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  changed: ReadonlySet<SettingsField>,
  timezoneMoved: boolean,
  options: WriteOptions,
): Promise<SettingsRefresh> {
  const touched = new Set<string>();
  const matchDates = new Set<string>();
  let datesMoved = 0;
  if (timezoneMoved) {
    const zone = await db.selectFrom('users as u').innerJoin('organizations as o', 'o.id', 'u.org_id')
      .select(sql<string>`coalesce(u.timezone, o.timezone)`.as('tz'))
      .where('u.org_id', '=', orgId).where('u.id', '=', athleteId).executeTakeFirstOrThrow();
    const moved = await redateActivities(db, orgId, athleteId, zone.tz);
    datesMoved = moved.runs;
    for (const d of moved.dates) {
      touched.add(d);
      matchDates.add(d);
    }
  }
  // The athlete as the new settings make them, read once for loads and caches alike.
  let athlete: IngestAthlete | undefined;
  const withNewSettings = async () => (athlete ??= await loadIngestAthlete(db, orgId, athleteId));
  let loadsChanged = 0;
  if (LOAD_FIELDS.some((f) => changed.has(f))) {
    const dates = await recomputeLoads(db, orgId, athleteId, (await withNewSettings()).physiology);
    for (const d of dates.dates) touched.add(d);
    loadsChanged = dates.runs;
  }
  const localDates = [...touched].sort();
  await rebuildActivityDaily(db, orgId, athleteId, localDates);
  await rematchPlannedWorkouts(db, orgId, athleteId, [...matchDates].sort());
  if (timezoneMoved || DERIVED_FIELDS.some((f) => changed.has(f))) {
    await refreshDerived(db, orgId, await withNewSettings(), options);
  }
  return { loadsChanged, datesMoved, localDates };
}

export interface SettingsUpdate extends SettingsRefresh {
  changedFields: SettingsField[];
}

/**
 * The one way settings change (updateAthleteSettings, and updateAthlete and the roster import
 * for the fields they share with it): locks the athlete's settings (ingests of their runs
 * share that lock, so none computes a load from settings being replaced), refuses a stale
 * `expectedVersion` or fields that contradict each other, logs each change with its author,
 * and brings loads, local dates, rollups, plan matching and caches up to date. `patch` is
 * already checked field by field (settingsPatchProblem).
 */
export async function changeAthleteSettings(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  authorId: number,
  patch: Partial<SettingsValues>,
  options: WriteOptions & { expectedVersion?: number | null },
): Promise<SettingsUpdate> {
  const locked = await lockSettings(db, orgId, athleteId);
  if (!locked) throw notFound('athlete', athleteId);
  checkVersion(`athlete ${athleteId}'s settings`, locked.version, options.expectedVersion);
  const { merged, changes } = applySettingsPatch(locked.values, patch);
  if (changes.length === 0) return { changedFields: [], loadsChanged: 0, datesMoved: 0, localDates: [] };
  const changed = new Set<SettingsField>(changes.map((c) => c.field));
  const conflict = settingsConflict(merged, changed);
  if (conflict) throw badInput(conflict);
  await writeSettingsChanges(db, orgId, athleteId, authorId, changes);
  const timezoneMoved = (merged.timezone ?? locked.orgTimezone) !== locked.effectiveTimezone;
  const refresh = await refreshAfterSettingsChange(db, orgId, athleteId, changed, timezoneMoved, options);
  return { changedFields: changes.map((c) => c.field), ...refresh };
}
