import { trace } from '@opentelemetry/api';
import { AlwaysOffSampler, AlwaysOnSampler, InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { assignCoach, createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { AthletesListDocument } from '../../operations/__generated__/graphql';
import { startTracing, tracingEnabled } from '../../src/observability/tracing';
import type { App } from '../../src/app';

// OpenTelemetry spans of a real Athletes-list request, collected with the SDK's in-memory
// exporter (issue 21): one request span, a span per loader batch and one per SQL statement.

let t: TestDatabase;
let app: App;
let token: string;
let orgId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Traced Club', 'Europe/Madrid');
  const coach = await createUser(t.db, orgId, { role: 'coach', name: 'Traced Coach' });
  const athletes = await Promise.all(['Ana', 'Ben', 'Cy'].map((name) => createUser(t.db, orgId, { role: 'athlete', name, email: `${name.toLowerCase()}@traced.example` })));
  for (const athlete of athletes) await assignCoach(t.db, orgId, coach, athlete);
  token = await tokenFor({ orgId, userId: coach, role: 'COACH' });
  app = createTestApp(t.db, { clock: () => new Date('2026-03-10T12:00:00Z') });
  const runsOf = (athlete: number) => Array.from({ length: 5 }, (_, i) => ({ source: 'garmin', externalId: `${athlete}-${i}`, startTime: `2026-03-0${i + 1}T07:00:00Z`, distance: 8_000, movingTime: 2_400 }));
  const admin = await tokenFor({ orgId, userId: await createUser(t.db, orgId, { role: 'admin', name: 'Traced Admin' }), role: 'ADMIN' });
  for (const athlete of athletes) {
    const written = await execute<any, any>(app, admin, 'mutation($a: ID!, $runs: [ActivityInput!]!) { ingestActivities(athleteId: $a, activities: $runs) { written } }', { a: String(athlete), runs: runsOf(athlete) });
    expect(written).toMatchObject({ data: { ingestActivities: { written: 5 } } });
  }
});

afterAll(() => t.close());

const attribute = (span: ReadableSpan, name: string) => span.attributes[name];
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

// A provider shuts its exporter down when it stops: each run has an exporter of its own.
async function tracedRequest(options: Omit<Parameters<typeof startTracing>[0], 'exporter'>) {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ ...options, exporter });
  try {
    t.statements.reset();
    const result = await execute(app, token, AthletesListDocument, { first: 50 });
    expect(result.errors).toBeUndefined();
    // Probes and scrapes are not traced.
    expect((await app.fetch('http://stride.test/health')).status).toBe(200);
    await t.statements.settled();
    await tracing.flush();
    return { spans: exporter.getFinishedSpans(), statements: t.statements.count };
  } finally {
    await tracing.stop();
  }
}

describe('traces', () => {
  it('give an Athletes-list request one request span, its loader batches, and a span per counted statement with its rows', async () => {
    const { spans, statements } = await tracedRequest({ sampler: new AlwaysOnSampler(), slowRequestMs: 60_000 });
    const requests = spans.filter((s) => s.name.startsWith('graphql '));
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request.name).toBe('graphql query AthletesList');
    expect(parentOf(request)).toBeUndefined();
    expect(request.attributes).toMatchObject({
      'graphql.operation.name': 'AthletesList',
      'graphql.operation.type': 'query',
      'stride.org_id': orgId,
      'stride.viewer.role': 'COACH',
      'http.response.status_code': 200,
    });
    expect(attribute(request, 'graphql.document.hash')).toMatch(/^[0-9a-f]{16}$/);
    // Nothing that names a person or a secret.
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toMatch(/traced\.example|Ana|Bearer|eyJ/);

    const traceId = request.spanContext().traceId;
    expect(spans.every((s) => s.spanContext().traceId === traceId)).toBe(true);

    const loaders = spans.filter((s) => s.name.startsWith('loader '));
    expect(loaders.length).toBeGreaterThanOrEqual(5);
    for (const loader of loaders) {
      expect(parentOf(loader)).toBe(request.spanContext().spanId);
      // Three athletes; twice three where the list asks one field twice (last7 and last28).
      expect([3, 6]).toContain(attribute(loader, 'stride.loader.keys'));
    }
    // One batch per loader: the three athletes share it.
    expect(new Set(loaders.map((l) => l.name)).size).toBe(loaders.length);

    const sql = spans.filter((s) => s.name.startsWith('sql '));
    expect(sql).toHaveLength(statements);
    const parents = new Set([request, ...loaders].map((s) => s.spanContext().spanId));
    for (const statement of sql) {
      expect(parents.has(parentOf(statement)!)).toBe(true);
      expect(typeof attribute(statement, 'db.response.returned_rows')).toBe('number');
      expect(attribute(statement, 'stride.statement.hash')).toMatch(/^[0-9a-f]{12}$/);
    }
    // The embedded database's read-only transaction is traced too; PostgreSQL's pinned reads have none.
    if (t.kind === 'embedded') expect(sql.map((s) => s.name)).toEqual(expect.arrayContaining(['sql begin', 'sql commit']));
    else expect(sql.map((s) => s.name)).not.toEqual(expect.arrayContaining(['sql commit']));
    // Loaders' statements sit under their loader's span, and some of them found rows.
    const loaderIds = new Set(loaders.map((l) => l.spanContext().spanId));
    expect(sql.some((s) => loaderIds.has(parentOf(s)!) && Number(attribute(s, 'db.response.returned_rows')) > 0)).toBe(true);
  });

  it('keep a request the sampler dropped when it was slow, and drop it otherwise', async () => {
    const dropped = await tracedRequest({ sampler: new AlwaysOffSampler(), slowRequestMs: 60_000 });
    expect(dropped.spans).toHaveLength(0);
    const kept = await tracedRequest({ sampler: new AlwaysOffSampler(), slowRequestMs: 0 });
    expect(kept.spans.filter((s) => s.name.startsWith('graphql '))).toHaveLength(1);
    expect(kept.spans.filter((s) => s.name.startsWith('loader ')).length).toBeGreaterThanOrEqual(5);
  });

  it('record nothing once stopped', async () => {
    await startTracing({ exporter: new InMemorySpanExporter(), sampler: new AlwaysOnSampler(), slowRequestMs: 0 }).stop();
    expect(tracingEnabled()).toBe(false);
    // The API is back to its no-op: nothing records, whatever asks.
    expect(trace.getTracer('any').startSpan('probe').isRecording()).toBe(false);
    const result = await execute(app, token, AthletesListDocument, { first: 50 });
    expect(result.errors).toBeUndefined();
  });
});
