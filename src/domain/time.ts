import { formatInTimeZone } from 'date-fns-tz';

/** The local calendar date ('yyyy-MM-dd') of an instant in an IANA zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return formatInTimeZone(instant, timeZone, 'yyyy-MM-dd');
}

/** Zones found valid: building a DateTimeFormat to ask costs about 50 µs, and IANA has a few hundred zones. */
const knownZones = new Set<string>();

/** True when the string names a zone the runtime knows (IANA). */
export function isValidTimeZone(timeZone: string): boolean {
  if (knownZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    // Not kept: any string can be sent, so only the bounded set of real zones is remembered.
    return false;
  }
  knownZones.add(timeZone);
  return true;
}

// Calendar arithmetic on day numbers, not Date objects: parsing and printing a Date took 0.7 µs
// per call, and a year of weekly or daily buckets makes hundreds of calls per request
// (bench/cpu-split.ts, runningStats). Years 1..9999, as dates are checked on input.

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Days from 1970-01-01 to a 'yyyy-MM-dd' date (H. Hinnant's days_from_civil; Date.UTC reads years 0..99 as 19xx). */
export function dayNumber(date: string): number {
  const month = Number(date.slice(5, 7));
  const year = Number(date.slice(0, 4)) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + Number(date.slice(8, 10)) - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** The 'yyyy-MM-dd' date `day` days after 1970-01-01 (H. Hinnant's civil_from_days). */
export function dateOfDayNumber(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(dayOfMonth)}`;
}

/** Adds whole calendar days to a 'yyyy-MM-dd' date, independent of any zone or DST. */
export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** ISO weekday of a 'yyyy-MM-dd' date: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(date: string): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}
