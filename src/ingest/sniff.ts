// What kind of file an import is, from its first bytes: the CLI (npm run import) and the
// importActivities upload share this, so a file is read the same way by both.

export type ImportFormat = 'STRAVA_CSV' | 'FIT' | 'GPX' | 'TCX' | 'GARMIN_CSV';

/** What the first bytes say: an import format, a container to open first, or text to read as a CSV. */
export type Sniffed = ImportFormat | 'ZIP' | 'GZIP' | 'CSV' | 'OTHER_XML';

/** Bytes read before deciding: enough for an XML prolog with comments, or a CSV header line. */
export const SNIFF_BYTES = 4096;

/** FIT files carry ".FIT" in bytes 8..11 of their header. */
export function isFitHeader(head: Uint8Array): boolean {
  return head.length >= 12 && String.fromCharCode(...head.slice(8, 12)) === '.FIT';
}

/** The names of a CSV header line, unquoted (a cut-off last name is kept as far as it goes). */
function headerNames(line: string): Set<string> {
  return new Set(line.split(',').map((name) => name.trim().replace(/^"|"$/g, '').trim()));
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
    // The first element that is not a prolog, comment or doctype is the root.
    const root = /<(?![?!])(?:[\w.-]+:)?([\w.-]+)/.exec(trimmed.replace(/<!--[\s\S]*?-->/g, ''));
    if (root?.[1] === 'gpx') return 'GPX';
    if (root?.[1] === 'TrainingCenterDatabase') return 'TCX';
    return 'OTHER_XML';
  }
  const names = headerNames(text.split(/\r?\n/, 1)[0]);
  if (names.has('Activity Type') && names.has('Date') && names.has('Distance') && !names.has('Activity ID')) return 'GARMIN_CSV';
  return 'CSV';
}

/**
 * The first `bytes` bytes of a stream (fewer if it ends sooner), and the whole stream again
 * from its start: the sniffed bytes are not lost to the reader that follows.
 */
export async function peek(input: AsyncIterable<Uint8Array>, bytes = SNIFF_BYTES): Promise<{ head: Uint8Array; all: AsyncIterable<Uint8Array> }> {
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
