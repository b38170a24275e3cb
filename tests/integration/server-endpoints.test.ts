import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import type { App } from '../../src/app';
import { createTestApp, tokenFor } from '../helpers/auth';
import type { Database } from '../../src/db/types';

let t: TestDatabase;
let app: App;
let token: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const orgId = await createOrganization(t.db, 'Endpoint Club');
  const adminId = await createUser(t.db, orgId, { role: 'admin', name: 'Endpoint Admin' });
  token = await tokenFor({ orgId, userId: adminId, role: 'ADMIN' });
  app = createTestApp(t.db);
});

afterAll(() => t.close());

describe('operational endpoints', () => {
  it('/health answers while the process is alive', async () => {
    expect((await app.fetch('http://stride.test/health')).status).toBe(200);
  });

  it('/ready answers 200 on a reachable, migrated database', async () => {
    expect((await app.fetch('http://stride.test/ready')).status).toBe(200);
  });

  it('/ready answers 503 when the database cannot be reached', async () => {
    const unreachable = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new Pool({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 500 }) }),
    });
    const response = await createTestApp(unreachable).fetch('http://stride.test/ready');
    expect(response.status).toBe(503);
    await unreachable.destroy();
  });

  it('/metrics exposes Prometheus counters for GraphQL requests', async () => {
    await app.fetch('http://stride.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query Probe { organization { name } }' }),
    });
    const body = await (await app.fetch('http://stride.test/metrics')).text();
    expect(body).toMatch(/graphql_yoga_http_duration_count\{[^}]*operationName="Probe"[^}]*\} 1/);
  });

  it('serves GraphiQL from the package, with no CDN script, and the example operations as tabs', async () => {
    const response = await app.fetch('http://stride.test/graphql', { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<title>Stride API</title>');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).toContain('query AthletesList');
  });
});
