import { sql, type Kysely } from 'kysely';

// Frozen in time. Every run gets a load (issue 15): two more methods, session RPE (the
// athlete's rating of the run, 0..10) and the duration estimate; and the estimates of HR max,
// resting HR and VDOT that stand in for missing settings, stored with what they rest on so
// loads stay computed from the same values until an estimate really moves.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activities add column rpe double precision check (rpe between 0 and 10)`.execute(db);
  await sql`alter table activities drop constraint activities_load_method_check`.execute(db);
  await sql`alter table activities add constraint activities_load_method_check
    check (load_method in ('trimp', 'pace', 'session_rpe', 'duration'))`.execute(db);
  await sql`
    create table athlete_load_estimates (
      org_id integer not null,
      athlete_id integer not null,
      hr_max double precision,
      hr_max_readings integer,
      hr_max_since date,
      hr_rest double precision,
      hr_rest_readings integer,
      hr_rest_since date,
      vdot double precision,
      vdot_readings integer,
      vdot_since date,
      updated_at timestamptz not null default now(),
      constraint athlete_load_estimates_pk primary key (org_id, athlete_id),
      constraint athlete_load_estimates_athlete_fk foreign key (org_id, athlete_id) references users (org_id, id) on delete cascade
    )`.execute(db);
  await sql`grant select, insert, update, delete on athlete_load_estimates to stride_app`.execute(db);
  await sql`alter table athlete_load_estimates enable row level security`.execute(db);
  await sql`create policy tenant_isolation on athlete_load_estimates
    using (org_id = nullif(current_setting('app.org_id', true), '')::int)
    with check (org_id = nullif(current_setting('app.org_id', true), '')::int)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table athlete_load_estimates`.execute(db);
  await sql`update activities set training_load = null, load_method = null where load_method in ('session_rpe', 'duration')`.execute(db);
  await sql`alter table activities drop constraint activities_load_method_check`.execute(db);
  await sql`alter table activities add constraint activities_load_method_check check (load_method in ('trimp', 'pace'))`.execute(db);
  await sql`alter table activities drop column rpe`.execute(db);
}
