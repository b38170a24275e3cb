// The bounds every input is checked against before it reaches a computation or SQL.

/**
 * The calendar the API accepts: dates and instants from 1970 to 2100. Every date and
 * timestamp argument stays inside it, so nothing downstream (bucket lists, ISO weeks,
 * PostgreSQL's date range, five-digit years) ever meets the ends of the calendar.
 */
export const MIN_DATE = '1970-01-01';
export const MAX_DATE = '2100-12-31';
export const MIN_TIMESTAMP = 0; // 1970-01-01T00:00:00Z
export const MAX_TIMESTAMP = 4_133_980_799; // 2100-12-31T23:59:59Z
export const MIN_INSTANT = new Date(MIN_TIMESTAMP * 1000);
export const MAX_INSTANT = new Date(MAX_TIMESTAMP * 1000);

// C0 controls (NUL among them: PostgreSQL text cannot hold it), DEL and C1 controls, and
// UTF-16 surrogates that are not part of a pair (they have no UTF-8 encoding).
const CONTROL_OR_LONE_SURROGATE = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const CONTROL_CHARACTERS = 'control characters (U+0000..U+001F, U+007F..U+009F) or unpaired surrogates';

/** The first control character or unpaired surrogate of `text` as U+XXXX, with its index; null when there is none. */
export function findControlCharacter(text: string): { index: number; codePoint: string } | null {
  const match = CONTROL_OR_LONE_SURROGATE.exec(text);
  if (!match) return null;
  return { index: match.index, codePoint: `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
}
