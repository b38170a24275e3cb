import { sql, type Kysely } from 'kysely';

// Frozen in time. A data version per organization, for the response cache (issue 18): every
// transaction that writes a row of an organization raises its version once, at COMMIT, so a
// reader that sees a version sees every write made before it. Triggers rather than the
// application's writers: the CLI import, the seed and any later writer keep it true.
//
// Two steps, so that a bulk import pays per statement, not per row, and holds no lock on the
// version until it commits:
// - a statement trigger on every table with org_id (insert, update, delete: one each, as each
//   names its transition table) marks each organization its rows belong to, once per
//   transaction (a row in organization_data_version_marks; the transaction-local setting
//   makes the later statements a lookup);
// - the mark's deferred constraint trigger raises the version at COMMIT, so the version row is
//   locked only while committing (two imports into one club do not queue behind each other,
//   and no lock order with the athletes' advisory locks can deadlock).
// Per-row deferred triggers cost 43% of a bulk ingest's time (bench/README.md).
// Tables created after this migration need the same triggers (tests/integration/response-cache
// checks every table with org_id has them).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organization_data_versions (
      org_id integer primary key,
      version bigint not null
    )`.execute(db);
  // Rows live only inside the transaction that wrote the organization's data.
  await sql`create table organization_data_version_marks (org_id integer not null)`.execute(db);
  for (const table of ['organization_data_versions', 'organization_data_version_marks']) {
    // Requests may read their organization's version; only the triggers (as the owner) write.
    await sql`revoke insert, update, delete on ${sql.table(table)} from stride_app`.execute(db);
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy tenant_isolation on ${sql.table(table)}
      using (org_id = nullif(current_setting('app.org_id', true), '')::int)`.execute(db);
  }

  await sql`
    create function mark_data_version(org integer) returns void
    language plpgsql security definer set search_path = public as $$
    declare
      marked text := coalesce(nullif(current_setting('stride.marked_versions', true), ''), ',');
    begin
      if org is null or position(',' || org || ',' in marked) > 0 then return; end if;
      insert into organization_data_version_marks (org_id) values (org);
      perform set_config('stride.marked_versions', marked || org || ',', true);
    end $$`.execute(db);
  // One function for the three events: each trigger names its transition table changed_rows.
  await sql`
    create function mark_data_versions_of_rows() returns trigger
    language plpgsql as $$
    begin
      perform mark_data_version(org_id) from (select distinct org_id from changed_rows) o;
      return null;
    end $$`.execute(db);
  await sql`
    create function mark_data_versions_of_organizations() returns trigger
    language plpgsql as $$
    begin
      perform mark_data_version(id) from (select distinct id from changed_rows) o;
      return null;
    end $$`.execute(db);
  await sql`
    create function raise_marked_data_version() returns trigger
    language plpgsql security definer set search_path = public as $$
    begin
      insert into organization_data_versions as v (org_id, version) values (new.org_id, 1)
        on conflict (org_id) do update set version = v.version + 1;
      delete from organization_data_version_marks where org_id = new.org_id;
      return null;
    end $$`.execute(db);
  await sql`create constraint trigger raise_data_version after insert on organization_data_version_marks
    deferrable initially deferred for each row execute function raise_marked_data_version()`.execute(db);
  // TRUNCATE names no organization: every version moves.
  await sql`
    create function raise_every_data_version() returns trigger
    language plpgsql security definer set search_path = public as $$
    begin
      update organization_data_versions set version = version + 1;
      return null;
    end $$`.execute(db);

  const markTriggers = async (table: string, fn: string) => {
    await sql`create trigger mark_data_version_insert after insert on ${sql.table(table)}
      referencing new table as changed_rows for each statement execute function ${sql.raw(fn)}()`.execute(db);
    await sql`create trigger mark_data_version_update after update on ${sql.table(table)}
      referencing new table as changed_rows for each statement execute function ${sql.raw(fn)}()`.execute(db);
    await sql`create trigger mark_data_version_delete after delete on ${sql.table(table)}
      referencing old table as changed_rows for each statement execute function ${sql.raw(fn)}()`.execute(db);
    await sql`create trigger raise_every_data_version after truncate on ${sql.table(table)}
      for each statement execute function raise_every_data_version()`.execute(db);
  };
  const { rows } = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.tables t using (table_schema, table_name)
    where c.table_schema = 'public' and c.column_name = 'org_id' and t.table_type = 'BASE TABLE'
      and c.table_name not in ('organization_data_versions', 'organization_data_version_marks')
    order by 1`.execute(db);
  for (const { table_name: table } of rows) await markTriggers(table, 'mark_data_versions_of_rows');
  await markTriggers('organizations', 'mark_data_versions_of_organizations');
  await sql`insert into organization_data_versions (org_id, version) select id, 1 from organizations`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ table_name: string; trigger: string }>`
    select tgrelid::regclass::text as table_name, tgname as trigger from pg_trigger
    where tgname in ('mark_data_version_insert', 'mark_data_version_update', 'mark_data_version_delete', 'raise_every_data_version')`.execute(db);
  for (const { table_name: table, trigger } of rows) {
    await sql`drop trigger ${sql.raw(trigger)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop table organization_data_version_marks, organization_data_versions`.execute(db);
  await sql`drop function mark_data_versions_of_rows, mark_data_versions_of_organizations, raise_marked_data_version,
    raise_every_data_version, mark_data_version(integer)`.execute(db);
}
