import { z } from 'zod';
import type { SamplerName } from './observability/tracing';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const ConfigSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: booleanFlag.default(true),
  GRAPHIQL: booleanFlag.default(true),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DB_PINNED_READS: booleanFlag.default(true),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  JWT_SECRET: z.string().min(32).optional(),
  ALLOW_DEV_SECRET: booleanFlag.default(false),
  JWT_MAX_TTL: z.string().regex(/^0*[1-9]\d*[smhd]?$/, 'a duration such as 3600, 90m, 24h or 7d').default('24h'),
  CORS_ORIGINS: z.string().default(''),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_TOKEN: z.string().min(16).optional(),
  JWT_JWKS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().min(1).default('stride'),
  JWT_AUDIENCES: z.string().min(1).default('stride-api,stride-mobile'),
  PERSISTED_ONLY_AUDIENCES: z.string().default(''),
  INTROSPECTION: booleanFlag.default(true),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(1_000_000),
  INSIGHT_GENERATOR: z.enum(['plain', 'off']).default('plain'),
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).max(500_000_000).default(20_000_000),
  RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
  RESPONSE_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(64),
  RESPONSE_CACHE_TTL_S: z.coerce.number().int().min(1).max(900).default(60),
  WEBHOOK_ALLOW_LOOPBACK: booleanFlag.optional(),
  DATABASE_REPLICA_URLS: z.string().default(''),
  REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  REPLICA_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(250),
  REPLICA_FALLBACK: z.enum(['primary', 'error']).default('primary'),
  REPLICA_CHECK_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  OTEL_TRACES_SAMPLER: z.enum(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio']).default('parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  SLOW_REQUEST_MS: z.coerce.number().int().min(1).max(600_000).default(1_000),
  SLOW_STATEMENT_MS: z.coerce.number().int().min(1).max(600_000).default(200),
});

/** Signs development tokens when neither JWT_SECRET nor JWT_JWKS_URL is set. Never for production. */
export const DEVELOPMENT_JWT_SECRET = 'stride-development-secret-do-not-use-in-production';

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export type Config = {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  seedDemo: boolean;
  graphiql: boolean;
  poolSize: number;
  /** Queries on connections pinned to an organization (docs/design.md, Tenant isolation); off behind a transaction-mode pooler. */
  pinnedReads: boolean;
  statementTimeoutMs: number;
  auth: AuthConfig;
  introspection: boolean;
  maxBodyBytes: number;
  /** plain: the deterministic rules; off: no insights (docs/metrics.md, Insights). */
  insightGenerator: 'plain' | 'off';
  maxUploadBytes: number;
  /** Repeated reads answered from memory (docs/design.md, The response cache); undefined when off. */
  responseCache: { maxBytes: number; ttlMs: number } | undefined;
  /** Origins allowed to read answers cross-origin (exact match); empty means none. */
  corsOrigins: string[];
  /** Serve /metrics on this port of its own instead of the API's... */
  metricsPort: number | undefined;
  /** ...on this address (loopback by default, whatever HOST is). */
  metricsHost: string;
  /** When set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`. */
  metricsToken: string | undefined;
  /**
   * A ready-made coach token in the start-up output and GraphiQL: only with the development
   * secret on a loopback address, where nobody else can be handed it.
   */
  convenienceToken: boolean;
  /**
   * Webhook URLs may point to loopback (and use http: there): for receivers on a developer's
   * machine. On by default exactly where the convenience token is; never with NODE_ENV=production.
   */
  webhookAllowLoopback: boolean;
  /** Streaming replicas that serve queries (docs/design.md, Read replicas); none when empty. */
  replicas: { urls: string[]; maxLagMs: number; waitMs: number; fallback: 'primary' | 'error'; checkEveryMs: number };
  /** OpenTelemetry traces over OTLP/HTTP; undefined (off) without an OTLP endpoint (docs/design.md, Observability). */
  tracing: { sampler: SamplerName; ratio: number; slowRequestMs: number } | undefined;
  /** A request's statement this long or longer is logged and counted. */
  slowStatementMs: number;
};

