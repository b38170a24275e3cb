import { sql, type Kysely } from 'kysely';

// Frozen in time. The live feed (issue 19): an outbox of events written in the transaction
// that changed the data, the attention signals last published per athlete, and webhooks.
//
// Events are numbered per organization at COMMIT, by the deferred trigger that raises the
// organization's data version (migration 013) while it holds the version row's lock: numbers
// are gapless, and a transaction's events become visible only after every lower number, so a
// reader that asks for "after n" never misses one that commits later. The same trigger sends
// NOTIFY stride_events '<org>:<last number>', which PostgreSQL delivers at commit and never
// for a rollback. NOTIFY can be lost (a reader reconnecting): readers also poll.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organization_data_versions add column event_seq bigint not null default 0`.execute(db);
  await sql`
    create table organization_events (
      org_id integer not null references organizations(id) on delete cascade,
      id bigserial,
      seq bigint,
      kind text not null,
      athlete_id integer not null,
      payload jsonb not null,
      occurred_at timestamptz not null default now(),
      primary key (org_id, id)
    )`.execute(db);
  await sql`create unique index organization_events_by_seq on organization_events (org_id, seq)`.execute(db);
  await sql`create index organization_events_unnumbered on organization_events (org_id) where seq is null`.execute(db);
  await sql`create index organization_events_by_age on organization_events (occurred_at)`.execute(db);

  await sql`
    create table athlete_signal_states (
      org_id integer not null,
      athlete_id integer not null,
      signals jsonb not null,
      primary key (org_id, athlete_id),
      foreign key (org_id, athlete_id) references users (org_id, id) on delete cascade
    )`.execute(db);

  await sql`
    create table webhook_endpoints (
      org_id integer not null references organizations(id) on delete cascade,
      id serial,
      url text not null,
      kinds text[] not null,
      secret text not null,
      enabled boolean not null default true,
      disabled_reason text,
      consecutive_failures integer not null default 0,
      -- The last event number turned into deliveries for this endpoint.
      event_cursor bigint not null,
      created_at timestamptz not null default now(),
      primary key (org_id, id)
    )`.execute(db);
  await sql`
    create table webhook_deliveries (
      org_id integer not null,
      id bigserial,
      endpoint_id integer not null,
      event_seq bigint not null,
      status text not null default 'PENDING',
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_status_code integer,
      last_error text,
      created_at timestamptz not null default now(),
      delivered_at timestamptz,
      primary key (org_id, id),
      foreign key (org_id, endpoint_id) references webhook_endpoints(org_id, id) on delete cascade
    )`.execute(db);
  await sql`create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'PENDING'`.execute(db);
  // One delivery per event and endpoint: the dispatchers' row locks ensure it, this backs them.
  await sql`create unique index webhook_deliveries_once on webhook_deliveries (org_id, endpoint_id, event_seq)`.execute(db);
  await sql`create index webhook_deliveries_by_endpoint on webhook_deliveries (org_id, endpoint_id, id desc)`.execute(db);

  for (const table of ['organization_events', 'athlete_signal_states', 'webhook_endpoints', 'webhook_deliveries']) {
    await sql`grant select, insert, update, delete on ${sql.table(table)} to stride_app`.execute(db);
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy tenant_isolation on ${sql.table(table)}
      using (org_id = nullif(current_setting('app.org_id', true), '')::int)`.execute(db);
  }
  // Requests append events; numbering and retention are the owner's.
  await sql`revoke update, delete on organization_events from stride_app`.execute(db);
  await sql`grant usage, select on all sequences in schema public to stride_app`.execute(db);

  // Writing an event marks its organization, so that its transaction is numbered at COMMIT
  // even if it wrote nothing else. Numbering (an update) and retention (a delete) are not
  // data changes: no version raised for them.
  await sql`create trigger mark_data_version_insert after insert on organization_events
    referencing new table as changed_rows for each statement execute function mark_data_versions_of_rows()`.execute(db);
  for (const table of ['athlete_signal_states', 'webhook_endpoints', 'webhook_deliveries']) {
    for (const [event, rows] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
      await sql`create trigger ${sql.raw(`mark_data_version_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
        referencing ${sql.raw(rows)} table as changed_rows for each statement execute function mark_data_versions_of_rows()`.execute(db);
    }
    await sql`create trigger raise_every_data_version after truncate on ${sql.table(table)}
      for each statement execute function raise_every_data_version()`.execute(db);
  }

  await sql`
    create or replace function raise_marked_data_version() returns trigger
    language plpgsql security definer set search_path = public as $$
    declare
      last_seq bigint;
      numbered bigint;
    begin
      insert into organization_data_versions as v (org_id, version) values (new.org_id, 1)
        on conflict (org_id) do update set version = v.version + 1
        returning event_seq into last_seq;
      with pending as (
        select id, row_number() over (order by id) as n from organization_events
        where org_id = new.org_id and seq is null
      ), numbering as (
        update organization_events e set seq = last_seq + p.n from pending p
        where e.org_id = new.org_id and e.id = p.id returning 1
      )
      select count(*) into numbered from numbering;
      if numbered > 0 then
        update organization_data_versions set event_seq = last_seq + numbered where org_id = new.org_id;
        perform pg_notify('stride_events', new.org_id || ':' || (last_seq + numbered));
      end if;
      delete from organization_data_version_marks where org_id = new.org_id;
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function raise_marked_data_version() returns trigger
    language plpgsql security definer set search_path = public as $$
    begin
      insert into organization_data_versions as v (org_id, version) values (new.org_id, 1)
        on conflict (org_id) do update set version = v.version + 1;
      delete from organization_data_version_marks where org_id = new.org_id;
      return null;
    end $$`.execute(db);
  await sql`drop table webhook_deliveries, webhook_endpoints, athlete_signal_states, organization_events`.execute(db);
  await sql`alter table organization_data_versions drop column event_seq`.execute(db);
}
