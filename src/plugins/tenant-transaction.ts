import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context';
import { startTenantTransaction } from '../db/tenant';

/**
 * Runs each operation inside one transaction scoped to the viewer's organization (the
 * database's row-level security backstop). A mutation with any error rolls back whole.
 */
export function useTenantTransaction(options: { statementTimeoutMs: number }): Plugin<Context> {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        const ctx = args.contextValue as Context;
        const isMutation = getOperationAST(args.document, args.operationName)?.operation === 'mutation';
        const trx = await startTenantTransaction(ctx.db, ctx.viewer.orgId, {
          readOnly: !isMutation,
          statementTimeoutMs: options.statementTimeoutMs,
        });
        ctx.db = trx;
        try {
          const result = await executeFn(args);
          if (isMutation && 'errors' in result && result.errors?.length) await trx.rollback().execute();
          else await trx.commit().execute();
          return result;
        } catch (error) {
          await trx.rollback().execute();
          throw error;
        }
      });
    },
  };
}
