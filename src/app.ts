import { GraphQLError, Kind, getOperationAST } from 'graphql';
import { createYoga, maskError, useReadinessCheck } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { Registry } from 'prom-client';
import { useBoundedMetrics, useMetricsToken } from './plugins/metrics';
import type { Kysely } from 'kysely';
import type { Database } from './db/types';
import type { Context } from './context';
import type { AuthConfig } from './config';
import { createTokenVerifier } from './auth/tokens';
import { requestAuthenticator } from './auth/viewer';
import { isMigrated } from '../db/migrate';
import { isDatabaseUnavailable } from './db/availability';
import { databaseUnavailable } from './errors';
import { exampleTabs, type ExampleSamples } from './graphiql';
import { schema } from './schema';
import { QUERY_LIMITS, armorOptions, type QueryLimits } from './plugins/limits';
import { useQueryCost } from './plugins/query-cost';
import { useBodyLimit } from './plugins/body-limit';
import { useRequestErrorCodes } from './plugins/request-errors';
import { useTenantTransaction } from './plugins/tenant-transaction';
import { usePersistedMobileOperations } from './plugins/persisted-operations';
import { ResponseCache, type ResponseCacheOptions } from './plugins/response-cache';
import { withCachedAnswers } from './http/cached-answers';
import { useSharedSubscriptionResults } from './plugins/shared-subscription-results';
import { useCoalescedEventWrites } from './plugins/coalesced-event-writes';
import { CONSISTENCY_HEADER, consistencyTokenOf, useConsistencyToken } from './plugins/read-your-writes';
import type { ReadRouter } from './db/replicas';
import { errorSummary, yogaLogger, type Logger } from './logger';
import { useRequestSpans } from './plugins/tracing';
import { createRequestLog } from './plugins/request-log';
import { plainInsights, type InsightGenerator } from './domain/insights';
import { EventHub } from './live/event-hub';
import type { AddressPolicy } from './live/webhooks/address-guard';


/**
 * A lost database is the client's to retry (DATABASE_UNAVAILABLE, HTTP 503); any other
 * unexpected error is masked, never with its stack (yoga adds it when NODE_ENV=development).
 */
function maskUnexpectedError(error: unknown, message: string): Error {
  const cause = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isDatabaseUnavailable(cause)) {
    const unavailable = databaseUnavailable();
    return error instanceof GraphQLError
      ? new GraphQLError(unavailable.message, { nodes: error.nodes, path: error.path, extensions: unavailable.extensions })
      : unavailable;
  }
  return maskError(error, message, false);
}

/**
 * CORS headers only for a listed origin: any other page a coach visits must not read
 * answers (or GraphiQL's page). Tokens travel in a header, never as cookies, so no credentials.
 */
function allowedOrigins(origins: string[]) {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    return origin && origins.includes(origin)
      ? { origin: [origin], credentials: false, allowedHeaders: ['authorization', 'content-type', 'x-graphql-yoga-csrf', 'graphql-client-name', CONSISTENCY_HEADER], exposedHeaders: [CONSISTENCY_HEADER, 'etag'], maxAge: 600 }
      : false;
  };
}

