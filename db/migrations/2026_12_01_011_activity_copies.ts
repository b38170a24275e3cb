import { sql, type Kysely } from 'kysely';

// Frozen in time. One run, many sources (issue 17): the run stays one row of activities, with
// the identity (source, external id) and the numbers of the copy it shows; every other copy of
// it, from another source, is kept here as it arrived, so it can take over when the shown
// copy is deleted at its source, and so resending it changes nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table activity_copies (
      org_id integer not null,
      source text not null,
      external_id text not null,
      activity_id bigint not null,
      athlete_id integer not null,
      record jsonb not null,
      source_updated_at timestamptz,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint activity_copies_pk primary key (org_id, source, external_id),
      constraint activity_copies_activity_fk foreign key (org_id, activity_id) references activities (org_id, id) on delete cascade,
      constraint activity_copies_athlete_fk foreign key (org_id, athlete_id) references users (org_id, id) on delete cascade
    )`.execute(db);
  await sql`create index activity_copies_activity_idx on activity_copies (org_id, activity_id)`.execute(db);
  await sql`grant select, insert, update, delete on activity_copies to stride_app`.execute(db);
  await sql`alter table activity_copies enable row level security`.execute(db);
  await sql`create policy tenant_isolation on activity_copies
    using (org_id = nullif(current_setting('app.org_id', true), '')::int)
    with check (org_id = nullif(current_setting('app.org_id', true), '')::int)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table activity_copies`.execute(db);
}
