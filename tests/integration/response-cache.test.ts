import { createServer, request as httpRequest, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { assignCoach, createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { upsertActivities } from '../../src/ingest/activities';
import type { App } from '../../src/app';

// The response cache (issue 18): a repeated read is answered from memory for one statement,
// and a write, committed by this process, another one or a script on the database, is in the
// very next read of anyone who may see it.

const NOW = new Date('2026-03-10T12:00:00Z');
const CACHE = { maxBytes: 8 * 1024 * 1024, ttlMs: 60_000 };

let t: TestDatabase;
let app: App;
let servers: Server[];
/** Where requests go: yoga alone, or a Node server as main.ts runs it (the HTTP layer first). */
const bases = {} as Record<'yoga' | 'node', string>;
let base: string;
let orgId: number;
let otherOrgId: number;
let clock = NOW;
const ids = {} as Record<'di' | 'bo' | 'coach' | 'admin' | 'otherAthlete', number>;
const tokens = {} as Record<'admin' | 'coach' | 'di' | 'otherAdmin', string>;

const PROFILE = `query Profile($id: ID!) { athlete(id: $id) { id name recentActivities(first: 50) { edges { node { id distance } } } } }`;
const RENAME = `mutation Rename($input: UpdateAthleteInput!) { updateAthlete(input: $input) { athlete { id name } } }`;
const INGEST = `mutation($athleteId: ID!, $activities: [ActivityInput!]!) { ingestActivities(athleteId: $athleteId, activities: $activities) { written } }`;

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string; json: any }

/** One HTTP exchange on the given agent's single connection. */
function send(agent: Agent, token: string, init: { method?: 'GET' | 'POST'; query?: string; variables?: unknown; path?: string; headers?: Record<string, string> }): Promise<Reply> {
  const method = init.method ?? 'POST';
  const body = method === 'POST' ? JSON.stringify({ query: init.query, variables: init.variables }) : undefined;
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${init.path ?? '/graphql'}`, {
      method, agent,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : { 'x-graphql-yoga-csrf': '1' }), ...init.headers },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text, json: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const reader = new Agent({ keepAlive: true, maxSockets: 1 });
const writer = new Agent({ keepAlive: true, maxSockets: 1 });

const profileOf = async (token: string, id: number, agent = reader) => {
  const reply = await send(agent, token, { query: PROFILE, variables: { id: String(id) } });
  expect(reply.json.errors).toBeUndefined();
  return reply;
};

/** A run as the ingestActivities mutation takes it... */
const run = (externalId: string, day: string, distance: number) => ({
  source: 'test', externalId, startTime: `${day}T07:00:00Z`, distance, movingTime: Math.round(distance * 0.3), sport: 'run',
});
/** ...and as the importers hand it to upsertActivities. */
const record = (externalId: string, day: string, distance: number) => ({
  source: 'test', externalId, startTime: new Date(`${day}T07:00:00Z`), distanceM: distance, movingS: Math.round(distance * 0.3), elapsedS: Math.round(distance * 0.3),
});

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Cache Club');
  otherOrgId = await createOrganization(t.db, 'Other Club');
  ids.di = await createUser(t.db, orgId, { role: 'athlete', name: 'Di', timezone: 'Europe/Paris' });
  ids.bo = await createUser(t.db, orgId, { role: 'athlete', name: 'Bo', timezone: 'Europe/Paris' });
  ids.coach = await createUser(t.db, orgId, { role: 'coach', name: 'Coach' });
  ids.admin = await createUser(t.db, orgId, { role: 'admin', name: 'Admin' });
  ids.otherAthlete = await createUser(t.db, otherOrgId, { role: 'athlete', name: 'Elsewhere' });
  const otherAdmin = await createUser(t.db, otherOrgId, { role: 'admin', name: 'Other Admin' });
  await assignCoach(t.db, orgId, ids.coach, ids.di);
  tokens.admin = await tokenFor({ orgId, userId: ids.admin, role: 'ADMIN' });
  tokens.coach = await tokenFor({ orgId, userId: ids.coach, role: 'COACH' });
  tokens.di = await tokenFor({ orgId, userId: ids.di, role: 'ATHLETE' });
  tokens.otherAdmin = await tokenFor({ orgId: otherOrgId, userId: otherAdmin, role: 'ADMIN' });
  app = createTestApp(t.db, { responseCache: CACHE, clock: () => clock });
  servers = [createServer(app), createServer(app.nodeListener)];
  expect(app.nodeListener).not.toBe(app);
  for (const [k, server] of servers.entries()) {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    bases[k === 0 ? 'yoga' : 'node'] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  base = bases.yoga;
});

afterAll(async () => {
  reader.destroy();
  writer.destroy();
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await t.close();
});

beforeEach(() => {
  clock = NOW;
});

/** Counts from here on: the last read's COMMIT, sent after its answer, is let through first. */
const quiet = async () => {
  await t.statements.settled();
  t.statements.reset();
};

const versionOf = async (org: number) =>
  Number((await sql<{ version: string }>`select version from organization_data_versions where org_id = ${org}`.execute(t.db)).rows[0]?.version ?? 0);

describe('the data version', () => {
  test('every table with an org_id, and organizations, raises it on insert, update and delete', async () => {
    const { rows } = await sql<{ table_name: string; triggers: string[] }>`
      select c.table_name, array(select g.tgname::text from pg_trigger g where g.tgrelid = c.table_name::regclass
        and g.tgname like 'mark_data_version_%' order by 1) as triggers
      from information_schema.columns c
      join information_schema.tables tb using (table_schema, table_name)
      where c.table_schema = 'public' and c.column_name = 'org_id' and tb.table_type = 'BASE TABLE'
        and c.table_name not in ('organization_data_versions', 'organization_data_version_marks', 'organization_events')
      union all
      select 'organizations', array(select tgname::text from pg_trigger where tgrelid = 'organizations'::regclass
        and tgname like 'mark_data_version_%' order by 1)`.execute(t.db);
    expect(rows.length).toBeGreaterThan(20);
    const expected = ['mark_data_version_delete', 'mark_data_version_insert', 'mark_data_version_update'];
    expect(rows.filter((r) => r.triggers.join() !== expected.join())).toEqual([]);
    // The outbox marks on insert only: numbering it (an update) and retention (a delete) change no data.
    const outbox = await sql<{ tgname: string }>`select tgname from pg_trigger where tgrelid = 'organization_events'::regclass and tgname like 'mark_data_version_%'`.execute(t.db);
    expect(outbox.rows.map((r) => r.tgname)).toEqual(['mark_data_version_insert']);
  });

  test('a transaction raises its organization once, however many rows it writes, and no other', async () => {
    const before = [await versionOf(orgId), await versionOf(otherOrgId)];
    await upsertActivities(t.db, orgId, ids.bo, [record('v-1', '2026-03-01', 5000), record('v-2', '2026-03-02', 6000), record('v-3', '2026-03-03', 7000)], { now: NOW });
    expect([await versionOf(orgId), await versionOf(otherOrgId)]).toEqual([before[0] + 1, before[1]]);
  });

  test('a transaction leaves no mark behind, and one that rolls back raises nothing', async () => {
    expect((await sql`select * from organization_data_version_marks`.execute(t.db)).rows).toEqual([]);
    const before = await versionOf(orgId);
    await expect(t.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ name: 'Never' }).where('id', '=', ids.bo).execute();
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    expect(await versionOf(orgId)).toBe(before);
  });
});

describe.each([
  ['through yoga', 'yoga'],
  ['through the HTTP layer first, as main.ts serves', 'node'],
] as const)('%s', (_how, which) => {
  beforeAll(() => {
    base = bases[which];
  });
  afterAll(() => {
    base = bases.yoga;
  });

  describe('repeated reads', () => {
    test('the repeat is the same bytes for one statement, with an ETag and a private, revalidate-first policy', async () => {
      const first = await profileOf(tokens.admin, ids.di);
      await quiet();
      const second = await profileOf(tokens.admin, ids.di);
      expect(t.statements.sql).toEqual([expect.stringMatching(/organization_data_versions/)]);
      expect(second.body).toBe(first.body);
      expect(second.headers.etag).toBe(first.headers.etag);
      expect(second.headers['cache-control']).toBe('private, no-cache');
    });

    test('viewers keep their own answers: another athlete and another organization never get the admin\'s', async () => {
      const asAdmin = await profileOf(tokens.admin, ids.bo);
      expect(asAdmin.json.data.athlete.name).toBe('Bo');
      // Di sees only herself; the other organization cannot see Bo.
      for (const token of [tokens.di, tokens.otherAdmin]) {
        const reply = await send(reader, token, { query: PROFILE, variables: { id: String(ids.bo) } });
        expect(reply.body).not.toBe(asAdmin.body);
        expect(reply.json.data?.athlete ?? null).toBeNull();
      }
      // A coach reads every athlete: the same answer, computed for the coach's own entry.
      await quiet();
      expect((await profileOf(tokens.coach, ids.bo)).body).toBe(asAdmin.body);
      expect(t.statements.queries).toBeGreaterThan(1);
    });

    test('answers with an error are never kept', async () => {
      const bad = { query: `query($id: ID!, $first: Int) { athlete(id: $id) { id recentActivities(first: $first) { edges { node { id } } } } }`, variables: { id: String(ids.di), first: 5000 } };
      await send(reader, tokens.admin, bad);
      await quiet();
      const again = await send(reader, tokens.admin, bad);
      expect(again.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(again.headers.etag).toBeUndefined();
      expect(t.statements.queries).toBeGreaterThan(1);
    });

    test('an entry lives until the next quarter hour at most, when a day can turn somewhere', async () => {
      clock = new Date('2026-03-10T12:14:00Z');
      await profileOf(tokens.admin, ids.di);
      await quiet();
      await profileOf(tokens.admin, ids.di);
      expect(t.statements.queries).toBe(1);
      clock = new Date('2026-03-10T12:15:00Z');
      await quiet();
      await profileOf(tokens.admin, ids.di);
      expect(t.statements.queries).toBeGreaterThan(1);
    });
  });

  describe('writes are in the next read', () => {
    test('interleaved on two connections: every read after a write returned shows it, never an older name', async () => {
      await send(writer, tokens.admin, { query: RENAME, variables: { input: { id: String(ids.di), name: 'Di' } } });
      await profileOf(tokens.coach, ids.di);
      for (let round = 1; round <= 25; round++) {
        const name = `Di ${round}`;
        // A read racing the write may show either name, but never one older than the last returned write.
        const [written, racing] = await Promise.all([
          send(writer, tokens.admin, { query: RENAME, variables: { input: { id: String(ids.di), name } } }),
          profileOf(tokens.coach, ids.di),
        ]);
        expect(written.json.errors).toBeUndefined();
        expect([name, `Di ${round - 1}`, 'Di']).toContain(racing.json.data.athlete.name);
        const [asCoach, asAthlete] = [await profileOf(tokens.coach, ids.di), await profileOf(tokens.di, ids.di)];
        expect(asCoach.json.data.athlete.name).toBe(name);
        expect(asAthlete.json.data.athlete.name).toBe(name);
        expect((await profileOf(tokens.coach, ids.di)).headers.etag).toBe(asCoach.headers.etag);
      }
    });

    test('a run imported by a script or another server instance is in the next cached read', async () => {
      const count = async () => (await profileOf(tokens.coach, ids.di)).json.data.athlete.recentActivities.edges.length;
      const start = await count();
      expect(await count()).toBe(start);
      // As the CLI import writes: straight to the database, no request of this server involved.
      await upsertActivities(t.db, orgId, ids.di, [record(`script-${which}`, which === 'yoga' ? '2026-03-05' : '2026-03-07', 8000)], { now: NOW });
      expect(await count()).toBe(start + 1);
      const otherInstance = createTestApp(t.db, { responseCache: CACHE, clock: () => clock });
      const ingested = await otherInstance.fetch('http://stride.test/graphql', {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.coach}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: INGEST, variables: { athleteId: String(ids.di), activities: [run(`other-${which}`, which === 'yoga' ? '2026-03-06' : '2026-03-08', 9000)] } }),
      });
      const answer = await ingested.json();
      expect(answer.errors).toBeUndefined();
      expect(answer.data.ingestActivities.written).toBe(1);
      expect(await count()).toBe(start + 2);
    });

    test('a write in another organization leaves this one\'s answers cached', async () => {
      await profileOf(tokens.admin, ids.di);
      await upsertActivities(t.db, otherOrgId, ids.otherAthlete, [record('elsewhere-1', '2026-03-05', 8000)], { now: NOW });
      await quiet();
      await profileOf(tokens.admin, ids.di);
      expect(t.statements.queries).toBe(1);
    });
  });
});

describe('GET with If-None-Match', () => {
  const get = (token: string, headers: Record<string, string> = {}) =>
    send(reader, token, { method: 'GET', path: `/graphql?query=${encodeURIComponent(PROFILE)}&variables=${encodeURIComponent(JSON.stringify({ id: String(ids.di) }))}`, headers });

  test('a current ETag is 304 with no body for one statement; after a write it is a full answer with a new ETag', async () => {
    const first = await get(tokens.coach);
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    await quiet();
    const revalidated = await get(tokens.coach, { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.headers.etag).toBe(etag);
    expect(t.statements.queries).toBe(1);
    // Another viewer's tag is not this viewer's answer.
    expect((await get(tokens.di, { 'if-none-match': etag })).status).toBe(200);

    await send(writer, tokens.admin, { query: RENAME, variables: { input: { id: String(ids.di), name: 'Di renamed' } } });
    const changed = await get(tokens.coach, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.json.data.athlete.name).toBe('Di renamed');
    expect(changed.headers.etag).not.toBe(etag);
  });

  test('mutations are never answered from the cache', async () => {
    const rename = { query: RENAME, variables: { input: { id: String(ids.bo), name: 'Bo' } } };
    await send(writer, tokens.admin, rename);
    await quiet();
    const again = await send(writer, tokens.admin, rename);
    expect(again.json.data.updateAthlete.athlete.name).toBe('Bo');
    expect(again.headers.etag).toBeUndefined();
    expect(t.statements.sql.some((s) => /update "users"/i.test(s))).toBe(true);
  });
});

test('/metrics counts the cacheable reads by outcome', async () => {
  const text = await (await app.fetch('http://stride.test/metrics')).text();
  const count = (outcome: string) => Number(new RegExp(`stride_response_cache_total\\{outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  // The tests above answered hits, misses and 304s.
  expect(count('hit')).toBeGreaterThan(10);
  // The same reads through main.ts's server were answered before GraphQL.
  expect(count('hit_http')).toBeGreaterThan(10);
  expect(count('miss')).toBeGreaterThan(10);
  expect(count('not_modified')).toBeGreaterThanOrEqual(1);
});