export interface AppOptions {
  db: Kysely<Database>;
  auth: Pick<AuthConfig, 'secret' | 'jwksUrl' | 'issuer' | 'audiences' | 'persistedOnlyAudiences'>;
  graphiql?: boolean;
  introspection?: boolean;
  statementTimeoutMs?: number;
  maxBodyBytes?: number;
  maxUploadBytes?: number;
  /**
   * Row-level security per request (default on). Off only in bench/rls-cost.ts, which
   * measures what the isolation transaction costs; nothing in the config turns it off.
   */
  databaseIsolation?: boolean;
  /** Overrides of the query limits (tests); production uses QUERY_LIMITS as documented. */
  queryLimits?: Partial<QueryLimits>;
  /**
   * Where the metrics go: the registry (main.ts shares it with a METRICS_PORT server), whether
   * the API's own /metrics serves them, and the bearer token /metrics asks for.
   */
  metrics?: { registry?: Registry; endpoint?: boolean; token?: string };
  /** Origins whose pages may read answers (exact match, CORS_ORIGINS); none by default. */
  corsOrigins?: string[];
  /** GraphiQL's initial header editor (JSON); main.ts puts a demo token here in development. */
  graphiqlHeaders?: string;
  /** Ids of the token's organization for the example tabs' variables (with graphiqlHeaders). */
  graphiqlSamples?: ExampleSamples;
  insightGenerator?: InsightGenerator;
  /** Repeated identical reads answered from memory (off unless given; main.ts turns it on). */
  responseCache?: Omit<ResponseCacheOptions, 'registry'>;
  /** The live feed's hub (main.ts gives one that LISTENs); by default one that polls the outbox every second. */
  events?: EventHub;
  /** Where webhook URLs may point: loopback only in development (WEBHOOK_ALLOW_LOOPBACK); a resolver for tests. */
  webhooks?: AddressPolicy;
  /** Read replicas for queries (DATABASE_REPLICA_URLS; docs/design.md, Read replicas); the primary alone without. */
  replicas?: ReadRouter;
  /** Every mutation rolls back after its answer (`npm run trace`, scripts/trace.ts); never in the server. */
  rollbackMutations?: boolean;
  /** A request's statement this long or longer is logged and counted (SLOW_STATEMENT_MS, default 200). */
  slowStatementMs?: number;
  /** Where "now" comes from (tests pin it); defaults to the system clock. */
  clock?: () => Date;
  logger?: Logger;
}

