import { sql, type Kysely } from 'kysely';

// Frozen in time. Load-risk indicators (issue 15, section 3): the fitness cache keeps the
// short windows of daily load and distance the indicators read (a jsonb state, shifted to
// today on read), and each organization may set the thresholds of the ACWR, monotony and
// ramp signals; without a row the defaults apply.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table athlete_fitness add column risk_state jsonb`.execute(db);
  await sql`
    create table organization_signal_thresholds (
      org_id integer not null references organizations (id) on delete cascade,
      acwr_max double precision not null default 1.5,
      monotony_max double precision not null default 2.0,
      weekly_ramp_max double precision not null default 0.10,
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      updated_by integer,
      constraint organization_signal_thresholds_pk primary key (org_id)
    )`.execute(db);
  await sql`grant select, insert, update, delete on organization_signal_thresholds to stride_app`.execute(db);
  await sql`alter table organization_signal_thresholds enable row level security`.execute(db);
  await sql`create policy tenant_isolation on organization_signal_thresholds
    using (org_id = nullif(current_setting('app.org_id', true), '')::int)
    with check (org_id = nullif(current_setting('app.org_id', true), '')::int)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table organization_signal_thresholds`.execute(db);
  await sql`alter table athlete_fitness drop column risk_state`.execute(db);
}
