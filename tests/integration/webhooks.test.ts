import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import { schema } from '../../src/schema';
import { upsertActivities } from '../../src/ingest/activities';
import { verifySignature } from '../../src/live/webhooks/signature';
import { startWebhookDispatcher, type WebhookDispatcher, type WebhookDispatcherOptions } from '../../src/live/webhooks/dispatcher';
import type { HostResolver } from '../../src/live/webhooks/address-guard';
import type { App } from '../../src/app';

// Webhooks (issue 19, item 4): registered by admins, fed from the outbox, signed, retried with
// backoff, disabled after repeated failures, replayable, delivered once by two dispatchers
// over one database, never across organizations, and never to a refused address, neither at
// registration nor at delivery. The receivers are real HTTP servers on loopback.

let t: TestDatabase;
let app: App;
let strictApp: App;
const org = {} as Record<'a' | 'b', { id: number; admin: string; coach: string; athlete: number }>;

/** Names the tests resolve: receiver.test and rebind.test reach this machine, the others do not. */
const hosts: Record<string, string[]> = {
  'receiver.test': ['127.0.0.1'],
  'rebind.test': ['127.0.0.1'],
  'hooks.example.com': ['93.184.215.14'],
  'private.example.com': ['10.1.2.3'],
};
const resolveHost: HostResolver = async (host) => {
  const addresses = hosts[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: 4 as const }));
};

// ---- receivers, events, dispatchers -----------------------------------------------------

interface Received { headers: IncomingHttpHeaders; body: string }
interface Receiver { url: string; received: Received[]; answer: (n: number) => number; close(): Promise<void> }

const receivers: Receiver[] = [];

/** An HTTP server on 127.0.0.1 that keeps what it gets and answers `answer(n)` to the n-th request (1-based). */
async function startReceiver(answer: (n: number) => number = () => 200, host = 'receiver.test'): Promise<Receiver> {
  const receiver = { received: [] as Received[], answer } as Receiver;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      receiver.received.push({ headers: req.headers, body });
      const status = receiver.answer(receiver.received.length);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? 'boom' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://${host}:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  receivers.push(receiver);
  return receiver;
}

const dispatchers: WebhookDispatcher[] = [];
const FAST: WebhookDispatcherOptions = { pollMs: 15, retryBaseMs: 20, retryMaxMs: 80, maxAttempts: 5, disableAfterFailures: 50, requestTimeoutMs: 2_000, allowLoopback: true, resolveHost };

function dispatch(options: WebhookDispatcherOptions = {}): WebhookDispatcher {
  const dispatcher = startWebhookDispatcher(t.db, { ...FAST, ...options });
  dispatchers.push(dispatcher);
  return dispatcher;
}

/** Appends events to the outbox in one transaction: they are numbered at its COMMIT. */
async function emit(orgId: number, events: { kind: string; athleteId: number; payload?: unknown }[]): Promise<void> {
  await t.db.transaction().execute((trx) =>
    trx.insertInto('organization_events')
      .values(events.map((e) => ({ org_id: orgId, kind: e.kind, athlete_id: e.athleteId, payload: JSON.stringify(e.payload ?? { marker: `org-${orgId}` }) })))
      .execute());
}