export function createApp(options: AppOptions) {
  const { db, graphiql = true, introspection = true, logger } = options;
  const verifyToken = createTokenVerifier(options.auth);
  const authenticate = requestAuthenticator(verifyToken);
  // One registry per app, so several apps (tests) never collide on metric names.
  const registry = options.metrics?.registry ?? new Registry();
  const metricsEndpoint = options.metrics?.endpoint === false ? false : '/metrics';
  options.replicas?.registerMetrics(registry);
  const requestLog = logger ? createRequestLog(logger, registry) : undefined;
  const events = options.events ?? new EventHub(db, { statementTimeoutMs: options.statementTimeoutMs, onError: (error) => logger?.warn({ message: (error as Error).message }, 'the live feed could not read the outbox; it tries again') });
  const responseCache = options.responseCache ? new ResponseCache({ ...options.responseCache, registry }) : undefined;
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    batching: false,
    // useBodyLimit refuses a body over the limit by its declared length and a body without one
    // (chunked), and node:http reads no more than the declared length. yoga's own limit would
    // count the same bytes again through a stream pipeline per request (about 5% of a small
    // read's CPU: docs/design.md, Per-request CPU).
    maxRequestBodySize: false,
    cors: allowedOrigins(options.corsOrigins ?? []),
    maskedErrors: { maskError: maskUnexpectedError },
    logging: logger ? yogaLogger(logger) : false,
    context: async ({ request }) => {
      const token = await authenticate(request);
      return {
        db,
        viewer: token.viewer,
        tokenExpiresAt: token.expiresAt,
        now: (options.clock ?? (() => new Date()))(),
        insightGenerator: options.insightGenerator ?? plainInsights,
        events,
        lastEventId: request.headers.get('last-event-id'),
        reads: options.replicas,
        // Without replicas the primary holds every write: a token (even a malformed one) is ignored.
        readAfter: options.replicas ? consistencyTokenOf(request) : null,
        stats: { statements: 0, rows: 0 },
        webhookAddresses: options.webhooks,
      };
    },
    graphiql: graphiql
      ? () => ({
          title: 'Stride API',
          // GraphiQL sends subscriptions as GET with Accept: text/event-stream, which the CSRF
          // prevention refuses without this header; the page is ours, so it may send it.
          additionalHeaders: { 'x-graphql-yoga-csrf': 'graphiql' },
          defaultTabs: exampleTabs(undefined, options.graphiqlSamples),
          headers:
            options.graphiqlHeaders ??
            JSON.stringify({ Authorization: 'Bearer <token from the start-up log or npm run token>' }, null, 2),
        })
      : false,
    // Loaded when GraphiQL is first served: its bundled page holds 60 MiB, which an API that
    // never serves it (GRAPHIQL=false) should not carry (bench/README.md, Memory).
    renderGraphiQL: async (graphiqlOptions) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(graphiqlOptions),
    plugins: [
      useBodyLimit(options.maxBodyBytes ?? 1_000_000, options.maxUploadBytes ?? 20_000_000),
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
      ...(introspection ? [] : [useDisableIntrospection()]),
      useRequestErrorCodes(),
      // Before the response cache: a cached answer is logged and traced too.
      useRequestSpans(),
      ...(requestLog ? [requestLog.plugin] : []),
      EnvelopArmorPlugin(armorOptions({ ...QUERY_LIMITS, ...options.queryLimits }, !introspection)),
      // Before the transaction and graphql-jit: a refused operation opens nothing (docs/api.md, Query cost).
      useQueryCost({ maxCost: (options.queryLimits?.maxCost ?? QUERY_LIMITS.maxCost).n }),
      usePersistedMobileOperations({ authenticate, persistedOnlyAudiences: options.auth.persistedOnlyAudiences }),
      // Before graphql-jit and the transaction: an answer from the cache compiles and opens nothing.
      ...(responseCache ? [responseCache.plugin()] : []),
      // Compiled execution for queries (bench/README.md), before the tenant transaction so the
      // transaction wraps it; mutations keep graphql-js (they are small, and run once). Only
      // single-operation documents: the plugin caches by document, not by operation name.
      useGraphQlJit({}, {
        enableIf: ({ document }) => document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length === 1 && getOperationAST(document)?.operation === 'query',
        onError: (failure) => logger?.error({ errors: failure.errors?.map(errorSummary) }, 'graphql-jit could not compile a query'),
      }),
      useSharedSubscriptionResults(),
      useCoalescedEventWrites(),
      ...(options.replicas ? [useConsistencyToken()] : []),
      ...(options.databaseIsolation === false ? [] : [useTenantTransaction({
        statementTimeoutMs: options.statementTimeoutMs ?? 10_000,
        onCommitError: (error) => logger?.warn({ error: errorSummary(error) }, 'COMMIT of a read-only request failed after its answer'),
        slowStatementMs: options.slowStatementMs ?? 200,
        onSlowStatement: requestLog?.onSlowStatement,
        rollbackMutations: options.rollbackMutations,
      })]),
      ...(metricsEndpoint && options.metrics?.token ? [useMetricsToken(metricsEndpoint, options.metrics.token)] : []),
      useBoundedMetrics(registry, metricsEndpoint),
      useReadinessCheck({
        endpoint: '/ready',
        // 200 when the primary answers and is migrated; replicas are reported, never required
        // (reads fall back to the primary).
        check: async () => {
          const primary = await isMigrated(db).catch(() => false);
          if (!options.replicas) return primary;
          return Response.json({ primary: primary ? 'up' : 'down', ...options.replicas.status() }, { status: primary ? 200 : 503 });
        },
      }),
    ],
  });
  // What a Node server runs: repeats answered before GraphQL when they can be (docs/design.md,
  // The response cache), everything else by yoga.
  const nodeListener = responseCache && !options.replicas
    ? withCachedAnswers(yoga, responseCache, {
        db,
        verifyToken,
        persistedOnlyAudiences: options.auth.persistedOnlyAudiences,
        maxBodyBytes: options.maxBodyBytes ?? 1_000_000,
        clock: options.clock,
        log: requestLog?.logAnswer,
      })
    : yoga;
  return Object.assign(yoga, { nodeListener });
}

export type App = ReturnType<typeof createApp>;
