import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { errorCodes, execute } from '../helpers/graphql';
import type { App } from '../../src/app';

// A COMMIT lost with its connection must give the pool slot back. A deferred constraint
// trigger ends the session at COMMIT time, the one moment no request statement is running.
// PostgreSQL only: PGlite has one session and no pg_terminate_backend.
const describeOnPostgres = process.env.DATABASE_URL ? describe : describe.skip;

let t: TestDatabase;
let app: App;
let token: string;
let athleteId: number;

const RECORD = 'mutation($athleteId: ID!, $days: [HealthDayInput!]!) { recordHealthMetrics(athleteId: $athleteId, days: $days) { written } }';

describeOnPostgres('a COMMIT lost with the database', () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    const orgId = await createOrganization(t.db, 'Commit Club');
    const coachId = await createUser(t.db, orgId, { role: 'coach', name: 'Commit Coach' });
    athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Commit Runner' });
    token = await tokenFor({ orgId, userId: coachId, role: 'COACH' });
    app = createTestApp(t.db);
    // Owned by the superuser that migrates, so it may end the app role's session.
    await sql`create function end_session_at_commit() returns trigger language plpgsql security definer as $$
      begin perform pg_terminate_backend(pg_backend_pid()); return null; end $$`.execute(t.db);
    await sql`create constraint trigger end_session_at_commit after insert on health_daily
      deferrable initially deferred for each row when (new.source = 'lost-commit') execute function end_session_at_commit()`.execute(t.db);
  });

  afterAll(() => t?.close());

  it('answers DATABASE_UNAVAILABLE with Retry-After, keeps nothing, and leaves every pool slot usable', async () => {
    // More lost COMMITs than the pool has connections (4 in tests).
    for (let i = 0; i < 6; i++) {
      const response = await app.fetch('http://stride.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: RECORD, variables: { athleteId: String(athleteId), days: [{ date: `2026-03-0${i + 1}`, restingHeartRate: 50, source: 'lost-commit' }] } }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(errorCodes((await response.json()) as never)).toEqual(['DATABASE_UNAVAILABLE']);
    }
    const after = await execute(app, token, RECORD, { athleteId: String(athleteId), days: [{ date: '2026-03-09', restingHeartRate: 52, source: 'watch' }] });
    expect(after.errors).toBeUndefined();
    const stored = await t.db.selectFrom('health_daily').select(['local_date', 'source']).execute();
    expect(stored.map((r) => r.source)).toEqual(['watch']);
  });
});
