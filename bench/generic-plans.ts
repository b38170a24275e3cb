import { Client } from 'pg';
import { tracingApi, type Statement } from './in-process';
import { operationsOf } from './targets';
import { isBookkeeping } from './explain';

// Custom plans (planned for each request's values) against the generic plan a prepared
// statement reuses, per statement of one request, as the app role with row-level security:
// the execution each pays, and the planning a custom plan pays every time.
// BENCH_DATABASE_URL=postgres://... npx tsx bench/generic-plans.ts <orgId> [Operation ...]

const text = (value: unknown): string => (Array.isArray(value) ? `{${value.map((v) => JSON.stringify(text(v))).join(',')}}` : value instanceof Date ? value.toISOString() : String(value));
const literal = (value: unknown) => (value === null || value === undefined ? 'null' : `'${text(value).replace(/'/g, "''")}'`);
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timings(client: Client, orgId: number, statement: Statement, mode: 'force_custom_plan' | 'force_generic_plan') {
  const execution: number[] = [];
  const planning: number[] = [];
  await client.query('begin read only');
  await client.query(`select set_config('role', 'stride_app', true), set_config('app.org_id', $1, true), set_config('jit', 'off', true), set_config('plan_cache_mode', $2, true)`, [String(orgId), mode]);
  await client.query(`prepare measured as ${statement.sql}`);
  const execute = statement.parameters.length ? `execute measured(${statement.parameters.map(literal).join(', ')})` : 'execute measured';
  for (let run = 0; run < 6; run++) {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, timing off) ${execute}`);
    const output = rows.map((r) => r['QUERY PLAN']).join('\n');
    // The first generic run plans it; later ones reuse it, as a prepared statement does.
    if (run === 0) continue;
    execution.push(Number(/Execution Time: ([\d.]+) ms/.exec(output)?.[1] ?? NaN));
    planning.push(Number(/Planning Time: ([\d.]+) ms/.exec(output)?.[1] ?? 0));
  }
  await client.query('rollback');
  await client.query('deallocate measured');
  return { executionMs: median(execution), planningMs: median(planning) };
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('set BENCH_DATABASE_URL');
  const orgId = Number(process.argv[2] ?? 3);
  const operations = await operationsOf(url, orgId, process.argv.slice(3));
  const api = await tracingApi(url);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const op of operations) {
      const trace = await api.trace(orgId, op);
      const statements = trace.statements.filter((s) => !isBookkeeping(s.sql));
      let custom = 0;
      let generic = 0;
      const lines: string[] = [];
      for (const statement of statements) {
        const c = await timings(client, orgId, statement, 'force_custom_plan');
        const g = await timings(client, orgId, statement, 'force_generic_plan');
        custom += c.planningMs + c.executionMs;
        generic += g.planningMs + g.executionMs;
        lines.push(`  custom ${(c.planningMs + c.executionMs).toFixed(2).padStart(7)} (plan ${c.planningMs.toFixed(2)})  generic ${(g.planningMs + g.executionMs).toFixed(2).padStart(7)}  ${statement.sql.replace(/\s+/g, ' ').trim().slice(0, 90)}`);
      }
      console.log(`\n${op.operationName}: ${statements.length} statements; custom plans ${custom.toFixed(2)} ms, generic plans ${generic.toFixed(2)} ms (planning included)`);
      console.log(lines.join('\n'));
    }
  } finally {
    await client.end();
    await api.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
