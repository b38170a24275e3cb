import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { readOnlyAsTenant } from '../../src/db/tenant';
import { GENERIC_PLAN_MAX_COST } from '../../src/plugins/tenant-transaction';
import type { App } from '../../src/app';

// How a read's statements are planned (docs/design.md, Round trips and plans): as prepared
// statements, with one generic plan per connection for a small read and a plan for its values
// for an organization-wide one, chosen by the operation's query cost.

let t: TestDatabase;
let app: App;
let token: string;
let athleteId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  const orgId = await createOrganization(t.db, 'Plans Club');
  athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Ada' });
  const admin = await createUser(t.db, orgId, { role: 'admin', name: 'Admin' });
  token = await tokenFor({ orgId, userId: admin, role: 'ADMIN' });
  app = createTestApp(t.db);
});

afterAll(() => t.close());

const openingOf = async (query: string, variables?: Record<string, unknown>) => {
  await t.statements.settled();
  t.statements.reset();
  const result = await execute<any, any>(app, token, query, variables);
  expect(result.errors).toBeUndefined();
  // The embedded database's read-only transaction, or PostgreSQL's tenant pin (sent here: the plan mode changes each time).
  return t.statements.sql.find((s) => /^(start transaction read only|\/\* tenant pin \*\/)/.test(s)) ?? '';
};

test('a small read reuses generic plans; an organization-wide one is planned for its values', async () => {
  expect(await openingOf('query($id: ID!) { athlete(id: $id) { id name } }', { id: String(athleteId) })).toContain("'force_generic_plan'");
  // A page of 100 athletes with 60 daily buckets each: far above the threshold.
  const wide = 'query { athletes(first: 100) { edges { node { id activityStats(from: "2026-01-01", to: "2026-03-01", granularity: DAY) { buckets { start } } } } } }';
  expect(GENERIC_PLAN_MAX_COST).toBeLessThan(3_000);
  expect(await openingOf(wide)).toContain("'force_custom_plan'");
});

test('a read-only request prepares its parametrized statements once per connection, in the mode it set', async () => {
  const probe = (db: typeof t.db) => sql<{ id: number }>`select id from users where id = ${athleteId}`.execute(db);
  const seen = await readOnlyAsTenant(t.db, (await sql<{ org_id: number }>`select org_id from users where id = ${athleteId}`.execute(t.db)).rows[0].org_id, 5000, async (db) => {
    await probe(db);
    await probe(db);
    const prepared = await sql<{ statement: string; generic_plans: number; custom_plans: number }>`
      select statement, generic_plans::int, custom_plans::int from pg_prepared_statements where statement like 'select id from users where id = $1%'`.execute(db);
    const mode = await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`.execute(db);
    return { prepared: prepared.rows, mode: mode.rows[0].mode };
  }, () => {}, 'generic');
  expect(seen.mode).toBe('force_generic_plan');
  expect(seen.prepared).toHaveLength(1);
  expect(seen.prepared[0].generic_plans).toBeGreaterThanOrEqual(2);
  expect(seen.prepared[0].custom_plans).toBe(0);
});
