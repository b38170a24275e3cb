import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gpxExternalId, parseGpxActivity } from '../../src/ingest/gpx';
import { haversineM, trackTotals } from '../../src/domain/track';

// togeojson's run_gpxtpx.gpx (BSD-2-Clause, see togeojson_LICENSE.txt beside it): a Strava GPX run with gpxtpx:hr.
const FILE = path.resolve(__dirname, '..', 'fixtures', 'gpx', 'togeojson_run_gpxtpx.gpx');
const XML = readFileSync(FILE, 'utf8');
const ZONES = { hrZones: null, paceZones: null, hrMax: 190, hrRest: 50, thresholdPaceSPerKm: 300 };
const NOW = new Date('2026-03-10T18:00:00Z');
const from = (text: string) => (async function* () { yield text; })();

/** The fixture's points read with regular expressions, and the totals by the documented rules, computed here. */
function expectedFromFixture(xml: string) {
  const points = [...xml.matchAll(/<trkpt lat="([^"]+)" lon="([^"]+)">([\s\S]*?)<\/trkpt>/g)].map((m) => ({
    lat: Number(m[1]), lon: Number(m[2]),
    ele: Number(/<ele>([^<]+)<\/ele>/.exec(m[3])![1]),
    time: Date.parse(/<time>([^<]+)<\/time>/.exec(m[3])![1]),
    hr: /<gpxtpx:hr>(\d+)<\/gpxtpx:hr>/.exec(m[3]) ? Number(/<gpxtpx:hr>(\d+)<\/gpxtpx:hr>/.exec(m[3])![1]) : null,
  }));
  // Spherical law of haversines, R = 6,371,008.8 m, written out again here.
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dist = (a: typeof points[0], b: typeof points[0]) =>
    2 * R * Math.asin(Math.sqrt(Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2));
  const hrStarts = [0.6, 0.7, 0.8, 0.88, 0.95].map((f) => 50 + f * (190 - 50));
  const speedStarts = [1.25, 1.12, 1.03, 0.97, 0.9].map((f) => 1000 / (300 * f));
  const zoneOf = (v: number, starts: number[]) => starts.reduce((z, s, i) => (v >= s ? i : z), 0);
  let distance = 0, moving = 0, hrSum = 0, hrS = 0, gain = 0;
  const hrZones = [0, 0, 0, 0, 0], paceZones = [0, 0, 0, 0, 0];
  for (let i = 0; i + 1 < points.length; i++) {
    const dt = (points[i + 1].time - points[i].time) / 1000;
    gain += Math.max(0, points[i + 1].ele - points[i].ele);
    if (dt <= 0 || dt > 10) continue;
    const d = dist(points[i], points[i + 1]);
    distance += d;
    moving += dt;
    if (points[i].hr) { hrSum += points[i].hr! * dt; hrS += dt; hrZones[zoneOf(points[i].hr!, hrStarts)] += dt; }
    if (d > 0) paceZones[zoneOf(d / dt, speedStarts)] += dt;
  }
  return {
    count: points.length, start: new Date(points[0].time), distance, moving, elapsed: (points[points.length - 1].time - points[0].time) / 1000,
    avgHr: hrSum / hrS, maxHr: Math.max(...points.map((p) => p.hr ?? 0)), gain, hrZones: hrZones.map(Math.round), paceZones: paceZones.map(Math.round),
    name: /<trk>\s*<name>([^<]*)<\/name>/.exec(xml)![1],
  };
}

