import { EARTH_RADIUS_M, haversineM, PAUSE_SECONDS, trackTotals } from '../../src/domain/track';
import { parseTcxActivity } from '../../src/ingest/tcx';

const ZONES = { hrZones: [120, 140, 155, 168, 180], paceZones: null, hrMax: null, hrRest: null, thresholdPaceSPerKm: null };

describe('track totals (GPX and TCX)', () => {
  it('measures on a sphere of the mean Earth radius', () => {
    expect(EARTH_RADIUS_M).toBe(6_371_008.8);
    // One degree along a meridian, and along the equator, is 2πR/360.
    expect(haversineM(10, 20, 11, 20)).toBeCloseTo((2 * Math.PI * 6_371_008.8) / 360, 6);
    expect(haversineM(0, 0, 0, 1)).toBeCloseTo((2 * Math.PI * 6_371_008.8) / 360, 6);
    // Antipodes: half the circumference.
    expect(haversineM(0, 0, 0, 180)).toBeCloseTo(Math.PI * 6_371_008.8, 3);
  });

  it('counts a step of up to 10 s as moving and a longer one as a pause, in time, distance, HR and zones', () => {
    const points = [
      { time: 0, distanceM: 0, heartRate: 130, elevationM: 10 },
      { time: 10_000, distanceM: 30, heartRate: 150, elevationM: 12 },
      { time: 10_000 + (PAUSE_SECONDS + 1) * 1000, distanceM: 35, heartRate: 170, elevationM: 11 },
      { time: 25_000, distanceM: 50, heartRate: 0, elevationM: 14 },
    ];
    const totals = trackTotals(points, ZONES);
    // Steps: 10 s (moving, 30 m), 11 s (pause), 4 s (moving, 15 m).
    expect(totals).toMatchObject({ movingS: 14, elapsedS: 25, distanceM: 45, maxHr: 170, elevationGainM: 2 + 3 });
    expect(totals.avgHr).toBeCloseTo((130 * 10 + 170 * 4) / 14, 9);
    expect(totals.hrZoneS).toEqual([10, 0, 0, 4, 0]);
  });

  it('reads a second Track in one TCX lap as a pause, and a new lap as going on', async () => {
    const point = (s: number, d: number) => `<Trackpoint><Time>2026-03-01T08:00:${String(s).padStart(2, '0')}Z</Time><DistanceMeters>${d}</DistanceMeters><HeartRateBpm><Value>150</Value></HeartRateBpm></Trackpoint>`;
    const lap = (start: string, tracks: string[]) => `<Lap StartTime="${start}"><TotalTimeSeconds>10</TotalTimeSeconds><DistanceMeters>20</DistanceMeters>${tracks.map((t) => `<Track>${t}</Track>`).join('')}</Lap>`;
    const tcx = `<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2026-03-01T08:00:00Z</Id>${lap('2026-03-01T08:00:00Z', [point(0, 0) + point(2, 4), point(4, 8) + point(6, 12)])}${lap('2026-03-01T08:00:06Z', [point(8, 16)])}</Activity></Activities></TrainingCenterDatabase>`;
    const run = await parseTcxActivity((async function* () { yield tcx; })(), ZONES, new Date('2026-03-10T00:00:00Z'));
    // 0→2 and 4→6 and 6→8 (into the next lap) count; 2→4 (into the lap's second Track) is a pause.
    expect(run.hrZoneS).toEqual([0, 6, 0, 0, 0]);
  });
});
