import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createTestApp, tokenFor } from '../helpers/auth';
import { createMetricsServer, MAX_OPERATION_NAMES } from '../../src/plugins/metrics';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(() => t.close());

const FOREIGN = 'https://evil.example';
const preflight = (origin: string) =>
  new Request('http://stride.test/graphql', {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });

describe('CORS', () => {
  it('gives a foreign origin no cross-origin access by default: neither a preflight nor a simple GET', async () => {
    const app = createTestApp(t.db);
    const answer = await app.fetch(preflight(FOREIGN));
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const page = await app.fetch('http://stride.test/graphql', { headers: { origin: FOREIGN, accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    const get = await app.fetch('http://stride.test/graphql?query=%7B__typename%7D', { headers: { origin: FOREIGN, accept: 'application/json' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets exactly the origins in CORS_ORIGINS read answers, without credentials', async () => {
    const app = createTestApp(t.db, { corsOrigins: ['https://coach.example', 'https://app.example'] });
    const allowed = await app.fetch(preflight('https://coach.example'));
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://coach.example');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    for (const origin of [FOREIGN, 'https://coach.example.evil.example', 'http://coach.example']) {
      expect((await app.fetch(preflight(origin))).headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('/metrics', () => {
  const sizeOf = async (app: ReturnType<typeof createTestApp>) => (await (await app.fetch('http://stride.test/metrics')).text()).length;
  const stranger = (app: ReturnType<typeof createTestApp>, i: number) =>
    app.fetch(`http://stride.test/graphql?query=${encodeURIComponent(`query Probe${i} { __typename }`)}&access_token=eyJ.secret${i}&n=${i}`, {
      headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
    });

  it('stays the same size however many distinct URLs and operation names strangers send, and never shows a URL', async () => {
    const app = createTestApp(t.db);
    for (let i = 0; i < MAX_OPERATION_NAMES + 50; i++) await stranger(app, i);
    const full = await sizeOf(app);
    for (let i = MAX_OPERATION_NAMES + 50; i < 3_000; i++) await stranger(app, i);
    const after = await sizeOf(app);
    const body = await (await app.fetch('http://stride.test/metrics')).text();
    // Only counts change (a few more digits), not the number of series.
    expect(after - full).toBeLessThan(200);
    expect(body).toContain('operationName="other"');
    expect(body).toContain('statusClass="4xx"');
    expect(body).not.toMatch(/secret|access_token|url=|Probe2999/);
  });

  it('names an authenticated operation, and never lets strangers use up the names', async () => {
    const app = createTestApp(t.db);
    for (let i = 0; i < MAX_OPERATION_NAMES + 10; i++) await stranger(app, i);
    const token = await tokenFor({ orgId: 1, userId: 1, role: 'ADMIN' });
    await app.fetch('http://stride.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query ViewerRole { viewer { role } }' }),
    });
    const body = await (await app.fetch('http://stride.test/metrics')).text();
    expect(body).toMatch(/graphql_yoga_http_duration_count\{operationName="ViewerRole",operationType="query",method="POST",statusClass="2xx"\} 1/);
    expect(body).not.toContain('Probe');
  });

  it('asks for METRICS_TOKEN when one is set', async () => {
    const app = createTestApp(t.db, { metrics: { token: 'metrics-token-0123456789' } });
    expect((await app.fetch('http://stride.test/metrics')).status).toBe(401);
    expect((await app.fetch('http://stride.test/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const ok = await app.fetch('http://stride.test/metrics', { headers: { authorization: 'Bearer metrics-token-0123456789' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('graphql_yoga_http_duration');
  });

  it('moves to a port of its own with METRICS_PORT', async () => {
    const registry = new Registry();
    const app = createTestApp(t.db, { metrics: { registry, endpoint: false } });
    await stranger(app, 1);
    expect((await app.fetch('http://stride.test/metrics')).status).toBe(404);
    const server = createMetricsServer(registry, 'metrics-token-0123456789');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      const ok = await fetch(url, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/graphql_yoga_http_duration_count\{operationName="other",operationType="query",method="GET",statusClass="4xx"\} 1/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
