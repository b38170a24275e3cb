import { badInput } from '../errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** The Athletes list (coachAthletesMetrics) pages up to 1,000: a coach scans the whole organization. */
export const MAX_BATCH_PAGE_SIZE = 1000;

/** An athlete's runs page up to 1,000: an analyst reads years of one athlete's runs in a few pages. */
export const MAX_ACTIVITY_PAGE_SIZE = 1000;

/** The largest `first` a field takes (the query cost charges what is asked, so a list of athletes cannot ask 1,000 runs each). */
export const maxFirstOf = (fieldName: string | undefined) =>
  fieldName === 'coachAthletesMetrics' ? MAX_BATCH_PAGE_SIZE : fieldName === 'recentActivities' ? MAX_ACTIVITY_PAGE_SIZE : MAX_PAGE_SIZE;

/** `first` as a page size: over the maximum is an error, never a silent clamp. */
export function pageSize(first: number | null | undefined, max = MAX_PAGE_SIZE): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badInput(`first must be between 0 and ${max}; got ${first}`);
  }
  return first;
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Longer than any cursor this API writes (a name, an id and a sort key, in base64url). */
export const MAX_CURSOR_LENGTH = 4096;
const MAX_INT4 = 2_147_483_647;

// The parts of a cursor, checked against what the database can compare, so a tampered
// cursor never reaches SQL as an out-of-range integer, a NUL or an impossible instant.

/** A row id of an integer column (1..2147483647). */
export const isCursorId = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_INT4;
/** A row id of a bigint column, up to the largest integer a JSON number holds exactly. */
export const isCursorBigId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;
/** Text PostgreSQL can hold (no NUL). */
export const isCursorText = (v: unknown): v is string => typeof v === 'string' && !v.includes('\u0000');
/** A sort key: a finite number (JSON.parse reads 1e400 as Infinity). */
export const isCursorKey = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** An instant exactly as encodeCursor writes one (Date#toISOString), in years 0001..9999 as PostgreSQL reads them. */
export const isCursorInstant = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && !v.startsWith('0000') &&
  !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v;

/**
 * Decodes a cursor and checks its shape; a tampered, foreign or oversized cursor is
 * BAD_USER_INPUT. `isValid` checks every part with the isCursor* guards above.
 */
export function decodeCursor<T>(cursor: string | null | undefined, isValid: (v: unknown) => v is T): T | null {
  if (cursor == null) return null;
  if (cursor.length > MAX_CURSOR_LENGTH) throw badInput('after is not a cursor returned by this connection');
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isValid(value)) return value;
  } catch {
    // fall through to the error below
  }
  throw badInput('after is not a cursor returned by this connection');
}

/** An edge whose cursor is encoded when asked for: lists of a thousand rarely ask each edge's. */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly cursorOf: (row: T) => unknown,
  ) {}

  get cursor(): string {
    return encodeCursor(this.cursorOf(this.node));
  }
}

/** Builds a Relay connection from a page fetched with one extra row (limit + 1). */
export function toConnection<T>(rows: T[], limit: number, after: string | null | undefined, cursorOf: (row: T) => unknown) {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => new Edge(node, cursorOf));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: after != null,
      // Encoded when asked for, like an edge's.
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges[edges.length - 1]?.cursor ?? null;
      },
    },
  };
}
