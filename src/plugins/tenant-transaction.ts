import { getOperationAST, Kind, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context';
import { readOnlyAsTenant, rollbackUnlessEnded, startTenantTransaction } from '../db/tenant';
import { operationCosts } from './query-cost';
import { readForRequest } from './read-your-writes';
import { observeStatements, type SlowStatement } from '../observability/request-stats';

/**
 * Queries up to this cost (docs/api.md, Query cost) reuse generic plans: the profile (88) or a
 * year of daily stats (2,103) spend more time planning than executing, and one plan suits any
 * athlete. Above it (the Athletes list of a large club, 35,002; the group dashboard, 9,784)
 * each statement is planned for its values, which chose plans up to 60% faster
 * (bench/generic-plans.ts, docs/design.md).
 */
export const GENERIC_PLAN_MAX_COST = 2_500;

/**
 * Root fields whose statements aggregate the organization (its groups, its whole roster):
 * planned for the organization's own values whatever their cost. A generic plan is made for
 * the average organization, and beside many small ones it took a large club's dashboard from
 * 28 to 97 ms (bench/README.md, Many organizations).
 */
const ORGANIZATION_WIDE_FIELDS = new Set(['groupDashboard', 'coachAthletesMetrics']);
const organizationWide = new WeakMap<DocumentNode, boolean>();

function readsOrganizationWide(document: DocumentNode, operationName: string | null | undefined): boolean {
  let wide = organizationWide.get(document);
  if (wide === undefined) {
    const selections = getOperationAST(document, operationName)?.selectionSet.selections ?? [];
    wide = selections.some((s) => s.kind === Kind.FIELD && ORGANIZATION_WIDE_FIELDS.has(s.name.value));
    organizationWide.set(document, wide);
  }
  return wide;
}

/**
 * Runs each operation inside one transaction scoped to the viewer's organization (the
 * database's row-level security backstop). A mutation with any error rolls back whole; a
 * query's read-only transaction costs one round trip before its answer (db/tenant.ts).
 */
export interface TenantTransactionOptions {
  statementTimeoutMs: number;
  onCommitError?: (error: unknown) => void;
  /** Statements at least this long are reported to onSlowStatement (SLOW_STATEMENT_MS). */
  slowStatementMs?: number;
  onSlowStatement?: (statement: SlowStatement, ctx: Context) => void;
  /** Roll every mutation back after its answer (`npm run trace` of a mutation: its cost, not its effect). */
  rollbackMutations?: boolean;
}

export function useTenantTransaction(options: TenantTransactionOptions): Plugin<Context> {
  const observe = (ctx: Context) => observeStatements(ctx.stats, options.slowStatementMs ?? Infinity, (statement) => options.onSlowStatement?.(statement, ctx));
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        const ctx = args.contextValue as Context;
        const isMutation = getOperationAST(args.document, args.operationName)?.operation === 'mutation';
        if (!isMutation) {
          const small = (operationCosts.get(args.contextValue) ?? Infinity) <= GENERIC_PLAN_MAX_COST;
          const plans = small && !readsOrganizationWide(args.document, args.operationName) ? 'generic' : 'custom';
          return readForRequest(ctx, (db, began) =>
            readOnlyAsTenant(db, ctx.viewer.orgId, options.statementTimeoutMs, (connection) => {
              began();
              ctx.db = connection;
              return executeFn(args);
            }, options.onCommitError ?? (() => {}), plans, [observe(ctx)]),
          );
        }
        const trx = await startTenantTransaction(ctx.db, ctx.viewer.orgId, {
          readOnly: false,
          statementTimeoutMs: options.statementTimeoutMs,
        });
        ctx.db = trx.withPlugin(observe(ctx));
        let result;
        try {
          result = await executeFn(args);
        } catch (error) {
          await rollbackUnlessEnded(trx);
          throw error;
        }
        if (('errors' in result && result.errors?.length) || options.rollbackMutations) await rollbackUnlessEnded(trx);
        else {
          try {
            await trx.commit().execute();
          } catch (error) {
            // Kysely releases the connection only after a COMMIT that succeeds: without this,
            // each COMMIT lost with the database would keep a pool slot for good. The request
            // fails (the client retries; every write is idempotent).
            await rollbackUnlessEnded(trx);
            throw error;
          }
          await noteCommitPosition(ctx);
        }
        return result;
      });
    },
  };
}

/**
 * With read replicas, the committed write's position becomes the client's consistency token
 * (plugins/read-your-writes.ts). Read after COMMIT, so it is at or past the commit record. The
 * write stands if this read fails (the primary went away just after COMMIT): the answer then
 * carries no token, and the client's next read may miss its write.
 */
async function noteCommitPosition(ctx: Context) {
  if (!ctx.reads) return;
  ctx.committedAt = await ctx.reads.primaryPosition().catch(() => undefined);
}
