import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { Client, Pool } from 'pg';
import { createDatabase } from '../src/db/client';
import { APP_ROLE } from '../src/db/tenant';
import type { Database } from '../src/db/types';
import { migrateToLatest } from '../db/migrate';
import { seedOrganization } from '../db/seed/demo';
import { progressBar } from '../db/seed/progress';
import { ensureBenchOrganization } from './load';
import { findTargets } from './targets';
import { benchOperations, type BenchOperation } from './operations';
import { tracingApi, type Statement } from './in-process';
import { isBookkeeping } from './explain';
import { firstDifferences } from './differences';
import { adminToken, startApiServer } from './processes';
import { interleaved, type LoadFigures } from './measure';
import { machineAndCommit } from './report';

// Issue 20, many organizations: the benchmark's requests in its large organization, alone and
// beside a thousand small ones, with their statements, rows, answers, plans and p50.
//
// BENCH_DATABASE_URL=postgres://… npx tsx bench/many-orgs.ts [--athletes 1000] [--days 400]
//   [--organizations 1000] [--seconds 5] [--rounds 3] [--warmup 2] [--operations A,B] [--smoke] [--out FILE.md]

/** A small organization: a coach and five athletes with two months of history, seeded like the demo, so every tenant table gets its rows. */
const SMALL_ORGANIZATION = { coaches: 1, athletes: 5, days: 60, groups: ['Squad'] };
const SMOKE_SMALL_ORGANIZATION = { coaches: 1, athletes: 2, days: 14, groups: ['Squad'] };
const SMALL_ZONES = ['Europe/London', 'America/Chicago', 'Asia/Tokyo', 'Australia/Sydney'];
/** The request the smoke size times: enough to check the timing works. */
const SMOKE_TIMED = 'AthleteProfile';
/** The smallest table whose plans are judged (see tablesOtherOrganizationsFill). */
const SHARED_TABLE_ROWS = 1000;
/** Tables whose rows the report counts before and after. */
const COUNTED_TABLES = ['organizations', 'users', 'activities', 'activity_daily', 'health_daily', 'planned_workouts', 'insights', 'organization_events'] as const;

export interface ManyOrgsOptions {
  /** The large organization (bench/load.ts), loaded unless a run already did. */
  athletes: number;
  days: number;
  /** Small organizations beside it. */
  organizations: number;
  smoke: boolean;
  settings: { seconds: number; rounds: number; warmupSeconds: number };
  /** Operation names to measure; all of bench/operations.ts when empty. */
  operations: string[];
}

interface RequestCost {
  statements: number;
  rowsFetched: number;
  /** Shared buffers its queries touch (buffersOfRequest): reported, not judged. */
  buffers: number;
}

export interface ManyOrgsReport {
  date: string;
  commit: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string };
  large: { orgId: number; athletes: number; days: number };
  smallOrganization: typeof SMALL_ORGANIZATION;
  settings: ManyOrgsOptions['settings'];
  tableRows: { table: string; before: number; after: number }[];
  requests: { operation: string; before: RequestCost; after: RequestCost; differences: string[]; timing: { before: LoadFigures; after: LoadFigures } | null }[];
  plans: { explained: number; judgedTables: string[]; notLedByOrganization: string[] };
}

/**
 * Measures the benchmark's requests in the large organization of the database at
 * `databaseUrl` ("before") and in a copy of that database with the small organizations added
 * ("after"): statements, rows fetched and answers in-process, plans of the copy, and p50 of
 * two API processes, one on each, driven in turn.
 */
