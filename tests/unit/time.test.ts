import { addDays, dateOfDayNumber, dayNumber, isoWeekday, isValidTimeZone, localDateOf } from '../../src/domain/time';
import { daysBetween } from '../../src/domain/buckets';
import { formatInTimeZone } from 'date-fns-tz';

describe('localDateOf', () => {
  it('puts a run just after midnight UTC on the previous local day in New York', () => {
    expect(localDateOf(new Date('2026-03-10T00:30:00Z'), 'America/New_York')).toBe('2026-03-09');
    expect(localDateOf(new Date('2026-03-10T00:30:00Z'), 'UTC')).toBe('2026-03-10');
  });

  it('handles quarter- and half-hour offsets', () => {
    // Kathmandu is +05:45: 18:14 UTC is 23:59 local, 18:15 UTC is the next day.
    expect(localDateOf(new Date('2026-06-01T18:14:00Z'), 'Asia/Kathmandu')).toBe('2026-06-01');
    expect(localDateOf(new Date('2026-06-01T18:15:00Z'), 'Asia/Kathmandu')).toBe('2026-06-02');
    // St John's is -02:30 in summer: 02:29 UTC is still the previous day.
    expect(localDateOf(new Date('2026-07-02T02:29:00Z'), 'America/St_Johns')).toBe('2026-07-01');
    expect(localDateOf(new Date('2026-07-02T02:30:00Z'), 'America/St_Johns')).toBe('2026-07-02');
  });

  it('puts Kiritimati (+14) a day ahead of UTC for most of the day', () => {
    expect(localDateOf(new Date('2026-01-01T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-01-02');
  });

  it('agrees with date-fns-tz every 61 h 13 min from 1971 to 2040 in zones with odd offsets and DST', () => {
    const zones = ['Europe/London', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Australia/Lord_Howe', 'Pacific/Apia', 'Etc/GMT+12'];
    const mismatches: string[] = [];
    for (let t = Date.UTC(1971, 0, 1); t < Date.UTC(2040, 0, 1) && mismatches.length < 5; t += 220_380_000) {
      for (const zone of zones) {
        const instant = new Date(t);
        if (localDateOf(instant, zone) !== formatInTimeZone(instant, zone, 'yyyy-MM-dd')) mismatches.push(`${instant.toISOString()} ${zone}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses a zone that does not exist, as the formatter does', () => {
    expect(() => localDateOf(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('steps calendar days across DST changes and month ends', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('1900-02-28', 1)).toBe('1900-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('0999-12-31', 1)).toBe('1000-01-01');
    expect(addDays('2026-03-10', -400)).toBe('2025-02-03');
  });
});

describe('day numbers', () => {
  it('agree with Date on every day of 1890..2110 and every 101st day of years 1..9999, both ways, with the weekday', () => {
    const firstDay = new Date(0);
    firstDay.setUTCFullYear(1, 0, 1); // not Date.UTC, which reads years 0..99 as 19xx
    const days = [];
    for (let day = firstDay.getTime() / 86_400_000; day <= dayNumber('9999-12-31'); day += 101) days.push(day);
    for (let day = dayNumber('1890-01-01'); day <= dayNumber('2110-12-31'); day++) days.push(day);
    const mismatches: string[] = [];
    for (const day of days) {
      const viaDate = new Date(day * 86_400_000);
      const expected = `${String(viaDate.getUTCFullYear()).padStart(4, '0')}-${String(viaDate.getUTCMonth() + 1).padStart(2, '0')}-${String(viaDate.getUTCDate()).padStart(2, '0')}`;
      const weekday = viaDate.getUTCDay() || 7;
      const date = dateOfDayNumber(day);
      if (date !== expected || dayNumber(expected) !== day || isoWeekday(expected) !== weekday) mismatches.push(`${day}: ${date} ${expected}`);
      if (mismatches.length > 5) break;
    }
    expect(mismatches).toEqual([]);
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    expect(daysBetween('2026-03-10', '2025-03-10')).toBe(-365);
  });
});

describe('isoWeekday', () => {
  it('counts Monday as 1 and Sunday as 7', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects others', () => {
    expect(isValidTimeZone('Australia/Lord_Howe')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
