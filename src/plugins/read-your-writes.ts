import { getOperationAST } from 'graphql';
import { isAsyncIterable, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import type { Kysely } from 'kysely';
import type { Context } from '../context';
import type { Database } from '../db/types';
import { formatWalPosition, parseWalPosition, type WalPosition } from '../db/wal';
import { badInput } from '../errors';

/** Request and response header of read-your-writes (docs/api.md, Read-your-writes). */
export const CONSISTENCY_HEADER = 'stride-consistency-token';

/** The token a client sent back, or null; a malformed one is refused rather than ignored. */
export function consistencyTokenOf(request: Request): WalPosition | null {
  const text = request.headers.get(CONSISTENCY_HEADER);
  if (text === null || text === '') return null;
  const position = parseWalPosition(text);
  if (position === null) {
    throw badInput(`the ${CONSISTENCY_HEADER} header must be a token from a mutation's answer (such as 0/16B3748), not '${text.slice(0, 40)}'`);
  }
  return position;
}

/**
 * Runs a query's reads where the request reads: a replica that holds the client's last write
 * (db/replicas.ts), or the database itself without replicas.
 */
export function readForRequest<T>(ctx: Context, work: (db: Kysely<Database>, began: () => void) => Promise<T>): Promise<T> {
  return ctx.reads ? ctx.reads.read(ctx, ctx.readAfter, work) : work(ctx.db, () => {});
}

/**
 * Hands a committed mutation's consistency token to the client, in the payload's extensions
 * and in a header (a GET's client may see only one of them).
 */
export function useConsistencyToken(): Plugin<Context> {
  const tokens = new WeakMap<Request, string>();
  return {
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      const ctx = args.contextValue as Context & YogaInitialContext;
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || ctx.committedAt === undefined) return;
          const token = formatWalPosition(ctx.committedAt);
          tokens.set(ctx.request, token);
          setResult({ ...result, extensions: { ...result.extensions, consistencyToken: token } });
        },
      };
    },
    onResponse({ request, response }) {
      const token = tokens.get(request);
      if (token) response.headers.set(CONSISTENCY_HEADER, token);
    },
  };
}
