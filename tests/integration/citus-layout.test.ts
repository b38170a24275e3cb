import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

// Issue 20, part 5: the schema must be distributable by org_id with Citus, checked from the
// catalog after every migration (docs/scale-out.md is the plan). Citus itself cannot be
// installed here, so this checks the rules Citus enforces when a table is distributed, plus
// the one the scale-out plan adds (every index of a tenant table leads with org_id).

/**
 * The tables without org_id, each meant to become a Citus reference table (a copy on every
 * node). A new one is a conscious choice: add it here and to docs/scale-out.md.
 */
const EXPECTED_GLOBAL_TABLES = ['kysely_migration', 'kysely_migration_lock', 'organizations'];

/**
 * Indexes of tenant tables that do not lead with org_id, each for a job that reads across
 * organizations by design; never for a request. Under Citus each shard keeps its own copy, so
 * the job fans out to every shard and each scans only its own part (docs/scale-out.md).
 */
const CROSS_ORGANIZATION_INDEXES: Record<string, string> = {
  // Event retention (repositories/events.ts deleteEventsBefore): the oldest events of every
  // organization, 10,000 at a time, hourly, on the owner's connection.
  organization_events_by_age: 'retention of organization_events',
  // The webhook dispatcher's scan for organizations with deliveries due
  // (repositories/webhook-dispatch.ts findOrganizationsWithDueDeliveries); the claims that
  // follow are one organization's each and name its org_id.
  webhook_deliveries_due: 'webhook dispatch scan for due deliveries',
};

interface LayoutReport {
  tenantTables: string[];
  globalTables: string[];
  /** One line per broken rule, naming the table and the constraint or index. */
  violations: string[];
}

interface TableRow {
  name: string;
  has_org_id: boolean;
  org_id_type: string | null;
  org_id_not_null: boolean;
  has_primary_key: boolean;
  /** pg_class.relreplident: d(efault: the primary key), n(othing), f(ull), i(ndex). */
  replica_identity: string;
}

interface ConstraintRow {
  name: string;
  /** p(rimary key), u(nique), x (exclusion), f(oreign key). */
  kind: string;
  table: string;
  columns: string[];
  referenced_table: string | null;
  referenced_columns: string[];
  /** pg_constraint.confdeltype / confupdtype: a(no action), r(estrict), c(ascade), n(set null), d(set default). */
  on_delete: string;
  on_update: string;
}

interface IndexRow {
  name: string;
  table: string;
  unique: boolean;
  backs_constraint: boolean;
  /** Key columns in order (INCLUDE columns left out); an expression reads '(expression)'. */
  key_columns: string[];
}

const KEY_KINDS: Record<string, string> = { p: 'primary key', u: 'unique constraint', x: 'exclusion constraint' };

/** Citus refuses these actions on a foreign key that includes the distribution column. */
const UNSUPPORTED_ON_DELETE: Record<string, string> = { n: 'SET NULL', d: 'SET DEFAULT' };
const UNSUPPORTED_ON_UPDATE: Record<string, string> = { n: 'SET NULL', d: 'SET DEFAULT', c: 'CASCADE' };

