// Zips as people download them, read through their central directory with yauzl (from the
// file on disk, or an upload in memory), one transaction per zip:
// - a Strava bulk export: activities.csv joined to the activity file each run names in its
//   Filename column (activities/123.fit.gz, .gpx.gz, .tcx.gz), whose per-second records give
//   the run's zone times and max HR;
// - any other zip (a Garmin export of FIT files, a folder of GPX or TCX files): every FIT,
//   GPX or TCX file in it, gzipped or not, is one run; activities of other sports are skipped.
import type { Kysely } from 'kysely';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { Database } from '../db/types';
import { ingestActivityChunks, type ActivityRecord, type IngestResult, type WriteOptions } from './activities';
import { loadIngestAthlete } from './athlete';
import { parseFitActivity } from './fit';
import { parseGpxActivity } from './gpx';
import { parseTcxActivity } from './tcx';
import { parseStravaActivities } from './strava-csv';
import { collect, gunzip, isNotARun, MAX_UNPACKED_BYTES, peek, sniffFormat } from './sniff';
import type { ZoneSettings } from '../domain/zones';
import { AppError, badInput } from '../errors';
import { importAppleHealth } from './apple-health-import';
import { ownedChunks } from './derived-ids';
import type { RefusedItem } from './validate';

/** Files (not folders) one zip may hold: a decade of daily runs with their activity files. */
export const MAX_ZIP_FILES = 20_000;
/** Runs written per statement batch while a zip is read. */
const ZIP_CHUNK = 200;

export type ZipSource = { path: string } | { buffer: Buffer };

const unreadable = (error: unknown) => badInput(`the zip cannot be read: ${error instanceof Error ? error.message : String(error)}`);

async function openZip(source: ZipSource): Promise<ZipFile> {
  // autoClose off: activity files are opened while activities.csv is still being read.
  const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false };
  try {
    return 'path' in source ? await yauzl.openPromise(source.path, options) : await yauzl.fromBufferPromise(source.buffer, options);
  } catch (error) {
    throw unreadable(error);
  }
}

/** The zip's files from its central directory, refused past MAX_ZIP_FILES. */
async function filesOf(zip: ZipFile): Promise<Entry[]> {
  const files: Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      if (files.length === MAX_ZIP_FILES) throw badInput(`the zip may hold at most ${MAX_ZIP_FILES} files`);
      files.push(entry);
    }
  } catch (error) {
    throw error instanceof AppError ? error : unreadable(error);
  }
  return files;
}

/**
 * An Apple Health export.xml may unpack this far: real ones run to gigabytes, and it is read as
 * a stream, so memory does not grow with it (bench/apple-health.ts); the cap bounds the time.
 */
export const MAX_APPLE_HEALTH_BYTES = 10 * 1024 ** 3;

/** One file's bytes as they unpack. */
async function* bytesOf(zip: ZipFile, entry: Entry, maxBytes = MAX_UNPACKED_BYTES): AsyncGenerator<Uint8Array> {
  if (entry.uncompressedSize > maxBytes) throw badInput(`${entry.fileName} unpacks to more than ${maxBytes} bytes`);
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw badInput(`${entry.fileName} cannot be unpacked: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (error) {
    throw badInput(`${entry.fileName} cannot be unpacked: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    stream.destroy();
  }
}

/** The run in one FIT, GPX or TCX file of the zip (gzipped or not); null for any other file. */
async function runOf(zip: ZipFile, entry: Entry, zones: ZoneSettings, now: Date | undefined): Promise<ActivityRecord | null> {
  try {
    let { head, all } = await peek(bytesOf(zip, entry));
    let format = sniffFormat(head);
    if (format === 'GZIP') {
      ({ head, all } = await peek(gunzip(all)));
      format = sniffFormat(head);
    }
    switch (format) {
      case 'FIT': return await parseFitActivity(await collect(all), zones);
      case 'GPX': return await parseGpxActivity(all, zones, now);
      case 'TCX': return await parseTcxActivity(all, zones, now);
      default:
        // Not an activity file (a JSON summary, a photo, a nested zip): left unread.
        await all.return(undefined);
        return null;
    }
  } catch (error) {
    // Which file of the zip: a message without it would send the user looking.
    if (error instanceof AppError && !isNotARun(error) && !error.message.startsWith(entry.fileName)) throw badInput(`${entry.fileName}: ${error.message}`);
    throw error;
  }
}

/** Folders and files a zip tool adds that are never activities. */
const ignored = (name: string) => /(^|\/)(__MACOSX|\.[^/]*)(\/|$)/.test(name);

/** A Strava export's runs: activities.csv rows, each completed from its own activity file. */
/** Where a bad row or file goes under skipInvalid (its line or place, and why); without it, it refuses the zip. */
type Refuse = ((index: number, message: string) => void) | undefined;

