import { CompiledQuery, sql, type ControlledTransaction, type Kysely, type KyselyPlugin } from 'kysely';
import type { Database } from './types';
import { TENANT_PIN_MARK } from './tenant-pins';

/**
 * Ends a transaction that failed and gives its connection back to the pool (Kysely releases
 * it on ROLLBACK, even a failed one). A ROLLBACK after one already sent would throw and hide
 * the error that explains the failure, and one that fails on a broken connection has nothing
 * left to undo (the server dropped the transaction with it), so its error is dropped.
 */
export async function rollbackUnlessEnded(trx: ControlledTransaction<Database>) {
  if (trx.isRolledBack || trx.isCommitted) return;
  await trx.rollback().execute().catch(() => {});
}

/** The role requests run as: not superuser, not owner, no BYPASSRLS (see migration 002). */
export const APP_ROLE = 'stride_app';

/**
 * Opens a request's transaction as the app role with its organization and statement
 * timeout set for that transaction only, so row-level security sees exactly one
 * organization and nothing leaks to the next user of the connection. Costs one statement
 * besides BEGIN and COMMIT.
 */
export async function startTenantTransaction(
  db: Kysely<Database>,
  orgId: number,
  options: { readOnly: boolean; statementTimeoutMs: number },
): Promise<ControlledTransaction<Database>> {
  const begin = db.startTransaction();
  const trx = await (options.readOnly ? begin.setAccessMode('read only') : begin).execute();
  try {
    await sql`select
      set_config('role', ${APP_ROLE}, true),
      set_config('app.org_id', ${String(orgId)}, true),
      set_config('statement_timeout', ${String(options.statementTimeoutMs)}, true)`.execute(trx);
  } catch (error) {
    await rollbackUnlessEnded(trx);
    throw error;
  }
  return trx;
}

/**
 * How a read-only request's statements are planned (they run as prepared statements, db/prepared.ts):
 * `generic` reuses one plan per connection (a small request's planning is most of its SQL
 * time), `custom` plans each for its values (an organization-wide read, where the values
 * steer the plan). docs/design.md, Round trips and plans.
 */
export type PlanChoice = 'generic' | 'custom';
const PLAN_CACHE_MODES: Record<PlanChoice, string> = { generic: 'force_generic_plan', custom: 'force_custom_plan' };

/** Connections a read-only request holds inside its own transaction (see inTransaction). */
export const readOnlyRequestConnections = new WeakSet<Kysely<Database>>();

/** Those of them inside a transaction (no pinned read pool), which a failed statement spends. */
const framedReadConnections = new WeakSet<Kysely<Database>>();

/** Whether a failed statement on this connection leaves the rest of its request nothing to run on. */
export function isInsideTransaction(db: Kysely<Database>): boolean {
  return db.isTransaction || framedReadConnections.has(db);
}

/** A database's tenant read pool (db/client.ts), where it has one: PostgreSQL, not the embedded PGlite. */
const tenantReadPools = new WeakMap<Kysely<Database>, Kysely<Database>>();

export function setTenantReadPool(db: Kysely<Database>, reads: Kysely<Database>) {
  tenantReadPools.set(db, reads);
}

/** `db.withPlugin(plugin)`, with the plugin on the queries' connections too (tests and benchmarks that count rows). */
export function withPluginOnReads(db: Kysely<Database>, plugin: KyselyPlugin): Kysely<Database> {
  const withPlugin = db.withPlugin(plugin);
  const reads = tenantReadPools.get(db);
  if (reads) tenantReadPools.set(withPlugin, reads.withPlugin(plugin));
  return withPlugin;
}

/** Where readOnlyAsTenant takes a connection for a query on `db`. */
export function tenantReadPoolOf(db: Kysely<Database>): Kysely<Database> {
  return tenantReadPools.get(db) ?? db;
}

/**
 * The statement that pins a tenant read connection (db/tenant-pins.ts). The role is the
 * pool's login role already; setting it again costs nothing and does not depend on that.
 */
function tenantPin(orgId: number, statementTimeoutMs: number, plans: PlanChoice): CompiledQuery {
  return CompiledQuery.raw(`${TENANT_PIN_MARK} select set_config('role', '${APP_ROLE}', false), set_config('app.org_id', '${orgId}', false),
    set_config('statement_timeout', '${statementTimeoutMs}', false), set_config('plan_cache_mode', '${PLAN_CACHE_MODES[plans]}', false)`);
}

/**
 * Runs a read-only request on one connection as the app role for its organization.
 *
 * On PostgreSQL the connection comes from the tenant read pool and is pinned to the
 * organization (db/tenant-pins.ts): no round trip when it holds that pin already, one when not,
 * and no transaction (each statement reads its own snapshot, as it did in the READ COMMITTED
 * transaction). On the embedded PGlite, whose one session everything shares, a read-only
 * transaction opens in a single round trip (a simple-protocol query: the values are checked
 * integers, inlined), and `work`'s answer is returned before COMMIT, which then runs while the
 * response is written: a read-only transaction has nothing left to fail on.
 *
 * Once the answer is on its way the connection refuses statements: a resolver still running
 * after it (a list whose other item failed) must not reach the pool's next user.
 */
export function readOnlyAsTenant<T>(
  db: Kysely<Database>,
  orgId: number,
  statementTimeoutMs: number,
  work: (connection: Kysely<Database>) => Promise<T>,
  onCommitError: (error: unknown) => void,
  plans: PlanChoice = 'custom',
  /** Also on the request's connection (the request's statement counter, observability/request-stats.ts). */
  plugins: KyselyPlugin[] = [],
): Promise<T> {
  if (!Number.isSafeInteger(orgId) || !Number.isSafeInteger(statementTimeoutMs)) {
    return Promise.reject(new Error('organization and statement timeout must be integers'));
  }
  const pinnedReads = tenantReadPools.get(db);
  const open = pinnedReads ? tenantPin(orgId, statementTimeoutMs, plans) : CompiledQuery.raw(`start transaction read only;
    select set_config('role', '${APP_ROLE}', true), set_config('app.org_id', '${orgId}', true),
      set_config('statement_timeout', '${statementTimeoutMs}', true), set_config('plan_cache_mode', '${PLAN_CACHE_MODES[plans]}', true)`);
  let answered = false;
  let ended = false;
  const refuseAfterEnd: KyselyPlugin = {
    transformQuery(args) {
      if (ended) throw new Error('the request transaction has ended');
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return new Promise<T>((resolve, reject) => {
    (pinnedReads ?? db).connection()
      .execute(async (connection) => {
        const guarded = plugins.reduce((db, plugin) => db.withPlugin(plugin), connection.withPlugin(refuseAfterEnd));
        readOnlyRequestConnections.add(guarded);
        if (!pinnedReads) framedReadConnections.add(guarded);
        try {
          await connection.executeQuery(open);
          const result = await work(guarded);
          answered = true;
          resolve(result);
        } catch (error) {
          answered = true;
          reject(error);
        } finally {
          ended = true;
          // Also after an error: a failed statement leaves the transaction aborted, and COMMIT ends it.
          if (!pinnedReads) await sql`commit`.execute(connection);
        }
      })
      // Before an answer (no connection could be had) the request fails; after it, COMMIT did.
      .catch((error: unknown) => (answered ? onCommitError(error) : reject(error)));
  });
}
