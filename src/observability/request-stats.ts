import type { KyselyPlugin, QueryId, RawNode, RootOperationNode } from 'kysely';
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

/** A table's name from a FROM item: `users`, `users as u`; a subquery has none. */
const tableName = (item: any): string | undefined => {
  const table = item?.kind === 'AliasNode' ? item.node : item;
  return table?.kind === 'TableNode' ? table.table?.identifier?.name : undefined;
};
const TABLE_OF: Partial<Record<RootOperationNode['kind'], (node: any) => string | undefined>> = {
  SelectQueryNode: (n) => tableName(n.from?.froms?.[0]),
  InsertQueryNode: (n) => tableName(n.into),
  UpdateQueryNode: (n) => tableName(n.table),
  DeleteQueryNode: (n) => tableName(n.from?.froms?.[0]),
};
const KEYWORD_OF: Partial<Record<RootOperationNode['kind'], string>> = { SelectQueryNode: 'select', InsertQueryNode: 'insert', UpdateQueryNode: 'update', DeleteQueryNode: 'delete' };

/** A raw statement's text with its nested sql`` fragments in place and '?' for values. */
function rawText(node: RawNode): string {
  return node.sqlFragments.map((fragment, i) => {
    const parameter = node.parameters[i];
    return fragment + (parameter === undefined ? '' : parameter.kind === 'RawNode' ? rawText(parameter as RawNode) : '?');
  }).join('');
}

/** The statement's name (observability/statement-name.ts) from Kysely's tree, before it is compiled. */
function nameOf(node: RootOperationNode): string {
  if (node.kind === 'RawNode') return statementName(rawText(node));
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
