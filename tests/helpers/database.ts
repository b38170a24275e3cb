import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDatabase, type DatabaseHandle } from '../../src/db/client';
import { migrateToLatest } from '../../db/migrate';

export interface TestDatabase extends DatabaseHandle {
  /** The database's URL on the PostgreSQL server; undefined for the embedded one. */
  url?: string;
  /**
   * Statements sent since the last reset: each Kysely query counts once (a query's tenant pin
   * only when the connection did not hold it already, src/db/tenant-pins.ts). `queries` leaves
   * out the frame (BEGIN / START TRANSACTION, COMMIT, ROLLBACK, and a tenant pin), which differs
   * between PostgreSQL's pinned reads and the embedded database's read-only transactions.
   */
  statements: {
    count: number;
    queries: number;
    sql: string[];
    /** The same statements with the parameters they were sent with, as Kysely's log saw them. */
    sent: { sql: string; parameters: readonly unknown[] }[];
    reset(): void;
    /** Waits for every transaction to end: on the embedded database a query sends COMMIT after its answer (src/db/tenant.ts). */
    settled(): Promise<void>;
  };
}

const FRAME = /^(begin|start transaction|commit|rollback|\/\* tenant pin \*\/)/i;
const OPENING = /^(begin|start transaction)\b/i;
const ENDING = /^(commit|rollback)\b/i;

/** An empty database of its own on the PostgreSQL server at `serverUrl`, and how to drop it. */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * A migrated database of this test file's own: a fresh database on the PostgreSQL
 * server named by DATABASE_URL, or a fresh in-memory embedded PGlite without it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const statements = {
    count: 0,
    sql: [] as string[],
    sent: [] as { sql: string; parameters: readonly unknown[] }[],
    get queries() {
      return this.sql.filter((s) => !FRAME.test(s)).length;
    },
    reset() {
      this.count = 0;
      this.sql = [];
      this.sent = [];
    },
    async settled() {
      const open = () => this.sql.filter((s) => OPENING.test(s)).length - this.sql.filter((s) => ENDING.test(s)).length;
      for (let wait = 0; wait < 400 && open() > 0; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
  const onQuery = (sql: string, parameters: readonly unknown[]) => {
    statements.count += 1;
    statements.sql.push(sql);
    statements.sent.push({ sql, parameters });
  };
  const serverUrl = process.env.DATABASE_URL;
  let handle: DatabaseHandle;
  let dropDatabase = async () => {};
  let url: string | undefined;
  if (serverUrl) {
    const scratch = await createScratchDatabase(serverUrl, 'stride_test');
    url = scratch.url;
    handle = await createDatabase({ databaseUrl: scratch.url, dataDir: 'memory', poolSize: 4, onQuery });
    dropDatabase = scratch.drop;
  } else {
    handle = await createDatabase({ dataDir: 'memory', onQuery });
  }
  await migrateToLatest(handle.db);
  statements.reset();
  return {
    ...handle,
    url,
    statements,
    async close() {
      await handle.close();
      await dropDatabase();
    },
  };
}
