import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { runScript } from '../helpers/server-process';
import { zipOf } from '../helpers/zip';
import { createDatabase } from '../../src/db/client';
import { migrateToLatest } from '../../db/migrate';

// npm run import, the real CLI: a folder holding the Health app's export.zip, a GPX run and a
// file of no known format; each file lands whole or not at all, and the summary says what
// became of every run.
const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

it('imports a folder, one summary line per file, and exits 1 naming the file it could not read', async () => {
  let env: Record<string, string | undefined>;
  let athleteId: number;
  const setUp = async (db: TestDatabase['db']) => {
    const orgId = await createOrganization(db, 'CLI Import Club', 'Europe/Berlin');
    return createUser(db, orgId, { role: 'athlete', name: 'Ida', timezone: 'Europe/Berlin' });
  };
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${(await sql<{ name: string }>`select current_database() as name`.execute(t.db)).rows[0].name}`;
    env = { DATABASE_URL: url.toString() };
    athleteId = await setUp(t.db);
  } else {
    // An in-memory PGlite cannot be shared with a child process: the CLI gets its own DATA_DIR.
    const dataDir = path.join(dir, 'data');
    const handle = await createDatabase({ dataDir });
    try {
      await migrateToLatest(handle.db);
      athleteId = await setUp(handle.db);
    } finally {
      await handle.close();
    }
    env = { DATABASE_URL: undefined, DATA_DIR: dataDir };
  }
  const folder = path.join(dir, 'exports');
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'export.zip'), zipOf([['apple_health_export/export.xml', readFileSync(path.join(FIXTURES, 'apple-health', 'export.xml'))]]));
  copyFileSync(path.join(FIXTURES, 'gpx', 'togeojson_run_gpxtpx.gpx'), path.join(folder, 'run.gpx'));
  writeFileSync(path.join(folder, 'notes.txt'), 'not a run');

  const first = await runScript('import.ts', ['--athlete', String(athleteId), folder], env);
  expect(first.code).toBe(1);
  const lines = first.stdout.trim().split('\n');
  expect(lines).toContain(`${path.join(folder, 'export.zip')}: APPLE_HEALTH, 2 new, 0 updated, 0 unchanged, 2 health days`);
  expect(lines).toContain(`${path.join(folder, 'run.gpx')}: GPX, 1 new, 0 updated, 0 unchanged`);
  expect(lines.at(-1)).toBe('3 activities written from 2 of 3 files');
  expect(first.stderr).toContain(`not imported: ${path.join(folder, 'notes.txt')}`);

  // Again: every run unchanged.
  rmSync(path.join(folder, 'notes.txt'));
  const again = await runScript('import.ts', ['--athlete', String(athleteId), folder], env);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain(`${path.join(folder, 'export.zip')}: APPLE_HEALTH, 0 new, 0 updated, 2 unchanged, 2 health days`);
});
