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

/** Adds whole calendar days to a 'yyyy-MM-dd' date, independent of any zone or DST. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday of a 'yyyy-MM-dd' date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
