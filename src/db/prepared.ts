import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResult } from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { tracer, tracingEnabled } from '../observability/tracing';
import { statementName } from '../observability/statement-name';
import type { TenantPins } from './tenant-pins';

/** Statements one connection keeps prepared; reads have a few dozen shapes, so this is a bound, not a working set. */
const MAX_PREPARED_PER_CONNECTION = 200;

/** The read-only request's opening statement (db/tenant.ts), and what ends it. */
const READ_ONLY_OPEN = /^start transaction read only;/;
const TRANSACTION_END = /^(commit|rollback)\b/;

/**
 * Kysely's pool, with the statements of read-only requests run as named prepared statements:
 * parsed and planned once per connection, then reused with a generic plan (the request's
 * transaction sets plan_cache_mode; docs/design.md, Round trips and plans). Writes keep
 * unnamed statements: their shapes vary with the rows written. A tenant read pool (`pins`)
 * serves nothing but reads, so all its parametrized statements are prepared.
 */
export function preparingPool(pool: Pool, pins?: TenantPins): PostgresPool {
  const named = new WeakMap<PoolClient, Set<string>>();
  const reading = new WeakSet<PoolClient>();
  const wrap = (client: PoolClient): PostgresPoolClient => ({
    query: ((text: string, values: readonly unknown[]) =>
      // A pin held already is neither sent nor traced.
      pins && typeof text === 'string'
        ? pins.run(client, text, values, () => traced(text, () => (values.length > 0 ? prepared(client, text, values) : client.query(text))) as Promise<QueryResult>)
        : traced(text, () => run(client, text, values))) as unknown as PostgresPoolClient['query'],
    release: (destroy?: boolean) => {
      reading.delete(client);
      pins?.released(client);
      // A destroyed connection takes its prepared statements with it.
      if (destroy) named.delete(client);
      client.release(destroy);
    },
  });
  const run = (client: PoolClient, text: string, values: readonly unknown[]): Promise<QueryResult> => {
    if (typeof text !== 'string') return client.query(text as never);
    if (READ_ONLY_OPEN.test(text)) reading.add(client);
    else if (TRANSACTION_END.test(text)) reading.delete(client);
    else if (reading.has(client) && values.length > 0) return prepared(client, text, values);
    return client.query(text, values as unknown[]);
  };
  const prepared = (client: PoolClient, text: string, values: readonly unknown[]): Promise<QueryResult> => {
    let names = named.get(client);
    if (!names) named.set(client, (names = new Set()));
    const name = statementNameOf(text);
    if (!names.has(name) && names.size >= MAX_PREPARED_PER_CONNECTION) return client.query(text, values as unknown[]);
    names.add(name);
    return client.query({ name, text, values: values as unknown[] }) as Promise<QueryResult>;
  };
  return { connect: async () => wrap(await pool.connect()), end: () => pool.end() };
}

const statementNames = new Map<string, string>();

/** A prepared statement's name: a hash of its text, remembered (reads have a few dozen texts; hashing one took 10 µs). */
function statementNameOf(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    // Bounded all the same: a text that changes with its values would otherwise grow it forever.
    if (statementNames.size >= 1_000) statementNames.clear();
    statementNames.set(text, (name = `s${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`));
  }
  return name;
}

/** With tracing on, a span per statement: its name, a hash of its text, its rows and its SQLSTATE on failure. */
function traced(text: string, run: () => Promise<QueryResult | QueryResult[]>): Promise<QueryResult | QueryResult[]> {
  if (!tracingEnabled() || typeof text !== 'string') return run();
  const attributes = { 'db.system.name': 'postgresql', 'db.query.summary': statementName(text), 'stride.statement.hash': createHash('sha1').update(text).digest('hex').slice(0, 12) };
  return tracer().startActiveSpan(`sql ${attributes['db.query.summary']}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      const result = await run();
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      span.setAttribute('db.response.returned_rows', last?.rows?.length ?? last?.rowCount ?? 0);
      return result;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string') span.setAttribute('db.response.status_code', code);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
