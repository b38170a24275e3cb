import { badInput } from '../errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** The Athletes list (coachAthletesMetrics) pages up to 1,000: a coach scans the whole organization. */
export const MAX_BATCH_PAGE_SIZE = 1000;

/** The largest `first` a field takes. */
export const maxFirstOf = (fieldName: string | undefined) => (fieldName === 'coachAthletesMetrics' ? MAX_BATCH_PAGE_SIZE : MAX_PAGE_SIZE);

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

/** Decodes a cursor and checks its shape; a tampered or foreign cursor is BAD_USER_INPUT. */
export function decodeCursor<T>(cursor: string | null | undefined, isValid: (v: unknown) => v is T): T | null {
  if (cursor == null) return null;
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
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
