import { Kysely, PostgresDialect } from 'kysely';
import { Client, Pool, types as pgTypes, type PoolConfig } from 'pg';
import type { Database } from './types';
import { startEmbedded } from './embedded';
import { preparingPool } from './prepared';
import { APP_ROLE, setTenantReadPool } from './tenant';
import { setVersionReader } from './version-reader';
import { TenantPins } from './tenant-pins';
import type { ListenToEvents } from '../live/event-hub';

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const DATE_OID = 1082;

function parseInt8(value: string): number | string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

/** int8 and numeric as numbers where exact enough; `date` as the plain 'yyyy-MM-dd' text. */
const typeParsers: PoolConfig['types'] = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID) return parseInt8;
    if (oid === NUMERIC_OID) return (v: string) => Number(v);
    if (oid === DATE_OID) return (v: string) => v;
    return pgTypes.getTypeParser(oid, format);
  }) as typeof pgTypes.getTypeParser,
};

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Folder for the embedded database, or 'memory'. Used when databaseUrl is unset. */
  dataDir: string;
  poolSize?: number;
  /**
   * On PostgreSQL, queries run on a pool of their own whose connections stay pinned to an
   * organization (default true; docs/design.md, Tenant isolation). Off, they open a read-only
   * transaction each, as on the embedded database: needed behind a pooler in transaction
   * mode, which would hand a pinned session's statements to other server connections.
   */
  pinnedReads?: boolean;
  /** Called with every statement's SQL and parameters; used to count statements per request. */
  onQuery?: (sql: string, parameters: readonly unknown[]) => void;
  statementTimeoutMs?: number;
  /**
   * Told about errors on pooled connections, idle or in use (the server restarted, or an
   * admin ended the session); the pool drops such a connection and opens another when
   * needed, and a request using it fails with DATABASE_UNAVAILABLE.
   */
  onConnectionError?: (error: Error) => void;
  /**
   * The embedded database stopped serving without being asked to: nothing in this process
   * can bring it back, so the caller should exit (src/main.ts) for a supervisor to restart.
   */
  onEmbeddedFailure?: (error: Error) => void;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'postgres' | 'embedded';
  /** Server address (password hidden) or the embedded data folder. */
  location: string;
  /** LISTEN stride_events: the live feed's wake-up (src/live/event-hub.ts). */
  listen: ListenToEvents;
  close(): Promise<void>;
}

/** The channel migration 014's trigger notifies at each COMMIT that numbered events. */
export const EVENTS_CHANNEL = 'stride_events';

/**
 * A connection of its own that LISTENs, reconnecting every second while the server is away
 * (each reconnection asks the hub to read again: notifications sent meanwhile are lost).
 */
function listenOnServer(connectionString: string): ListenToEvents {
  return async (onNotify, onReconnect) => {
    let client: Client | null = null;
    let stopped = false;
    let retry: NodeJS.Timeout | null = null;
    const schedule = () => {
      if (stopped || retry) return;
      retry = setTimeout(() => {
        retry = null;
        connect(false).catch(schedule);
      }, 1_000);
      retry.unref();
    };
    const connect = async (first: boolean) => {
      // keepAlive: a half-open socket would otherwise silence NOTIFY for good (the poll hides it as latency).
      const next = new Client({ connectionString, keepAlive: true, connectionTimeoutMillis: 10_000 });
      next.on('notification', (n) => n.channel === EVENTS_CHANNEL && onNotify(n.payload ?? ''));
      next.on('error', () => {});
      try {
        await next.connect();
        await next.query(`listen ${EVENTS_CHANNEL}`);
      } catch (error) {
        await next.end().catch(() => {});
        throw error;
      }
      next.on('end', schedule);
      client = next;
      if (!first) onReconnect();
    };
    await connect(true).catch(schedule);
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    };
  };
}

/**
 * PGlite serves one session to every socket, and delivers a notification to the socket whose
 * statement it answers: the pool's own connection LISTENs, and its clients pass them on.
 */
function listenOnEmbedded(pool: Pool): ListenToEvents {
  const handlers = new Set<(payload: string) => void>();
  pool.on('connect', (client) => client.on('notification', (n) => n.channel === EVENTS_CHANNEL && handlers.forEach((h) => h(n.payload ?? ''))));
  return async (onNotify) => {
    handlers.add(onNotify);
    await pool.query(`listen ${EVENTS_CHANNEL}`);
    return async () => {
      handlers.delete(onNotify);
    };
  };
}

/**
 * pg emits 'error' on a client whose connection breaks: the pool listens while the client is
 * idle, but Kysely holds checked-out clients without a listener, and an unheard 'error' event
 * ends the process. The query running on it rejects on its own, so one listener for the
 * client's whole life is enough.
 */
function listenForConnectionErrors(pool: Pool, onError: ((error: Error) => void) | undefined) {
  const report = (error: Error) => onError?.(error);
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
}

/**
 * Queries' connections, and nothing else's: they log in as the app role, read-only, and keep
 * the organization they were last pinned to (db/tenant-pins.ts). No Kysely log: the pool tells
 * onQuery what it sends, and a pin the connection holds already is not sent.
 */
function tenantReadPool(config: PoolConfig, options: DatabaseOptions): Kysely<Database> {
  const pool = new Pool(config);
  listenForConnectionErrors(pool, options.onConnectionError);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool, new TenantPins(options.onQuery)) }) });
}

export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  const log = options.onQuery
    ? (event: { level: string; query: { sql: string; parameters: readonly unknown[] } }) => options.onQuery!(event.query.sql, event.query.parameters)
    : undefined;

  if (options.databaseUrl) {
    const poolOptions = (sessionOptions: string): PoolConfig => ({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: typeParsers,
      // JIT compiles for queries the planner thinks are costly (org-wide aggregates): 10 to 15 ms
      // of compiling for statements that run in 10 (bench/README.md).
      options: `-c statement_timeout=${statementTimeout} -c jit=off${sessionOptions}`,
      // A request that cannot get a connection in that time (the server is away, or the pool
      // is saturated) fails as DATABASE_UNAVAILABLE rather than waiting for ever.
      connectionTimeoutMillis: statementTimeout,
    });
    const pool = new Pool(poolOptions(''));
    listenForConnectionErrors(pool, options.onConnectionError);
    const url = new URL(options.databaseUrl);
    url.password = url.password ? '***' : '';
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }), log });
    setVersionReader(db, pool, options.onQuery);
    const reads = options.pinnedReads === false ? null : tenantReadPool(poolOptions(` -c role=${APP_ROLE} -c default_transaction_read_only=on`), options);
    if (reads) setTenantReadPool(db, reads);
    return {
      db,
      kind: 'postgres',
      location: url.toString(),
      listen: listenOnServer(options.databaseUrl),
      close: async () => {
        await Promise.all([db.destroy(), reads?.destroy()]);
      },
    };
  }

  const embedded = await startEmbedded(options.dataDir, {
    onUnexpectedStop: () => options.onEmbeddedFailure?.(new Error('the embedded database socket server stopped')),
  });
  const pool = new Pool({
    host: embedded.host,
    port: embedded.port,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    types: typeParsers,
  });
  listenForConnectionErrors(pool, options.onConnectionError);
  const listen = listenOnEmbedded(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }), log });
  return {
    db,
    kind: 'embedded',
    location: embedded.location,
    listen,
    async close() {
      await db.destroy();
      await embedded.stop();
    },
  };
}
