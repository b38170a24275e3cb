import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { Pool } from 'pg';
import { createDatabase } from '../src/db/client';
import { migrateToLatest } from '../db/migrate';
import { ensureBenchOrganization } from './load';
import { benchOperations } from './operations';
import { findTargets } from './targets';
import { tracingApi } from './in-process';
import { explainStatements } from './explain';
import { sqlTimeCases } from './cases';
import { peakRssMiB } from './processes';
import { timeServers } from './timing';
import { measureFirstStart } from './first-start';
import { machineAndCommit, toMarkdown, type BenchReport } from './report';
import { checkBudget } from './budget';
import { manyOrgsFailures, manyOrgsMarkdown, measureManyOrganizations } from './many-orgs';

// npm run bench [-- --athletes 5000] [--seconds 5] [--rounds 3] [--smoke] [--only counts,sql,timing,many-orgs,first-start] [--operations AthletesList,...]
async function main() {
  const { values } = parseArgs({
    options: {
      athletes: { type: 'string', default: '1000' },
      days: { type: 'string', default: '400' },
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '2' },
      smoke: { type: 'boolean', default: false },
      only: { type: 'string', default: 'counts,sql,timing,many-orgs,first-start' },
      operations: { type: 'string' },
      out: { type: 'string', default: 'bench/results' },
    },
  });
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) throw new Error('set BENCH_DATABASE_URL to a PostgreSQL database the benchmark may fill (see bench/README.md)');
  const smoke = values.smoke;
  const athletes = smoke ? 20 : Number(values.athletes);
  const days = smoke ? 30 : Number(values.days);
  const settings = smoke ? { seconds: 1, rounds: 1, warmupSeconds: 1 } : { seconds: Number(values.seconds), rounds: Number(values.rounds), warmupSeconds: Number(values.warmup) };
  if (![athletes, days, settings.seconds, settings.rounds].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--athletes, --days, --seconds and --rounds are positive integers');
  const steps = new Set(values.only.split(','));
  const sizes = [...new Set([10, ...(smoke ? [] : [100, 1000]), athletes])].sort((a, b) => a - b);

  // 1. The benchmark organizations, loaded once through the ingest code.
  const handle = await createDatabase({ databaseUrl, dataDir: 'memory', poolSize: 2 });
  await migrateToLatest(handle.db);
  const orgs = new Map<number, number>();
  for (const size of sizes) {
    const org = await ensureBenchOrganization(handle.db, size, days);
    console.log(`${org.loaded ? 'loaded' : 'reusing'} the ${size}-athlete organization (org ${org.orgId})`);
    orgs.set(size, org.orgId);
  }
  const { rows } = await sql<{ version: string }>`select version()`.execute(handle.db);
  await sql`analyze`.execute(handle.db);
  await handle.close();
  const orgId = orgs.get(athletes)!;
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const targets = await findTargets(pool, orgId);
  await pool.end();
  const operations = benchOperations(targets).filter((op) => !values.operations || values.operations.split(',').includes(op.operationName));
  const report: BenchReport = {
    date: new Date().toISOString(),
    ...(({ commit, ...machine }) => ({ commit, machine: { ...machine, postgres: rows[0].version.split(' on ')[0] } }))(machineAndCommit()),
    size: { athletes, days },
    settings,
    statements: [],
    sqlTime: [],
    timing: [],
    cached: [],
    equality: [],
    rssUnderAthletesList: null,
    peakRssMiB: { api: null, floor: null, peer: null, cachedApi: null, harness: 0 },
    firstStart: null,
    budget: [],
  };

  // 2. Statements and rows per request at each size, and the SQL time of the budgeted cases.
  console.log('counting statements and rows per request, explaining the budgeted SQL');
  const api = await tracingApi(databaseUrl);
  for (const size of steps.has('counts') ? sizes : []) {
    const sizeOrg = orgs.get(size)!;
    for (const op of benchOperations(await withPool(databaseUrl, (p) => findTargets(p, sizeOrg)))) {
      const trace = await api.trace(sizeOrg, op);
      const bookkeeping = trace.statements.filter((s) => /^\s*(start transaction|begin|commit)/i.test(s.sql)).length;
      report.statements.push({ athletes: size, operation: op.name, statements: trace.statements.length, queries: trace.statements.length - bookkeeping, rowsFetched: trace.rowsFetched, objectsReturned: trace.objectsReturned });
    }
  }
  for (const c of steps.has('sql') ? sqlTimeCases(targets) : []) {
    const explained = await explainStatements(databaseUrl, orgId, (await api.trace(orgId, c.op)).statements);
    report.sqlTime.push({ name: c.name, budgetMs: c.budgetMs, slowestMs: Math.max(...explained.map((e) => e.executionMs)), statements: explained.length });
    explainLog.push(`## ${c.name}\n`, ...explained.map((e) => `Execution ${e.executionMs} ms\n\n\`\`\`sql\n${e.sql}\n\`\`\`\n\n\`\`\`\n${e.plan}\n\`\`\`\n`));
  }
  await api.close();
  report.peakRssMiB.harness = peakRssMiB(process.pid) ?? Math.round(process.memoryUsage().rss / 2 ** 20);

  // 3. The API in production mode (response cache off) beside the raw floor and PostGraphile,
  // checked equal, then driven in turn; then the cached repeats against an API with its cache on.
  if (steps.has('timing')) await timeServers(databaseUrl, orgId, operations, settings, report);

  // 3b. The same requests beside 1,000 small organizations, in a copy of this database (bench/many-orgs.ts).
  const manyOrgs = steps.has('many-orgs')
    ? await measureManyOrganizations(databaseUrl, { athletes, days, organizations: smoke ? 20 : 1000, smoke, settings, operations: values.operations?.split(',') ?? [] })
    : null;

  // 4. The zero-setup path.
  if (steps.has('first-start')) {
    console.log('measuring the embedded first start');
    report.firstStart = await measureFirstStart();
  }

  report.budget = checkBudget(report, sizes);
  const stem = `${values.out}/${report.date.slice(0, 10)}-${athletes}x${days}${smoke ? '-smoke' : ''}`;
  mkdirSync(values.out, { recursive: true });
  writeFileSync(`${stem}.md`, toMarkdown(report));
  writeFileSync(`${stem}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${stem}-explain.md`, `# EXPLAIN (ANALYZE, BUFFERS), ${athletes} athletes x ${days} days, ${report.date}\n\n${explainLog.join('\n')}`);
  if (manyOrgs) writeFileSync(`${stem}-many-orgs.md`, manyOrgsMarkdown(manyOrgs));
  console.log(`\n${toMarkdown(report)}\n${manyOrgs ? `${manyOrgsMarkdown(manyOrgs)}\n` : ''}written to ${stem}.md, .json and -explain.md${manyOrgs ? ' and -many-orgs.md' : ''}`);
  // Exact figures fail the run; timing is reported (a noisy machine must not fail CI).
  const failed = report.budget.filter((b) => !b.ok && b.exact).length + report.equality.filter((e) => !e.equal).length + (manyOrgs ? manyOrgsFailures(manyOrgs).length : 0);
  process.exit(failed ? 1 : 0);
}

const explainLog: string[] = [];

async function withPool<T>(databaseUrl: string, use: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    return await use(pool);
  } finally {
    await pool.end();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
