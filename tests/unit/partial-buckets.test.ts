import { completeSlope, completeTrailingMeans } from '../../src/domain/trends';
import { bucketCoverage, bucketOf, bucketProgress } from '../../src/domain/buckets';
import { overviewWeek } from '../../src/domain/groups';

describe('bucketProgress', () => {
  it('counts the days of the current ISO week up to today, Monday being 1, and never calls today complete', () => {
    // Monday 9 March 2026
    expect(bucketProgress(bucketOf('2026-03-09', 'WEEK'), '2026-03-09')).toEqual({ complete: false, daysElapsed: 1 });
    expect(bucketProgress(bucketOf('2026-03-09', 'WEEK'), '2026-03-11')).toEqual({ complete: false, daysElapsed: 3 });
    // Sunday: seven days elapsed, but the day is not over
    expect(bucketProgress(bucketOf('2026-03-09', 'WEEK'), '2026-03-15')).toEqual({ complete: false, daysElapsed: 7 });
    expect(bucketProgress(bucketOf('2026-03-02', 'WEEK'), '2026-03-09')).toEqual({ complete: true, daysElapsed: 7 });
    expect(bucketProgress(bucketOf('2026-03-16', 'WEEK'), '2026-03-09')).toEqual({ complete: false, daysElapsed: 0 });
  });

  it('treats a day as complete once it is past, and a month by its own length', () => {
    expect(bucketProgress(bucketOf('2026-03-08', 'DAY'), '2026-03-09')).toEqual({ complete: true, daysElapsed: 1 });
    expect(bucketProgress(bucketOf('2026-03-09', 'DAY'), '2026-03-09')).toEqual({ complete: false, daysElapsed: 1 });
    expect(bucketProgress(bucketOf('2026-02-10', 'MONTH'), '2026-03-09')).toEqual({ complete: true, daysElapsed: 28 });
    expect(bucketProgress(bucketOf('2026-03-01', 'MONTH'), '2026-03-09')).toEqual({ complete: false, daysElapsed: 9 });
  });
});

describe('bucketCoverage', () => {
  const march = bucketOf('2026-03-01', 'MONTH');
  it('equals bucketProgress when the range holds the whole bucket', () => {
    expect(bucketCoverage(march, { from: '2026-01-01', to: '2026-12-31' }, '2026-03-09')).toEqual(bucketProgress(march, '2026-03-09'));
    expect(bucketCoverage(march, { from: '2026-03-01', to: '2026-03-31' }, '2026-04-01')).toEqual({ complete: true, daysElapsed: 31 });
  });

  it('counts only the days inside the range, and a cut bucket is never complete', () => {
    // The range starts on 15 January: 17 days of January, over but not whole.
    expect(bucketCoverage(bucketOf('2026-01-20', 'MONTH'), { from: '2026-01-15', to: '2026-03-31' }, '2026-03-09')).toEqual({ complete: false, daysElapsed: 17 });
    // The range ends on 10 March, a year later: ten days, not complete.
    expect(bucketCoverage(march, { from: '2026-02-01', to: '2026-03-10' }, '2027-03-09')).toEqual({ complete: false, daysElapsed: 10 });
    // Both ends inside one week, today past it.
    expect(bucketCoverage(bucketOf('2026-03-09', 'WEEK'), { from: '2026-03-10', to: '2026-03-12' }, '2026-04-01')).toEqual({ complete: false, daysElapsed: 3 });
  });

  it('gives a bucket still to come no days', () => {
    expect(bucketCoverage(bucketOf('2026-04-01', 'MONTH'), { from: '2026-03-01', to: '2026-04-30' }, '2026-03-09')).toEqual({ complete: false, daysElapsed: 0 });
  });
});

describe('completeTrailingMeans', () => {
  it('gives a partial last bucket the trend of the complete window before it', () => {
    // Weekly load, window 4: history 300, 280, 310, 290; shown 300, 295 and a Monday's 20.
    const history = [300, 280, 310, 290];
    expect(completeTrailingMeans(history, [300, 295, 20], [true, true, false], 4)).toEqual([
      (280 + 310 + 290 + 300) / 4, // 295
      (310 + 290 + 300 + 295) / 4, // 298.75
      (310 + 290 + 300 + 295) / 4, // not (290 + 300 + 295 + 20) / 4 = 226.25
    ]);
  });

  it('equals the plain trailing mean when every point is complete', () => {
    expect(completeTrailingMeans([1, 2], [3, 4, 5], [true, true, true], 3)).toEqual([2, 3, 4]);
    expect(completeTrailingMeans([null], [50, null, 56], [true, true, true], 3)).toEqual([50, 50, 53]);
  });

  it('reaches into the history for a single partial point, and is null without a complete value before it', () => {
    expect(completeTrailingMeans([10, 20, 30], [5], [false], 2)).toEqual([25]);
    expect(completeTrailingMeans([], [5], [false], 4)).toEqual([null]);
    expect(completeTrailingMeans([null, null], [7], [false], 2)).toEqual([null]);
  });
});

describe('completeSlope', () => {
  it('fits the complete points only, keeping their index', () => {
    // 100, 110, 120 rising by 10 a week; the partial 15 would have made it negative.
    expect(completeSlope([100, 110, 120, 15], [true, true, true, false])).toBe(10);
    expect(completeSlope([100, 15], [true, false])).toBeNull();
    expect(completeSlope([2, null, 4, 0], [true, true, true, false])).toBe(1);
  });
});

describe('overviewWeek', () => {
  it('defaults to the last complete ISO week, even on a Monday', () => {
    expect(overviewWeek('2026-03-16', null, false)).toEqual({
      start: '2026-03-09', end: '2026-03-15', complete: true, daysElapsed: 7,
      counted: { from: '2026-03-09', to: '2026-03-15' },
      previous: [
        { from: '2026-02-09', to: '2026-02-15' }, { from: '2026-02-16', to: '2026-02-22' },
        { from: '2026-02-23', to: '2026-03-01' }, { from: '2026-03-02', to: '2026-03-08' },
      ],
    });
  });

  it('counts the current week to date against the same days of the 4 weeks before', () => {
    // Wednesday 11 March: Monday..Wednesday, against Monday..Wednesday of each earlier week.
    expect(overviewWeek('2026-03-11', null, true)).toEqual({
      start: '2026-03-09', end: '2026-03-15', complete: false, daysElapsed: 3,
      counted: { from: '2026-03-09', to: '2026-03-11' },
      previous: [
        { from: '2026-02-09', to: '2026-02-11' }, { from: '2026-02-16', to: '2026-02-18' },
        { from: '2026-02-23', to: '2026-02-25' }, { from: '2026-03-02', to: '2026-03-04' },
      ],
    });
    expect(overviewWeek('2026-03-16', null, true)).toMatchObject({ start: '2026-03-16', daysElapsed: 1, counted: { from: '2026-03-16', to: '2026-03-16' } });
    // An explicit date in the current week is the same week to date; on Sunday all seven days count, but the week is not over.
    expect(overviewWeek('2026-03-15', '2026-03-10', false)).toMatchObject({ start: '2026-03-09', complete: false, daysElapsed: 7 });
    expect(overviewWeek('2026-03-11', '2026-02-01', false)).toMatchObject({ start: '2026-01-26', end: '2026-02-01', complete: true, daysElapsed: 7 });
  });
});
