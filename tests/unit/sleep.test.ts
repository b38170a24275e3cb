import { coveredSeconds, unionOf } from '../../src/domain/sleep';

describe('sleep intervals', () => {
  it('counts overlapping sources once', () => {
    // Watch 23:00–07:00 and phone 23:30–06:30 of the same night: 8 h, not 15.
    const watch = [0, 8 * 3600] as const;
    const phone = [1800, 7.5 * 3600] as const;
    expect(coveredSeconds([watch, phone])).toBe(8 * 3600);
  });

  it('joins touching intervals, keeps gaps, and drops empty or reversed ones', () => {
    expect(unionOf([[100, 200], [200, 300], [400, 500], [50, 60], [70, 70], [90, 80]])).toEqual([[50, 60], [100, 300], [400, 500]]);
    expect(coveredSeconds([[100, 200], [200, 300], [400, 500], [50, 60]])).toBe(310);
    expect(coveredSeconds([])).toBe(0);
  });
});
