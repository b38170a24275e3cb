/** One formatter per zone: only zones that exist get one (a bad name throws), a few hundred at most. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{1,4})$/;

/**
 * The local calendar date ('yyyy-MM-dd') of an instant in an IANA zone. A cached Intl formatter's
 * MM/DD/YYYY is read as it is: date-fns-tz's formatInTimeZone took 8.4 µs a call, this 1.7 µs,
 * and the Athletes list asks once per athlete. Its parts are the fallback should a runtime's
 * locale data print another shape.
 */
export function localDateOf(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  const us = US_DATE.exec(format.format(instant));
  if (us) return `${us[3].padStart(4, '0')}-${us[1]}-${us[2]}`;
  const part = (type: Intl.DateTimeFormatPartTypes) => format.formatToParts(instant).find((p) => p.type === type)!.value;
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
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
