import { findSameRun, isSameRun, richness } from '../../src/domain/duplicates';

const at = (iso: string, distanceM: number) => ({ startTime: new Date(iso), distanceM });

describe('isSameRun', () => {
  it('takes starts up to 120 s apart and distances up to 3% of the longer apart', () => {
    expect(isSameRun(at('2026-03-10T06:00:00Z', 10_000), at('2026-03-10T06:02:00Z', 10_000))).toBe(true);
    expect(isSameRun(at('2026-03-10T06:00:00Z', 10_000), at('2026-03-10T06:02:01Z', 10_000))).toBe(false);
    expect(isSameRun(at('2026-03-10T06:00:00Z', 10_000), at('2026-03-10T06:00:00Z', 10_300))).toBe(true); // 300 ≤ 0.03 × 10,300
    expect(isSameRun(at('2026-03-10T06:00:00Z', 10_000), at('2026-03-10T06:00:00Z', 10_310))).toBe(false); // 310 > 309.3
    expect(isSameRun(at('2026-03-10T06:00:00Z', 0), at('2026-03-10T06:01:00Z', 0))).toBe(true); // a treadmill run without distance
  });
});

describe('findSameRun', () => {
  it('picks the nearest start, then the nearest distance', () => {
    const a = { ...at('2026-03-10T06:01:00Z', 10_000), id: 'a' };
    const b = { ...at('2026-03-10T05:59:30Z', 10_100), id: 'b' };
    const c = { ...at('2026-03-10T06:00:20Z', 10_050), id: 'c' };
    const d = { ...at('2026-03-10T05:59:30Z', 10_010), id: 'd' };
    expect(findSameRun(at('2026-03-10T06:00:00Z', 10_000), [a, b, c, d])?.id).toBe('c');
    expect(findSameRun(at('2026-03-10T06:00:00Z', 10_000), [a, b, d])?.id).toBe('d');
    expect(findSameRun(at('2026-03-10T07:00:00Z', 10_000), [a, b, c, d])).toBeNull();
  });
});

describe('richness', () => {
  it('ranks heart rate first: per-second HR zone times, then average HR, then pace zone times and the rest', () => {
    expect(richness({ hrZoneS: [0, 1, 0, 0, 0] })).toBeGreaterThan(richness({ avgHr: 150, maxHr: 170, elevationGainM: 10, calories: 500, paceZoneS: [1] }));
    expect(richness({ avgHr: 150 })).toBeGreaterThan(richness({ maxHr: 170, elevationGainM: 10, calories: 500 }));
    // A GPX route without HR (pace zones, elevation) never takes over from a Strava row with HR.
    expect(richness({ avgHr: 150, maxHr: 170 })).toBeGreaterThan(richness({ paceZoneS: [0, 600, 1800, 0, 0], elevationGainM: 40, calories: 600 }));
    expect(richness({ avgHr: null, maxHr: undefined, paceZoneS: [0, 0, 0, 0, 0] })).toBe(0);
  });
});
