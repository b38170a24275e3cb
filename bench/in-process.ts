import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../src/db/client';
import { createApp, type App } from '../src/app';
import { signToken } from '../src/auth/tokens';
import type { BenchOperation } from './operations';
import { ROW_COUNT_COLUMN } from '../src/repositories/json-rows';

export const BENCH_AUTH = { secret: 'bench-secret-0123456789abcdef0123456789', issuer: 'stride', audiences: ['stride-api'], persistedOnlyAudiences: [] };

/**
 * Rows the app receives from the database, counted at Kysely's result hook. A row of column
 * arrays (src/repositories/json-rows.ts) counts as the rows it carries.
 */
class RowCounter implements KyselyPlugin {
  rows = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of args.result.rows) this.rows += typeof row[ROW_COUNT_COLUMN] === 'number' ? row[ROW_COUNT_COLUMN] : 1;
    return args.result;
  }
}

export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

export interface RequestTrace {
  statements: Statement[];
  rowsFetched: number;
  /** JSON objects under `data`: the rows of the answer. */
  objectsReturned: number;
  data: unknown;
}

const countObjects = (value: unknown): number =>
  Array.isArray(value)
    ? value.reduce((n: number, v) => n + countObjects(v), 0)
    : typeof value === 'object' && value !== null
      ? 1 + Object.values(value).reduce((n: number, v) => n + countObjects(v), 0)
      : 0;

/** The API in this process, on its own pool, recording each request's statements and rows. */
export async function tracingApi(databaseUrl: string): Promise<{ trace(orgId: number, op: Pick<BenchOperation, 'query' | 'variables'>): Promise<RequestTrace>; close(): Promise<void> }> {
  let statements: Statement[] = [];
  const handle: DatabaseHandle = await createDatabase({
    databaseUrl,
    dataDir: 'memory',
    poolSize: 2,
    onQuery: (sql, parameters) => statements.push({ sql, parameters }),
  });
  const counter = new RowCounter();
  const app: App = createApp({ db: handle.db.withPlugin(counter), auth: BENCH_AUTH });
  const tokens = new Map<number, string>();
  return {
    async trace(orgId, op) {
      if (!tokens.has(orgId)) {
        const admin = await handle.db.selectFrom('users').select('id').where('org_id', '=', orgId).where('role', '=', 'admin').executeTakeFirstOrThrow();
        tokens.set(orgId, await signToken(BENCH_AUTH, { orgId, userId: admin.id, role: 'ADMIN', audience: 'stride-api', expiresIn: '2h' }));
      }
      statements = [];
      counter.rows = 0;
      const response = await app.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(orgId)}` },
        body: JSON.stringify({ query: op.query, variables: op.variables }),
      });
      const json = (await response.json()) as { data?: unknown; errors?: unknown };
      if (json.errors) throw new Error(`the API answered errors: ${JSON.stringify(json.errors)}`);
      // A query's COMMIT goes after its answer (src/db/tenant.ts): wait for it to count it.
      for (let wait = 0; wait < 400 && !/^(commit|rollback)\b/i.test(statements[statements.length - 1]?.sql ?? ''); wait++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return { statements, rowsFetched: counter.rows, objectsReturned: countObjects(json.data), data: json.data };
    },
    close: () => handle.close(),
  };
}
