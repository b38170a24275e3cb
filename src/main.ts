import { createServer } from 'node:http';
import { loadConfig } from './config';
import { createDatabase } from './db/client';
import { createLogger } from './logger';
import { Registry } from 'prom-client';
import { createApp } from './app';
import { createMetricsServer } from './plugins/metrics';
import { demoToken } from './auth/demo-token';
import { insightGenerators } from './domain/insights';
import { migrateToLatest } from '../db/migrate';
import { DEFAULT_SEED_OPTIONS } from '../db/seed/demo';
import { seedDemoIfEmpty } from '../db/seed/first-start';
import { progressBar } from '../db/seed/progress';
import { refreshOutdatedAthletes } from './ingest/upgrade-refresh';
import { findExampleSamples } from './repositories/organizations';
import { EventHub } from './live/event-hub';
import { startWebhookDispatcher } from './live/webhooks/dispatcher';
import { openReadRouter } from './db/replicas';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { samplerFor, startTracing } from './observability/tracing';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const started = Date.now();
  // Before the database opens, so that its statements are traced from the first request on.
  // The exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT and _HEADERS itself.
  const tracing = config.tracing
    ? startTracing({ exporter: new OTLPTraceExporter(), sampler: samplerFor(config.tracing.sampler, config.tracing.ratio), slowRequestMs: config.tracing.slowRequestMs, batch: true })
    : null;
  if (config.tracing) logger.info({ sampler: config.tracing.sampler, ratio: config.tracing.ratio, slowRequestMs: config.tracing.slowRequestMs }, 'exporting traces over OTLP/HTTP');

  const handle = await createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.poolSize,
    pinnedReads: config.pinnedReads,
    statementTimeoutMs: config.statementTimeoutMs,
    // Code and message only: pg's errors can carry whole connection objects.
    onConnectionError: (error) =>
      logger.warn({ code: (error as { code?: string }).code, message: error.message }, 'a database connection failed; the pool replaces it'),
    onEmbeddedFailure: (error) => {
      logger.fatal({ message: error.message }, 'the embedded database stopped: exiting so that a supervisor restarts the server');
      process.exit(1);
    },
  });
  if (handle.kind === 'embedded') {
    logger.info({ dataDir: handle.location }, `using the embedded PGlite database, data in ${handle.location}`);
  } else {
    logger.info({ database: handle.location }, `using PostgreSQL at ${handle.location}`);
  }

  const applied = await migrateToLatest(handle.db);
  logger.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'database schema up to date');

  if (config.seedDemo) {
    // All or nothing: a start killed while seeding leaves an empty database, seeded on the next start.
    await seedDemoIfEmpty(handle.db, { ...DEFAULT_SEED_OPTIONS, onProgress: progressBar('seeding athletes') }, logger);
  }

  const refreshed = await refreshOutdatedAthletes(handle.db, { statementTimeoutMs: config.statementTimeoutMs, generator: insightGenerators[config.insightGenerator] });
  if (refreshed) logger.info({ athletes: refreshed }, `brought ${refreshed} athlete(s) up to the current load and fitness formulas`);

  if (config.auth.usingDevelopmentSecret && !config.convenienceToken) {
    logger.warn(
      { host: config.host },
      'ALLOW_DEV_SECRET=true: tokens are checked against the PUBLIC development secret, so anyone can mint an admin token for any organization. Set JWT_SECRET or JWT_JWKS_URL',
    );
  } else if (config.auth.usingDevelopmentSecret) {
    logger.warn('tokens are signed with the built-in development secret (loopback only): set JWT_SECRET or JWT_JWKS_URL to serve others');
  }
  const replicas = config.replicas.urls.length
    ? await openReadRouter(handle.db, config.replicas.urls, { ...config.replicas, onChange: (replica, state, reason) => logger[state === 'healthy' ? 'info' : 'warn']({ replica, state, reason }, `read replica ${replica} is ${state}`) }, {
        poolSize: config.poolSize,
        pinnedReads: config.pinnedReads,
        statementTimeoutMs: config.statementTimeoutMs,
        onConnectionError: (error) => logger.warn({ code: (error as { code?: string }).code, message: error.message }, 'a replica connection failed; the pool replaces it'),
      })
    : null;
  if (replicas) logger.info({ replicas: replicas.router.status().replicas }, `reading from ${config.replicas.urls.length} replica(s)`);
  const coach = config.convenienceToken ? await demoToken(handle.db, config.auth, 'coach') : null;
  const graphiqlSamples = coach ? await findExampleSamples(handle.db, coach.user.org_id) : undefined;
  const metricsRegistry = new Registry();
  // Message only: pg's errors can carry whole connection objects.
  const events = new EventHub(handle.db, { listen: handle.listen, statementTimeoutMs: config.statementTimeoutMs, onError: (error) => logger.warn({ message: (error as Error).message }, 'the live feed could not read the outbox; it tries again') });
  events.startRetention();
  const yoga = createApp({
    db: handle.db,
    auth: config.auth,
    graphiql: config.graphiql,
    introspection: config.introspection,
    statementTimeoutMs: config.statementTimeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    maxUploadBytes: config.maxUploadBytes,
    insightGenerator: insightGenerators[config.insightGenerator],
    responseCache: config.responseCache,
    events,
    replicas: replicas?.router,
    webhooks: { allowLoopback: config.webhookAllowLoopback },
    // Only with the development secret on loopback: GraphiQL opens ready to query the demo data.
    graphiqlHeaders: coach ? JSON.stringify({ Authorization: `Bearer ${coach.token}` }, null, 2) : undefined,
    graphiqlSamples,
    slowStatementMs: config.slowStatementMs,
    corsOrigins: config.corsOrigins,
    metrics: { registry: metricsRegistry, endpoint: config.metricsPort === undefined, token: config.metricsToken },
    logger,
  });
  const server = createServer(yoga.nodeListener);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const metricsServer = config.metricsPort === undefined ? null : createMetricsServer(metricsRegistry, config.metricsToken);
  if (metricsServer) {
    await new Promise<void>((resolve) => metricsServer.listen(config.metricsPort, config.metricsHost, resolve));
    logger.info({ metricsPort: config.metricsPort }, `metrics at http://${config.metricsHost}:${config.metricsPort}/metrics`);
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Webhooks from the outbox (docs/api.md, Webhooks): polls every second, and NOTIFY wakes it sooner.
  const webhooks = startWebhookDispatcher(handle.db, { allowLoopback: config.webhookAllowLoopback, statementTimeoutMs: config.statementTimeoutMs, logger });
  const stopWakingWebhooks = await handle.listen(() => webhooks.wake(), () => webhooks.wake());
  if (coach) {
    console.log(
      [
        '',
        `GraphiQL: http://localhost:${port}/graphql`,
        `A 12-hour token for ${coach.user.name} (coach, organization ${coach.user.org_id}); in GraphiQL open Headers and paste:`,
        JSON.stringify({ Authorization: `Bearer ${coach.token}` }),
        '',
      ].join('\n'),
    );
  }

  // Last, once everything above runs: tests and scripts wait for this line (and the token above it).
  logger.info({ port, startupMs: Date.now() - started }, `Stride API ready: GraphiQL at http://localhost:${port}/graphql`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    metricsServer?.close();
    // Deliveries in flight finish (at most their request timeout) while the server drains.
    const webhooksStopped = Promise.allSettled([stopWakingWebhooks(), webhooks.stop()]);
    server.close(() => {
      webhooksStopped.then(() => Promise.all([events.stop(), replicas?.close(), tracing?.stop()])).finally(() => handle.close().finally(() => process.exit(0)));
    });
    // Subscriptions stay open until their clients leave: cut them (and idle keep-alives) after
    // a grace period for the requests in flight; a client resumes with its last event id (docs/api.md, Live events).
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
