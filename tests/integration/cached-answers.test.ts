import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { TEST_AUTH, createTestApp, tokenFor } from '../helpers/auth';
import { createLogger } from '../../src/logger';
import type { App } from '../../src/app';

// The response cache's HTTP side (src/http/cached-answers.ts): a repeated POST is answered
// before GraphQL with yoga's own bytes and headers, and whatever that layer cannot be sure of
// goes to yoga. (Writes between repeats: response-cache.test.ts runs through this layer too.)

const CACHE = { maxBytes: 8 * 1024 * 1024, ttlMs: 60_000 };
const ROSTER = 'query Roster { athletes(first: 10) { totalCount edges { node { id name } } } }';

let t: TestDatabase;
let app: App;
let servers: Server[];
let node: string;
let yogaOnly: string;
let admin: string;
const athletes: number[] = [];
const lines: string[] = [];

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; names: string[]; body: string }

function post(base: string, headers: Record<string, string>, body: string, chunked = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, names: res.rawHeaders.filter((_, k) => k % 2 === 0).sort(), body: text }));
    });
    req.on('error', reject);
    if (chunked) {
      // No content-length: Node sends the body chunked.
      req.write(body.slice(0, 10));
      req.end(body.slice(10));
    } else {
      req.setHeader('content-length', Buffer.byteLength(body));
      req.end(body);
    }
  });
}

const body = (query = ROSTER) => JSON.stringify({ query, operationName: 'Roster' });

async function answeredBeforeGraphql(): Promise<number> {
  const text = await (await app.fetch('http://stride.test/metrics')).text();
  return Number(/stride_response_cache_total\{outcome="hit_http"\} (\d+)/.exec(text)?.[1] ?? 0);
}

/** The same request twice through main.ts's server; how many of them the HTTP layer answered. */
async function twice(headers: Record<string, string>, text = body(), chunked = false) {
  const before = await answeredBeforeGraphql();
  const first = await post(node, headers, text, chunked);
  const second = await post(node, headers, text, chunked);
  return { first, second, answered: (await answeredBeforeGraphql()) - before };
}

beforeAll(async () => {
  t = await createTestDatabase();
  const orgId = await createOrganization(t.db, 'Layer Club');
  const adminId = await createUser(t.db, orgId, { role: 'admin', name: 'Admin' });
  for (const name of ['Ada', 'Bea', 'Cy']) athletes.push(await createUser(t.db, orgId, { role: 'athlete', name }));
  admin = await tokenFor({ orgId, userId: adminId, role: 'ADMIN' });
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  app = createTestApp(t.db, { responseCache: CACHE, auth: { ...TEST_AUTH, persistedOnlyAudiences: ['stride-mobile'] }, logger });
  servers = [createServer(app.nodeListener), createServer(app)];
  const bases: string[] = [];
  for (const server of servers) {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    bases.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  [node, yogaOnly] = bases;
});

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await t.close();
});