async function readTables(db: Kysely<any>, schema: string): Promise<TableRow[]> {
  const { rows } = await sql<TableRow>`
    select c.relname::text as name, a.attname is not null as has_org_id,
      format_type(a.atttypid, a.atttypmod) as org_id_type, coalesce(a.attnotnull, false) as org_id_not_null,
      exists (select 1 from pg_constraint p where p.conrelid = c.oid and p.contype = 'p') as has_primary_key,
      c.relreplident::text as replica_identity
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
    where n.nspname = ${schema} and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(db);
  return rows;
}

async function readConstraints(db: Kysely<any>, schema: string): Promise<ConstraintRow[]> {
  const { rows } = await sql<ConstraintRow>`
    select c.conname::text as name, c.contype::text as kind, t.relname::text as table,
      array(select a.attname::text from unnest(c.conkey) with ordinality k(attnum, i)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.i) as columns,
      r.relname::text as referenced_table,
      array(select a.attname::text from unnest(c.confkey) with ordinality k(attnum, i)
        join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.i) as referenced_columns,
      c.confdeltype::text as on_delete, c.confupdtype::text as on_update
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace n on n.oid = t.relnamespace
    left join pg_class r on r.oid = c.confrelid
    where n.nspname = ${schema} and c.contype in ('p', 'u', 'x', 'f')
    order by t.relname, c.conname`.execute(db);
  return rows;
}

async function readIndexes(db: Kysely<any>, schema: string): Promise<IndexRow[]> {
  const { rows } = await sql<IndexRow>`
    select i.relname::text as name, t.relname::text as table, x.indisunique as unique,
      exists (select 1 from pg_constraint c where c.conindid = x.indexrelid and c.conrelid = x.indrelid
        and c.contype in ('p', 'u', 'x')) as backs_constraint,
      array(select coalesce(a.attname::text, '(expression)') from unnest(x.indkey::int2[]) with ordinality k(attnum, i)
        left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum
        where k.i <= x.indnkeyatts order by k.i) as key_columns
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = ${schema}
    order by t.relname, i.relname`.execute(db);
  return rows;
}

const list = (columns: readonly string[]) => `(${columns.join(', ')})`;

/**
 * Whether every table of `schema` with an org_id column could be distributed by it with
 * Citus, co-located with the others, and every other table could be a reference table.
 */
async function citusLayoutOf(
  db: Kysely<any>,
  schema: string,
  crossOrganizationIndexes: Record<string, string> = {},
): Promise<LayoutReport> {
  const [tables, constraints, indexes] = await Promise.all([readTables(db, schema), readConstraints(db, schema), readIndexes(db, schema)]);
  const isTenant = new Map(tables.map((t) => [t.name, t.has_org_id]));
  const tenantTables = tables.filter((t) => t.has_org_id);
  const violations: string[] = [];

  for (const table of tenantTables) {
    // A row without a distribution value has no shard.
    if (!table.org_id_not_null) violations.push(`${table.name}: org_id may be null`);
    // Citus moves a shard online (citus_move_shard_placement, tenant isolation) by logical
    // replication, which needs a primary key or a replica identity on every co-located table.
    const identified = table.replica_identity === 'f' || table.replica_identity === 'i' || (table.replica_identity === 'd' && table.has_primary_key);
    if (!identified) violations.push(`${table.name}: no primary key or replica identity, so its shards cannot be moved online`);
  }
  // Co-location needs one distribution column type across the group.
  const byType = new Map<string, string[]>();
  for (const table of tenantTables) byType.set(table.org_id_type!, [...(byType.get(table.org_id_type!) ?? []), table.name]);
  if (byType.size > 1) {
    const [common] = [...byType.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    for (const [type, names] of byType) {
      if (type !== common) for (const name of names) violations.push(`${name}: org_id is ${type}, the other tenant tables' is ${common}`);
    }
  }

  for (const c of constraints) {
    const fromTenant = isTenant.get(c.table) === true;
    if (c.kind in KEY_KINDS) {
      if (fromTenant && !c.columns.includes('org_id')) violations.push(`${c.table}: ${KEY_KINDS[c.kind]} ${c.name} ${list(c.columns)} lacks org_id`);
      continue;
    }
    const toTenant = isTenant.get(c.referenced_table!) === true;
    const reference = `${c.name} ${list(c.columns)} -> ${c.referenced_table} ${list(c.referenced_columns)}`;
    if (!fromTenant && toTenant) violations.push(`${c.table}: foreign key ${reference} points from a global table into a tenant table`);
    if (fromTenant && toTenant) {
      const at = c.columns.indexOf('org_id');
      if (at < 0 || c.referenced_columns[at] !== 'org_id') violations.push(`${c.table}: foreign key ${reference} does not match org_id to org_id`);
    }
    if (fromTenant && c.columns.includes('org_id')) {
      if (c.on_delete in UNSUPPORTED_ON_DELETE) violations.push(`${c.table}: foreign key ${reference} has ON DELETE ${UNSUPPORTED_ON_DELETE[c.on_delete]}, refused on a key that includes org_id`);
      if (c.on_update in UNSUPPORTED_ON_UPDATE) violations.push(`${c.table}: foreign key ${reference} has ON UPDATE ${UNSUPPORTED_ON_UPDATE[c.on_update]}, refused on a key that includes org_id`);
    }
  }

  for (const index of indexes.filter((i) => isTenant.get(i.table))) {
    // Unique constraints were checked above under their own names.
    if (index.unique && !index.backs_constraint && !index.key_columns.includes('org_id')) {
      violations.push(`${index.table}: unique index ${index.name} ${list(index.key_columns)} lacks org_id`);
    }
    if (index.key_columns[0] !== 'org_id' && !(index.name in crossOrganizationIndexes)) {
      violations.push(`${index.table}: index ${index.name} ${list(index.key_columns)} does not lead with org_id`);
    }
  }
  for (const name of Object.keys(crossOrganizationIndexes)) {
    const index = indexes.find((i) => i.name === name);
    if (!index) violations.push(`allowed cross-organization index ${name} no longer exists: take it off the list`);
    else if (index.key_columns[0] === 'org_id') violations.push(`allowed cross-organization index ${name} leads with org_id now: take it off the list`);
  }

  return {
    tenantTables: tenantTables.map((t) => t.name),
    globalTables: tables.filter((t) => !t.has_org_id).map((t) => t.name),
    violations: violations.sort(),
  };
}

