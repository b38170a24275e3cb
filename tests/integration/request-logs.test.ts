import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { badInputCases, sendCase } from '../helpers/bad-input-corpus';
import { createDatabase } from '../../src/db/client';
import { createLogger } from '../../src/logger';

// What an operator reads (issue 21): a line per request, slow statements with the operation
// that sent them, errors as a code and a short cause; and never a token, an email or a
// password, at any level, over the whole bad-input corpus and forced database errors.

let t: TestDatabase;
let orgId: number;
let adminToken: string;
let athleteId: number;
const lines: string[] = [];
const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
const PASSWORD = 'hunter2-database-password';

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Logged Club');
  const admin = await createUser(t.db, orgId, { role: 'admin', name: 'Logged Admin', email: 'admin@logged.example' });
  athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Logged Runner', email: 'runner@logged.example' });
  adminToken = await tokenFor({ orgId, userId: admin, role: 'ADMIN' });
});

afterAll(() => t.close());

const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, any>);

describe('request logs', () => {
  it('write one line per request with its operation, status, time, statements, rows and organization', async () => {
    const app = createTestApp(t.db, { logger });
    lines.length = 0;
    const result = await execute(app, adminToken, 'query Profile($id: ID!) { athlete(id: $id) { name email labels { name } } }', { id: String(athleteId) });
    expect(result.errors).toBeUndefined();
    const requests = parsed().filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ level: 30, operation: 'Profile', status: 200, orgId, statements: expect.any(Number), rows: expect.any(Number), ms: expect.any(Number) });
    expect(requests[0].statements).toBeGreaterThanOrEqual(1);
    expect(requests[0].rows).toBeGreaterThanOrEqual(1);
    expect(requests[0].errors).toBeUndefined();
  });

  it('warn of each slow statement with the operation that sent it, and count it in /metrics', async () => {
    // With a threshold of 0 every statement is slow, on any machine: each is reported once.
    const app = createTestApp(t.db, { logger, slowStatementMs: 0 });
    lines.length = 0;
    const result = await execute(app, adminToken, 'query SlowOne($id: ID!) { athlete(id: $id) { name labels { name } } }', { id: String(athleteId) });
    expect(result.errors).toBeUndefined();
    const slow = parsed().filter((l) => l.msg === 'slow statement');
    const request = parsed().find((l) => l.msg === 'request')!;
    expect(slow).toHaveLength(request.statements);
    for (const line of slow) {
      expect(line).toMatchObject({ level: 40, operation: 'SlowOne', orgId, statement: expect.stringMatching(/^select [a-z_]+$/), ms: expect.any(Number) });
    }
    expect(slow.map((l) => l.statement)).toEqual(['select users', 'select athlete_labels']);
    const metrics = await (await app.fetch('http://stride.test/metrics')).text();
    expect(metrics).toMatch(/stride_slow_statements_total\{statement="select athlete_labels"\} 1/);
  });

  it('log a database error as its SQLSTATE and message only', async () => {
    const app = createTestApp(t.db, { logger });
    lines.length = 0;
    await sql`alter table labels rename to labels_away`.execute(t.db);
    try {
      const result = await execute(app, adminToken, 'query Broken($id: ID!) { athlete(id: $id) { labels { name } } }', { id: String(athleteId) });
      expect(result.errors?.[0]?.message).toBe('Unexpected error.');
    } finally {
      await sql`alter table labels_away rename to labels`.execute(t.db);
    }
    const errors = parsed().filter((l) => l.level >= 50);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0].error).toEqual({ code: '42P01', message: 'relation "labels" does not exist' });
    expect(parsed().find((l) => l.msg === 'request')).toMatchObject({ operation: 'Broken', errors: ['INTERNAL'] });
  });

  it('hold no token, email or password in any line, none longer than 2 KB, over the bad-input corpus and an unreachable database', async () => {
    const app = createTestApp(t.db, { logger });
    lines.length = 0;
    for (const c of badInputCases) await (await sendCase(app, adminToken, athleteId, c)).text();
    // Writes that carry emails and names in their variables.
    await execute(app, adminToken, 'mutation($input: CreateAthleteInput!) { createAthlete(input: $input) { athlete { id } } }', { input: { name: 'Secret Name', email: 'new.runner@logged.example' } });
    await execute(app, adminToken, 'mutation($input: UpdateAthleteInput!) { updateAthlete(input: $input) { athlete { id } } }', { input: { id: String(athleteId), email: 'changed@logged.example' } });
    const unreachable = await createDatabase({ databaseUrl: `postgres://stride:${PASSWORD}@127.0.0.1:1/stride`, dataDir: 'memory', statementTimeoutMs: 500 });
    try {
      const away = createTestApp(unreachable.db, { logger });
      const result = await execute(away, adminToken, '{ viewer { role } athletes(first: 1) { totalCount } }');
      expect(result.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    } finally {
      await unreachable.close();
    }
    expect(lines.length).toBeGreaterThan(badInputCases.length);
    const tokenPart = adminToken.split('.')[2];
    for (const line of lines) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(2_048);
      expect(line).not.toContain(tokenPart);
      expect(line).not.toMatch(/eyJ[\w-]{10,}/);
      expect(line).not.toMatch(/[\w.+-]+@[\w-]+\.example/);
      expect(line).not.toContain(PASSWORD);
      expect(line).not.toContain('Secret Name');
    }
    expect(parsed().filter((l) => l.msg === 'request').length).toBeGreaterThanOrEqual(badInputCases.length - 10);
  });
});
