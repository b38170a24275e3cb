import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTcxActivity } from '../../src/ingest/tcx';

// python-tcxparser's test.tcx (BSD-2-Clause, see tcxparser_LICENSE.txt beside it): a Forerunner 410 run.
const FILE = path.resolve(__dirname, '..', 'fixtures', 'tcx', 'tcxparser_test.tcx');
const XML = readFileSync(FILE, 'utf8');
const ZONES = { hrZones: [120, 140, 155, 168, 180], paceZones: [400, 340, 300, 270, 240], hrMax: null, hrRest: null, thresholdPaceSPerKm: null };
const NOW = new Date('2026-03-10T18:00:00Z');
const from = (text: string) => (async function* () { yield text; })();
const value = (block: string, tag: string) => {
  const m = new RegExp(`<${tag}>\\s*(?:<Value>)?([^<]+)`).exec(block);
  return m ? Number(m[1]) : null;
};

/** Laps and trackpoints read with regular expressions, totals by the documented rules, computed here. */
function expectedFromFixture(xml: string) {
  const laps = [...xml.matchAll(/<Lap StartTime="[^"]+">([\s\S]*?)<Track>/g)].map((m) => ({
    time: value(m[1], 'TotalTimeSeconds')!, distance: value(m[1], 'DistanceMeters')!, calories: value(m[1], 'Calories')!,
    avgHr: value(m[1], 'AverageHeartRateBpm')!, maxHr: value(m[1], 'MaximumHeartRateBpm')!,
  }));
  const points = [...xml.matchAll(/<Trackpoint>([\s\S]*?)<\/Trackpoint>/g)].map((m) => ({
    time: Date.parse(/<Time>([^<]+)/.exec(m[1])![1]), alt: value(m[1], 'AltitudeMeters'), dist: value(m[1], 'DistanceMeters'), hr: value(m[1], 'HeartRateBpm'),
  }));
  const zoneOf = (v: number, starts: number[]) => starts.reduce((z, s, i) => (v >= s ? i : z), 0);
  const speedStarts = ZONES.paceZones.map((s) => 1000 / s);
  const hrZones = [0, 0, 0, 0, 0], paceZones = [0, 0, 0, 0, 0];
  let gain = 0;
  let lastAlt: number | null = null;
  for (const p of points) {
    if (p.alt !== null) {
      if (lastAlt !== null) gain += Math.max(0, p.alt - lastAlt);
      lastAlt = p.alt;
    }
  }
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const dt = (b.time - a.time) / 1000;
    if (dt <= 0 || dt > 10) continue;
    if (a.hr) hrZones[zoneOf(a.hr, ZONES.hrZones)] += dt;
    const d = a.dist !== null && b.dist !== null ? b.dist - a.dist : 0;
    if (d > 0) paceZones[zoneOf(d / dt, speedStarts)] += dt;
  }
  const lapTime = laps.reduce((s, l) => s + l.time, 0);
  return {
    laps: laps.length, points: points.length,
    start: new Date(/<Id>([^<]+)<\/Id>/.exec(xml)![1]), id: /<Id>([^<]+)<\/Id>/.exec(xml)![1],
    distance: laps.reduce((s, l) => s + l.distance, 0), moving: Math.round(lapTime),
    elapsed: Math.max(Math.round(lapTime), Math.round((points[points.length - 1].time - Date.parse(/<Id>([^<]+)/.exec(xml)![1])) / 1000)),
    calories: laps.reduce((s, l) => s + l.calories, 0), avgHr: laps.reduce((s, l) => s + l.avgHr * l.time, 0) / lapTime,
    maxHr: Math.max(...laps.map((l) => l.maxHr)), gain, hrZones: hrZones.map(Math.round), paceZones: paceZones.map(Math.round),
  };
}

describe('TCX import', () => {
  it('reads the fixture: lap totals, and zone times and elevation gain from the trackpoints, as computed here', async () => {
    const expected = expectedFromFixture(XML);
    expect([expected.laps, expected.points]).toEqual([3, 384]);
    const run = await parseTcxActivity(from(XML), ZONES, NOW);
    expect(run).toMatchObject({
      source: 'tcx', externalId: expected.id, sport: 'run', startTime: expected.start, movingS: expected.moving, elapsedS: expected.elapsed,
      calories: expected.calories, maxHr: expected.maxHr, hrZoneS: expected.hrZones, paceZoneS: expected.paceZones,
    });
    expect(run.distanceM).toBeCloseTo(expected.distance, 6);
    expect(run.avgHr!).toBeCloseTo(expected.avgHr, 9);
    expect(run.elevationGainM!).toBeCloseTo(expected.gain, 6);
    expect(run.calories).toBe(94 + 151 + 134);
  });

  const tcx = (activities: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>${activities}</Activities></TrainingCenterDatabase>`;
  const activity = (sport: string, id = '2026-03-01T08:00:00Z', track = '') =>
    `<Activity Sport="${sport}"><Id>${id}</Id><Lap StartTime="${id}"><TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>2000</DistanceMeters><Calories>150</Calories><Track>${track}</Track></Lap></Activity>`;

  it('takes a run with laps only (no trackpoints): zone times are zero', async () => {
    const run = await parseTcxActivity(from(tcx(activity('Running'))), ZONES, NOW);
    expect(run).toMatchObject({ distanceM: 2000, movingS: 600, elapsedS: 600, calories: 150, avgHr: null, maxHr: null, elevationGainM: null, hrZoneS: [0, 0, 0, 0, 0] });
  });

  it('refuses other sports, several activities, a bad trackpoint and broken XML', async () => {
    await expect(parseTcxActivity(from(tcx(activity('Biking'))), ZONES, NOW)).rejects.toThrow('the TCX activity is a "Biking" activity: only Sport="Running" is imported');
    await expect(parseTcxActivity(from(tcx(activity('Running') + activity('Running', '2026-03-02T08:00:00Z'))), ZONES, NOW)).rejects.toThrow('the TCX file holds 2 activities: import one per file');
    await expect(parseTcxActivity(from(tcx('')), ZONES, NOW)).rejects.toThrow('the TCX file holds no Activity');
    const badPoint = activity('Running', undefined, '<Trackpoint><Time>2026-03-01T08:00:00Z</Time></Trackpoint>\n<Trackpoint><Time>2026-03-01T08:00:01Z</Time><HeartRateBpm><Value>fast</Value></HeartRateBpm></Trackpoint>');
    await expect(parseTcxActivity(from(tcx(badPoint)), ZONES, NOW)).rejects.toThrow('TCX trackpoint 2 (line 3): HeartRateBpm must be a number; got "fast"');
    await expect(parseTcxActivity(from(tcx(activity('Running', 'last tuesday'))), ZONES, NOW)).rejects.toThrow(/^TCX lap 1 \(line \d+\): StartTime must be an ISO 8601 time/);
    await expect(parseTcxActivity(from(XML.slice(0, 3000)), ZONES, NOW)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/^the TCX file is not well-formed XML: line \d+:\d+/) });
    await expect(parseTcxActivity(from('<gpx/>'), ZONES, NOW)).rejects.toThrow('not a TCX file: the root element is <gpx>');
  });
});