/** The tables named in docs/scale-out.md's calls, in the order the calls are written. */
function plannedCalls(doc: string) {
  const namesOf = (pattern: RegExp) => [...doc.matchAll(pattern)].map((m) => m[1]);
  return {
    distributed: namesOf(/create_distributed_table\('(\w+)', 'org_id'/g),
    reference: namesOf(/create_reference_table\('(\w+)'\)/g),
  };
}

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(() => t.close());

describe('the migrated schema', () => {
  let layout: LayoutReport;

  beforeAll(async () => {
    layout = await citusLayoutOf(t.db, 'public', CROSS_ORGANIZATION_INDEXES);
  });

  it('has exactly the expected global tables, every other table carrying org_id', () => {
    expect(layout.globalTables).toEqual(EXPECTED_GLOBAL_TABLES);
    expect(layout.tenantTables.length).toBeGreaterThan(20);
  });

  it('is distributable by org_id: keys, foreign keys, replica identity and leading index columns', () => {
    expect(layout.violations).toEqual([]);
  });

  it('is what docs/scale-out.md distributes, referenced tables before the tables pointing at them', async () => {
    const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'scale-out.md'), 'utf8');
    const calls = plannedCalls(doc);
    expect([...calls.distributed].sort()).toEqual(layout.tenantTables);
    expect([...calls.reference].sort()).toEqual(layout.globalTables);
    // Citus needs a foreign key's target distributed (or a reference table) before the key's table.
    const order = [...calls.reference, ...calls.distributed];
    const constraints = await readConstraints(t.db, 'public');
    const outOfOrder = constraints
      .filter((c) => c.kind === 'f' && c.referenced_table !== c.table && order.indexOf(c.referenced_table!) > order.indexOf(c.table))
      .map((c) => `${c.table} is distributed before ${c.referenced_table}, which ${c.name} references`);
    expect(outOfOrder).toEqual([]);
  });
});

describe('the check itself', () => {
  const SCHEMA = 'citus_layout_probe';

  afterAll(async () => {
    await sql`drop schema if exists ${sql.id(SCHEMA)} cascade`.execute(t.db);
  });

  it('names every table and constraint of a deliberately bad schema that breaks a rule', async () => {
    await sql`create schema ${sql.id(SCHEMA)}`.execute(t.db);
    for (const statement of [
      'create table tenants (id integer primary key)',
      'create table members (org_id integer not null references tenants, id integer primary key, unique (org_id, id))',
      'create table badges (org_id integer, id integer, code text, primary key (org_id, id), unique (code), unique (id, org_id))',
      'create unique index badges_code_lower on badges (lower(code), org_id)',
      'create unique index badges_code_upper on badges (upper(code))',
      `create table awards (
        org_id integer not null, id integer, member_id integer, badge_id integer,
        primary key (org_id, id),
        constraint awards_member_fk foreign key (member_id) references members (id),
        constraint awards_badge_fk foreign key (org_id, badge_id) references badges (id, org_id) on update cascade,
        constraint awards_member_kept_fk foreign key (org_id, member_id) references members (org_id, id) on delete set null (member_id))`,
      'create index awards_by_badge on awards (badge_id, org_id)',
      'create table award_marks (org_id integer)',
      'create table badge_counts (org_id bigint not null primary key, n integer)',
      'create table tenant_notes (id integer primary key, member_id integer references members (id))',
    ]) {
      // One transaction each, so that the search path set for it names the probe's schema.
      await t.db.transaction().execute(async (trx) => {
        await sql`select set_config('search_path', ${SCHEMA}, true)`.execute(trx);
        await sql.raw(statement).execute(trx);
      });
    }
    const layout = await citusLayoutOf(t.db, SCHEMA, { awards_pkey: 'a stale allowance', awards_gone_idx: 'a dropped index' });
    expect(layout.globalTables).toEqual(['tenant_notes', 'tenants']);
    expect(layout.violations).toEqual([
      'allowed cross-organization index awards_gone_idx no longer exists: take it off the list',
      'allowed cross-organization index awards_pkey leads with org_id now: take it off the list',
      'award_marks: no primary key or replica identity, so its shards cannot be moved online',
      'award_marks: org_id may be null',
      'awards: foreign key awards_badge_fk (org_id, badge_id) -> badges (id, org_id) does not match org_id to org_id',
      'awards: foreign key awards_badge_fk (org_id, badge_id) -> badges (id, org_id) has ON UPDATE CASCADE, refused on a key that includes org_id',
      'awards: foreign key awards_member_fk (member_id) -> members (id) does not match org_id to org_id',
      'awards: foreign key awards_member_kept_fk (org_id, member_id) -> members (org_id, id) has ON DELETE SET NULL, refused on a key that includes org_id',
      'awards: index awards_by_badge (badge_id, org_id) does not lead with org_id',
      'badge_counts: org_id is bigint, the other tenant tables\' is integer',
      'badges: index badges_code_key (code) does not lead with org_id',
      'badges: index badges_code_lower ((expression), org_id) does not lead with org_id',
      'badges: index badges_code_upper ((expression)) does not lead with org_id',
      'badges: index badges_id_org_id_key (id, org_id) does not lead with org_id',
      'badges: unique constraint badges_code_key (code) lacks org_id',
      'badges: unique index badges_code_upper ((expression)) lacks org_id',
      'members: index members_pkey (id) does not lead with org_id',
      'members: primary key members_pkey (id) lacks org_id',
      'tenant_notes: foreign key tenant_notes_member_id_fkey (member_id) -> members (id) points from a global table into a tenant table',
    ]);
  });
});
