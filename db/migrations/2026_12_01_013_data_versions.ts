import { sql, type Kysely } from 'kysely';

// Frozen in time. A data version per organization, for the response cache (issue 18): every
// transaction that writes a row of an organization raises its version once, at COMMIT, so a
// reader that sees a version sees every write made before it. Triggers rather than the
// application's writers: the CLI import, the seed and any later writer keep it true.
//
// The trigger is a deferred constraint trigger: it fires at COMMIT, so the version row is
// locked only while committing (two imports into one club do not queue behind each other,
// and no lock order with the athletes' advisory locks can deadlock), and the transaction-local
// setting makes the rows after the first cost a lookup, not an UPDATE.
// Tables created after this migration need the same trigger (tests/integration/response-cache
// checks every table with org_id has it).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organization_data_versions (
      org_id integer primary key,
      version bigint not null
    )`.execute(db);
  // Requests read their organization's row; only the triggers (as the owner) write.
  await sql`revoke insert, update, delete on organization_data_versions from stride_app`.execute(db);
  await sql`alter table organization_data_versions enable row level security`.execute(db);
  await sql`create policy tenant_isolation on organization_data_versions
    using (org_id = nullif(current_setting('app.org_id', true), '')::int)`.execute(db);

  await sql`
    create function raise_data_version(org integer) returns void
    language plpgsql security definer set search_path = public as $$
    declare
      raised text := coalesce(nullif(current_setting('stride.raised_versions', true), ''), ',');
    begin
      if org is null or position(',' || org || ',' in raised) > 0 then return; end if;
      insert into organization_data_versions as v (org_id, version) values (org, 1)
        on conflict (org_id) do update set version = v.version + 1;
      perform set_config('stride.raised_versions', raised || org || ',', true);
    end $$`.execute(db);
  await sql`
    create function raise_data_version_of_row() returns trigger
    language plpgsql as $$
    begin
      if tg_op = 'DELETE' then perform raise_data_version(old.org_id);
      else perform raise_data_version(new.org_id); end if;
      return null;
    end $$`.execute(db);
  await sql`
    create function raise_data_version_of_organization() returns trigger
    language plpgsql as $$
    begin
      if tg_op = 'DELETE' then perform raise_data_version(old.id);
      else perform raise_data_version(new.id); end if;
      return null;
    end $$`.execute(db);
  // TRUNCATE names no organization: every version moves.
  await sql`
    create function raise_every_data_version() returns trigger
    language plpgsql security definer set search_path = public as $$
    begin
      update organization_data_versions set version = version + 1;
      return null;
    end $$`.execute(db);

  const { rows } = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.tables t using (table_schema, table_name)
    where c.table_schema = 'public' and c.column_name = 'org_id' and t.table_type = 'BASE TABLE'
      and c.table_name <> 'organization_data_versions'
    order by 1`.execute(db);
  for (const { table_name: table } of rows) {
    await sql`create constraint trigger raise_data_version after insert or update or delete on ${sql.table(table)}
      deferrable initially deferred for each row execute function raise_data_version_of_row()`.execute(db);
    await sql`create trigger raise_every_data_version after truncate on ${sql.table(table)}
      for each statement execute function raise_every_data_version()`.execute(db);
  }
  await sql`create constraint trigger raise_data_version after insert or update or delete on organizations
    deferrable initially deferred for each row execute function raise_data_version_of_organization()`.execute(db);
  await sql`create trigger raise_every_data_version after truncate on organizations
    for each statement execute function raise_every_data_version()`.execute(db);
  await sql`insert into organization_data_versions (org_id, version) select id, 1 from organizations`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ table_name: string }>`
    select distinct tgrelid::regclass::text as table_name from pg_trigger
    where tgname in ('raise_data_version', 'raise_every_data_version')`.execute(db);
  for (const { table_name: table } of rows) {
    await sql`drop trigger if exists raise_data_version on ${sql.table(table)}`.execute(db);
    await sql`drop trigger if exists raise_every_data_version on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function raise_data_version_of_row, raise_data_version_of_organization, raise_every_data_version, raise_data_version(integer)`.execute(db);
  await sql`drop table organization_data_versions`.execute(db);
}
