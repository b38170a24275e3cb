import { wholeWeeksOf } from '../../src/domain/groups';

describe('wholeWeeksOf', () => {
  it.each([
    // 2026-03-09 is a Monday, 2026-03-15 a Sunday.
    ['a whole week', '2026-03-09', '2026-03-15', { from: '2026-03-09', to: '2026-03-15' }],
    ['Wednesday to Tuesday: no whole week', '2026-03-11', '2026-03-17', null],
    ['Sunday to Monday nine days later', '2026-03-08', '2026-03-16', { from: '2026-03-09', to: '2026-03-15' }],
    ['one day, a Monday', '2026-03-09', '2026-03-09', null],
    ['one day, a Sunday', '2026-03-15', '2026-03-15', null],
    ['across the year in ISO week 53 of 2026', '2026-12-23', '2027-01-12', { from: '2026-12-28', to: '2027-01-10' }],
    ['400 days', '2025-10-23', '2026-11-26', { from: '2025-10-27', to: '2026-11-22' }],
  ])('%s', (_name, from, to, expected) => {
    expect(wholeWeeksOf({ from, to })).toEqual(expected);
  });
});
