import { islandsOf, summarizeStreaks } from '../../src/domain/streaks';
import { leastSquaresSlope, trailingMeans } from '../../src/domain/trends';
import { toStats } from '../../src/domain/stats';

describe('streaks', () => {
  const active = ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-05', '2026-03-07', '2026-03-08', '2026-03-09'];

  it('finds islands of consecutive local days, across a month end and a DST change', () => {
    expect(islandsOf(active)).toEqual([
      { start: '2026-02-27', end: '2026-03-01', length: 3 },
      { start: '2026-03-05', end: '2026-03-05', length: 1 },
      { start: '2026-03-07', end: '2026-03-09', length: 3 },
    ]);
  });

  it('counts the current streak back from today', () => {
    expect(summarizeStreaks(islandsOf(active), '2026-03-09')).toEqual({
      current: { start: '2026-03-07', end: '2026-03-09', length: 3 },
      longest: { start: '2026-03-07', end: '2026-03-09', length: 3 },
    });
  });

  it('counts from yesterday when today has no run yet, and is zero after a rest day', () => {
    expect(summarizeStreaks(islandsOf(active), '2026-03-10').current).toEqual({ start: '2026-03-07', end: '2026-03-09', length: 3 });
    expect(summarizeStreaks(islandsOf(active), '2026-03-11').current).toBeNull();
  });

  it('keeps the longest over all history, the most recent on a tie, ignoring days after today', () => {
    expect(summarizeStreaks(islandsOf(active), '2026-03-06').longest).toEqual({ start: '2026-02-27', end: '2026-03-01', length: 3 });
    expect(summarizeStreaks(islandsOf(active), '2026-03-08')).toEqual({
      current: { start: '2026-03-07', end: '2026-03-08', length: 2 },
      longest: { start: '2026-02-27', end: '2026-03-01', length: 3 },
    });
    expect(summarizeStreaks([], '2026-03-08')).toEqual({ current: null, longest: null });
  });
});

describe('trends', () => {
  it('takes trailing means with history before the first point', () => {
    expect(trailingMeans([1, 2], [3, 4, 5], 3)).toEqual([2, 3, 4]);
    expect(trailingMeans([], [3, 4, 5], 3)).toEqual([3, 3.5, 4]);
  });

  it('skips missing readings in a trailing mean', () => {
    expect(trailingMeans([null], [50, null, 56, null, null, null], 3)).toEqual([50, 50, 53, 56, 56, null]);
  });

  it('fits a least-squares slope per point', () => {
    expect(leastSquaresSlope([1, 3, 5, 7])).toBe(2);
    expect(leastSquaresSlope([10, 9, 7, 4])).toBeCloseTo(-2, 10);
    expect(leastSquaresSlope([2, null, 4])).toBe(1);
    expect(leastSquaresSlope([5])).toBeNull();
  });
});

describe('stats', () => {
  it('averages pace over total time and distance, and HR weighted by moving time', () => {
    // 10 km in 3000 s and 5 km in 1800 s: 4800 s / 15 km = 320 s/km (a mean of paces would say 330).
    expect(toStats({ runs: 2, distanceM: 15_000, movingS: 4800, trainingLoad: 120, calories: 900, hrSum: 150 * 3000, hrS: 3000 })).toEqual({
      totalActivities: 2, totalDistance: 15_000, totalDuration: 4800, avgPace: 320, avgHeartRate: 150, trainingLoad: 120, calories: 900,
    });
    expect(toStats({ runs: 0, distanceM: 0, movingS: 0, trainingLoad: 0, calories: 0, hrSum: 0, hrS: 0 })).toMatchObject({ avgPace: null, avgHeartRate: null });
  });
});
