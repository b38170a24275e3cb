import { shortDate, weekday } from '../../src/domain/insights/format';
import { addDays } from '../../src/domain/time';

describe('insight dates', () => {
  it('name a day and its weekday', () => {
    expect(shortDate('2026-03-09')).toBe('9 Mar');
    expect(weekday('2026-03-10')).toBe('Tue');
    expect(shortDate('2024-02-29')).toBe('29 Feb');
    expect(weekday('2027-01-03')).toBe('Sun');
  });

  it('say what toLocaleDateString says, every day of a leap year', () => {
    for (let day = '2028-01-01'; day <= '2028-12-31'; day = addDays(day, 1)) {
      const noon = new Date(`${day}T12:00:00Z`);
      expect(shortDate(day)).toBe(noon.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }));
      expect(weekday(day)).toBe(noon.toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' }));
    }
  });
});
