import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../src/db/client';
import { migrateToLatest } from '../../db/migrate';
import { createOrganization, createUser } from '../helpers/fixtures';
import { runScript } from '../helpers/server-process';

// A newcomer's scripts (issue 16): `npm run token` finds the database as `npm start` does
// (DATA_DIR here, with no DATABASE_URL), and says plainly when there is no schema there yet
// or when a running server holds the embedded folder, instead of an SQL error.

let dir: string;

const runToken = (dataDir: string) => runScript('token.ts', ['--role', 'coach'], { DATABASE_URL: undefined, DATA_DIR: dataDir, NODE_ENV: 'development' });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'stride-scripts-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('refuses an empty DATA_DIR in words, naming what creates the database', async () => {
  const result = await runToken(path.join(dir, 'empty'));
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('has no Stride schema yet: `npm start` creates it');
  expect(result.stderr).not.toMatch(/relation|does not exist/);
}, 60_000);

it('mints from a prepared DATA_DIR, refuses while another live process holds it, and takes over a stale holder', async () => {
  const dataDir = path.join(dir, 'ready');
  const handle = await createDatabase({ dataDir });
  try {
    await migrateToLatest(handle.db);
    const orgId = await createOrganization(handle.db, 'Script Club', 'UTC');
    await createUser(handle.db, orgId, { role: 'coach', name: 'Sam Script' });
  } finally {
    await handle.close();
  }
  const minted = await runToken(dataDir);
  expect(minted.stderr).toBe('');
  expect(minted.code).toBe(0);
  expect(minted.stdout).toContain('coach Sam Script');

  // This test process stands in for a running server holding the folder.
  const pidFile = path.join(dataDir, 'pglite', 'stride.pid');
  writeFileSync(pidFile, String(process.pid));
  const held = await runToken(dataDir);
  expect(held.code).toBe(1);
  expect(held.stderr).toContain(`is in use by process ${process.pid} (a running npm start?): stop it first`);

  // A holder that died (its pid file left behind) is taken over.
  const dead = spawn(process.execPath, ['-e', '0']);
  const deadPid = dead.pid!;
  await new Promise((resolve) => dead.on('close', resolve));
  writeFileSync(pidFile, String(deadPid));
  const after = await runToken(dataDir);
  expect(after.code).toBe(0);
}, 120_000);
