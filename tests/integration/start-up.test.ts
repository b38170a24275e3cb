import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../src/db/client';
import { migrateToLatest } from '../../db/migrate';
import { createOrganization, createUser } from '../helpers/fixtures';
import { startServerProcess } from '../helpers/server-process';
import { MOBILE_MANIFEST } from '../../src/plugins/persisted-operations';
import { createScratchDatabase } from '../helpers/database';

// The real server process, started the way `npm start` starts it, on a database holding one
// coach: who gets a ready-made token, and who is refused a start.
let serverEnv: Record<string, string>;
let cleanup = async () => {};

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

beforeAll(async () => {
  const serverUrl = process.env.DATABASE_URL;
  let databaseUrl: string | undefined;
  let dataDir = 'memory';
  if (serverUrl) {
    const scratch = await createScratchDatabase(serverUrl, 'stride_start');
    databaseUrl = scratch.url;
    cleanup = scratch.drop;
    serverEnv = { DATABASE_URL: databaseUrl };
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), 'stride-start-'));
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    serverEnv = { DATA_DIR: dataDir };
  }
  const handle = await createDatabase({ databaseUrl, dataDir });
  await migrateToLatest(handle.db);
  const orgId = await createOrganization(handle.db, 'Start Club');
  await createUser(handle.db, orgId, { role: 'coach', name: 'Start Coach' });
  await handle.close();
});

afterAll(() => cleanup());

async function graphiqlPage(url: string) {
  return (await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).text();
}

describe('start-up', () => {
  it('refuses to start in production with the development secret, naming the fix', async () => {
    const start = startServerProcess({ ...serverEnv, NODE_ENV: 'production' });
    await expect(start).rejects.toThrow(/exited \(\{"code":1.*JWT_SECRET or JWT_JWKS_URL is required when NODE_ENV=production/s);
  });

  it('prints no token and puts none in GraphiQL when a real secret is set', async () => {
    const server = await startServerProcess({ ...serverEnv, JWT_SECRET: 'a-real-secret-of-at-least-32-characters!' });
    try {
      const page = await graphiqlPage(server.url);
      expect(page).toContain('<title>Stride API</title>');
      expect(page).not.toMatch(JWT);
      expect(server.output()).not.toMatch(JWT);
    } finally {
      await server.stop();
    }
  });

  it('hands out the convenience token with the development secret on loopback', async () => {
    const server = await startServerProcess({ ...serverEnv });
    try {
      const printed = server.output().match(JWT)?.[0];
      expect(printed).toBeDefined();
      expect(await graphiqlPage(server.url)).toContain(printed!);
      const answer = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${printed}` },
        body: JSON.stringify({ query: '{ viewer { role } }' }),
      });
      expect(await answer.json()).toEqual({ data: { viewer: { role: 'COACH' } } });
      // Files the built server reads at run time are found from dist/ (src/paths.ts): the
      // example tabs from operations/, and the mobile client's persisted operations.
      expect(await graphiqlPage(server.url)).toContain('coachAthletesMetrics');
      const manifest = JSON.parse(readFileSync(MOBILE_MANIFEST, 'utf8')) as Record<string, string>;
      const me = Object.keys(manifest).find((hash) => manifest[hash].startsWith('query Me '))!;
      const persisted = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${printed}` },
        body: JSON.stringify({ documentId: me }),
      });
      expect(await persisted.json()).toMatchObject({ data: { viewer: { role: 'COACH' } } });
    } finally {
      await server.stop();
    }
  });
});