describe('GPX import', () => {
  it('reads the fixture to the totals computed here from its points', async () => {
    const expected = expectedFromFixture(XML);
    expect(expected.count).toBe(1118);
    const run = await parseGpxActivity(from(XML), ZONES, NOW);
    expect(run).toMatchObject({ source: 'gpx', sport: 'run', startTime: expected.start, movingS: Math.round(expected.moving), elapsedS: Math.round(expected.elapsed), maxHr: expected.maxHr, calories: null });
    expect(run.distanceM).toBeCloseTo(expected.distance, 6);
    expect(run.avgHr!).toBeCloseTo(expected.avgHr, 9);
    expect(run.elevationGainM!).toBeCloseTo(expected.gain, 9);
    expect(run.hrZoneS).toEqual(expected.hrZones);
    expect(run.paceZoneS).toEqual(expected.paceZones);
    // The file pauses: moving time is shorter than elapsed time.
    expect(expected.moving).toBeLessThan(expected.elapsed);
    expect(run.externalId).toBe(gpxExternalId(expected.start, expected.name));
    expect(run.externalId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reads hr and cad from TrackPointExtension v2 under any prefix, and skips segment gaps', async () => {
    const pt = (lat: number, t: string, hr: number, cad: number) =>
      `<trkpt lat="${lat}" lon="0"><ele>10</ele><time>2026-03-01T08:00:${t}Z</time><extensions><x:TrackPointExtension><x:hr>${hr}</x:hr><x:cad>${cad}</x:cad></x:TrackPointExtension></extensions></trkpt>`;
    const gpx = `<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:x="http://www.garmin.com/xmlschemas/TrackPointExtension/v2">
      <trk><name>Two</name><type>running</type><trkseg>${pt(0, '00', 120, 80)}${pt(0.0001, '05', 140, 82)}</trkseg><trkseg>${pt(0.01, '08', 160, 84)}${pt(0.0101, '10', 170, 86)}</trkseg></trk></gpx>`;
    const run = await parseGpxActivity(from(gpx), ZONES, NOW);
    // Steps 0→1 (5 s) and 2→3 (2 s); the step into the second segment counts nothing.
    expect(run.movingS).toBe(7);
    expect(run.elapsedS).toBe(10);
    expect(run.distanceM).toBeCloseTo(2 * haversineM(0, 0, 0.0001, 0), 9);
    expect(run.avgHr).toBeCloseTo((120 * 5 + 160 * 2) / 7, 9);
    expect(run.maxHr).toBe(170);
    const totals = trackTotals([{ time: 0, cadence: 80 }, { time: 5000, cadence: 90 }, { time: 6000 }], ZONES);
    expect(totals.avgCadence).toBeCloseTo((80 * 5 + 90) / 6, 9);
  });

  it('refuses another sport, untimed points, time going back, and broken XML, with the point and line', async () => {
    const one = (extra = '', time = '<time>2026-03-01T08:00:00Z</time>') => `<gpx><trk>${extra}<trkseg>\n<trkpt lat="1" lon="2">${time}</trkpt>\n<trkpt lat="1" lon="2.001"><time>2026-03-01T08:00:05Z</time></trkpt></trkseg></trk></gpx>`;
    await expect(parseGpxActivity(from(one('<type>cycling</type>')), ZONES, NOW)).rejects.toThrow('the GPX track is a "cycling" activity: only runs are imported');
    await expect(parseGpxActivity(from(one('', '')), ZONES, NOW)).rejects.toThrow('GPX point 1 (line 2): the point has no <time>: a run needs timed points');
    await expect(parseGpxActivity(from(one('', '<time>2026-03-01T09:00:00Z</time>')), ZONES, NOW)).rejects.toThrow('GPX point 2 (line 3): its time goes back before the point before it');
    await expect(parseGpxActivity(from(one('', '<time>yesterday</time>')), ZONES, NOW)).rejects.toThrow(/^GPX point 1 \(line 2\): time must be an ISO 8601 time/);
    await expect(parseGpxActivity(from(XML.slice(0, 5000)), ZONES, NOW)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/^the GPX file is not well-formed XML: line \d+:\d+/) });
    await expect(parseGpxActivity(from(one().replace('lat="1" lon="2"', 'lat="north" lon="2"')), ZONES, NOW)).rejects.toThrow('GPX point 1 (line 2): lat must be a number; got "north"');
    await expect(parseGpxActivity(from(one('', '<time>2030-03-01T08:00:00Z</time>').replace('2026-03-01T08:00:05Z', '2030-03-01T08:00:05Z')), ZONES, NOW)).rejects.toThrow('the GPX file: the run starts more than a day in the future');
    await expect(parseGpxActivity(from('<gpx></gpx>'), ZONES, NOW)).rejects.toThrow('the GPX file has 0 timed track points: a run needs at least 2');
  });
});
