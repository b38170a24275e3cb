import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import { notFound } from '../errors';
import type { Context } from '../context';
import { tracedBatch } from '../observability/tracing';
import { readRows, type RowsQuery } from '../repositories/json-rows';

/**
 * A per-request DataLoader behind a field: what Pothos's `t.loadable` does, without its async
 * wrapper and path lookup on every call (a thousand athletes make thousands of calls; the
 * Athletes list measured in bench/README.md). Resolvers return `load(key, ctx)` directly.
 * `name` names its span in traces (one per batch).
 */
export function batched<K, V>(name: string, load: (keys: K[], ctx: Context) => Promise<readonly (V | Error)[]>): (key: K, ctx: Context) => Promise<V> {
  const loaderOf = requestLoader(name, load);
  return (key, ctx) => loaderOf(ctx).load(key);
}

/** The request's DataLoader over `load`, traced as `name`. */
function requestLoader<K, V>(name: string, load: (keys: K[], ctx: Context) => Promise<readonly (V | Error)[]>): (ctx: Context) => DataLoader<K, V> {
  const traced = tracedBatch(name, load);
  return createContextCache((ctx: Context) => new DataLoader<K, V>((keys) => traced([...keys], ctx)));
}

/** Rows in the order of `keys`; a key with no row becomes NOT_FOUND (also for another org's ids). */
export function rowsInKeyOrder<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K, what: string): (R | Error)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? notFound(what, String(key)));
}

/** A DataLoader key for a per-athlete field with arguments: `athleteId|{args}`. */
export function argsKey(athleteId: number, args: unknown): string {
  return `${athleteId}|${JSON.stringify(args)}`;
}

/**
 * Loads composite keys in as many statements as there are distinct argument sets (usually
 * one): keys sharing arguments are fetched together, whatever the number of athletes.
 */
export async function loadByArgs<A, R>(
  keys: readonly string[],
  fetch: (args: A, athleteIds: number[]) => Promise<Map<number, R>>,
): Promise<R[]> {
  const groups = new Map<string, number[]>();
  for (const key of keys) {
    const split = key.indexOf('|');
    const args = key.slice(split + 1);
    const athleteIds = groups.get(args);
    if (athleteIds) athleteIds.push(Number(key.slice(0, split)));
    else groups.set(args, [Number(key.slice(0, split))]);
  }
  const results = new Map<string, R>();
  await Promise.all(
    [...groups].map(async ([args, athleteIds]) => {
      const byAthlete = await fetch(JSON.parse(args) as A, athleteIds);
      for (const id of athleteIds) results.set(`${id}|${args}`, byAthlete.get(id)!);
    }),
  );
  return keys.map((key) => results.get(key)!);
}

/** How a loader's fetch sends its one statement: alone, or inside the athlete lookup (athlete-fold.ts). */
export type RowsReader = <R>(rows: RowsQuery<R>) => Promise<R[]>;

/** A per-request loader of a per-athlete field with arguments (`argsKey` keys), as `batched` gives one. */
export interface ArgsLoader<V> {
  load(key: string, ctx: Context): Promise<V>;
  /** Gives the request's next load of `key` this value, without a statement. */
  prime(key: string, value: V, ctx: Context): void;
  /** One key's value, its statement sent by `read`: neither batched nor kept. */
  loadWith(key: string, ctx: Context, read: RowsReader): Promise<V>;
}

/**
 * `batched` over `loadByArgs`, for a field whose fetch reads one RowsQuery per argument set:
 * the fetch gets the reader, so the same code answers a batch and a folded lookup.
 */
export function batchedByArgs<A, V>(
  name: string,
  fetch: (args: A, athleteIds: number[], ctx: Context, read: RowsReader) => Promise<Map<number, V>>,
): ArgsLoader<V> {
  const loaderOf = requestLoader(name, (keys: string[], ctx: Context) =>
    loadByArgs<A, V>(keys, (args, ids) => fetch(args, ids, ctx, (rows) => readRows(ctx.db, rows))));
  return {
    load: (key, ctx) => loaderOf(ctx).load(key),
    prime: (key, value, ctx) => void loaderOf(ctx).prime(key, value),
    loadWith: async (key, ctx, read) => (await loadByArgs<A, V>([key], (args, ids) => fetch(args, ids, ctx, read)))[0],
  };
}

/** Rows by a key, each list in row order. */
export function groupBy<K, R>(rows: R[], keyOf: (row: R) => K): Map<K, R[]> {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Each athlete's row, or null, in the order of `athleteIds` (for nullable per-athlete fields). */
export function rowPerAthlete<R extends { athlete_id: number }>(athleteIds: readonly number[], rows: R[]): (R | null)[] {
  const byAthlete = new Map(rows.map((r) => [r.athlete_id, r]));
  return athleteIds.map((id) => byAthlete.get(id) ?? null);
}
