import { sql, type Kysely } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../../src/db/client';
import { readOnlyAsTenant, tenantReadPoolOf } from '../../src/db/tenant';
import { TENANT_PIN_MARK } from '../../src/db/tenant-pins';
import type { Database } from '../../src/db/types';
import { migrateToLatest } from '../../db/migrate';
import { createScratchDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';

// PostgreSQL's queries run on connections pinned to an organization at session level
// (src/db/tenant-pins.ts, docs/design.md, Tenant isolation). One connection per pool here, so
// every request takes the connection the last one left, pinned to whichever organization.
// The embedded database has no read pool (its one session is shared), so there is nothing to pin.
const ON_POSTGRES = Boolean(process.env.DATABASE_URL);
const describeOnPostgres = ON_POSTGRES ? describe : describe.skip;

describeOnPostgres('tenant read connections', () => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let url: string;
  const sent: string[] = [];
  const orgs: { a: number; b: number } = { a: 0, b: 0 };

  beforeAll(async () => {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL!, 'stride_pins');
    drop = scratch.drop;
    url = scratch.url;
    handle = await createDatabase({ databaseUrl: scratch.url, dataDir: 'unused', poolSize: 1, onQuery: (text) => sent.push(text) });
    await migrateToLatest(handle.db);
    orgs.a = await createOrganization(handle.db, 'Club A');
    orgs.b = await createOrganization(handle.db, 'Club B');
    for (const name of ['Ada', 'Ann']) await createUser(handle.db, orgs.a, { role: 'athlete', name });
    await createUser(handle.db, orgs.b, { role: 'athlete', name: 'Bo' });
  });

  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });

  const pinsSent = () => sent.filter((s) => s.startsWith(TENANT_PIN_MARK)).length;

  /** One query as the organization: the names it can see, its session's settings and backend. */
  const readAs = (orgId: number, timeoutMs = 5_000) =>
    readOnlyAsTenant(handle.db, orgId, timeoutMs, async (db) => {
      const names = await sql<{ name: string }>`select name from users order by name`.execute(db);
      const session = await sql<{ role: string; org: string; timeout: string; readOnly: string; pid: number }>`
        select current_user as role, current_setting('app.org_id') as org, current_setting('statement_timeout') as timeout,
          current_setting('transaction_read_only') as "readOnly", pg_backend_pid() as pid`.execute(db);
      return { names: names.rows.map((r) => r.name), ...session.rows[0] };
    }, () => {}, 'generic');

  it('sees only the organization it is pinned to, and sends a pin only when the organization changes', async () => {
    sent.length = 0;
    const seen = [];
    for (const org of [orgs.a, orgs.a, orgs.b, orgs.a]) {
      const before = pinsSent();
      const read = await readAs(org);
      seen.push({ names: read.names, org: Number(read.org), pinSent: pinsSent() - before });
    }
    expect(seen).toEqual([
      { names: ['Ada', 'Ann'], org: orgs.a, pinSent: 1 },
      { names: ['Ada', 'Ann'], org: orgs.a, pinSent: 0 },
      { names: ['Bo'], org: orgs.b, pinSent: 1 },
      { names: ['Ada', 'Ann'], org: orgs.a, pinSent: 1 },
    ]);
    // No transaction frame at all.
    expect(sent.filter((s) => /^(begin|start transaction|commit|rollback)/i.test(s))).toEqual([]);
  });

  it('runs as the app role, read-only, with the statement timeout of the pin', async () => {
    const read = await readAs(orgs.b, 4_321);
    expect({ role: read.role, readOnly: read.readOnly, timeout: read.timeout }).toEqual({ role: 'stride_app', readOnly: 'on', timeout: '4321ms' });
    await expect(
      readOnlyAsTenant(handle.db, orgs.b, 5_000, (db) => sql`insert into organizations (name, timezone) values ('Sneaky', 'UTC')`.execute(db), () => {}),
    ).rejects.toMatchObject({ code: '25006' });
  });

  it('refuses a statement on a read connection that this checkout has not pinned, before sending it', async () => {
    await readAs(orgs.a);
    sent.length = 0;
    const reads: Kysely<Database> = tenantReadPoolOf(handle.db);
    expect(reads).not.toBe(handle.db);
    await expect(reads.selectFrom('users').select('name').execute()).rejects.toThrow(/before its organization was pinned/);
    // The same connection, still pinned to A from the last request, was not used.
    expect(sent).toEqual([]);
  });

  it('with DB_PINNED_READS=false, a query opens a read-only transaction on the main pool instead', async () => {
    const unpinnedSent: string[] = [];
    const unpinned = await createDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 1, pinnedReads: false, onQuery: (text) => unpinnedSent.push(text) });
    try {
      expect(tenantReadPoolOf(unpinned.db)).toBe(unpinned.db);
      const names = await readOnlyAsTenant(unpinned.db, orgs.b, 5_000, async (db) => (await sql<{ name: string }>`select name from users`.execute(db)).rows, () => {});
      expect(names).toEqual([{ name: 'Bo' }]);
      for (let wait = 0; wait < 100 && !unpinnedSent.some((s) => /^commit/.test(s)); wait++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unpinnedSent).toEqual([expect.stringMatching(/^start transaction read only;/), 'select name from users', 'commit']);
    } finally {
      await unpinned.close();
    }
  });

  it('after its connection is killed, the next request pins a new one (no pin is assumed)', async () => {
    const first = await readAs(orgs.a);
    await sql`select pg_terminate_backend(${first.pid})`.execute(handle.db);
    // The pool drops the idle connection when its socket closes; a request that raced it would fail, never read unpinned.
    let read: Awaited<ReturnType<typeof readAs>> | null = null;
    for (let attempt = 0; attempt < 50 && !read; attempt++) {
      read = await readAs(orgs.a).catch(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return null;
      });
    }
    sent.length = 0;
    expect(read).toMatchObject({ names: ['Ada', 'Ann'], org: String(orgs.a) });
    expect(read!.pid).not.toBe(first.pid);
  });
});
