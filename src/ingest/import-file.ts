import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { ingestActivityChunks, upsertActivities, type IngestResult, type WriteOptions } from './activities';
import { loadIngestAthlete } from './athlete';
import { parseFitActivity } from './fit';
import { parseStravaActivities } from './strava-csv';
import { parseGarminActivities, type Units } from './garmin-csv';
import { parseGpxActivity } from './gpx';
import { parseTcxActivity } from './tcx';
import { collect, gunzip, isFitHeader, peek, sniffFormat, type ImportFormat } from './sniff';
import { importZip } from './zip';
import { importAppleHealth } from './apple-health-import';
import { findAthletesByIds } from '../repositories/athletes';
import { ownedBy, ownedChunks } from './derived-ids';
import { badInput, notFound } from '../errors';
import type { RefusedItem } from './validate';
import { inTransaction } from './transaction';
import { appendEvents } from '../repositories/events';
import type { ImportFinishedPayload } from '../domain/live-events';

export { isFitHeader, type ImportFormat };

/** What one file did: its runs counted once each, and for an Apple Health export its health days and what was left out. */
export type ImportResult = IngestResult & { format: ImportFormat; healthDays?: number; refused?: RefusedItem[] };

export interface ImportOptions extends WriteOptions {
  /** What a Garmin Activities.csv's numbers are in; the athlete's unit system by default, else metric. */
  units?: Units;
  /** The file's name, when known: text that is no known format is refused unless it is a ".csv". */
  name?: string;
  /** The file on disk, when it is one: a zip is then read from it, not from memory. */
  path?: string;
  /**
   * Leave out (and list in refused) what is out of range instead of refusing the file: CSV rows
   * (by line), a zip's unreadable activity files, an Apple Health export's days and workouts.
   */
  skipInvalid?: boolean;
  /** The bytes came out of a gzip (a zip among them would have to be held in memory whole). */
  gunzipped?: boolean;
}

const NEITHER = 'is neither a FIT activity nor a Strava activities.csv, a Garmin Activities.csv, a GPX or a TCX file';

/**
 * Imports one file for an athlete from its bytes as they arrive, all or nothing, whatever
 * its format (sniffFormat): a FIT, GPX or TCX activity (one run), a Strava activities.csv or
 * a Garmin Activities.csv (streamed in chunks, refused whole past MAX_IMPORT_ROWS rows), any
 * of these gzipped, or a zip of them (a Strava bulk export, or a watch's activity files). The CLI and the importActivities upload both come here.
 */
export function importStream(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  input: AsyncIterable<Uint8Array>,
  options: ImportOptions = {},
): Promise<ImportResult> {
  return inTransaction(db, async (trx) => {
    const result = await importFormat(trx, orgId, athleteId, input, options);
    await appendEvents(trx, orgId, [{ kind: 'IMPORT_FINISHED', athleteId, payload: importSummary(result, options.name) }]);
    return result;
  });
}

/** The live feed's IMPORT_FINISHED: the file's name without its folders (a CLI path names the importer's disk). */
function importSummary(result: ImportResult, name: string | undefined): ImportFinishedPayload {
  return {
    format: result.format, fileName: name === undefined ? null : basename(name), inserted: result.inserted, updated: result.updated + result.tookOver,
    unchanged: result.unchanged, merged: result.merged, refused: result.refused?.length ?? 0, healthDays: result.healthDays ?? 0,
  };
}

async function importFormat(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  input: AsyncIterable<Uint8Array>,
  options: ImportOptions,
): Promise<ImportResult> {
  const { head, all } = await peek(input);
  const format = sniffFormat(head);
  // skipInvalid: a CSV row out of range is listed (by its line) and left out, not the file refused.
  const refused: RefusedItem[] = [];
  const onRefused = options.skipInvalid ? (line: number, message: string) => { refused.push({ index: line, date: null, message }); } : undefined;
  const write = { now: options.now, generator: options.generator };
  const label = options.name ?? 'the file';
  switch (format) {
    case 'GZIP':
      return importFormat(db, orgId, athleteId, gunzip(all), { ...options, name: options.name?.replace(/\.gz$/i, ''), path: undefined, gunzipped: true });
    case 'ZIP': {
      // A zip is read whole from memory unless it is a file on disk: one inside a gzip could unpack far past the upload cap.
      if (options.gunzipped) throw badInput(`${label} is a zip inside a gzip file: unpack the gzip and import the zip`);
      // A zip is read by its central directory: from the file on disk, or the upload in memory.
      const source = options.path ? { path: options.path } : { buffer: await collect(all) };
      await all.return(undefined);
      return importZip(db, orgId, athleteId, source, options);
    }
    case 'OTHER_XML':
      throw badInput(`${label} is XML but neither GPX (<gpx>), TCX (<TrainingCenterDatabase>) nor an Apple Health export (<HealthData>)`);
    case 'APPLE_HEALTH':
      return { format, ...(await importAppleHealth(db, orgId, athleteId, all, { ...write, skipInvalid: options.skipInvalid, label: options.name ? basename(options.name) : 'export.xml' })) };
    case 'FIT': {
      const athlete = await loadIngestAthlete(db, orgId, athleteId);
      const record = await parseFitActivity(await collect(all), athlete);
      return { format, ...(await upsertActivities(db, orgId, athleteId, [record], write)) };
    }
    case 'GPX':
    case 'TCX': {
      const athlete = await loadIngestAthlete(db, orgId, athleteId);
      const parse = format === 'GPX' ? parseGpxActivity : parseTcxActivity;
      const record = ownedBy(athleteId, await parse(all, athlete, options.now));
      return { format, ...(await upsertActivities(db, orgId, athleteId, [record], write)) };
    }
    case 'GARMIN_CSV': {
      // The zone and units a Garmin CSV is read in: the athlete's (the organization's zone when they have none).
      const [athlete] = await findAthletesByIds(db, orgId, [athleteId]);
      if (!athlete) throw notFound('athlete', athleteId);
      const rows = parseGarminActivities(all, { timezone: athlete.timezone, units: options.units ?? athlete.unit_system ?? 'metric', now: options.now, onRefused });
      return { format, ...(await ingestActivityChunks(db, orgId, athleteId, ownedChunks(athleteId, rows), write)), refused };
    }
    default: {
      if (options.name !== undefined && !/\.csv$/i.test(options.name)) throw badInput(`${basename(options.name)} ${NEITHER}`);
      const rows = parseStravaActivities(all, { now: options.now, onRefused });
      return { format: 'STRAVA_CSV', ...(await ingestActivityChunks(db, orgId, athleteId, rows, write)), refused };
    }
  }
}

/**
 * Imports one file from disk for an athlete (npm run import): read as a stream, never whole
 * into memory except a single FIT activity.
 */
export async function importFile(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  path: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const stream = createReadStream(path);
  try {
    return await importStream(db, orgId, athleteId, stream, { name: path, path, ...options });
  } finally {
    // A file refused early leaves no handle open behind it.
    stream.destroy();
  }
}
