// What kind of file an import is, from its first bytes, and how to open it: the CLI (npm run
// import), the importActivities upload and the zip reader share this, so a file is read the
// same way by all three.
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { badInput, type AppError } from '../errors';
import { isGarminHeader } from './garmin-csv';

export type ImportFormat = 'STRAVA_CSV' | 'FIT' | 'GPX' | 'TCX' | 'GARMIN_CSV' | 'STRAVA_EXPORT' | 'ACTIVITY_ZIP' | 'APPLE_HEALTH';

/** What the first bytes say: an import format, a container to open first, or text to read as a CSV. */
export type Sniffed = Exclude<ImportFormat, 'STRAVA_EXPORT' | 'ACTIVITY_ZIP'> | 'ZIP' | 'GZIP' | 'CSV' | 'OTHER_XML';

/** Bytes read before deciding: enough for an XML prolog with comments, or a CSV header line. */
export const SNIFF_BYTES = 4096;

/** FIT files carry ".FIT" in bytes 8..11 of their header. */
export function isFitHeader(head: Uint8Array): boolean {
  return head.length >= 12 && String.fromCharCode(...head.slice(8, 12)) === '.FIT';
}

/** The names of a CSV header line, unquoted (a cut-off last name is kept as far as it goes). */
function headerNames(line: string): string[] {
  return line.split(',').map((name) => name.trim().replace(/^"|"$/g, '').trim());
}

/**
 * The format of a file from its first SNIFF_BYTES bytes (fewer when the file is shorter):
 * FIT by its header; zip and gzip by their magic numbers; XML by its root element (<gpx> or
 * <TrainingCenterDatabase>, after any prolog, comments or BOM); a CSV by its header line
 * (Garmin's "Activity Type" + "Date" + "Distance" without Strava's "Activity ID"). Other text
 * is 'CSV': the Strava reader then names what its header lacks.
 */
export function sniffFormat(head: Uint8Array): Sniffed {
  if (isFitHeader(head)) return 'FIT';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'ZIP';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'GZIP';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) {
    // Apple's export.xml opens with a DTD of several kilobytes: its DOCTYPE names the root.
    if (/<!DOCTYPE\s+HealthData\b/.test(trimmed)) return 'APPLE_HEALTH';
    // The first element that is not a prolog, comment or doctype is the root.
    const root = /<(?![?!])(?:[\w.-]+:)?([\w.-]+)/.exec(trimmed.replace(/<!--[\s\S]*?-->/g, ''));
    if (root?.[1] === 'gpx') return 'GPX';
    if (root?.[1] === 'TrainingCenterDatabase') return 'TCX';
    if (root?.[1] === 'HealthData') return 'APPLE_HEALTH';
    return 'OTHER_XML';
  }
  if (isGarminHeader(headerNames(text.split(/\r?\n/, 1)[0]))) return 'GARMIN_CSV';
  return 'CSV';
}

/**
 * The first `bytes` bytes of a stream (fewer if it ends sooner), and the whole stream again
 * from its start: the sniffed bytes are not lost to the reader that follows.
 */
export async function peek(input: AsyncIterable<Uint8Array>, bytes = SNIFF_BYTES): Promise<{ head: Uint8Array; all: AsyncGenerator<Uint8Array> }> {
  const iterator = input[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    parts.push(next.value);
    length += next.value.byteLength;
  }
  const head = Buffer.concat(parts);
  async function* all(): AsyncGenerator<Uint8Array> {
    if (head.byteLength) yield head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head: head.subarray(0, bytes), all: all() };
}

/** Bytes a gzipped file may unpack to: a guard against a small file that inflates without end. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/** A gzip stream's content, at most MAX_UNPACKED_BYTES; a damaged one is BAD_USER_INPUT. */
export async function* gunzip(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const stream = Readable.from(input).pipe(createGunzip());
  let unpacked = 0;
  try {
    for await (const chunk of stream) {
      unpacked += (chunk as Uint8Array).byteLength;
      if (unpacked > MAX_UNPACKED_BYTES) throw badInput(`the gzip file unpacks to more than ${MAX_UNPACKED_BYTES} bytes`);
      yield chunk as Uint8Array;
    }
  } catch (error) {
    if (error instanceof Error && 'extensions' in error) throw error;
    throw badInput(`the gzip file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    stream.destroy();
  }
}

/** A whole stream in memory: for FIT files (one activity) and uploaded zips (at most MAX_UPLOAD_BYTES). */
export async function collect(input: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of input) parts.push(part);
  return Buffer.concat(parts);
}

/**
 * An activity of another sport: refused as BAD_USER_INPUT when it is the file imported,
 * skipped when it is one file of a zip (a watch's export holds rides too).
 */
export function notARun(message: string): AppError {
  return Object.assign(badInput(message), { notARun: true });
}

export const isNotARun = (error: unknown): boolean => error instanceof Error && (error as { notARun?: boolean }).notARun === true;
