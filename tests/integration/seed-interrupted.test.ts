import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createDatabase } from '../../src/db/client';
import type { Database } from '../../src/db/types';
import { migrateToLatest } from '../../db/migrate';
import { DEFAULT_SEED_OPTIONS, DEMO_ORGANIZATIONS, seedDemo } from '../../db/seed/demo';
import { seedDemoIfEmpty } from '../../db/seed/first-start';
import { truncateAll } from '../../db/seed/reset';
import { createOrganization } from '../helpers/fixtures';
import { createScratchDatabase, createTestDatabase, type TestDatabase } from '../helpers/database';
import { rollupMismatches } from '../helpers/invariants';
import { SERVER_ARGS } from '../../scripts/build';

// Issue 13: the first start's demo seed is all or nothing. A seed that fails part way, or a
// server killed in the middle of it, leaves no demo data behind, so the next start finds
// an empty database and seeds it whole.

const ROOT = path.resolve(__dirname, '../..');
const [DEMO, SECOND] = DEMO_ORGANIZATIONS;

/** Row counts of every application table (the migration bookkeeping left out); empty tables omitted. */
async function tableCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
    order by table_name`.execute(db);
  expect(tables.length).toBeGreaterThan(10);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db);
    if (rows[0].n > 0) counts[name] = rows[0].n;
  }
  return counts;
}

describe('the demo seed in one transaction', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.close());
  const small = { athletes: 4, days: 10, seed: 3, endDate: '2026-11-27' };
  const recorder = () => {
    const lines: string[] = [];
    return { lines, logger: { info: (_: object, msg: string) => lines.push(`info ${msg}`), warn: (_: object, msg: string) => lines.push(`warn ${msg}`) } as never };
  };

  it('leaves the database empty when it fails part way', async () => {
    const seen: number[] = [];
    const seeding = seedDemo(t.db, {
      athletes: 10, days: 30, seed: 7, endDate: '2026-11-27',
      onProgress: (done) => {
        seen.push(done);
        if (done === 13) throw new Error('interrupted');
      },
    });
    await expect(seeding).rejects.toThrow('interrupted');
    // The whole first organization and part of the second had been written.
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(await tableCounts(t.db)).toEqual({});
  });

  it('seeds once when two servers start together on an empty database', async () => {
    const a = recorder();
    const b = recorder();
    const results = await Promise.all([seedDemoIfEmpty(t.db, small, a.logger), seedDemoIfEmpty(t.db, small, b.logger)]);
    expect(results.map((orgs) => orgs?.map((o) => o.name) ?? null).sort()).toEqual([[...DEMO_ORGANIZATIONS], null]);
    expect([...a.lines, ...b.lines].filter((l) => /demo data ready/.test(l))).toHaveLength(1);
    expect(await t.db.selectFrom('organizations').select('name').orderBy('id').execute()).toEqual(DEMO_ORGANIZATIONS.map((name) => ({ name })));
    await truncateAll(t.db);
  });

  it('leaves a database holding data alone, and reports a demo left incomplete by an earlier version', async () => {
    const other = await createOrganization(t.db, 'Real Club');
    const quiet = recorder();
    expect(await seedDemoIfEmpty(t.db, small, quiet.logger)).toBeNull();
    expect(quiet.lines).toEqual([]);

    await createOrganization(t.db, DEMO_ORGANIZATIONS[0]);
    const warned = recorder();
    expect(await seedDemoIfEmpty(t.db, small, warned.logger)).toBeNull();
    expect(warned.lines).toEqual([expect.stringMatching(/^warn the demo data looks incomplete.*npm run db:seed -- --reset/)]);
    expect((await tableCounts(t.db)).organizations).toBe(2);
    expect(other).toBeGreaterThan(0);
    await truncateAll(t.db);
  });
});

// --- the real server, killed in the middle of its first start's seed ---

interface Spawned {
  child: ChildProcess;
  output(): string;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm start`'s command with the demo seed on, on a free loopback port. */
function spawnServer(env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, SERVER_ARGS, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', SEED_DEMO: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, ended };
}

