import { Client } from 'pg';
import type { Statement } from './in-process';

export interface ExplainedStatement {
  sql: string;
  executionMs: number;
  /** Median planning time of the same five runs: paid on every request (no plan is cached). */
  planningMs: number;
  plan: string;
}

/** The transaction's opening, its settings and its end: not the request's queries. */
export const isBookkeeping = (sql: string) => /^\s*(start transaction|begin|commit|rollback|select\s+set_config)/i.test(sql);

/**
 * EXPLAIN (ANALYZE, BUFFERS) of a request's statements, each run as the API runs it: as the
 * app role with the organization set (so the plans include the row-level security filters)
 * and JIT off like the API's sessions. The time is the median of five EXPLAIN (ANALYZE,
 * TIMING OFF) runs after the plan's: per-node timing alone adds a third to org-wide scans.
 */
export async function explainStatements(databaseUrl: string, orgId: number, statements: Statement[]): Promise<ExplainedStatement[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const explained: ExplainedStatement[] = [];
    for (const statement of statements.filter((s) => !isBookkeeping(s.sql))) {
      const explain = async (options: string) => {
        await client.query('begin read only');
        await client.query(`select set_config('role', 'stride_app', true), set_config('app.org_id', $1, true), set_config('jit', 'off', true)`, [String(orgId)]);
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (${options}) ${statement.sql}`, statement.parameters as unknown[]);
        await client.query('rollback');
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      };
      const plan = await explain('analyze, buffers');
      const times: number[] = [];
      const planning: number[] = [];
      for (let run = 0; run < 5; run++) {
        const output = await explain('analyze, timing off');
        times.push(Number(/Execution Time: ([\d.]+) ms/.exec(output)?.[1] ?? NaN));
        planning.push(Number(/Planning Time: ([\d.]+) ms/.exec(output)?.[1] ?? NaN));
      }
      const median = (values: number[]) => values.sort((a, b) => a - b)[2];
      explained.push({ sql: statement.sql.replace(/\s+/g, ' ').trim(), executionMs: median(times), planningMs: median(planning), plan });
    }
    return explained;
  } finally {
    await client.end();
  }
}
