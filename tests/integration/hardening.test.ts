import { serverAudits } from 'graphql-http';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, TEST_AUTH, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import type { App } from '../../src/app';
import persistedMobile from '../../operations/__generated__/mobile/persisted-documents.json';

let t: TestDatabase;
let app: App;
let token: string;
let mobileToken: string;
let athleteId: number;

const post = (target: App, body: unknown, headers: Record<string, string> = {}) =>
  target.fetch('http://stride.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  t = await createTestDatabase();
  const orgId = await createOrganization(t.db, 'Hardened Club');
  const coachId = await createUser(t.db, orgId, { role: 'coach', name: 'Hilde Coach' });
  athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Harriet Runner', timezone: 'Europe/Oslo' });
  token = await tokenFor({ orgId, userId: coachId, role: 'COACH' });
  mobileToken = await tokenFor({ orgId, userId: coachId, role: 'COACH' }, 'stride-mobile');
  app = createTestApp(t.db);
});

afterAll(() => t.close());

describe('query limits', () => {
  it.each([
    ['aliases over 15', `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`, /Aliases limit of 15 exceeded/],
    ['directives over 10', `{ viewer { ${Array.from({ length: 11 }, (_, i) => `r${i}: role @include(if: true)`).join(' ')} } }`, /Directives limit of 10 exceeded/],
    ['tokens over 2000', `{ viewer { ${'role '.repeat(2001)} } }`, /Token limit of 2000 exceeded/],
  ])('rejects %s before execution', async (_name, query, message) => {
    const result = await execute(app, token, query);
    expect(errorCodes(result)).toEqual([expect.stringMatching(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/)]);
    expect(result.errors![0].message).toMatch(message);
    expect(result.data).toBeUndefined();
  });

  it('rejects a query deeper than the depth limit', async () => {
    // Today's schema is at most 4 levels deep, under the limit of 10; a lower limit proves the check.
    const shallow = createTestApp(t.db, { queryLimits: { maxDepth: { n: 3 } } });
    expect((await execute(shallow, token, '{ viewer { athlete { id } } }')).errors).toBeUndefined();
    const result = await execute(shallow, token, '{ viewer { athlete { coaches { id } } } }');
    expect(errorCodes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(result.errors![0].message).toMatch(/Query depth limit of 3 exceeded, found 4/);
  });

  it('rejects a query whose cost is over 150000 (the model: query-cost.test.ts)', async () => {
    const wide = Array.from({ length: 8 }, (_, i) => `a${i}: athletes(first: 100) { edges { node { id name recentActivities(first: 100) { edges { node { id distance movingTime } } } } } }`).join(' ');
    const result = await execute(app, token, `{ ${wide} }`);
    expect(result.status).toBe(400);
    expect(errorCodes(result)).toEqual(['QUERY_TOO_COSTLY']);
    expect(result.errors![0].message).toMatch(/^query cost 162,408 exceeds the limit of 150,000/);
  });

  it('lets every mobile operation through', async () => {
    for (const document of Object.values(persistedMobile)) {
      expect((await execute(app, token, document, { id: String(athleteId) })).errors).toBeUndefined();
    }
  });
});

describe('HTTP hardening', () => {
  it('refuses a body over the size limit with 413 before parsing it', async () => {
    const small = createTestApp(t.db, { maxBodyBytes: 2048 });
    const body = JSON.stringify({ query: `{ viewer { role } } # ${'x'.repeat(3000)}` });
    const response = await post(small, body, { 'content-length': String(Buffer.byteLength(body)) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errors: [{ message: 'request body is over the limit of 2048 bytes', extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('refuses a browser-simple GET without the CSRF header, and allows it with one', async () => {
    const url = `http://stride.test/graphql?query=${encodeURIComponent('{ viewer { role } }')}`;
    const simple = await app.fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(simple.status).toBe(403);
    const withHeader = await app.fetch(url, { headers: { authorization: `Bearer ${token}`, 'x-graphql-yoga-csrf': '1' } });
    expect(await withHeader.json()).toEqual({ data: { viewer: { role: 'COACH' } } });
  });

  it('does not batch', async () => {
    const response = await post(app, [{ query: '{ viewer { role } }' }, { query: '{ viewer { role } }' }]);
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].message).toBe('Batching is not supported.');
  });

  it('keeps introspection and suggestions by default, and drops both when configured off', async () => {
    const open = await execute(app, token, '{ __schema { queryType { name } } viewr { role } }');
    expect(JSON.stringify(open)).toContain('Did you mean');
    const closed = createTestApp(t.db, { introspection: false });
    const introspection = await execute(closed, token, '{ __schema { queryType { name } } }');
    expect(errorCodes(introspection)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(introspection.errors![0].message).toMatch(/introspection has been disabled/);
    const typo = await execute(closed, token, '{ viewr { role } }');
    expect(typo.errors![0].message).not.toContain('Did you mean');
  });
});

describe('persisted operations for the mobile client', () => {
  const [hash, document] = Object.entries(persistedMobile).find(([, doc]) => doc.includes('query Me'))!;
  const mobileOnly = () => createTestApp(t.db, { auth: { ...TEST_AUTH, persistedOnlyAudiences: ['stride-mobile'] } });

  it('runs a mobile operation by its hash', async () => {
    const response = await post(mobileOnly(), { documentId: hash }, { authorization: `Bearer ${mobileToken}` });
    expect(await response.json()).toMatchObject({ data: { viewer: { role: 'COACH' } } });
  });

  it('runs a mobile operation by GET ?documentId= with its variables (with the CSRF header a GET needs)', async () => {
    const [summaryHash] = Object.entries(persistedMobile).find(([, doc]) => doc.includes('query AthleteSummary'))!;
    const url = `http://stride.test/graphql?documentId=${encodeURIComponent(summaryHash)}&variables=${encodeURIComponent(JSON.stringify({ id: '999999' }))}`;
    const headers = { authorization: `Bearer ${mobileToken}`, accept: 'application/json', 'x-graphql-yoga-csrf': '1' };
    const response = await mobileOnly().fetch(url, { method: 'GET', headers });
    const body = await response.json();
    // The operation ran (the id names no athlete of the organization): not a missing-query error.
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const me = await mobileOnly().fetch(`http://stride.test/graphql?documentId=${encodeURIComponent(hash)}`, { method: 'GET', headers });
    expect(await me.json()).toMatchObject({ data: { viewer: { role: 'COACH' } } });
  });

  it('refuses arbitrary queries from the persisted-only mobile audience', async () => {
    const response = await post(mobileOnly(), { query: document }, { authorization: `Bearer ${mobileToken}` });
    const body = await response.json();
    expect(body.data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('keeps arbitrary queries for the web and analyst audience', async () => {
    const response = await post(mobileOnly(), { query: '{ viewer { role } }' });
    expect((await response.json()).data.viewer.role).toBe('COACH');
  });

  it('answers an unknown hash with a clear error', async () => {
    const response = await post(mobileOnly(), { documentId: 'sha256:0000' }, { authorization: `Bearer ${mobileToken}` });
    expect((await response.json()).errors[0]).toEqual({
      message: 'PersistedQueryNotFound: no persisted operation has this documentId',
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
    });
  });
});

describe('GraphQL over HTTP conformance (graphql-http serverAudits)', () => {
  const audits = serverAudits({
    url: 'http://stride.test/graphql',
    fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${token}`);
      return app.fetch(input as string, { ...init, headers });
    },
  });

  it('has MUST audits to run', () => {
    expect(audits.filter((a) => a.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });

  it.each(audits.filter((a) => a.name.startsWith('MUST')).map((a) => [a.name, a] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect(result.status === 'ok' ? 'ok' : `${result.status}: ${'reason' in result ? result.reason : ''}`).toBe('ok');
  });
});