/** Resolves with the first match of `pattern` in the output; rejects if the process ends or time runs out. */
async function waitFor(server: Spawned, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  let exited: unknown = null;
  void server.ended.then((how) => (exited = how));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = server.output().match(pattern);
    if (match) return match;
    if (exited) throw new Error(`the server exited (${JSON.stringify(exited)}) before ${pattern}:\n${server.output()}`);
    if (Date.now() > deadline) {
      server.child.kill('SIGKILL');
      throw new Error(`no ${pattern} in ${timeoutMs} ms:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a server killed during its first start seed', () => {
  let serverEnv: Record<string, string>;
  let open: () => ReturnType<typeof createDatabase>;
  let cleanup = async () => {};
  const running: Spawned[] = [];

  beforeAll(async () => {
    const serverUrl = process.env.DATABASE_URL;
    if (serverUrl) {
      const scratch = await createScratchDatabase(serverUrl, 'stride_seedkill');
      const databaseUrl = scratch.url;
      serverEnv = { DATABASE_URL: databaseUrl };
      open = () => createDatabase({ databaseUrl, dataDir: 'memory', poolSize: 1 });
      cleanup = scratch.drop;
    } else {
      // The embedded database on disk, as `npm start` uses it.
      const dataDir = mkdtempSync(path.join(tmpdir(), 'stride-seedkill-'));
      serverEnv = { DATA_DIR: dataDir };
      open = () => createDatabase({ dataDir });
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    }
  });

  afterAll(async () => {
    for (const server of running) {
      server.child.kill('SIGKILL');
      await server.ended;
    }
    await cleanup();
  });

  it('leaves no demo data, and the next start seeds the whole demo', async () => {
    const total = DEFAULT_SEED_OPTIONS.athletes + Math.max(4, Math.min(8, DEFAULT_SEED_OPTIONS.athletes));

    // First start: killed once half of the athletes' histories have been written.
    const first = spawnServer(serverEnv);
    running.push(first);
    const progress = await waitFor(first, new RegExp(`seeding athletes (${Math.ceil(total / 2)}|[4-9]\\d)/${total}`), 90_000);
    first.child.kill('SIGKILL');
    expect(await first.ended).toEqual({ code: null, signal: 'SIGKILL' });
    expect(first.output()).not.toMatch(/demo data ready/);
    process.stdout.write(`killed the first start at "${progress[0]}"\n`);

    const inspect = await open();
    try {
      await migrateToLatest(inspect.db);
      expect(await tableCounts(inspect.db)).toEqual({});
    } finally {
      await inspect.close();
    }

    // Second start: seeds again from scratch and serves.
    const second = spawnServer(serverEnv);
    running.push(second);
    const ready = await waitFor(second, /"port":(\d+),"startupMs":(\d+)[^\n]*Stride API ready/, 120_000);
    process.stdout.write(`the second start seeded and was ready in ${ready[2]} ms\n`);
    expect(second.output()).toMatch(/seeding the demo organization/);
    expect(second.output()).toMatch(/demo data ready/);
    expect((await fetch(`http://127.0.0.1:${ready[1]}/ready`)).status).toBe(200);
    second.child.kill('SIGTERM');
    expect((await second.ended).code).toBe(0);

    const check = await open();
    try {
      const orgs = await check.db
        .selectFrom('organizations as o')
        .leftJoin('users as u', (join) => join.onRef('u.org_id', '=', 'o.id').on('u.role', '=', 'athlete'))
        .select(['o.name', (eb) => eb.fn.count<number>('u.id').as('athletes')])
        .groupBy(['o.id', 'o.name'])
        .orderBy('o.id')
        .execute();
      expect(orgs.map((o) => [o.name, Number(o.athletes)])).toEqual([
        [DEMO, DEFAULT_SEED_OPTIONS.athletes],
        [SECOND, total - DEFAULT_SEED_OPTIONS.athletes],
      ]);
      // Every athlete has runs, daily rollups, health days and settings, and the rollups agree.
      const { rows } = await sql<Record<string, number>>`
        select
          (select count(distinct athlete_id) from activities)::int as with_runs,
          (select count(distinct athlete_id) from activity_daily)::int as with_days,
          (select count(distinct athlete_id) from health_daily)::int as with_health,
          (select count(*) from athlete_settings)::int as settings,
          (select count(*) from planned_workouts where completed_activity_id is not null)::int as completed`.execute(check.db);
      expect(rows[0]).toEqual({ with_runs: total, with_days: total, with_health: expect.any(Number), settings: total, completed: expect.any(Number) });
      expect(rows[0].with_health).toBeGreaterThan(total / 2);
      expect(rows[0].completed).toBeGreaterThan(0);
      expect(await rollupMismatches(check.db)).toEqual([]);
    } finally {
      await check.close();
    }
  }, 300_000);
});