export async function measureManyOrganizations(databaseUrl: string, options: ManyOrgsOptions): Promise<ManyOrgsReport> {
  const handle = await createDatabase({ databaseUrl, dataDir: 'memory', poolSize: 2 });
  let orgId: number;
  let operations: BenchOperation[];
  try {
    await migrateToLatest(handle.db);
    orgId = (await ensureBenchOrganization(handle.db, options.athletes, options.days)).orgId;
    await sql`analyze`.execute(handle.db);
    operations = await withPool(databaseUrl, async (pool) => benchOperations(await findTargets(pool, orgId)));
  } finally {
    // The copy is made from this database: no session may be left on it.
    await handle.close();
  }
  operations = operations.filter((op) => options.operations.length === 0 || options.operations.includes(op.operationName));
  const small = options.smoke ? SMOKE_SMALL_ORGANIZATION : SMALL_ORGANIZATION;
  const copyUrl = await copyWithSmallOrganizations(databaseUrl, options.organizations, small);
  const { commit, ...machine } = machineAndCommit();
  const report: ManyOrgsReport = {
    date: new Date().toISOString(),
    commit,
    machine,
    large: { orgId, athletes: options.athletes, days: options.days },
    smallOrganization: small,
    settings: options.settings,
    tableRows: [],
    requests: [],
    plans: { explained: 0, judgedTables: [], notLedByOrganization: [] },
  };
  for (const table of COUNTED_TABLES) report.tableRows.push({ table, before: await rowsOf(databaseUrl, table), after: await rowsOf(copyUrl, table) });

  console.log('counting statements and rows per request, alone and beside the small organizations; explaining the plans beside them');
  const [before, after] = await Promise.all([tracingApi(databaseUrl), tracingApi(copyUrl)]);
  const original = await createDatabase({ databaseUrl, dataDir: 'memory', poolSize: 1 });
  const copy = await createDatabase({ databaseUrl: copyUrl, dataDir: 'memory', poolSize: 1 });
  try {
    for (const op of operations) {
      const alone = await before.trace(orgId, op);
      const beside = await after.trace(orgId, op);
      report.requests.push({
        operation: op.name,
        before: { statements: alone.statements.length, rowsFetched: alone.rowsFetched, buffers: await buffersOfRequest(original.db, orgId, alone.statements) },
        after: { statements: beside.statements.length, rowsFetched: beside.rowsFetched, buffers: await buffersOfRequest(copy.db, orgId, beside.statements) },
        differences: firstDifferences(beside.data, alone.data, 5),
        timing: null,
      });
      const plans = await scansNotLedByOrganization(copy.db, orgId, beside.statements);
      report.plans.explained += plans.explained;
      report.plans.judgedTables = plans.judgedTables;
      report.plans.notLedByOrganization.push(...plans.scans.map((scan) => `${op.name}: ${scan}`));
    }
  } finally {
    await Promise.all([before.close(), after.close(), original.close(), copy.close()]);
  }

  const timed = operations.filter((op) => !options.smoke || op.operationName === SMOKE_TIMED);
  const token = await withPool(databaseUrl, (pool) => adminToken(pool, orgId));
  const apiAlone = await startApiServer(databaseUrl);
  const apiBeside = await startApiServer(copyUrl).catch(async (error: unknown) => {
    await apiAlone.stop();
    throw error;
  });
  try {
    for (const op of timed) {
      console.log(`timing ${op.name} at 1 connection, alone and beside the small organizations`);
      const body = JSON.stringify({ query: op.query, variables: op.variables, operationName: op.operationName });
      const headers = { authorization: `Bearer ${token}` };
      const figures = await interleaved(
        { before: { url: apiAlone.url, headers, body, pid: apiAlone.pid }, after: { url: apiBeside.url, headers, body, pid: apiBeside.pid } },
        { connections: 1, ...options.settings },
      );
      report.requests.find((r) => r.operation === op.name)!.timing = figures;
    }
  } finally {
    await Promise.all([apiAlone.stop(), apiBeside.stop()]);
  }
  return report;
}

/** What must not change with the number of organizations; any entry fails the run. */
export function manyOrgsFailures(r: ManyOrgsReport): string[] {
  return [
    ...r.requests.flatMap((q) => [
      ...(q.before.statements !== q.after.statements ? [`${q.operation}: ${q.before.statements} statements alone, ${q.after.statements} beside the small organizations`] : []),
      ...(q.before.rowsFetched !== q.after.rowsFetched ? [`${q.operation}: ${q.before.rowsFetched} rows fetched alone, ${q.after.rowsFetched} beside the small organizations`] : []),
      ...q.differences.map((d) => `${q.operation}: answers differ at ${d.replace(/\bapi\b/, 'beside').replace(/\bfloor\b/, 'alone')}`),
    ]),
    ...r.plans.notLedByOrganization.map((scan) => `a scan not led by the organization: ${scan}`),
  ];
}

