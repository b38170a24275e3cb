import { Kysely, sql } from 'kysely';

// Frozen in time. Row-level security as a backstop behind the application's own org filter:
// requests run as `stride_app` (not superuser, not owner, no BYPASSRLS) with
// `app.org_id` set for their transaction; with no organization set, no row is visible.

const TENANT_TABLES = [
  'users', 'coach_assignments', 'labels', 'athlete_labels', 'groups', 'group_members',
  'athlete_settings', 'training_plans', 'planned_workouts', 'goal_races', 'integrations',
  'activities', 'activity_daily', 'health_daily', 'athlete_fitness', 'insights',
];

const currentOrg = sql.raw(`nullif(current_setting('app.org_id', true), '')::int`);

export async function up(db: Kysely<any>): Promise<void> {
  // Roles are cluster-wide and several databases (tests) may migrate at once.
  await sql`
    do $$ begin
      create role stride_app nologin nosuperuser nobypassrls;
    exception when duplicate_object or unique_violation then null;
    end $$`.execute(db);
  // The connecting user switches to stride_app per request (set_config('role', ...)), so it
  // must be a member; a superuser already may, and a concurrent grant is harmless to skip.
  await sql`
    do $$ begin
      execute format('grant stride_app to %I', current_user);
    exception when others then raise notice 'grant stride_app skipped: %', sqlerrm;
    end $$`.execute(db);
  await sql`grant usage on schema public to stride_app`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to stride_app`.execute(db);
  await sql`grant usage, select on all sequences in schema public to stride_app`.execute(db);
  await sql`alter default privileges in schema public grant select, insert, update, delete on tables to stride_app`.execute(db);
  await sql`alter default privileges in schema public grant usage, select on sequences to stride_app`.execute(db);
  await sql`revoke all on kysely_migration, kysely_migration_lock from stride_app`.execute(db);

  await sql`alter table organizations enable row level security`.execute(db);
  await sql`create policy tenant_isolation on organizations using (id = ${currentOrg}) with check (id = ${currentOrg})`.execute(db);
  for (const table of TENANT_TABLES) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy tenant_isolation on ${sql.table(table)}
      using (org_id = ${currentOrg}) with check (org_id = ${currentOrg})`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['organizations', ...TENANT_TABLES]) {
    await sql`drop policy if exists tenant_isolation on ${sql.table(table)}`.execute(db);
    await sql`alter table ${sql.table(table)} disable row level security`.execute(db);
  }
  await sql`alter default privileges in schema public revoke all on tables from stride_app`.execute(db);
  await sql`alter default privileges in schema public revoke all on sequences from stride_app`.execute(db);
  await sql`revoke all on all tables in schema public from stride_app`.execute(db);
  await sql`revoke all on all sequences in schema public from stride_app`.execute(db);
  await sql`revoke usage on schema public from stride_app`.execute(db);
}
