import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { assignCoach, createOrganization, createUser, labelAthlete } from '../helpers/fixtures';
import { errorCodes, execute } from '../helpers/graphql';
import type { App } from '../../src/app';
import { createTestApp, tokenFor } from '../helpers/auth';
import type { ExecutionResult } from 'graphql';
import { tenantReadPoolOf } from '../../src/db/tenant';
import { AthleteProfileDocument, AthleteRosterDocument, OrganizationDocument, type AthleteRosterQuery } from '../../operations/__generated__/graphql';

let t: TestDatabase;
let app: App;
let token: string;
const orgs: Record<'main' | 'other' | 'small' | 'large', { id: number; admin: number; athletes: number[] }> = {} as never;

async function createOrgWithAthletes(name: string, count: number, timezone = 'UTC') {
  const id = await createOrganization(t.db, name, timezone);
  const admin = await createUser(t.db, id, { role: 'admin', name: `${name} Admin` });
  const coach = await createUser(t.db, id, { role: 'coach', name: `${name} Coach` });
  const athletes: number[] = [];
  for (let i = 0; i < count; i++) {
    const athleteId = await createUser(t.db, id, { role: 'athlete', name: `${name} Runner ${String(i).padStart(3, '0')}`, timezone: 'Europe/London' });
    await assignCoach(t.db, id, coach, athleteId);
    if (i % 2 === 0) await labelAthlete(t.db, id, athleteId, 'Even');
    athletes.push(athleteId);
  }
  return { id, admin, athletes };
}

const asAdminOf = async (org: { id: number; admin: number }) => {
  token = await tokenFor({ orgId: org.id, userId: org.admin, role: 'ADMIN' });
};

beforeAll(async () => {
  t = await createTestDatabase();
  orgs.main = await createOrgWithAthletes('Main', 7, 'Australia/Sydney');
  orgs.other = await createOrgWithAthletes('Other', 3);
  orgs.small = await createOrgWithAthletes('Small', 10);
  orgs.large = await createOrgWithAthletes('Large', 100);
  // One athlete of Main without a zone of their own lives in the organization's zone.
  await t.db.updateTable('users').set({ timezone: null }).where('id', '=', orgs.main.athletes[6]).execute();
  app = createTestApp(t.db);
});

beforeEach(() => asAdminOf(orgs.main));

afterAll(() => t.close());

describe('athletes', () => {
  it('lists only the viewer organization’s athletes, by name, with a total count', async () => {
    const result = await execute(app, token, AthleteRosterDocument, { first: 5 });
    expect(result.errors).toBeUndefined();
    const names = result.data!.athletes!.edges.map((e) => e.node.name);
    expect(names).toEqual(['Main Runner 000', 'Main Runner 001', 'Main Runner 002', 'Main Runner 003', 'Main Runner 004']);
    expect(result.data!.athletes!.totalCount).toBe(7);
    expect(result.data!.athletes!.pageInfo.hasNextPage).toBe(true);
  });

  it('pages through every athlete exactly once with cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: ExecutionResult<AthleteRosterQuery> = await execute(app, token, AthleteRosterDocument, { first: 3, after });
      const connection = result.data!.athletes!;
      seen.push(...connection.edges.map((e) => e.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(orgs.main.athletes.map(String));
  });

  it('returns labels, coaches, and the organization zone for an athlete without one', async () => {
    const result = await execute(app, token, AthleteRosterDocument, { first: 100 });
    const nodes = result.data!.athletes!.edges.map((e) => e.node);
    expect(nodes[0]).toMatchObject({ labels: [{ name: 'Even' }], coaches: [{ name: 'Main Coach' }], timezone: 'Europe/London', unitSystem: 'METRIC' });
    expect(nodes[1].labels).toEqual([]);
    expect(nodes[6].timezone).toBe('Australia/Sydney');
  });

  it('rejects a page size over 100 instead of clamping it, naming the range', async () => {
    for (const first of [101, -1]) {
      const result = await execute(app, token, AthleteRosterDocument, { first });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0].message).toBe(`first must be between 0 and 100; got ${first}`);
      // Only the refusing field is null (docs/api.md, Which errors null what).
      expect(result.data).toEqual({ athletes: null });
    }
  });

  it('rejects a cursor it did not issue', async () => {
    const result = await execute(app, token, AthleteRosterDocument, { first: 2, after: 'bm90LWEtY3Vyc29y' });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(/after/);
  });

  it('resolves labels and coaches in a fixed number of statements, whatever the page size', async () => {
    const counts: number[] = [];
    for (const org of [orgs.small, orgs.large]) {
      await asAdminOf(org);
      await t.statements.settled();
      t.statements.reset();
      const result = await execute(app, token, AthleteRosterDocument, { first: 100 });
      expect(result.data!.athletes!.edges).toHaveLength(org.athletes.length);
      await t.statements.settled();
      counts.push(t.statements.queries);
    }
    // athletes page with its total count, labels with coaches
    expect(counts).toEqual([2, 2]);
    if (t.kind === 'embedded') {
      // the read-only transaction, opened with the organization set in one round trip
      expect(t.statements.sql[0]).toMatch(/^start transaction read only;\s*select set_config\('role', 'stride_app', true\), set_config\('app.org_id', '\d+', true\)/i);
      expect(t.statements.sql[3]).toMatch(/^commit/i);
    } else {
      // a pinned read connection: no transaction (the pin, if sent, is checked in tenant-pins.test.ts)
      expect(t.statements.sql.filter((s) => /^(start transaction|begin|commit)/i.test(s))).toEqual([]);
    }
  });

  it('counts the roster in the page statement only when totalCount is asked, through fragments too', async () => {
    const statementsOf = async (query: string, variables: Record<string, unknown> = {}) => {
      await t.statements.settled();
      t.statements.reset();
      const result = await execute(app, token, query, variables);
      expect(result.errors).toBeUndefined();
      await t.statements.settled();
      return { data: result.data as { athletes: { totalCount?: number; edges: unknown[] } }, count: t.statements.queries, sql: t.statements.sql };
    };
    const plain = await statementsOf('{ athletes(first: 2) { edges { node { id } } } }');
    expect(plain.data.athletes.totalCount).toBeUndefined();
    expect(plain.count).toBe(1);
    expect(plain.sql.join('\n')).not.toMatch(/count\(\*\) as "count"/);
    // Asked through a fragment, under an alias: still the page statement's count.
    const fragment = await statementsOf('query { athletes(first: 2) { ...Total edges { node { id } } } } fragment Total on AthleteConnection { total: totalCount }');
    expect(fragment.data.athletes).toMatchObject({ total: 7 });
    expect(fragment.count).toBe(1);
    // After a cursor the total is still the whole roster's, not what is left after it.
    const first = (await execute(app, token, '{ athletes(first: 3) { pageInfo { endCursor } } }')).data as { athletes: { pageInfo: { endCursor: string } } };
    const later = await statementsOf('query ($after: String) { athletes(first: 3, after: $after) { totalCount edges { node { id } } } }', { after: first.athletes.pageInfo.endCursor });
    expect(later.data.athletes).toMatchObject({ totalCount: 7, edges: [{}, {}, {}] });
    expect(later.count).toBe(1);
  });
});