/**
 * A copy of the database (CREATE DATABASE … TEMPLATE: the same files, so the same ids and
 * the same answers) with the small organizations added through the demo seed, and ANALYZEd.
 * A copy made for the same organizations, migrations and small organizations is reused:
 * its comment says what it was made for, and is set only once it is complete.
 */
async function copyWithSmallOrganizations(databaseUrl: string, organizations: number, small: typeof SMALL_ORGANIZATION): Promise<string> {
  const base = new URL(databaseUrl).pathname.slice(1);
  if (!base || base === 'postgres') throw new Error('BENCH_DATABASE_URL must name a database of its own (the many-organizations case copies it)');
  const name = `${base}_many_orgs`.slice(0, 63);
  const copyUrl = Object.assign(new URL(databaseUrl), { pathname: `/${name}` }).toString();
  const madeFor = await withPool(databaseUrl, async (pool) => {
    const orgs = await pool.query(`select id, name from organizations order by id`);
    const migration = await pool.query(`select max(name) as name from kysely_migration`);
    const key = JSON.stringify({ orgs: orgs.rows, migration: migration.rows[0].name, organizations, small });
    return `bench/many-orgs.ts: ${organizations} small organizations beside ${base} (${createHash('sha1').update(key).digest('hex').slice(0, 16)})`;
  });
  const maintenance = new Client({ connectionString: Object.assign(new URL(databaseUrl), { pathname: '/postgres' }).toString() });
  await maintenance.connect();
  try {
    const existing = await maintenance.query<{ note: string | null }>(`select shobj_description(oid, 'pg_database') as note from pg_database where datname = $1`, [name]);
    if (existing.rows[0]?.note === madeFor) {
      console.log(`reusing ${name} (${organizations} small organizations beside ${base})`);
      return copyUrl;
    }
    await maintenance.query(`drop database if exists ${quoted(name)} with (force)`);
    await maintenance.query(`create database ${quoted(name)} template ${quoted(base)}`).catch((error: Error) => {
      throw new Error(`could not copy ${base} (${error.message}): no other session may be connected to it while it is copied`);
    });
    await addSmallOrganizations(copyUrl, organizations, small);
    await maintenance.query(`comment on database ${quoted(name)} is ${maintenance.escapeLiteral(madeFor)}`);
    return copyUrl;
  } finally {
    await maintenance.end();
  }
}

async function addSmallOrganizations(databaseUrl: string, organizations: number, small: typeof SMALL_ORGANIZATION): Promise<void> {
  const handle = await createDatabase({ databaseUrl, dataDir: 'memory', poolSize: 2 });
  try {
    const progress = progressBar(`adding ${organizations} small organizations`);
    const endDate = new Date().toISOString().slice(0, 10);
    let next = 0;
    let done = 0;
    // Two at a time: the seed waits on PostgreSQL about as much as it computes.
    const seeder = async () => {
      for (let i = next++; i < organizations; i = next++) {
        const spec = { ...small, name: `Small club ${i + 1}`, emailDomain: `small${i + 1}.example`, timezone: SMALL_ZONES[i % SMALL_ZONES.length], seedKey: 10_000 + i };
        await seedOrganization(handle.db, spec, 7, endDate, () => {});
        progress(++done, organizations);
      }
    };
    await Promise.all([seeder(), seeder()]);
    await sql`analyze`.execute(handle.db);
  } finally {
    await handle.close();
  }
}

/**
 * The scans, in the plans of one request's statements, of tables other organizations fill
 * that are not led by the organization: a sequential scan, or an index scan whose index does
 * not start with org_id (id for organizations) or whose condition does not constrain it.
 * Each statement is explained as the request ran it: as the app role with the organization
 * set (row-level security in the plan), in the plan mode the request's opening chose
 * (src/db/tenant.ts); a generic plan through PREPARE, as a prepared statement gets it.
 */
