import { notFound } from '../errors';

/** Rows in the order of `keys`; a key with no row becomes NOT_FOUND (also for another org's ids). */
export function rowsInKeyOrder<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K, what: string): (R | Error)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? notFound(what, String(key)));
}

/** Rows grouped per key, in the order of `keys`; a key with no rows gets an empty list. */
export function rowsGroupedByKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}
