import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { AthletePhysiology } from '../domain/load';
import type { ZoneSettings } from '../domain/zones';
import { notFound } from '../errors';

export interface IngestAthlete extends AthletePhysiology, ZoneSettings {
  id: number;
  timezone: string;
}

/**
 * The athlete a batch is written for, with what load and local dates need; NOT_FOUND across
 * orgs. The athlete's row is share-locked to the end of the transaction: a settings change
 * (which locks it for update) waits for batches being written, and a batch waits for a
 * settings change, then reads the new values; so no run keeps a load from replaced settings.
 */
export async function loadIngestAthlete(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
): Promise<IngestAthlete> {
  // Locked first, read after: a statement that waited for the lock reads the settings committed meanwhile.
  await db.selectFrom('users').select('id').where('org_id', '=', orgId).where('id', '=', athleteId).forShare().execute();
  const row = await db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.org_id')
    .leftJoin('athlete_settings as s', (j) => j.onRef('s.org_id', '=', 'u.org_id').onRef('s.athlete_id', '=', 'u.id'))
    .select(['u.id', 'u.timezone', 'o.timezone as org_timezone', 'u.sex', 's.hr_max', 's.hr_rest', 's.threshold_pace_s_per_km', 's.hr_zones', 's.pace_zones'])
    .where('u.org_id', '=', orgId)
    .where('u.id', '=', athleteId)
    .where('u.role', '=', 'athlete')
    .executeTakeFirst();
  if (!row) throw notFound('athlete', athleteId);
  return {
    id: row.id,
    // An athlete without a zone of their own lives in the organization's zone.
    timezone: row.timezone ?? row.org_timezone,
    sex: row.sex,
    hrMax: row.hr_max,
    hrRest: row.hr_rest,
    thresholdPaceSPerKm: row.threshold_pace_s_per_km,
    hrZones: fiveNumbers(row.hr_zones),
    paceZones: fiveNumbers(row.pace_zones),
  };
}

/** Zone bounds stored as a JSON array of five numbers; anything else counts as not set. */
function fiveNumbers(value: unknown): number[] | null {
  return Array.isArray(value) && value.length === 5 && value.every((v) => typeof v === 'number') ? value : null;
}