export async function scansNotLedByOrganization(
  db: Kysely<Database>,
  orgId: number,
  requestStatements: readonly Statement[],
): Promise<{ explained: number; scans: string[]; judgedTables: string[] }> {
  const planMode = planModeOf(requestStatements);
  const shared = await tablesOtherOrganizationsFill(db, orgId);
  const leadingColumns = await leadingColumnOfIndexes(db);
  const queries = requestStatements.filter((s) => !isBookkeeping(s.sql));
  const scans: string[] = [];
  for (const statement of queries) {
    for (const scan of scansOf(await explainAsTenant(db, orgId, statement, planMode, false))) {
      const table = scan.table ?? leadingColumns.get(scan.index!)?.table;
      if (!table || !shared.has(table)) continue;
      const key = table === 'organizations' ? 'id' : 'org_id';
      const led = !!scan.index && leadingColumns.get(scan.index)?.column === key && new RegExp(`\\b${key}\\b`).test(scan.condition ?? '');
      if (!led) scans.push(`${scan.node} on ${table}${scan.index ? ` using ${scan.index}` : ''} (${planMode}) in ${statement.sql.replace(/\s+/g, ' ').trim().slice(0, 160)}`);
    }
  }
  return { explained: queries.length, scans, judgedTables: [...shared].sort() };
}

/**
 * Tables of a thousand rows or more (by the planner's statistics) holding rows of other
 * organizations: reading one whole reads theirs. A smaller table is read whole by design
 * (fewer pages than an index descent), so the smoke size judges nothing.
 */
async function tablesOtherOrganizationsFill(db: Kysely<Database>, orgId: number): Promise<Set<string>> {
  const { rows } = await sql<{ table: string; rows: number; tenant: boolean }>`
    select t.relname as table, t.reltuples::float8 as rows,
      exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'org_id' and not a.attisdropped) as tenant
    from pg_class t where t.relnamespace = 'public'::regnamespace and t.relkind = 'r' order by t.relname`.execute(db);
  const shared = new Set<string>();
  for (const { table, rows: estimated, tenant } of rows) {
    if (estimated < SHARED_TABLE_ROWS || !(tenant || table === 'organizations')) continue;
    // The organization leads every index of such a table, so its least and greatest are cheap.
    const key = sql.ref(tenant ? 'org_id' : 'id');
    const { rows: [range] } = await sql<{ low: number | null; high: number | null }>`select min(${key}) as low, max(${key}) as high from ${sql.table(table)}`.execute(db);
    if (range.low !== orgId || range.high !== orgId) shared.add(table);
  }
  return shared;
}

async function leadingColumnOfIndexes(db: Kysely<Database>): Promise<Map<string, { table: string; column: string | null }>> {
  const { rows } = await sql<{ index: string; table: string; column: string | null }>`
    select ic.relname as index, tc.relname as table, a.attname as column
    from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class tc on tc.oid = i.indrelid
    left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
    where tc.relnamespace = 'public'::regnamespace`.execute(db);
  return new Map(rows.map((r) => [r.index, { table: r.table, column: r.column }]));
}

/**
 * Shared buffers (hit or read) the request's queries touch, run once more in its plan mode as
 * the app role: unlike time, a figure the machine's noise leaves alone, and what grows when a
 * plan reads more than the request's own rows.
 */
export async function buffersOfRequest(db: Kysely<Database>, orgId: number, requestStatements: readonly Statement[]): Promise<number> {
  const planMode = planModeOf(requestStatements);
  let buffers = 0;
  for (const statement of requestStatements.filter((s) => !isBookkeeping(s.sql))) {
    const plan = await explainAsTenant(db, orgId, statement, planMode, true);
    buffers += (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0);
  }
  return buffers;
}

/** How a read-only request's statements were planned: its opening says (src/db/tenant.ts). */
function planModeOf(requestStatements: readonly Statement[]): PlanMode {
  const opening = requestStatements.find((s) => /^start transaction read only/.test(s.sql));
  return opening?.sql.includes('force_generic_plan') ? 'force_generic_plan' : 'force_custom_plan';
}

type PlanMode = 'force_generic_plan' | 'force_custom_plan';