async function waitFor<T>(what: string, probe: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

// ---- GraphQL ------------------------------------------------------------------------------

const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret webhookEndpoint { id url kinds enabled consecutiveFailures } } }`;
const ENDPOINTS = `{ webhookEndpoints { id url kinds enabled disabledReason consecutiveFailures
  deliveries(first: 100) { edges { node { id eventId kind status attempts lastStatusCode lastError createdAt nextAttemptAt deliveredAt } } } } }`;
const SET_ENABLED = `mutation($input: SetWebhookEndpointEnabledInput!) { setWebhookEndpointEnabled(input: $input) { webhookEndpoint { id enabled disabledReason consecutiveFailures } } }`;
const DELETE = `mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { deletedWebhookEndpointId } }`;
const REPLAY = `mutation($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { webhookDelivery { id status attempts nextAttemptAt } webhookEndpoint { id } } }`;

async function register(url: string, kinds: string[], token = org.a.admin, on = app) {
  const result = await execute<any, any>(on, token, REGISTER, { input: { url, kinds } });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.registerWebhookEndpoint as { secret: string; webhookEndpoint: { id: string; url: string; kinds: string[] } };
}

async function endpoints(token = org.a.admin) {
  const result = await execute<any, any>(app, token, ENDPOINTS);
  expect(result.errors).toBeUndefined();
  return result.data.webhookEndpoints as any[];
}

const deliveriesOf = async (endpointId: string, token = org.a.admin) =>
  (await endpoints(token)).find((e) => e.id === endpointId)!.deliveries.edges.map((e: any) => e.node);

// ---- set-up -------------------------------------------------------------------------------

beforeAll(async () => {
  t = await createTestDatabase();
  for (const key of ['a', 'b'] as const) {
    const id = await createOrganization(t.db, `Hook Club ${key}`);
    const admin = await createUser(t.db, id, { role: 'admin', name: `Admin ${key}` });
    const coach = await createUser(t.db, id, { role: 'coach', name: `Coach ${key}` });
    const athlete = await createUser(t.db, id, { role: 'athlete', name: `Runner ${key}`, timezone: 'Europe/Paris' });
    org[key] = { id, athlete, admin: await tokenFor({ orgId: id, userId: admin, role: 'ADMIN' }), coach: await tokenFor({ orgId: id, userId: coach, role: 'COACH' }) };
  }
  app = createTestApp(t.db, { webhooks: { allowLoopback: true, resolveHost } });
  strictApp = createTestApp(t.db, { webhooks: { allowLoopback: false, resolveHost } });
});

afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
  await sql`delete from webhook_endpoints`.execute(t.db);
});

afterAll(() => t.close());

// ---- the admin API --------------------------------------------------------------------------

describe('the admin API', () => {
  test('an admin registers an endpoint that gets the events from now on; its secret is shown once', async () => {
    await emit(org.a.id, [{ kind: 'RUNS_CHANGED', athleteId: org.a.athlete }]);
    const { rows } = await sql<{ event_seq: number }>`select event_seq from organization_data_versions where org_id = ${org.a.id}`.execute(t.db);
    const registered = await register('https://hooks.example.com/stride', ['SIGNAL_RAISED', 'RUNS_CHANGED', 'RUNS_CHANGED']);
    expect(registered.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(registered.webhookEndpoint).toMatchObject({ url: 'https://hooks.example.com/stride', kinds: ['RUNS_CHANGED', 'SIGNAL_RAISED'], enabled: true, consecutiveFailures: 0 });
    const stored = await t.db.selectFrom('webhook_endpoints').select(['event_cursor', 'secret']).where('id', '=', Number(registered.webhookEndpoint.id)).executeTakeFirstOrThrow();
    expect(Number(stored.event_cursor)).toBe(Number(rows[0].event_seq));
    expect(stored.secret).toBe(registered.secret);
    expect((await endpoints()).map((e) => e.id)).toEqual([registered.webhookEndpoint.id]);
    expect(Object.keys((schema.getType('WebhookEndpoint') as any).getFields())).not.toContain('secret');
  });

  test('the URL is stored normalized, so no control character reaches the database', async () => {
    const { webhookEndpoint } = await register('https://HOOKS.example.com/a\u0000b c', ['RUNS_CHANGED']);
    expect(webhookEndpoint.url).toBe('https://hooks.example.com/a%00b%20c');
  });

  test('only admins: coaches and athletes are FORBIDDEN', async () => {
    const athlete = await tokenFor({ orgId: org.a.id, userId: org.a.athlete, role: 'ATHLETE' });
    for (const token of [org.a.coach, athlete]) {
      expect(errorCodes(await execute(app, token, REGISTER, { input: { url: 'https://hooks.example.com/x', kinds: ['RUNS_CHANGED'] } }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await execute(app, token, ENDPOINTS))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await execute(app, token, REPLAY, { input: { id: '1' } }))).toEqual(['FORBIDDEN']);
    }
  });

  test.each([
    ['no kinds', { url: 'https://hooks.example.com/x', kinds: [] }, /^input\.kinds must list one or more of RUNS_CHANGED, SIGNAL_RAISED, SIGNAL_CLEARED, PLAN_COMPLIANCE_CHANGED, IMPORT_FINISHED, HEALTH_RECORDED; got none$/],
    ['an unknown kind', { url: 'https://hooks.example.com/x', kinds: ['RUNS_CHANGED', 'NOPE'] }, /^input\.kinds must list one or more of RUNS_CHANGED, .*; got "NOPE"$/],
    ['not a URL', { url: 'not a url', kinds: ['RUNS_CHANGED'] }, /^input\.url must be an absolute URL/],
    ['a URL of 2,026 characters', { url: `https://hooks.example.com/${'x'.repeat(2_000)}`, kinds: ['RUNS_CHANGED'] }, /^input\.url must be at most 2000 characters; got 2026$/],
    ['ftp:', { url: 'ftp://hooks.example.com/x', kinds: ['RUNS_CHANGED'] }, /^input\.url must use https: \(or http: to a loopback address in development\); got ftp:$/],
    ['http: to a public host', { url: 'http://hooks.example.com/x', kinds: ['RUNS_CHANGED'] }, /^input\.url must not point to host hooks\.example\.com resolves to 93\.184\.215\.14 is not a loopback address, and http: is allowed only to loopback$/],
    ['a host that does not resolve', { url: 'https://nowhere.example.com/x', kinds: ['RUNS_CHANGED'] }, /^input\.url must name a host that resolves; nowhere\.example\.com does not \(ENOTFOUND\)$/],
  ])('refuses %s as BAD_USER_INPUT naming the argument', async (_label, input, message) => {
    const result = await execute<any, any>(app, org.a.admin, REGISTER, { input });
    expect(result.status).toBe(200);
    expect(result.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', expect.stringMatching(message)]]);
  });

  test('at most 20 endpoints per organization', async () => {
    for (let i = 0; i < 20; i++) await register(`https://hooks.example.com/${i}`, ['RUNS_CHANGED']);
    const result = await execute<any, any>(app, org.a.admin, REGISTER, { input: { url: 'https://hooks.example.com/21', kinds: ['RUNS_CHANGED'] } });
    expect(result.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', 'input: an organization has at most 20 webhook endpoints and this one has 20; delete one first']]);
    await register('https://hooks.example.com/b', ['RUNS_CHANGED'], org.b.admin);
  });

  test('the delivery log pages newest first, filters by status, and refuses a bad first or after', async () => {
    const { webhookEndpoint } = await register('https://hooks.example.com/log', ['RUNS_CHANGED']);
    await t.db.insertInto('webhook_deliveries')
      .values([1, 2, 3].map((seq) => ({ org_id: org.a.id, endpoint_id: Number(webhookEndpoint.id), event_seq: seq, status: seq === 2 ? 'FAILED' : 'DELIVERED' })))
      .execute();
    const PAGE = `query($first: Int, $after: String, $status: WebhookDeliveryStatus) { webhookEndpoints {
      deliveries(first: $first, after: $after, status: $status) { edges { node { eventId status } } pageInfo { hasNextPage endCursor } } } }`;
    const page = async (variables: Record<string, unknown>) => {
      const result = await execute<any, any>(app, org.a.admin, PAGE, variables);
      return { errors: errorCodes(result), deliveries: result.data?.webhookEndpoints?.[0]?.deliveries };
    };
    const first = await page({ first: 2 });
    expect(first.deliveries.edges.map((e: any) => e.node.eventId)).toEqual(['3', '2']);
    expect(first.deliveries.pageInfo.hasNextPage).toBe(true);
    const second = await page({ first: 2, after: first.deliveries.pageInfo.endCursor });
    expect(second.deliveries.edges.map((e: any) => e.node.eventId)).toEqual(['1']);
    expect(second.deliveries.pageInfo.hasNextPage).toBe(false);
    expect((await page({ status: 'FAILED' })).deliveries.edges.map((e: any) => e.node)).toEqual([{ eventId: '2', status: 'FAILED' }]);
    expect(await page({ first: 101 })).toEqual({ errors: ['BAD_USER_INPUT'], deliveries: null });
    expect(await page({ after: 'nope' })).toEqual({ errors: ['BAD_USER_INPUT'], deliveries: null });
  });

  test('disables, enables and deletes; ids of another organization are NOT_FOUND like missing ones', async () => {
    const mine = await register('https://hooks.example.com/a', ['RUNS_CHANGED']);
    const id = mine.webhookEndpoint.id;
    const off = await execute<any, any>(app, org.a.admin, SET_ENABLED, { input: { id, enabled: false } });
    expect(off.data.setWebhookEndpointEnabled.webhookEndpoint).toEqual({ id, enabled: false, disabledReason: 'disabled by an admin', consecutiveFailures: 0 });
    await sql`update webhook_endpoints set consecutive_failures = 7 where id = ${Number(id)}`.execute(t.db);
    const on = await execute<any, any>(app, org.a.admin, SET_ENABLED, { input: { id, enabled: true } });
    expect(on.data.setWebhookEndpointEnabled.webhookEndpoint).toEqual({ id, enabled: true, disabledReason: null, consecutiveFailures: 0 });

    await emit(org.a.id, [{ kind: 'RUNS_CHANGED', athleteId: org.a.athlete }]);
    const { id: deliveryId } = await t.db.insertInto('webhook_deliveries')
      .values({ org_id: org.a.id, endpoint_id: Number(id), event_seq: 1, status: 'FAILED', next_attempt_at: new Date('2100-01-01') })
      .returning('id').executeTakeFirstOrThrow();
    for (const [document, input] of [[SET_ENABLED, { id, enabled: false }], [DELETE, { id }], [REPLAY, { id: String(deliveryId) }], [SET_ENABLED, { id: '999999', enabled: true }], [REPLAY, { id: '999999' }]] as const) {
      const result = await execute<any, any>(app, org.b.admin, document, { input });
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    }
    expect((await endpoints()).map((e) => [e.id, e.enabled])).toEqual([[id, true]]);
    expect((await t.db.selectFrom('webhook_deliveries').select('status').where('id', '=', deliveryId).executeTakeFirstOrThrow()).status).toBe('FAILED');
    expect((await endpoints(org.b.admin))).toEqual([]);

    expect((await execute<any, any>(app, org.a.admin, DELETE, { input: { id } })).data.deleteWebhookEndpoint).toEqual({ deletedWebhookEndpointId: id });
    expect(await endpoints()).toEqual([]);
    expect(await t.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).execute()).toEqual([]);
  });
});

