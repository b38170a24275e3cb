import { badInput } from '../errors';
import { daysBetween } from '../domain/buckets';
import { CONTROL_CHARACTERS, findControlCharacter } from '../domain/input-bounds';

/** An integer argument within min..max, else BAD_USER_INPUT naming it and the range. */
export function requireIntInRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${name} must be between ${min} and ${max}; got ${value}`);
  }
  return value;
}

/** from..to (inclusive) in order and at most `maxDays` days long. */
export function requireDateRange(from: string, to: string, maxDays: number): { from: string; to: string } {
  if (from > to) throw badInput(`from (${from}) must not be after to (${to})`);
  const days = daysBetween(from, to) + 1;
  if (days > maxDays) throw badInput(`from..to may span at most ${maxDays} days (inclusive); got ${days}`);
  return { from, to };
}

/**
 * Text a client typed (a search, a name): no control characters and whole Unicode, else
 * BAD_USER_INPUT naming the argument and the character, before the text reaches SQL.
 */
export function requirePlainText(name: string, text: string): string {
  const found = findControlCharacter(text);
  if (found) {
    throw badInput(`${name} must not contain ${CONTROL_CHARACTERS}; got ${found.codePoint} at position ${found.index}`);
  }
  return text;
}
