import { ATL_DAYS, CTL_DAYS, fitnessHistory, summarizeFitness, type DailyLoad } from '../../src/domain/fitness';
import { addDays } from '../../src/domain/time';

// Exact vectors for the daily fitness series (docs/metrics.md, Fitness history): seeded
// from zero on the first day of data, warmed up from there whatever the window.

const L42 = 1 - Math.exp(-1 / 42);
const L7 = 1 - Math.exp(-1 / 7);

describe('fitnessHistory', () => {
  it('uses the documented constants', () => {
    expect([CTL_DAYS, ATL_DAYS]).toEqual([42, 7]);
  });

  it('weights a single load of 100 from zero on its day, then decays it by e^(−1/N) a day', () => {
    const { firstDataDate, points } = fitnessHistory([{ date: '2026-03-01', load: 100 }], { from: '2026-03-01', to: '2026-03-10' });
    expect(firstDataDate).toBe('2026-03-01');
    expect(points).toHaveLength(10);
    expect(points[0]).toEqual({ date: '2026-03-01', load: 100, ctl: 100 * L42, atl: 100 * L7, tsb: 0 });
    expect(points[0].ctl).toBeCloseTo(2.352831334775674, 14);
    expect(points[0].atl).toBeCloseTo(13.312210024981841, 14);
    expect(points[1]).toMatchObject({ date: '2026-03-02', load: 0 });
    expect(points[1].ctl).toBeCloseTo(2.2974731818766507, 14);
    expect(points[1].atl).toBeCloseTo(11.54006066748957, 14);
    // Form going into day 2 is the end of day 1: 2.3528 − 13.3122.
    expect(points[1].tsb).toBeCloseTo(-10.959378690206167, 14);
    // Day 10: nine days of decay.
    expect(points[9].ctl).toBeCloseTo(1.8990119260078244, 14);
    expect(points[9].atl).toBeCloseTo(3.6802010187788587, 14);
    for (let day = 1; day < 10; day++) {
      expect(points[day].ctl / points[day - 1].ctl).toBeCloseTo(Math.exp(-1 / 42), 14);
      expect(points[day].atl / points[day - 1].atl).toBeCloseTo(Math.exp(-1 / 7), 14);
    }
  });

  it('adds a later load on top of the decayed state', () => {
    const days = [{ date: '2026-03-01', load: 100 }, { date: '2026-03-03', load: 50 }];
    const third = fitnessHistory(days, { from: '2026-03-03', to: '2026-03-03' }).points[0];
    expect(third.load).toBe(50);
    expect(third.ctl).toBeCloseTo(3.419833180333226, 14);
    expect(third.atl).toBeCloseTo(16.65992856691396, 14);
    expect(third.tsb).toBeCloseTo(2.2974731818766507 - 11.54006066748957, 14);
  });

  it('warms up from the first day of data however long before the window, so the window has no cliff', () => {
    const days: DailyLoad[] = Array.from({ length: 200 }, (_, i) => ({ date: addDays('2025-06-01', i), load: 60 + (i % 7) * 10 }));
    const whole = fitnessHistory(days, { from: '2025-06-01', to: '2026-01-31' }).points;
    const window = fitnessHistory(days, { from: '2025-11-01', to: '2026-01-31' });
    expect(window.firstDataDate).toBe('2025-06-01');
    expect(window.points[0].date).toBe('2025-11-01');
    expect(window.points).toEqual(whole.slice(whole.length - window.points.length));
    expect(window.points[0].ctl).toBeGreaterThan(50);
  });

  it('gives for every day exactly what summarizeFitness gives for the loads up to it', () => {
    const loads = [0, 120, 0, 0, 80.5, 45, 0, 200, 10, 0, 0, 0, 95, 30];
    const days = loads.map((load, i) => ({ date: addDays('2026-02-20', i), load }));
    const { points } = fitnessHistory(days, { from: '2026-02-20', to: addDays('2026-02-20', loads.length - 1) });
    points.forEach((point, i) => {
      const summary = summarizeFitness(loads.slice(0, i + 1));
      expect([point.ctl, point.atl, point.tsb]).toEqual([summary.ctl, summary.atl, summary.tsb]);
    });
  });

  it('fills rest days between rollup rows with 0, whatever the order of the rows', () => {
    const days = [{ date: '2026-03-05', load: 40 }, { date: '2026-03-01', load: 100 }];
    const { points } = fitnessHistory(days, { from: '2026-03-01', to: '2026-03-05' });
    expect(points.map((p) => p.load)).toEqual([100, 0, 0, 0, 40]);
    expect(points[4].ctl).toBe(summarizeFitness([100, 0, 0, 0, 40]).ctl);
  });

  it('is all zeros before the first day of data, with the seed at that day', () => {
    const { firstDataDate, points } = fitnessHistory([{ date: '2026-03-03', load: 100 }], { from: '2026-03-01', to: '2026-03-04' });
    expect(firstDataDate).toBe('2026-03-03');
    expect(points.slice(0, 2)).toEqual([
      { date: '2026-03-01', load: 0, ctl: 0, atl: 0, tsb: 0 },
      { date: '2026-03-02', load: 0, ctl: 0, atl: 0, tsb: 0 },
    ]);
    expect(points[2]).toEqual({ date: '2026-03-03', load: 100, ctl: 100 * L42, atl: 100 * L7, tsb: 0 });
    expect(points[3].tsb).toBe(100 * L42 - 100 * L7);
  });

  it('ignores days after the window, and is all zeros without data up to its end', () => {
    const later = [{ date: '2026-04-01', load: 100 }];
    const { firstDataDate, points } = fitnessHistory(later, { from: '2026-03-30', to: '2026-03-31' });
    expect(firstDataDate).toBeNull();
    expect(points).toEqual([
      { date: '2026-03-30', load: 0, ctl: 0, atl: 0, tsb: 0 },
      { date: '2026-03-31', load: 0, ctl: 0, atl: 0, tsb: 0 },
    ]);
    expect(fitnessHistory([], { from: '2026-03-31', to: '2026-03-31' }).points).toHaveLength(1);
  });

  it('counts calendar days across a leap day', () => {
    const { points } = fitnessHistory([{ date: '2028-02-28', load: 100 }], { from: '2028-02-28', to: '2028-03-27' });
    expect(points.map((p) => p.date).slice(0, 3)).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(points).toHaveLength(29);
    expect(points[28].ctl).toBeCloseTo(100 * L42 * Math.exp(-28 / 42), 12);
  });
});