describe('a repeated POST', () => {
  // Each asks a page of its own size: no Accept, */* and application/json share their entries.
  it.each([
    ['no Accept', {}, 20],
    ['Accept */*', { accept: '*/*' }, 21],
    ['Accept application/json', { accept: 'application/json' }, 22],
    ['Accept application/graphql-response+json', { accept: 'application/graphql-response+json' }, 23],
  ])('with %s is answered before GraphQL, with the bytes and headers yoga gave', async (_what, accept, size) => {
    const headers = { authorization: `Bearer ${admin}`, ...accept };
    const { first, second, answered } = await twice(headers, body(ROSTER.replace('first: 10', `first: ${size}`)));
    expect(answered).toBe(1);
    expect(JSON.parse(first.body).data.athletes.totalCount).toBe(3);
    expect(second.status).toBe(first.status);
    expect(second.body).toBe(first.body);
    for (const header of ['content-type', 'content-length', 'etag', 'cache-control']) expect([header, second.headers[header]]).toEqual([header, first.headers[header]]);
    // The same header names, spelt the same (Date, Connection and Keep-Alive are Node's own).
    expect(second.names).toEqual(first.names);
    // yoga alone answers this Accept with the same type.
    expect((await post(yogaOnly, headers, body())).headers['content-type']).toBe(second.headers['content-type']);
  });

  it('with another Accept of the same answer type, from the same entry', async () => {
    const text = body(ROSTER.replace('first: 10', 'first: 30'));
    await post(node, { authorization: `Bearer ${admin}` }, text);
    const before = await answeredBeforeGraphql();
    await post(node, { authorization: `Bearer ${admin}`, accept: 'application/json' }, text);
    expect(await answeredBeforeGraphql()).toBe(before + 1);
  });

  it('writes a request line of its own', async () => {
    lines.length = 0;
    await twice({ authorization: `Bearer ${admin}` }, body(ROSTER.replace('first: 10', 'first: 9')));
    const requests = lines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(2);
    expect(requests[1]).toMatchObject({ operation: 'Roster', status: 200, cached: true });
    expect(requests[1].orgId).toBe(requests[0].orgId);
  });

  it('is not answered from another viewer\'s entry', async () => {
    const { first } = await twice({ authorization: `Bearer ${admin}` }, body(ROSTER.replace('first: 10', 'first: 8')));
    const before = await answeredBeforeGraphql();
    const orgB = await createOrganization(t.db, 'Other Club');
    const otherAdmin = await tokenFor({ orgId: orgB, userId: await createUser(t.db, orgB, { role: 'admin', name: 'Other' }), role: 'ADMIN' });
    const other = await post(node, { authorization: `Bearer ${otherAdmin}` }, body(ROSTER.replace('first: 10', 'first: 8')));
    expect(JSON.parse(other.body).data.athletes.totalCount).toBe(0);
    expect(other.body).not.toBe(first.body);
    expect(await answeredBeforeGraphql()).toBe(before);
  });
});

describe('left to yoga', () => {
  it.each([
    ['a browser\'s request (Origin)', { origin: 'https://coach.example' }],
    ['an Accept it does not know', { accept: 'application/json, text/plain' }],
    ['a consistency token', { 'stride-consistency-token': 'x' }],
  ])('%s', async (_what, extra) => {
    const { first, second, answered } = await twice({ authorization: `Bearer ${admin}`, ...extra });
    expect(answered).toBe(0);
    expect(JSON.parse(second.body)).toEqual(JSON.parse(first.body));
    expect(JSON.parse(second.body).data.athletes.totalCount).toBe(3);
  });

  it('a chunked body (no length): refused as yoga refuses it', async () => {
    const { second, answered } = await twice({ authorization: `Bearer ${admin}` }, body(), true);
    expect(answered).toBe(0);
    const fromYoga = await post(yogaOnly, { authorization: `Bearer ${admin}` }, body(), true);
    expect([second.status, second.body]).toEqual([fromYoga.status, fromYoga.body]);
    expect(second.status).toBe(411);
  });

  it('a token that does not verify: UNAUTHENTICATED, as ever', async () => {
    const { second, answered } = await twice({ authorization: 'Bearer not.a.token' });
    expect(answered).toBe(0);
    expect(JSON.parse(second.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a token that may send persisted operations only: PERSISTED_QUERY_ONLY, as ever', async () => {
    const mobile = await tokenFor({ orgId: 1, userId: 1, role: 'ADMIN' }, 'stride-mobile');
    const { second, answered } = await twice({ authorization: `Bearer ${mobile}` });
    expect(answered).toBe(0);
    expect(JSON.parse(second.body).errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('a mutation, every time', async () => {
    const rename = JSON.stringify({ query: `mutation { updateAthlete(input: { id: "${athletes[0]}", name: "Ada" }) { athlete { name } } }` });
    const { second, answered } = await twice({ authorization: `Bearer ${admin}` }, rename);
    expect(answered).toBe(0);
    expect(JSON.parse(second.body)).toEqual({ data: { updateAthlete: { athlete: { name: 'Ada' } } } });
    expect(second.headers.etag).toBeUndefined();
  });
});
