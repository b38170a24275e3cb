import { sql, type ControlledTransaction, type Kysely } from 'kysely';
import type { Database } from './types';

/** The role requests run as: not superuser, not owner, no BYPASSRLS (see migration 002). */
export const APP_ROLE = 'stride_app';

/**
 * Opens a request's transaction as the app role with its organization and statement
 * timeout set for that transaction only, so row-level security sees exactly one
 * organization and nothing leaks to the next user of the connection. Costs one statement
 * besides BEGIN and COMMIT.
 */
export async function startTenantTransaction(
  db: Kysely<Database>,
  orgId: number,
  options: { readOnly: boolean; statementTimeoutMs: number },
): Promise<ControlledTransaction<Database>> {
  const begin = db.startTransaction();
  const trx = await (options.readOnly ? begin.setAccessMode('read only') : begin).execute();
  try {
    await sql`select
      set_config('role', ${APP_ROLE}, true),
      set_config('app.org_id', ${String(orgId)}, true),
      set_config('statement_timeout', ${String(options.statementTimeoutMs)}, true)`.execute(trx);
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
  return trx;
}