describe('SSRF: refused addresses at registration (loopback not allowed)', () => {
  test.each([
    ['http://10.0.0.1/hook', /must use https:; got http:/],
    ['https://10.0.0.1/hook', /10\.0\.0\.1 is a private address \(10\.0\.0\.0\/8\)/],
    ['https://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address/],
    ['https://[::ffff:10.0.0.1]/hook', /IPv4-mapped IPv6 address of 10\.0\.0\.1, which is a private address/],
    ['https://[fd00::1]/hook', /unique local/],
    ['https://metadata.google.internal/computeMetadata/v1/', /internal name/],
    ['https://localhost:4000/hook', /host localhost is a loopback address/],
    ['https://127.0.0.1:4000/hook', /127\.0\.0\.1 is a loopback address/],
    ['https://private.example.com/hook', /host private\.example\.com resolves to 10\.1\.2\.3 is a private address/],
  ])('%s', async (url, reason) => {
    const result = await execute<any, any>(strictApp, org.a.admin, REGISTER, { input: { url, kinds: ['RUNS_CHANGED'] } });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].message).toMatch(/^input\.url /);
    expect(result.errors?.[0].message).toMatch(reason);
  });

  test('the system resolver: localhost is loopback whatever its name says', async () => {
    const system = createTestApp(t.db);
    const result = await execute<any, any>(system, org.a.admin, REGISTER, { input: { url: 'https://localhost/hook', kinds: ['RUNS_CHANGED'] } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(await endpoints()).toEqual([]);
  });
});

// ---- delivery -------------------------------------------------------------------------------

describe('delivery', () => {
  test('matching events are delivered, signed, to the endpoints of their organization only', async () => {
    const receiverA = await startReceiver();
    const receiverB = await startReceiver();
    const a = await register(receiverA.url, ['RUNS_CHANGED', 'HEALTH_RECORDED']);
    const b = await register(receiverB.url, ['RUNS_CHANGED', 'SIGNAL_RAISED', 'HEALTH_RECORDED'], org.b.admin);
    await emit(org.a.id, [
      { kind: 'RUNS_CHANGED', athleteId: org.a.athlete, payload: { localDates: ['2026-03-10'], inserted: 1, updated: 0, deleted: 0 } },
      { kind: 'SIGNAL_RAISED', athleteId: org.a.athlete },
    ]);
    await emit(org.b.id, [{ kind: 'SIGNAL_RAISED', athleteId: org.b.athlete }]);
    await emit(org.a.id, [{ kind: 'HEALTH_RECORDED', athleteId: org.a.athlete }]);
    dispatch();
    await waitFor('both deliveries to A and one to B', () => receiverA.received.length === 2 && receiverB.received.length === 1);

    const bodies = receiverA.received.map((r) => JSON.parse(r.body)).sort((x, y) => Number(x.id) - Number(y.id));
    expect(bodies.map((x) => [x.kind, x.athleteId])).toEqual([['RUNS_CHANGED', String(org.a.athlete)], ['HEALTH_RECORDED', String(org.a.athlete)]]);
    expect(bodies[0]).toEqual({ id: expect.stringMatching(/^\d+$/), kind: 'RUNS_CHANGED', occurredAt: expect.any(String), athleteId: String(org.a.athlete), data: { localDates: ['2026-03-10'], inserted: 1, updated: 0, deleted: 0 } });
    // The receiver answers before the result is written.
    const log = await waitFor('the results', async () => {
      const entries = await deliveriesOf(a.webhookEndpoint.id);
      return entries.every((d: any) => d.status === 'DELIVERED') ? entries : null;
    });
    for (const { headers, body } of receiverA.received) {
      expect(headers['content-type']).toBe('application/json');
      expect(verifySignature({ secret: a.secret, body, header: headers['stride-signature'] as string })).toMatchObject({ valid: true });
      expect(verifySignature({ secret: a.secret, body: body.replace('"kind"', '"kind" '), header: headers['stride-signature'] as string }).valid).toBe(false);
      expect(verifySignature({ secret: b.secret, body, header: headers['stride-signature'] as string }).valid).toBe(false);
      const entry = log.find((d: any) => d.id === headers['stride-delivery-id']);
      expect(entry).toMatchObject({ eventId: JSON.parse(body).id, status: 'DELIVERED', attempts: 1, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
      expect(headers['stride-event-id']).toBe(JSON.parse(body).id);
    }
    expect(log.map((d: any) => d.kind)).toEqual(['HEALTH_RECORDED', 'RUNS_CHANGED']); // newest first
    expect(JSON.parse(receiverB.received[0].body)).toMatchObject({ kind: 'SIGNAL_RAISED', athleteId: String(org.b.athlete), data: { marker: `org-${org.b.id}` } });
    expect(receiverA.received.some((r) => r.body.includes(`org-${org.b.id}`))).toBe(false);
    expect(await deliveriesOf(b.webhookEndpoint.id, org.a.admin).catch(() => 'not listed')).toBe('not listed');
  });

  test('runs ingested through the ingestion functions reach the endpoint', async () => {
    const receiver = await startReceiver();
    await register(receiver.url, ['RUNS_CHANGED']);
    dispatch();
    await upsertActivities(t.db, org.a.id, org.a.athlete, [{ source: 'test', externalId: 'w-1', startTime: new Date('2026-03-09T07:00:00Z'), distanceM: 8000, movingS: 2400, elapsedS: 2450 }]);
    await waitFor('the RUNS_CHANGED delivery', () => receiver.received.length === 1);
    expect(JSON.parse(receiver.received[0].body)).toMatchObject({ kind: 'RUNS_CHANGED', athleteId: String(org.a.athlete), data: { inserted: 1 } });
  });

  test('a 500 is retried with backoff until it succeeds', async () => {
    const receiver = await startReceiver((n) => (n === 1 ? 500 : 200));
    const { webhookEndpoint } = await register(receiver.url, ['RUNS_CHANGED']);
    await emit(org.a.id, [{ kind: 'RUNS_CHANGED', athleteId: org.a.athlete }]);
    dispatch();
    await waitFor('the second attempt', () => receiver.received.length === 2);
    const [first, second] = receiver.received;
    expect(second.headers['stride-event-id']).toBe(first.headers['stride-event-id']);
    expect(second.headers['stride-delivery-id']).toBe(first.headers['stride-delivery-id']);
    const [delivery] = await waitFor('the result', async () => {
      const log = await deliveriesOf(webhookEndpoint.id);
      return log[0]?.status === 'DELIVERED' ? log : null;
    });
    expect(delivery).toMatchObject({ attempts: 2, lastStatusCode: 200, lastError: null, deliveredAt: expect.any(String) });
    expect((await endpoints())[0].consecutiveFailures).toBe(0);
  });

  test('a delivery that fails every attempt is FAILED after maxAttempts', async () => {
    const receiver = await startReceiver(() => 500);
    const { webhookEndpoint } = await register(receiver.url, ['RUNS_CHANGED']);
    await emit(org.a.id, [{ kind: 'RUNS_CHANGED', athleteId: org.a.athlete }]);
    dispatch({ maxAttempts: 3 });
    const [delivery] = await waitFor('FAILED', async () => {
      const log = await deliveriesOf(webhookEndpoint.id);
      return log[0]?.status === 'FAILED' ? log : null;
    });
    expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500: boom', nextAttemptAt: null, deliveredAt: null });
    expect(receiver.received).toHaveLength(3);
    expect((await endpoints())[0]).toMatchObject({ enabled: true, consecutiveFailures: 3 });
  });

  test('an endpoint is disabled after N failed attempts in a row; enabled again, it resumes with its count reset', async () => {
    const receiver = await startReceiver(() => 503);
    const { webhookEndpoint } = await register(receiver.url, ['RUNS_CHANGED']);
    await emit(org.a.id, [{ kind: 'RUNS_CHANGED', athleteId: org.a.athlete }]);
    const dispatcher = dispatch({ disableAfterFailures: 3, maxAttempts: 10 });
    const disabled = await waitFor('the endpoint disabled', async () => (await endpoints()).find((e) => !e.enabled));
    expect(disabled).toMatchObject({ consecutiveFailures: 3, disabledReason: 'disabled after 3 failed delivery attempts in a row; the last: HTTP 503: boom' });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(receiver.received).toHaveLength(3);
    expect((await deliveriesOf(webhookEndpoint.id))[0]).toMatchObject({ status: 'PENDING', attempts: 3 });

    receiver.answer = () => 204;
    const enabled = await execute<any, any>(app, org.a.admin, SET_ENABLED, { input: { id: webhookEndpoint.id, enabled: true } });
    expect(enabled.data.setWebhookEndpointEnabled.webhookEndpoint).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    dispatcher.wake();
    await waitFor('the delivery after re-enabling', async () => (await deliveriesOf(webhookEndpoint.id))[0].status === 'DELIVERED');
    expect((await deliveriesOf(webhookEndpoint.id))[0]).toMatchObject({ attempts: 4, lastStatusCode: 204 });
  });

  test('replay sends a delivered delivery again, with the same event and delivery ids', async () => {
    const receiver = await startReceiver();
    const { webhookEndpoint } = await register(receiver.url, ['RUNS_CHANGED']);
    await emit(org.a.id, [{ kind: 'RUNS_CHANGED', athleteId: org.a.athlete }]);
    const dispatcher = dispatch();
    await waitFor('the first delivery', async () => (await deliveriesOf(webhookEndpoint.id))[0]?.status === 'DELIVERED');
    const [delivery] = await deliveriesOf(webhookEndpoint.id);

    const replayed = await execute<any, any>(app, org.a.admin, REPLAY, { input: { id: delivery.id } });
    expect(replayed.errors).toBeUndefined();
    expect(replayed.data.replayWebhookDelivery).toMatchObject({ webhookDelivery: { id: delivery.id, status: 'PENDING', attempts: 0 }, webhookEndpoint: { id: webhookEndpoint.id } });
    dispatcher.wake();
    await waitFor('the replay', () => receiver.received.length === 2);
    expect(receiver.received.map((r) => [r.headers['stride-event-id'], r.headers['stride-delivery-id']])).toEqual([
      [delivery.eventId, delivery.id], [delivery.eventId, delivery.id],
    ]);
    await waitFor('the replay recorded', async () => (await deliveriesOf(webhookEndpoint.id))[0].status === 'DELIVERED');
    expect(await deliveriesOf(webhookEndpoint.id)).toEqual([expect.objectContaining({ id: delivery.id, attempts: 1 })]);
  });

  test('two dispatchers over one database deliver each event exactly once', async () => {
    const counts = new Map<string, number>();
    const receiver = await startReceiver();
    const { webhookEndpoint } = await register(receiver.url, ['RUNS_CHANGED', 'SIGNAL_RAISED']);
    dispatch({ pollMs: 5, perEndpoint: 3 });
    dispatch({ pollMs: 5, perEndpoint: 3 });
    const EVENTS = 40;
    for (let i = 0; i < EVENTS; i += 4) {
      await emit(org.a.id, [0, 1, 2, 3].map((j) => ({ kind: (i + j) % 2 ? 'SIGNAL_RAISED' : 'RUNS_CHANGED', athleteId: org.a.athlete })));
    }
    await waitFor('every event', () => new Set(receiver.received.map((r) => r.headers['stride-event-id'])).size === EVENTS);
    await waitFor('every result', async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from webhook_deliveries where endpoint_id = ${Number(webhookEndpoint.id)} and status = 'PENDING'`.execute(t.db);
      return rows[0].n === 0;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const r of receiver.received) counts.set(r.headers['stride-event-id'] as string, (counts.get(r.headers['stride-event-id'] as string) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(receiver.received).toHaveLength(EVENTS);
    const { rows } = await sql<{ n: number; events: number; delivered: number }>`
      select count(*)::int as n, count(distinct event_seq)::int as events, count(*) filter (where status = 'DELIVERED' and attempts = 1)::int as delivered
      from webhook_deliveries where endpoint_id = ${Number(webhookEndpoint.id)}`.execute(t.db);
    expect(rows[0]).toEqual({ n: EVENTS, events: EVENTS, delivered: EVENTS });
  });

  test('the delivery-time guard refuses an address the registration check allowed (DNS rebinding)', async () => {
    const receiver = await startReceiver(() => 200, 'rebind.test');
    const { webhookEndpoint } = await register(receiver.url, ['RUNS_CHANGED']);
    await emit(org.a.id, [{ kind: 'RUNS_CHANGED', athleteId: org.a.athlete }]);
    const rebound: HostResolver = async (host) => (host === 'rebind.test' ? [{ address: '169.254.169.254', family: 4 }] : resolveHost(host));
    dispatch({ resolveHost: rebound });
    const [delivery] = await waitFor('the refused attempt', async () => {
      const log = await deliveriesOf(webhookEndpoint.id);
      return log[0]?.attempts >= 1 ? log : null;
    });
    expect(delivery).toMatchObject({ status: 'PENDING', lastStatusCode: null });
    expect(delivery.lastError).toMatch(/^refused: host rebind\.test resolves to 169\.254\.169\.254 is a link-local address/);
    expect(receiver.received).toEqual([]);
  });
});
