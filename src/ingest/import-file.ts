import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { ingestActivityChunks, upsertActivities, type IngestResult, type WriteOptions } from './activities';
import { loadIngestAthlete } from './athlete';
import { parseFitActivity } from './fit';
import { parseStravaActivities } from './strava-csv';
import { badInput } from '../errors';

export type ImportFormat = 'STRAVA_CSV' | 'FIT';

/** FIT files carry ".FIT" in bytes 8..11 of their header. */
export function isFitHeader(head: Uint8Array): boolean {
  return head.length >= 12 && String.fromCharCode(...head.slice(8, 12)) === '.FIT';
}

/**
 * Imports one file for an athlete, all or nothing: a FIT activity, or a Strava
 * activities.csv streamed from disk in chunks (never read whole into memory) and refused
 * whole past MAX_IMPORT_ROWS rows.
 */
export async function importFile(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  path: string,
  options: WriteOptions = {},
): Promise<IngestResult & { format: ImportFormat }> {
  const handle = await open(path, 'r');
  const head = new Uint8Array(12);
  try {
    await handle.read(head, 0, 12, 0);
  } finally {
    await handle.close();
  }
  if (isFitHeader(head)) {
    const athlete = await loadIngestAthlete(db, orgId, athleteId);
    const record = await parseFitActivity(await readFile(path), athlete);
    return { format: 'FIT', ...(await upsertActivities(db, orgId, athleteId, [record], options)) };
  }
  if (!/\.csv$/i.test(path)) throw badInput(`${path} is neither a FIT activity nor a Strava activities.csv`);
  const rows = parseStravaActivities(createReadStream(path), { now: options.now });
  return { format: 'STRAVA_CSV', ...(await ingestActivityChunks(db, orgId, athleteId, rows, options)) };
}
