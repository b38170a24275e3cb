import type { KyselyPlugin, QueryId, RootOperationNode } from 'kysely';
import { statementName } from './statement-name';

/** What one request cost the database: its own statements (not its transaction's frame) and the rows they returned. */
export interface RequestStats {
  statements: number;
  rows: number;
}

export interface SlowStatement {
  name: string;
  ms: number;
}

const TABLE_OF: Partial<Record<RootOperationNode['kind'], (node: any) => string | undefined>> = {
  SelectQueryNode: (n) => n.from?.froms?.[0]?.table?.identifier?.name,
  InsertQueryNode: (n) => n.into?.table?.identifier?.name,
  UpdateQueryNode: (n) => n.table?.table?.identifier?.name,
  DeleteQueryNode: (n) => n.from?.froms?.[0]?.table?.identifier?.name,
};
const KEYWORD_OF: Partial<Record<RootOperationNode['kind'], string>> = { SelectQueryNode: 'select', InsertQueryNode: 'insert', UpdateQueryNode: 'update', DeleteQueryNode: 'delete' };

/** The statement's name (observability/statement-name.ts) from Kysely's tree, before it is compiled. */
function nameOf(node: RootOperationNode): string {
  if (node.kind === 'RawNode') return statementName(node.sqlFragments.join('?'));
  const table = TABLE_OF[node.kind]?.(node);
  const keyword = KEYWORD_OF[node.kind] ?? node.kind;
  return table ? `${keyword} ${table}` : keyword;
}

/**
 * Counts a request's statements and rows as they run through its connection, and reports
 * each statement that took `slowMs` or more. Installed per request (plugins/tenant-transaction.ts),
 * so it needs no async context.
 */
export function observeStatements(stats: RequestStats, slowMs: number, onSlow: (statement: SlowStatement) => void): KyselyPlugin {
  const started = new WeakMap<QueryId, { at: number; node: RootOperationNode }>();
  return {
    transformQuery({ node, queryId }) {
      started.set(queryId, { at: performance.now(), node });
      return node;
    },
    async transformResult({ result, queryId }) {
      stats.statements += 1;
      stats.rows += result.rows.length;
      const start = started.get(queryId);
      if (start) {
        const ms = performance.now() - start.at;
        if (ms >= slowMs) onSlow({ name: nameOf(start.node), ms: Math.round(ms) });
      }
      return result;
    },
  };
}
