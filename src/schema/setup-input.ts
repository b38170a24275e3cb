import { badInput } from '../errors';
import { requirePlainText } from './args';

// Checks of the set-up mutations' text and numbers, before any SQL: BAD_USER_INPUT naming
// the field and its allowed range.

export const MAX_PERSON_NAME = 100;
export const MAX_TAG_NAME = 60;
export const MAX_EMAIL = 254;
export const MIN_BIRTH_YEAR = 1900;

/** A name: trimmed, 1..max characters, no control characters. */
export function requireName(field: string, value: string, max: number): string {
  const name = requirePlainText(field, value).trim().replace(/\s+/g, ' ');
  if (name.length < 1 || name.length > max) throw badInput(`${field} must be 1..${max} characters (trimmed); got ${name.length}`);
  return name;
}

/** An email address: trimmed and lower-cased, at most 254 characters, one @ with a dotted domain. */
export function requireEmail(field: string, value: string): string {
  const email = requirePlainText(field, value).trim().toLowerCase();
  if (email.length > MAX_EMAIL) throw badInput(`${field} must be at most ${MAX_EMAIL} characters; got ${email.length}`);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badInput(`${field} must be an email address like name@example.com; got ${JSON.stringify(value)}`);
  return email;
}

/** A year of birth from 1900 to the current year. */
export function requireBirthYear(field: string, value: number, now: Date): number {
  const max = now.getUTCFullYear();
  if (!Number.isInteger(value) || value < MIN_BIRTH_YEAR || value > max) throw badInput(`${field} must be between ${MIN_BIRTH_YEAR} and ${max}; got ${value}`);
  return value;
}

/** Refuses an explicit null for a field that cannot be cleared. */
export function requirePresent<T>(field: string, value: T | null | undefined): T | undefined {
  if (value === null) throw badInput(`${field} may be left out but not null`);
  return value;
}
