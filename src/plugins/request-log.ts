import { getOperationAST, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { isAsyncIterable, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import type { Context } from '../context';
import type { Logger } from '../logger';
import { Counter, type Registry } from 'prom-client';
import type { RequestStats, SlowStatement } from '../observability/request-stats';

interface RequestRecord {
  started: number;
  operation?: string;
  orgId?: number;
  stats?: RequestStats;
  errors?: string[];
}

/** Operation names come from the client: a long one is cut so that no line grows past a screen. */
const MAX_NAME = 80;

/** An operation's name as the request log writes it: 'anonymous' without one, cut at MAX_NAME. */
export const operationLabel = (operation: OperationDefinitionNode | null | undefined): string =>
  (operation?.name?.value ?? 'anonymous').slice(0, MAX_NAME);

/**
 * One info line per GraphQL request, written when its response starts: the operation's name,
 * HTTP status, milliseconds, the request's own statements and rows, the organization id and
 * the error codes (docs/design.md, Observability). Nothing else from the request: no
 * variables, no token, no names. Also a warning per slow statement, with the operation that
 * sent it, counted in /metrics.
 */
export function createRequestLog(logger: Logger, registry: Registry, endpoint = '/graphql'): {
  plugin: Plugin<Context>;
  onSlowStatement(statement: SlowStatement, ctx: Context): void;
  /** The line of a request answered before GraphQL (src/http/cached-answers.ts). */
  logAnswer(line: { operation: string; status: number; ms: number; orgId: number }): void;
} {
  const records = new WeakMap<Request, RequestRecord>();
  const slowStatements = new Counter({
    name: 'stride_slow_statements_total',
    help: 'Statements of requests that took SLOW_STATEMENT_MS or more, by statement name',
    labelNames: ['statement'] as const,
    registers: [registry],
  });
  const plugin: Plugin<Context> = {
    onRequest({ request, url }) {
      if (url.pathname === endpoint) records.set(request, { started: performance.now() });
    },
    onSubscribe({ args }) {
      note(args.contextValue as Context & YogaInitialContext, args.document, args.operationName);
    },
    onExecute({ args }) {
      const record = note(args.contextValue as Context & YogaInitialContext, args.document, args.operationName);
      if (!record) return;
      return {
        onExecuteDone({ result }) {
          if (!isAsyncIterable(result) && result.errors?.length) record.errors = [...new Set(result.errors.map((e) => String(e.extensions?.code ?? 'INTERNAL')))];
        },
      };
    },
    onResponse({ request, response }) {
      const record = records.get(request);
      if (!record) return;
      logger.info(
        {
          operation: record.operation,
          status: response.status,
          ms: Math.round((performance.now() - record.started) * 10) / 10,
          statements: record.stats?.statements,
          rows: record.stats?.rows,
          orgId: record.orgId,
          errors: record.errors,
        },
        'request',
      );
    },
  };
  function note(ctx: Context & YogaInitialContext, document: DocumentNode, operationName: string | null | undefined) {
    const record = records.get(ctx.request);
    if (!record) return undefined;
    record.operation = operationLabel(getOperationAST(document, operationName));
    record.orgId = ctx.viewer.orgId;
    record.stats = ctx.stats;
    return record;
  }
  return {
    plugin,
    logAnswer: (line) => logger.info({ ...line, ms: Math.round(line.ms * 10) / 10, cached: true }, 'request'),
    // A statement's name is bounded by the code (observability/statement-name.ts): a safe label.
    onSlowStatement(statement, ctx) {
      slowStatements.inc({ statement: statement.name });
      const operation = records.get((ctx as Context & YogaInitialContext).request)?.operation;
      logger.warn({ statement: statement.name, ms: statement.ms, operation, orgId: ctx.viewer.orgId }, 'slow statement');
    },
  };
}