// A parameter as the text of a literal, which EXECUTE coerces to the type PREPARE inferred (as bench/generic-plans.ts).
const parameterText = (value: unknown): string => (Array.isArray(value) ? `{${value.map((v) => JSON.stringify(parameterText(v))).join(',')}}` : value instanceof Date ? value.toISOString() : String(value));
const literal = (value: unknown) => (value === null || value === undefined ? 'null' : `'${parameterText(value).replace(/'/g, "''")}'`);

/**
 * One statement's plan as its request had it: as the app role with the organization set
 * (row-level security in the plan), JIT off, prepared and executed in the request's plan
 * mode (a generic plan is the one a prepared statement gets); with ANALYZE and BUFFERS when
 * asked. Read-only, and rolled back.
 */
async function explainAsTenant(db: Kysely<Database>, orgId: number, statement: Statement, planMode: PlanMode, analyze: boolean): Promise<PlanNode> {
  return db.connection().execute(async (connection) => {
    const run = (text: string, parameters: readonly unknown[] = []) => connection.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(CompiledQuery.raw(text, [...parameters]));
    let prepared = false;
    await run('begin read only');
    try {
      await run(`select set_config('role', '${APP_ROLE}', true), set_config('app.org_id', $1, true), set_config('plan_cache_mode', $2, true), set_config('jit', 'off', true)`, [String(orgId), planMode]);
      await run(`prepare many_orgs_probe as ${statement.sql}`);
      prepared = true;
      const execute = statement.parameters.length ? `execute many_orgs_probe(${statement.parameters.map(literal).join(', ')})` : 'execute many_orgs_probe';
      return (await run(`explain (format json${analyze ? ', analyze, buffers, timing off' : ''}) ${execute}`)).rows[0]['QUERY PLAN'][0].Plan;
    } finally {
      await run('rollback');
      // Only this one: the pool keeps the requests' own prepared statements on its connections (src/db/prepared.ts).
      if (prepared) await run('deallocate many_orgs_probe');
    }
  });
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

function scansOf(plan: PlanNode): { node: string; table?: string; index?: string; condition?: string }[] {
  // A bitmap heap scan reads what the bitmap index scans below it found: those are judged.
  const judged = /Scan$/.test(plan['Node Type']) && plan['Node Type'] !== 'Bitmap Heap Scan' && (plan['Relation Name'] || plan['Index Name']);
  const here = judged ? [{ node: plan['Node Type'], table: plan['Relation Name'], index: plan['Index Name'], condition: plan['Index Cond'] }] : [];
  return [...here, ...(plan.Plans ?? []).flatMap(scansOf)];
}

async function rowsOf(databaseUrl: string, table: string): Promise<number> {
  return withPool(databaseUrl, async (pool) => Number((await pool.query(`select count(*) as n from ${quoted(table)}`)).rows[0].n));
}

async function withPool<T>(databaseUrl: string, use: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    return await use(pool);
  } finally {
    await pool.end();
  }
}