export interface AuthConfig {
  /** HS256 secret; set when tokens are verified with a shared secret. */
  secret?: string;
  /** JWKS URL for RS256/ES256 tokens (key rotation by kid); wins over the secret. */
  jwksUrl?: string;
  issuer: string;
  /** Audiences a token may carry. */
  audiences: string[];
  /** Audiences (clients) restricted to persisted operations. */
  persistedOnlyAudiences: string[];
  /** True when the built-in development secret is in use. */
  usingDevelopmentSecret: boolean;
  /** Longest token lifetime accepted (exp minus iat, or minus now), in seconds. */
  maxTtlSeconds?: number;
}

const SECONDS_PER_UNIT = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;
const durationSeconds = (value: string) => Number.parseInt(value, 10) * SECONDS_PER_UNIT[(value.match(/[smhd]$/)?.[0] ?? 's') as 's'];

export const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);

/** Reads the environment once; a bad value stops start-up with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const usingDevelopmentSecret = !e.JWT_JWKS_URL && !e.JWT_SECRET;
  // Anyone can read the development secret in this repository and mint an admin token with it.
  if (usingDevelopmentSecret && !e.ALLOW_DEV_SECRET && (e.NODE_ENV === 'production' || !isLoopback(e.HOST))) {
    throw new Error(
      `invalid configuration: JWT_SECRET or JWT_JWKS_URL is required ${e.NODE_ENV === 'production' ? 'when NODE_ENV=production' : `to listen on ${e.HOST} (not a loopback address)`}; ` +
        'ALLOW_DEV_SECRET=true starts with the public development secret anyway',
    );
  }
  // Loopback webhooks let any organization's admin make this machine POST to its own services.
  if (e.WEBHOOK_ALLOW_LOOPBACK && e.NODE_ENV === 'production') {
    throw new Error('invalid configuration: WEBHOOK_ALLOW_LOOPBACK=true is refused when NODE_ENV=production (webhooks could reach services on this machine)');
  }
  const replicaUrls = list(e.DATABASE_REPLICA_URLS);
  for (const url of replicaUrls) {
    if (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url)) {
      throw new Error(`invalid configuration: DATABASE_REPLICA_URLS: '${url.replace(/:[^:@/]*@/, ':***@')}' is not a postgres:// URL`);
    }
  }
  if (replicaUrls.length > 0 && !e.DATABASE_URL) {
    throw new Error('invalid configuration: DATABASE_REPLICA_URLS needs DATABASE_URL (the embedded database has no replicas)');
  }
  const developmentMode = usingDevelopmentSecret && isLoopback(e.HOST) && e.NODE_ENV !== 'production';
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    graphiql: e.GRAPHIQL,
    poolSize: e.DB_POOL_SIZE,
    pinnedReads: e.DB_PINNED_READS,
    statementTimeoutMs: e.STATEMENT_TIMEOUT_MS,
    introspection: e.INTROSPECTION,
    maxBodyBytes: e.MAX_BODY_BYTES,
    insightGenerator: e.INSIGHT_GENERATOR,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    responseCache: e.RESPONSE_CACHE === 'on' ? { maxBytes: e.RESPONSE_CACHE_MB * 1024 * 1024, ttlMs: e.RESPONSE_CACHE_TTL_S * 1000 } : undefined,
    corsOrigins: list(e.CORS_ORIGINS),
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    metricsToken: e.METRICS_TOKEN,
    convenienceToken: developmentMode,
    webhookAllowLoopback: e.WEBHOOK_ALLOW_LOOPBACK ?? developmentMode,
    tracing: e.OTEL_EXPORTER_OTLP_ENDPOINT || e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? { sampler: e.OTEL_TRACES_SAMPLER, ratio: e.OTEL_TRACES_SAMPLER_ARG, slowRequestMs: e.SLOW_REQUEST_MS } : undefined,
    slowStatementMs: e.SLOW_STATEMENT_MS,
    replicas: { urls: replicaUrls, maxLagMs: e.REPLICA_MAX_LAG_MS, waitMs: e.REPLICA_WAIT_MS, fallback: e.REPLICA_FALLBACK, checkEveryMs: e.REPLICA_CHECK_MS },
    auth: {
      secret: e.JWT_JWKS_URL ? undefined : (e.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET),
      jwksUrl: e.JWT_JWKS_URL,
      issuer: e.JWT_ISSUER,
      audiences: list(e.JWT_AUDIENCES),
      persistedOnlyAudiences: list(e.PERSISTED_ONLY_AUDIENCES),
      usingDevelopmentSecret,
      maxTtlSeconds: durationSeconds(e.JWT_MAX_TTL),
    },
  };
}