describe('athlete(id)', () => {
  it('returns an athlete of the viewer organization', async () => {
    const result = await execute(app, token, AthleteProfileDocument, { id: String(orgs.main.athletes[2]) });
    expect(result.errors).toBeUndefined();
    expect(result.data!.athlete).toMatchObject({ id: String(orgs.main.athletes[2]), name: 'Main Runner 002', labels: [{ name: 'Even' }] });
  });

  it('answers NOT_FOUND for another organization’s athlete exactly as for a missing one', async () => {
    const foreign = await execute(app, token, AthleteProfileDocument, { id: String(orgs.other.athletes[0]) });
    const missing = await execute(app, token, AthleteProfileDocument, { id: '999999' });
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
    expect(foreign.data).toEqual({ athlete: null });
    expect(foreign.errors![0].message).toBe(`athlete ${orgs.other.athletes[0]} not found`);
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
  });

  it('answers BAD_USER_INPUT for an id that is not a database id', async () => {
    const result = await execute(app, token, AthleteProfileDocument, { id: 'abc' });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(/^id must be a positive integer id \(1\.\.2147483647\)/);
  });
});

describe('organization', () => {
  it('is the viewer’s own organization', async () => {
    await asAdminOf(orgs.other);
    const result = await execute(app, token, OrganizationDocument);
    expect(result.data).toEqual({ organization: { id: String(orgs.other.id), name: 'Other', timezone: 'UTC' }, athletes: { totalCount: 3 } });
  });
});

describe('errors', () => {
  it('masks unexpected errors: no message internals, no stack trace', async () => {
    const broken = createTestApp(t.db);
    // A database failure inside a resolver: the organization's transaction cannot start.
    jest.spyOn(tenantReadPoolOf(t.db), 'connection').mockImplementationOnce(() => {
      throw new Error('connection to 10.0.0.5 refused: password authentication failed');
    });
    const result = await execute(broken, token, '{ organization { name } }');
    expect(result.errors?.map((e) => e.message)).toEqual(['Unexpected error.']);
    expect(JSON.stringify(result)).not.toMatch(/password|10\.0\.0\.5|\.ts:\d+/);
  });
});

describe('a document with several operations', () => {
  it('runs the operation named in each request, whichever ran first', async () => {
    const app2 = createTestApp(t.db);
    const document = 'query A { viewer { role } } query B { organization { name } }';
    const post = async (operationName: string) => {
      const response = await app2.fetch('http://stride.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: document, operationName }),
      });
      return (await response.json()) as { data?: Record<string, unknown> };
    };
    for (const round of [1, 2]) {
      expect({ round, keys: Object.keys((await post('A')).data ?? {}) }).toEqual({ round, keys: ['viewer'] });
      expect({ round, keys: Object.keys((await post('B')).data ?? {}) }).toEqual({ round, keys: ['organization'] });
    }
  });
});