const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const ms = (v: number) => v.toFixed(2);
const count = (n: number) => n.toLocaleString('en-US');
/** Buffers beside over alone beyond which the report marks a request's reads as grown. */
const GROWN = 1.2;
const plural = (n: number, noun: string) => `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
const pair = (a: number | string, b: number | string) => (a === b ? `${a}` : `${a} / **${b}**`);

export function manyOrgsMarkdown(r: ManyOrgsReport): string {
  const small = r.smallOrganization;
  const organizations = r.tableRows.find((t) => t.table === 'organizations')!;
  const failures = manyOrgsFailures(r);
  return [
    `# Many organizations ${r.date}: ${count(organizations.after - organizations.before)} small organizations beside ${r.large.athletes} athletes x ${r.large.days} days`,
    '',
    `Commit ${r.commit}; ${r.machine.cores} x ${r.machine.cpu}, ${r.machine.memoryGiB} GiB; Node ${r.machine.node}.`,
    `Alone: the benchmark database (${plural(organizations.before, 'organization')}). Beside: a copy of it (CREATE DATABASE ... TEMPLATE, the same files)`,
    `with small organizations added through the demo seed (${small.coaches} coach, ${small.athletes} athletes, ${small.days} days of history each), then ANALYZEd.`,
    `The requests are the benchmark's, in the ${r.large.athletes}-athlete organization (org ${r.large.orgId}).`,
    `Timing: two API processes (production mode, response cache off), one on each database, driven in turn at 1 connection:`,
    `${plural(r.settings.rounds, 'round')} of ${r.settings.seconds} s each after ${r.settings.warmupSeconds} s of warm-up.`,
    '',
    '| table | rows alone | rows beside |',
    '|---|---|---|',
    ...r.tableRows.map((t) => `| ${t.table} | ${count(t.before)} | ${count(t.after)} |`),
    '',
    `Shared buffers: the buffers (hit or read) its queries touch, each run once more in the request's plan mode as the app role (EXPLAIN ANALYZE);`,
    `unlike time, the machine's noise leaves them alone. Bold: more than ${GROWN}x alone. Buffers and times are reported, not judged.`,
    '',
    '| operation | statements (alone / beside) | rows fetched | answer | shared buffers alone / beside | p50 ms alone | p50 ms beside | beside / alone | p99 ms alone / beside |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.requests.map((q) => {
      const t = q.timing;
      const timing = t ? `${ms(t.before.p50Ms)} | ${ms(t.after.p50Ms)} | ${(t.after.p50Ms / t.before.p50Ms).toFixed(2)}x | ${ms(t.before.p99Ms)} / ${ms(t.after.p99Ms)}` : 'not timed | | |';
      const buffers = `${count(q.before.buffers)} / ${q.after.buffers > GROWN * q.before.buffers ? `**${count(q.after.buffers)}**` : count(q.after.buffers)}`;
      return `| ${q.operation} | ${pair(q.before.statements, q.after.statements)} | ${pair(q.before.rowsFetched, q.after.rowsFetched)} | ${q.differences.length ? '**differs**' : 'same'} | ${buffers} | ${timing} |`;
    }),
    '',
    `Plans beside the small organizations: ${r.plans.explained} statements explained as the app role with the organization set, each in its request's plan mode,`,
    `judged on the tables of ${SHARED_TABLE_ROWS}+ rows holding other organizations' rows (${r.plans.judgedTables.join(', ') || 'none at this size'});`,
    r.plans.notLedByOrganization.length
      ? `scans of tables other organizations fill that are not led by org_id:\n\n${r.plans.notLedByOrganization.map((s) => `- ${s}`).join('\n')}`
      : 'every scan of a table other organizations fill uses an index led by org_id (id for organizations) with the organization in its condition.',
    '',
    failures.length ? `**Failed:**\n\n${failures.map((f) => `- ${f}`).join('\n')}` : 'Statements, rows fetched and answers are the same alone and beside the small organizations.',
    '',
  ].join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      athletes: { type: 'string', default: '1000' },
      days: { type: 'string', default: '400' },
      organizations: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '2' },
      operations: { type: 'string', default: '' },
      smoke: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) throw new Error('set BENCH_DATABASE_URL to a PostgreSQL database the benchmark may fill (see bench/README.md)');
  const smoke = values.smoke;
  const options: ManyOrgsOptions = smoke
    ? { athletes: 20, days: 30, organizations: 20, smoke, settings: { seconds: 1, rounds: 1, warmupSeconds: 1 }, operations: [] }
    : {
        athletes: Number(values.athletes),
        days: Number(values.days),
        organizations: Number(values.organizations),
        smoke,
        settings: { seconds: Number(values.seconds), rounds: Number(values.rounds), warmupSeconds: Number(values.warmup) },
        operations: values.operations ? values.operations.split(',') : [],
      };
  if (![options.athletes, options.days, options.organizations, options.settings.seconds, options.settings.rounds].every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error('--athletes, --days, --organizations, --seconds and --rounds are positive integers');
  }
  const report = await measureManyOrganizations(databaseUrl, options);
  const markdown = manyOrgsMarkdown(report);
  const out = values.out ?? `bench/results/${report.date.slice(0, 10)}-many-orgs${smoke ? '-smoke' : ''}.md`;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, markdown);
  writeFileSync(`${out.replace(/\.md$/, '')}.json`, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${markdown}\nwritten to ${out} and .json`);
  process.exit(manyOrgsFailures(report).length ? 1 : 0);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}
