import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { AthletePhysiology } from '../domain/load';
import { storedZoneBounds, type ZoneSettings } from '../domain/zones';
import { physiologyOf, resolveLoadBasis, storedEstimate as estimate, type LoadBasis, type LoadEstimates } from '../domain/load-basis';
import { notFound } from '../errors';

export interface IngestAthlete extends ZoneSettings {
  id: number;
  timezone: string;
  /** Settings as stored (zones derive from these only). */
  settings: { sex: AthletePhysiology['sex']; hrMax: number | null; hrRest: number | null; thresholdPaceSPerKm: number | null; vdot: number | null };
  /** The estimates stored for missing settings, as loads were last computed from them. */
  estimates: LoadEstimates;
  basis: LoadBasis;
  /** What loads are computed from: settings, else estimates. */
  physiology: AthletePhysiology;
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
    .leftJoin('athlete_load_estimates as e', (j) => j.onRef('e.org_id', '=', 'u.org_id').onRef('e.athlete_id', '=', 'u.id'))
    .select([
      'u.id', 'u.timezone', 'o.timezone as org_timezone', 'u.sex', 's.hr_max', 's.hr_rest', 's.threshold_pace_s_per_km', 's.vdot', 's.hr_zones', 's.pace_zones',
      'e.hr_max as est_hr_max', 'e.hr_max_readings', 'e.hr_max_since', 'e.hr_rest as est_hr_rest', 'e.hr_rest_readings', 'e.hr_rest_since',
      'e.vdot as est_vdot', 'e.vdot_readings', 'e.vdot_since',
    ])
    .where('u.org_id', '=', orgId)
    .where('u.id', '=', athleteId)
    .where('u.role', '=', 'athlete')
    .executeTakeFirst();
  if (!row) throw notFound('athlete', athleteId);
  const settings = { sex: row.sex, hrMax: row.hr_max, hrRest: row.hr_rest, thresholdPaceSPerKm: row.threshold_pace_s_per_km, vdot: row.vdot };
  const estimates: LoadEstimates = {
    hrMax: estimate(row.est_hr_max, row.hr_max_readings, row.hr_max_since),
    hrRest: estimate(row.est_hr_rest, row.hr_rest_readings, row.hr_rest_since),
    vdot: estimate(row.est_vdot, row.vdot_readings, row.vdot_since),
  };
  return withEstimates({
    id: row.id,
    // An athlete without a zone of their own lives in the organization's zone.
    timezone: row.timezone ?? row.org_timezone,
    hrMax: row.hr_max,
    hrRest: row.hr_rest,
    thresholdPaceSPerKm: row.threshold_pace_s_per_km,
    hrZones: storedZoneBounds(row.hr_zones),
    paceZones: storedZoneBounds(row.pace_zones),
    settings,
  }, estimates);
}

/** The athlete with these estimates in use: basis and physiology follow. */
export function withEstimates(athlete: Omit<IngestAthlete, 'estimates' | 'basis' | 'physiology'>, estimates: LoadEstimates): IngestAthlete {
  const basis = resolveLoadBasis(athlete.settings, estimates);
  return { ...athlete, estimates, basis, physiology: physiologyOf(basis) };
}
