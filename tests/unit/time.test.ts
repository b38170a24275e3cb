import { addDays, isoWeekday, isValidTimeZone, localDateOf } from '../../src/domain/time';

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
});

describe('addDays', () => {
  it('steps calendar days across DST changes and month ends', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
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
