import { bucketOf, countBuckets, listBuckets, localDayBounds, rollingWindow } from '../../src/domain/buckets';
import { localDateOf } from '../../src/domain/time';

const hours = (b: { start: Date; end: Date }) => (b.end.getTime() - b.start.getTime()) / 3_600_000;

describe('local day bounds across DST and odd offsets', () => {
  it.each([
    ['America/New_York', '2026-03-08', 23, '2026-03-08T05:00:00.000Z'],
    ['America/New_York', '2026-11-01', 25, '2026-11-01T04:00:00.000Z'],
    ['Europe/London', '2026-03-29', 23, '2026-03-29T00:00:00.000Z'],
    ['Europe/London', '2026-10-25', 25, '2026-10-24T23:00:00.000Z'],
    ['Australia/Sydney', '2026-04-05', 25, '2026-04-04T13:00:00.000Z'],
    ['Australia/Sydney', '2026-10-04', 23, '2026-10-03T14:00:00.000Z'],
    ['Australia/Lord_Howe', '2026-04-05', 24.5, '2026-04-04T13:00:00.000Z'],
    ['Australia/Lord_Howe', '2026-10-04', 23.5, '2026-10-03T13:30:00.000Z'],
    ['Asia/Kathmandu', '2026-06-01', 24, '2026-05-31T18:15:00.000Z'],
    ['America/St_Johns', '2026-01-15', 24, '2026-01-15T03:30:00.000Z'],
    ['Pacific/Kiritimati', '2026-01-01', 24, '2025-12-31T10:00:00.000Z'],
  ])('%s %s lasts %d hours from %s', (zone, date, length, start) => {
    const bounds = localDayBounds(date, zone);
    expect(hours(bounds)).toBe(length);
    expect(bounds.start.toISOString()).toBe(start);
  });

  it('answers a remembered day with the same instants, in Dates of its own', () => {
    const first = localDayBounds('2026-03-08', 'America/New_York');
    first.start.setTime(0);
    const again = localDayBounds('2026-03-08', 'America/New_York');
    expect(again.start.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(hours(again)).toBe(23);
    // The same day in another zone is another day.
    expect(localDayBounds('2026-03-08', 'Europe/London').start.toISOString()).toBe('2026-03-08T00:00:00.000Z');
  });

  it('puts the last instant of a 25-hour day on that day and the next instant on the next', () => {
    const { end } = localDayBounds('2026-11-01', 'America/New_York');
    expect(localDateOf(new Date(end.getTime() - 1), 'America/New_York')).toBe('2026-11-01');
    expect(localDateOf(end, 'America/New_York')).toBe('2026-11-02');
  });
});

describe('buckets', () => {
  it('starts ISO weeks on Monday, across a year boundary', () => {
    expect(bucketOf('2027-01-01', 'WEEK')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
    expect(bucketOf('2026-12-28', 'WEEK')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
  });

  it('knows ISO week 53 (2026 has one: 28 Dec 2026 to 3 Jan 2027) and week 1 of 2027 after it', () => {
    const weeks = listBuckets('2026-12-20', '2027-01-10', 'WEEK');
    expect(weeks).toEqual([
      { start: '2026-12-14', end: '2026-12-20' },
      { start: '2026-12-21', end: '2026-12-27' },
      { start: '2026-12-28', end: '2027-01-03' },
      { start: '2027-01-04', end: '2027-01-10' },
    ]);
  });

  it('ends months and years on their last day, February in leap years included', () => {
    expect(bucketOf('2024-02-10', 'MONTH')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(bucketOf('2026-12-31', 'MONTH')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(bucketOf('2026-06-15', 'YEAR')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });

  it('lists every bucket of a range with no gaps, DST days included', () => {
    const days = listBuckets('2026-03-07', '2026-03-09', 'DAY');
    expect(days.map((d) => d.start)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(listBuckets('2026-11-15', '2027-02-01', 'MONTH').map((m) => m.start)).toEqual(['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01']);
    expect(listBuckets('2025-06-01', '2027-01-01', 'YEAR').map((y) => y.start)).toEqual(['2025-01-01', '2026-01-01', '2027-01-01']);
  });

  it('lists the days of three years as a Date counts them, 29 February and year ends included', () => {
    const days = listBuckets('2027-12-30', '2030-12-31', 'DAY');
    const expected: string[] = [];
    for (let t = Date.UTC(2027, 11, 30); t <= Date.UTC(2030, 11, 31); t += 86_400_000) expected.push(new Date(t).toISOString().slice(0, 10));
    expect(days.map((d) => d.start)).toEqual(expected);
    expect(days.every((d) => d.start === d.end)).toBe(true);
    expect(days.map((d) => d.start)).toContain('2028-02-29');
    expect(listBuckets('2026-05-02', '2026-05-01', 'DAY')).toEqual([]);
  });

  it('counts buckets without listing them', () => {
    expect(countBuckets('2026-01-01', '2026-12-31', 'DAY')).toBe(365);
    expect(countBuckets('2026-12-20', '2027-01-10', 'WEEK')).toBe(4);
    expect(countBuckets('2026-11-15', '2027-02-01', 'MONTH')).toBe(4);
    expect(countBuckets('2025-06-01', '2027-01-01', 'YEAR')).toBe(3);
    expect(countBuckets('2026-01-02', '2026-01-01', 'DAY')).toBe(0);
    for (const g of ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const) {
      expect(countBuckets('2023-02-11', '2027-09-03', g)).toBe(listBuckets('2023-02-11', '2027-09-03', g).length);
    }
  });

  it('takes a rolling window of N local days ending today', () => {
    expect(rollingWindow('2026-03-10', 7)).toEqual({ from: '2026-03-04', to: '2026-03-10' });
    expect(rollingWindow('2026-03-10', 1)).toEqual({ from: '2026-03-10', to: '2026-03-10' });
  });
});
