import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../src/db/client';
import { migrateToLatest } from '../../db/migrate';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createScratchDatabase } from '../helpers/database';
import { startServerProcess } from '../helpers/server-process';
import { signToken } from '../../src/auth/tokens';

// The real server process exporting its traces over OTLP/HTTP to a collector (here a loopback
// receiver) when OTEL_EXPORTER_OTLP_ENDPOINT is set, and sending nothing without it.

const SECRET = 'an-otlp-test-secret-of-32-characters!!';
let serverEnv: Record<string, string>;
let cleanup = async () => {};
let token: string;
let collector: Server;
let collectorUrl: string;
const received: { path: string; body: any }[] = [];

beforeAll(async () => {
  let databaseUrl: string | undefined;
  let dataDir = 'memory';
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL, 'stride_otlp');
    databaseUrl = scratch.url;
    cleanup = scratch.drop;
    serverEnv = { DATABASE_URL: databaseUrl };
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), 'stride-otlp-'));
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    serverEnv = { DATA_DIR: dataDir };
  }
  const handle = await createDatabase({ databaseUrl, dataDir });
  await migrateToLatest(handle.db);
  const orgId = await createOrganization(handle.db, 'Exported Club');
  const coach = await createUser(handle.db, orgId, { role: 'coach', name: 'Exported Coach' });
  await handle.close();
  token = await signToken({ secret: SECRET, issuer: 'stride' }, { orgId, userId: coach, role: 'COACH', audience: 'stride-api', expiresIn: '10m' });
  collector = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', body: JSON.parse(body) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => collector.close(resolve));
  await cleanup();
});

async function ask(url: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: 'query Exported { viewer { role } athletes(first: 5) { totalCount } }' }),
  });
  expect(await response.json()).toMatchObject({ data: { viewer: { role: 'COACH' } } });
}

const spanNames = () =>
  received.flatMap((r) => r.body.resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans.map((s: any) => s.name as string))));

describe('OTLP export', () => {
  it('sends the request, loader and statement spans to the collector when an endpoint is set', async () => {
    received.length = 0;
    const server = await startServerProcess({ ...serverEnv, JWT_SECRET: SECRET, OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl, OTEL_BSP_SCHEDULE_DELAY: '100' });
    try {
      await ask(server.url);
      const deadline = Date.now() + 10_000;
      while (!spanNames().includes('graphql query Exported') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await server.stop();
    }
    expect(received.every((r) => r.path === '/v1/traces')).toBe(true);
    const names = spanNames();
    expect(names).toContain('graphql query Exported');
    expect(names).toEqual(expect.arrayContaining(['sql begin', 'sql select users']));
    const resource = received[0].body.resourceSpans[0].resource.attributes;
    expect(resource).toEqual(expect.arrayContaining([{ key: 'service.name', value: { stringValue: 'stride-api' } }]));
  });

  it('sends nothing without an endpoint', async () => {
    received.length = 0;
    const server = await startServerProcess({ ...serverEnv, JWT_SECRET: SECRET, OTEL_BSP_SCHEDULE_DELAY: '100' });
    try {
      await ask(server.url);
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await server.stop();
    }
    expect(received).toHaveLength(0);
  });
});
