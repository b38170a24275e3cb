import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { peek, sniffFormat, SNIFF_BYTES } from '../../src/ingest/sniff';

const fixture = (...parts: string[]) => readFileSync(path.resolve(__dirname, '..', 'fixtures', ...parts));
const head = (bytes: Uint8Array | string) => (typeof bytes === 'string' ? Buffer.from(bytes) : bytes).subarray(0, SNIFF_BYTES);

describe('sniffFormat: one rule for npm run import and importActivities', () => {
  it('recognises each format by its first bytes, not its name', () => {
    expect(sniffFormat(head(fixture('fit', 'fitparse_garmin-fenix-5-run.fit')))).toBe('FIT');
    expect(sniffFormat(head(fixture('gpx', 'togeojson_run_gpxtpx.gpx')))).toBe('GPX');
    expect(sniffFormat(head(fixture('tcx', 'tcxparser_test.tcx')))).toBe('TCX');
    expect(sniffFormat(head(fixture('garmin', 'Activities.csv')))).toBe('GARMIN_CSV');
    expect(sniffFormat(head(fixture('strava-activities.csv')))).toBe('CSV');
    expect(sniffFormat(head(gzipSync(fixture('gpx', 'togeojson_run_gpxtpx.gpx'))))).toBe('GZIP');
    expect(sniffFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe('ZIP');
  });

  it('looks past a BOM, whitespace, the prolog, comments and prefixes for the XML root', () => {
    expect(sniffFormat(head('\uFEFF  <?xml version="1.0"?>\n<!-- exported --><!DOCTYPE x><g:gpx xmlns:g="http://www.topografix.com/GPX/1/1">'))).toBe('GPX');
    expect(sniffFormat(head('<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'))).toBe('TCX');
    expect(sniffFormat(head('<?xml version="1.0"?><kml>'))).toBe('OTHER_XML');
    // Garmin's header has no "Activity ID"; Strava's has both that and "Activity Type".
    expect(sniffFormat(head('\uFEFF"Activity Type","Date","Favorite","Title","Distance"\n'))).toBe('GARMIN_CSV');
    expect(sniffFormat(head('Activity ID,Activity Date,Activity Type,Date,Distance\n'))).toBe('CSV');
  });

  it('peek gives the head and then the whole stream again', async () => {
    const parts = [Buffer.from('a'.repeat(3000)), Buffer.from('b'.repeat(3000)), Buffer.from('c')];
    const { head: first, all } = await peek((async function* () { yield* parts; })());
    expect(first.byteLength).toBe(SNIFF_BYTES);
    const rest: Uint8Array[] = [];
    for await (const part of all) rest.push(part);
    expect(Buffer.concat(rest).toString()).toBe(Buffer.concat(parts).toString());
  });
});
