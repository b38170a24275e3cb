import { Client } from 'pg';
import type { Statement } from './in-process';

export interface ExplainedStatement {
  sql: string;
  executionMs: number;
  plan: string;
}

const isBookkeeping = (sql: string) => /^\s*(start transaction|begin|commit|rollback|select\s+set_config)/i.test(sql);

/**
 * EXPLAIN (ANALYZE, BUFFERS) of a request's statements, each run as the API runs it: as the
 * app role with the organization set, so the plans include the row-level security filters.
 * Executed twice and the second kept, so the figures are for warm caches like the timed runs.
 */
export async function explainStatements(databaseUrl: string, orgId: number, statements: Statement[]): Promise<ExplainedStatement[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const explained: ExplainedStatement[] = [];
    for (const statement of statements.filter((s) => !isBookkeeping(s.sql))) {
      let plan = '';
      for (let attempt = 0; attempt < 2; attempt++) {
        await client.query('begin read only');
        await client.query(`select set_config('role', 'stride_app', true), set_config('app.org_id', $1, true)`, [String(orgId)]);
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${statement.sql}`, statement.parameters as unknown[]);
        await client.query('rollback');
        plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      }
      const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
      explained.push({ sql: statement.sql.replace(/\s+/g, ' ').trim(), executionMs, plan });
    }
    return explained;
  } finally {
    await client.end();
  }
}
