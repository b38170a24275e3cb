import { loadConfig } from '../../src/config';

describe('configuration defaults that keep strangers out', () => {
  it('starts on loopback with the development secret and offers the convenience token there only', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.auth.usingDevelopmentSecret).toBe(true);
    expect(config.convenienceToken).toBe(true);
    expect(config.corsOrigins).toEqual([]);
    expect(config.auth.maxTtlSeconds).toBe(86_400);
  });

  it.each([
    [{ NODE_ENV: 'production' }, /JWT_SECRET or JWT_JWKS_URL is required when NODE_ENV=production/],
    [{ HOST: '0.0.0.0' }, /JWT_SECRET or JWT_JWKS_URL is required to listen on 0\.0\.0\.0 \(not a loopback address\)/],
    [{ HOST: '192.168.1.20' }, /to listen on 192\.168\.1\.20/],
  ])('refuses the development secret with %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('starts with the development secret off loopback only when ALLOW_DEV_SECRET=true, and without a convenience token', () => {
    const config = loadConfig({ HOST: '0.0.0.0', ALLOW_DEV_SECRET: 'true' });
    expect(config.auth.usingDevelopmentSecret).toBe(true);
    expect(config.convenienceToken).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', ALLOW_DEV_SECRET: 'true' }).convenienceToken).toBe(false);
  });

  it('never offers a convenience token with a real secret', () => {
    const config = loadConfig({ HOST: '0.0.0.0', JWT_SECRET: 'a-real-secret-of-at-least-32-characters!' });
    expect(config.auth.usingDevelopmentSecret).toBe(false);
    expect(config.convenienceToken).toBe(false);
    expect(loadConfig({ JWT_SECRET: 'a-real-secret-of-at-least-32-characters!' }).convenienceToken).toBe(false);
  });

  it('reads CORS origins, the token lifetime limit and the metrics settings', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://coach.example, https://app.example', JWT_MAX_TTL: '90m', METRICS_PORT: '9464', METRICS_TOKEN: 'metrics-token-0123456789' });
    expect(config.corsOrigins).toEqual(['https://coach.example', 'https://app.example']);
    expect(config.auth.maxTtlSeconds).toBe(5_400);
    expect(config.metricsPort).toBe(9464);
    expect(config.metricsHost).toBe('127.0.0.1');
    expect(() => loadConfig({ JWT_MAX_TTL: '0' })).toThrow(/JWT_MAX_TTL/);
    expect(config.metricsToken).toBe('metrics-token-0123456789');
    expect(loadConfig({ JWT_MAX_TTL: '3600' }).auth.maxTtlSeconds).toBe(3_600);
    expect(() => loadConfig({ JWT_MAX_TTL: 'forever' })).toThrow(/JWT_MAX_TTL: a duration such as 3600, 90m, 24h or 7d/);
  });

  it('lets webhooks reach loopback only in development, unless WEBHOOK_ALLOW_LOOPBACK says otherwise, and never in production', () => {
    const realSecret = 'a-real-secret-of-at-least-32-characters!';
    expect(loadConfig({}).webhookAllowLoopback).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOW_LOOPBACK: 'false' }).webhookAllowLoopback).toBe(false);
    expect(loadConfig({ JWT_SECRET: realSecret }).webhookAllowLoopback).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_DEV_SECRET: 'true' }).webhookAllowLoopback).toBe(false);
    expect(loadConfig({ JWT_SECRET: realSecret, WEBHOOK_ALLOW_LOOPBACK: 'true' }).webhookAllowLoopback).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: realSecret }).webhookAllowLoopback).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: realSecret, WEBHOOK_ALLOW_LOOPBACK: 'true' })).toThrow(/WEBHOOK_ALLOW_LOOPBACK=true is refused when NODE_ENV=production/);
    expect(() => loadConfig({ WEBHOOK_ALLOW_LOOPBACK: 'yes' })).toThrow(/WEBHOOK_ALLOW_LOOPBACK/);
  });

  it('reads the replica settings, and refuses replicas without DATABASE_URL or with a URL that is not one', () => {
    const primary = 'postgres://stride@db-primary:5432/stride';
    const config = loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'postgres://stride@db-r1/stride, postgres://stride@db-r2/stride', REPLICA_WAIT_MS: '1000', REPLICA_FALLBACK: 'error' });
    expect(config.replicas).toEqual({ urls: ['postgres://stride@db-r1/stride', 'postgres://stride@db-r2/stride'], maxLagMs: 5_000, waitMs: 1_000, fallback: 'error', checkEveryMs: 500 });
    expect(loadConfig({}).replicas.urls).toEqual([]);
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://stride@db-r1/stride' })).toThrow(/DATABASE_REPLICA_URLS needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'db-r1:5432' })).toThrow(/DATABASE_REPLICA_URLS: 'db-r1:5432' is not a postgres:\/\/ URL/);
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'mysql://user:hunter2@db-r1' })).toThrow("DATABASE_REPLICA_URLS: 'mysql://user:***@db-r1' is not a postgres:// URL");
    expect(() => loadConfig({ DATABASE_URL: primary, REPLICA_FALLBACK: 'stale' })).toThrow(/REPLICA_FALLBACK/);
  });
});