async function* stravaRuns(zip: ZipFile, csv: Entry, files: Map<string, { entry: Entry; place: number }>, zones: ZoneSettings, now: Date | undefined, refuse: Refuse): AsyncGenerator<ActivityRecord[]> {
  // Filenames are relative to the export's top, which may be a folder when the zip was remade.
  const top = csv.fileName.slice(0, -'activities.csv'.length);
  const onRefused = refuse && ((line: number, message: string) => refuse(line, `${csv.fileName}: ${message}`));
  for await (const chunk of parseStravaActivities(bytesOf(zip, csv), { now, onRefused })) {
    const runs: ActivityRecord[] = [];
    for (const { file, ...run } of chunk) {
      const found = file ? files.get(top + file) : undefined;
      const entry = found?.entry;
      let fromFile: ActivityRecord | null = null;
      try {
        fromFile = entry ? await runOf(zip, entry, zones, now) : null;
      } catch (error) {
        // Strava calls it a run and the file another sport: the CSV row stands alone. So
        // does a file that cannot be read, under skipInvalid (listed).
        if (refuse && error instanceof AppError && !isNotARun(error)) refuse(found!.place, `${error.message}; the run keeps the numbers of its activities.csv row`);
        else if (!isNotARun(error)) throw error;
      }
      // The CSV's totals stay (Strava's own); the records add what the CSV cannot hold.
      if (fromFile) runs.push({ ...run, hrZoneS: fromFile.hrZoneS, paceZoneS: fromFile.paceZoneS, maxHr: fromFile.maxHr ?? run.maxHr });
      else runs.push(run);
    }
    yield runs;
  }
}

/** Every run file of any other zip, each (source, externalId) once. */
async function* fileRuns(zip: ZipFile, files: Entry[], zones: ZoneSettings, now: Date | undefined, refuse: Refuse): AsyncGenerator<ActivityRecord[]> {
  const seen = new Map<string, string>();
  let chunk: ActivityRecord[] = [];
  let activityFiles = 0;
  for (const [index, entry] of files.entries()) {
    if (ignored(entry.fileName)) continue;
    let run: ActivityRecord | null;
    try {
      run = await runOf(zip, entry, zones, now);
    } catch (error) {
      if (refuse && error instanceof AppError && !isNotARun(error)) refuse(index, error.message);
      else if (!isNotARun(error)) throw error;
      activityFiles += 1;
      continue;
    }
    if (!run) continue;
    activityFiles += 1;
    const key = `${run.source}:${run.externalId}`;
    if (seen.has(key)) throw badInput(`${entry.fileName} is the same activity as ${seen.get(key)} (${run.source} ${run.externalId})`);
    seen.set(key, entry.fileName);
    chunk.push(run);
    if (chunk.length === ZIP_CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (activityFiles === 0) throw badInput('the zip holds no FIT, GPX or TCX activity file and no Strava activities.csv');
  if (chunk.length) yield chunk;
}

/**
 * Imports a zip for an athlete in one transaction, all or nothing: a Strava bulk export (an
 * activities.csv, lower case, at its top or in one folder) or a zip of activity files. A bad file refuses the zip, named.
 */
export async function importZip(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  source: ZipSource,
  options: WriteOptions & { skipInvalid?: boolean } = {},
): Promise<IngestResult & { format: 'STRAVA_EXPORT' | 'ACTIVITY_ZIP' | 'APPLE_HEALTH'; healthDays?: number; refused?: RefusedItem[] }> {
  const refused: RefusedItem[] = [];
  const refuse: Refuse = options.skipInvalid ? (index, message) => refused.push({ index, date: null, message }) : undefined;
  const zip = await openZip(source);
  try {
    const files = await filesOf(zip);
    // The Health app's export.zip: apple_health_export/export.xml (beside export_cda.xml and workout routes).
    const health = files.find((f) => /(^|\/)export\.xml$/.test(f.fileName) && !ignored(f.fileName));
    if (health && !files.some((f) => /(^|\/)activities\.csv$/.test(f.fileName))) {
      const label = health.fileName;
      return { format: 'APPLE_HEALTH', ...(await importAppleHealth(db, orgId, athleteId, bytesOf(zip, health, MAX_APPLE_HEALTH_BYTES), { ...options, label })) };
    }
    const athlete = await loadIngestAthlete(db, orgId, athleteId);
    const write = { now: options.now, generator: options.generator };
    // The export's activities.csv is at its top (or in one folder, when the zip was remade).
    const csv = files.filter((f) => /(^|\/)activities\.csv$/.test(f.fileName) && !ignored(f.fileName)).sort((a, b) => a.fileName.length - b.fileName.length)[0];
    if (csv) {
      const byName = new Map(files.map((entry, place) => [entry.fileName, { entry, place }]));
      return { format: 'STRAVA_EXPORT', ...(await ingestActivityChunks(db, orgId, athleteId, stravaRuns(zip, csv, byName, athlete, options.now, refuse), write)), refused };
    }
    return { format: 'ACTIVITY_ZIP', ...(await ingestActivityChunks(db, orgId, athleteId, ownedChunks(athleteId, fileRuns(zip, files, athlete, options.now, refuse)), write)), refused };
  } finally {
    zip.close();
  }
}
