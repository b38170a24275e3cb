import { sql, type RawBuilder } from 'kysely';

/**
 * Integers as a PostgreSQL array literal ('{1,2,3}'), sent as one text parameter and cast
 * with ::int[]. pg's own array serialisation quotes and escapes every element: 8% of what
 * the Athletes list allocated for a thousand ids (bench/README.md).
 */
export const intArray = (values: readonly number[]): string => `{${values.join(',')}}`;

/**
 * `= $id` for one id, `= any($ids::int[])` for several, as the tail of a condition
 * (sql`a.athlete_id ${equalsAny(ids)}`). Small reads run as generic plans, made without the
 * values: for `= any(array)` PostgreSQL assumes several ids in an organization of average
 * size and, in tables shared with many small organizations, scans a large one's whole slice
 * and filters the ids (bench/README.md, Many organizations: activityStats 8.7x slower beside
 * 1,000 small ones). With one id, the common small read, the index's equality wins in any plan.
 */
export function equalsAny(ids: readonly number[]): RawBuilder<unknown> {
  const { shape, value } = idsParameter(ids);
  return equalsIds(shape, value);
}

/** equalsAny's choice, split for a reusable statement (reusable-statement.ts): its shape, and the one value it sends. */
export function idsParameter(ids: readonly number[]): { shape: 'one' | 'several'; value: number | string } {
  return ids.length === 1 ? { shape: 'one', value: ids[0] } : { shape: 'several', value: intArray(ids) };
}

/** equalsAny's text for a shape, around the value sent (or its stand-in). */
export function equalsIds(shape: 'one' | 'several', value: number | string): RawBuilder<unknown> {
  return shape === 'one' ? sql`= ${value}::int` : sql`= any(${value}::int[])`;
}
