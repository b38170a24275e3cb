// How numbers read in insight text: the athlete's units (km or mi, pace per km or per mile),
// dates as "9 Mar", durations as h:mm:ss. Pure.

import { formatDuration } from '../vdot';
import type { InsightInput, InsightRule, InsightSentence, InsightSeverity, InsightUnit, UnitSystem } from './types';

export const METRES_PER_MILE = 1609.344;

/** A distance in the athlete's units, one decimal: "12.3 km", "7.6 mi". */
export function distance(metres: number, units: UnitSystem): string {
  return units === 'imperial' ? `${(metres / METRES_PER_MILE).toFixed(1)} mi` : `${(metres / 1000).toFixed(1)} km`;
}

/** Seconds per km or per mile for a pace in s/km. */
export const paceSeconds = (sPerKm: number, units: UnitSystem) => (units === 'imperial' ? sPerKm * (METRES_PER_MILE / 1000) : sPerKm);
export const paceUnit = (units: UnitSystem) => (units === 'imperial' ? 'mi' : 'km');

/** A pace in s/km written in the athlete's units: "4:05/km", "6:34/mi". */
export function pace(sPerKm: number, units: UnitSystem): string {
  const total = Math.round(paceSeconds(sPerKm, units));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}/${paceUnit(units)}`;
}

// Made once: toLocaleDateString builds a formatter per call, which was a tenth of the
// profile's CPU (its insights name a few dozen days).
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });

/** "9 Mar". */
export const shortDate = (date: string) => SHORT_DATE.format(new Date(`${date}T12:00:00Z`));

/** "Tue". */
export const weekday = (date: string) => WEEKDAY.format(new Date(`${date}T12:00:00Z`));

/** A time gap without a leading zero hour: 95 → "1:35", 3725 → "1:02:05". */
export function gap(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  return s >= 3600 ? formatDuration(s) : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export { formatDuration };

/** Whole percent of a change against a base (base > 0). */
export const percentChange = (value: number, base: number) => Math.round(((value - base) / base) * 100);

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "12% more than the 4-week average of 30.0 km" (or "level with …"); the base must be above 0. */
export function versusAverage(value: number, average: number, written: (v: number) => string, span = 'the 4-week average'): string {
  const pct = percentChange(value, average);
  if (pct === 0) return `level with ${span} of ${written(average)}`;
  return `${Math.abs(pct)}% ${pct > 0 ? 'more' : 'less'} than ${span} of ${written(average)}`;
}

export const input = (name: string, value: number, unit: InsightUnit): InsightInput => ({ name, value, unit });

export const sentence = (rule: InsightRule, severity: InsightSeverity, text: string, inputs: InsightInput[]): InsightSentence => ({ rule, severity, text, inputs });
