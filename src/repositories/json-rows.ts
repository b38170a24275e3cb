import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/types';

/**
 * The rows of `query` sent as one JSON array per column, and zipped back into rows here.
 * For a batch of a thousand athletes, pg's parsing of ordinary rows (a string per value,
 * then a parser) was a quarter of the Athletes list's CPU in Node; a few JSON.parse calls
 * cost about a third as much, and PostgreSQL's `array_agg` costs it about what writing the
 * rows would (bench/README.md; `json_agg` of whole rows cost PostgreSQL half as much again).
 *
 * Values arrive as JSON: numbers (int8 and numeric too, so an int8 beyond 2^53 would lose
 * precision where the pool's parser keeps it as text; ids are far below), dates as
 * 'yyyy-MM-dd', booleans, nested JSON as is, NaN and infinities as strings (inputs are
 * range-checked, so none are stored), and timestamps as ISO text, which the caller turns into
 * Dates (`toDate`). Rows come in the query's order: PostgreSQL's manual says an aggregate over
 * a sorted subquery usually reads it in order, and names what breaks that (more processing at
 * the aggregate's level, such as a join); here the aggregate is alone at its level, and a test
 * checks the order (tests/integration/json-rows.test.ts).
 */
export async function jsonRows<R>(db: Kysely<Database>, query: RawBuilder<unknown>, columns: readonly (keyof R & string)[]): Promise<R[]> {
  const { rows } = await sql<Record<string, unknown>>`select ${columnArrays(columns, 'r')} from (${query}) r`.execute(db);
  return zipColumns<R>(rows[0], columns);
}

/**
 * A statement to read through `jsonRows`, built but not sent, so that a caller can send it on
 * its own (`readRows`) or inside another statement (`findAthleteWithRows`, athletes.ts).
 */
export interface RowsQuery<R> {
  query: RawBuilder<unknown>;
  columns: readonly (keyof R & string)[];
  /** What the rows need after zipping (timestamps into Dates). */
  finish?: (rows: R[]) => R[];
}

/** Sends a RowsQuery on its own. */
export async function readRows<R>(db: Kysely<Database>, rows: RowsQuery<R>): Promise<R[]> {
  return finished(rows, await jsonRows<R>(db, rows.query, rows.columns));
}

/** A RowsQuery's rows from the row of column arrays that carried them inside another statement. */
export function rowsOf<R>(arrays: Record<string, unknown>, rows: RowsQuery<R>): R[] {
  return finished(rows, zipColumns<R>(arrays, rows.columns));
}

const finished = <R>(rows: RowsQuery<R>, zipped: R[]): R[] => (rows.finish ? rows.finish(zipped) : zipped);

/** The column of a row of column arrays that holds their length (the rows they carry). */
export const ROW_COUNT_COLUMN = '$rows';

const selectLists = new Map<string, RawBuilder<unknown>>();

/**
 * `count(*) as "$rows", array_to_json(array_agg(alias.column)) as column, ...`: the select list
 * of one row of column arrays. Built once per list of columns and alias (the code holds a few
 * dozen): a builder is immutable, and building one per request was a tenth of Kysely's time in
 * a list of runs.
 */
export function columnArrays(columns: readonly string[], alias: string): RawBuilder<unknown> {
  const key = `${alias}:${columns.join(',')}`;
  let list = selectLists.get(key);
  if (!list) {
    const arrays = columns.map((c) => sql`array_to_json(array_agg(${sql.ref(`${alias}.${c}`)})) as ${sql.ref(c)}`);
    selectLists.set(key, (list = sql.join([sql`count(*)::int as ${sql.ref(ROW_COUNT_COLUMN)}`, ...arrays])));
  }
  return list;
}

type Zipper = (arrays: Record<string, unknown>, count: number) => unknown[];
const zippers = new Map<string, Zipper>();

/**
 * Rows from a row of column arrays. Each list of columns gets a function written for it, whose
 * rows are object literals of those columns: V8 gives them their shape at once, where setting
 * the columns one by one by name went through a keyed store per value and grew each row's
 * properties outside the object (8 times slower for a thousand rows, and more garbage). The
 * names are the code's own, quoted with JSON.stringify; no value becomes code.
 */
export function zipColumns<R>(arrays: Record<string, unknown>, columns: readonly (keyof R & string)[]): R[] {
  const key = columns.join(',');
  let zip = zippers.get(key);
  if (!zip) {
    const columnVariables = columns.map((c, k) => `const c${k} = arrays[${JSON.stringify(c)}];`).join('\n');
    const row = columns.map((c, k) => `${JSON.stringify(c)}: c${k}[i]`).join(', ');
    zip = new Function('arrays', 'count', `${columnVariables}\nconst rows = new Array(count);\nfor (let i = 0; i < count; i++) rows[i] = { ${row} };\nreturn rows;`) as Zipper;
    zippers.set(key, zip);
  }
  return zip(arrays, arrays[ROW_COUNT_COLUMN] as number) as R[];
}

/** A timestamp column read through `jsonRows`: ISO text with an offset. */
export const toDate = (value: Date | string): Date => new Date(value);
