import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { ingestActivityChunks, type IngestResult, type WriteOptions } from './activities';
import { upsertHealthDays } from './health';
import { readAppleHealth } from './apple-health';
import { inTransaction } from './transaction';
import { validateActivities, validateHealthDays, MAX_HEALTH_DAYS_PER_BATCH, type RefusedItem } from './validate';
import { AppError, badInput, notFound } from '../errors';
import { ownedBy } from './derived-ids';
import { findAthletesByIds } from '../repositories/athletes';

export interface AppleHealthResult extends IngestResult {
  /** Local days of health readings written. */
  healthDays: number;
  /** Days and workouts refused one by one (skipInvalid); without it the first refuses the import. */
  refused: RefusedItem[];
}

/**
 * Imports an Apple Health export.xml for an athlete in one transaction: resting HR, HRV
 * (SDNN), VO2max and sleep per local day in the athlete's zone, and running workouts as runs
 * (recognised as copies when the watch's file or Strava already sent them). All or nothing,
 * unless `skipInvalid`: then a day or workout outside the ranges is listed and left out.
 */
export async function importAppleHealth(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  xml: AsyncIterable<Uint8Array | string> | Iterable<string>,
  options: WriteOptions & { skipInvalid?: boolean; label?: string } = {},
): Promise<AppleHealthResult> {
  const label = options.label ?? 'export.xml';
  return inTransaction(db, async (trx) => {
    const [athlete] = await findAthletesByIds(trx, orgId, [athleteId]);
    if (!athlete) throw notFound('athlete', athleteId);
    const data = await readAppleHealth(xml, athlete.timezone, label);
    const refused: RefusedItem[] = [];

    const dayInputs = data.days.map((d) => ({
      date: d.date, restingHeartRate: d.restingHeartRate, hrvSdnn: d.hrvSdnn, hrv: d.hrv, vo2max: d.vo2max, source: 'apple_health',
      sleepIntervals: d.sleepIntervals?.map(([start, end]) => ({ start: new Date(start * 1000), end: new Date(end * 1000) })),
    }));
    const days = [];
    for (let i = 0; i < dayInputs.length; i += MAX_HEALTH_DAYS_PER_BATCH) {
      const chunk = dayInputs.slice(i, i + MAX_HEALTH_DAYS_PER_BATCH);
      try {
        const checked = validateHealthDays(chunk, { skipInvalid: options.skipInvalid });
        days.push(...checked.days);
        refused.push(...checked.refused.map((r) => ({ ...r, index: r.index + i, message: `${label}: the day ${r.date}: ${r.message}` })));
      } catch (error) {
        if (error instanceof AppError) throw badInput(`${label}: ${error.message} (send --skip-invalid to leave such days out)`);
        throw error;
      }
    }

    const runs = [];
    const seen = new Set<string>();
    for (const [index, run] of data.runs.entries()) {
      // The same workout twice in one export (from one app, at one instant) is one run.
      if (seen.has(run.externalId)) continue;
      seen.add(run.externalId);
      try {
        const [checked] = validateActivities([{
          source: run.source, externalId: run.externalId, startTime: run.startTime, distance: run.distanceM, movingTime: run.movingS,
          elapsedTime: run.elapsedS, avgHeartRate: run.avgHr, maxHeartRate: run.maxHr, calories: run.calories, elevationGain: run.elevationGainM,
        }], options.now ?? new Date());
        runs.push(ownedBy(athleteId, checked));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const message = `${label}: the run of ${run.startTime.toISOString()}: ${error.message.replace(/^activities\[0\]\./, '')}`;
        if (!options.skipInvalid) throw badInput(`${message} (send --skip-invalid to leave such runs out)`);
        refused.push({ index, date: null, message });
      }
    }

    const healthDays = days.length ? await upsertHealthDays(trx, orgId, athleteId, days, options) : 0;
    const result = await ingestActivityChunks(trx, orgId, athleteId, [runs], options);
    return { ...result, healthDays, refused };
  });
}
