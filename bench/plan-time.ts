import { tracingApi } from './in-process';
import { operationsOf } from './targets';
import { explainStatements } from './explain';

// Where one request's SQL time goes, statement by statement: planning of a custom plan (paid by
// every organization-wide read; small reads reuse generic plans, bench/generic-plans.ts) against
// execution, as the app role with row-level security.
// BENCH_DATABASE_URL=postgres://... npx tsx bench/plan-time.ts <orgId> [Operation ...]
async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('set BENCH_DATABASE_URL');
  const orgId = Number(process.argv[2] ?? 3);
  const operations = await operationsOf(url, orgId, process.argv.slice(3));
  const api = await tracingApi(url);
  try {
    for (const op of operations) {
      const trace = await api.trace(orgId, op);
      const explained = await explainStatements(url, orgId, trace.statements);
      const total = (key: 'planningMs' | 'executionMs') => explained.reduce((sum, e) => sum + e[key], 0);
      console.log(`\n${op.operationName}: ${trace.statements.length} statements; planning ${total('planningMs').toFixed(2)} ms, execution ${total('executionMs').toFixed(2)} ms`);
      for (const e of explained.sort((a, b) => b.planningMs + b.executionMs - a.planningMs - a.executionMs)) {
        console.log(`  plan ${e.planningMs.toFixed(2).padStart(6)}  exec ${e.executionMs.toFixed(2).padStart(7)}  ${e.sql.slice(0, 110)}`);
      }
    }
  } finally {
    await api.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
