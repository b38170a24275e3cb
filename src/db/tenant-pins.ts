import type { PoolClient, QueryResult } from 'pg';

/** Starts the statement that pins a connection of a tenant read pool to an organization (db/tenant.ts builds it). */
export const TENANT_PIN_MARK = '/* tenant pin */';

const NOT_SENT: QueryResult = { command: 'SELECT', rowCount: 0, rows: [], oid: 0, fields: [] };

/**
 * What the connections of a tenant read pool (db/client.ts) hold: every one of them logs in
 * as the app role, read-only, and keeps the organization (and statement timeout and plan
 * mode) it was last pinned to, at session level. A request pins its connection before its
 * first statement; a pin the connection already holds is not sent again, which is what saves
 * a read the transaction's two round trips (docs/design.md, Tenant isolation).
 *
 * The rule that keeps one organization's rows from another: on such a connection, a statement
 * that is not a pin runs only once this checkout has pinned it. A connection whose pin failed
 * (the session kept its old values, or the connection broke) holds no known pin, so the next
 * request sends its own.
 */
export class TenantPins {
  private readonly held = new WeakMap<PoolClient, string>();
  private readonly pinnedThisCheckout = new WeakSet<PoolClient>();

  /** `onSent` hears every statement that reaches the server (a pin held already does not). */
  constructor(private readonly onSent?: (text: string, values: readonly unknown[]) => void) {}

  run(client: PoolClient, text: string, values: readonly unknown[], send: () => Promise<QueryResult>): Promise<QueryResult> {
    if (text.startsWith(TENANT_PIN_MARK)) {
      if (this.held.get(client) === text) {
        this.pinnedThisCheckout.add(client);
        return Promise.resolve(NOT_SENT);
      }
      this.held.delete(client);
      this.onSent?.(text, values);
      return send().then((result) => {
        this.held.set(client, text);
        this.pinnedThisCheckout.add(client);
        return result;
      });
    }
    if (!this.pinnedThisCheckout.has(client)) {
      return Promise.reject(new Error('a statement on a tenant read connection before its organization was pinned'));
    }
    this.onSent?.(text, values);
    return send();
  }

  released(client: PoolClient) {
    this.pinnedThisCheckout.delete(client);
  }
}
