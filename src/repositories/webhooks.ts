import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';

// Webhook endpoints and their delivery log (migration 014), as the admin API reads and writes
// them inside a request's transaction. The dispatcher's statements are in webhook-dispatch.ts.

export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

/** An endpoint without its secret, which is shown once, when registered. */
export interface WebhookEndpointRow {
  id: number;
  url: string;
  kinds: string[];
  enabled: boolean;
  disabled_reason: string | null;
  consecutive_failures: number;
  event_cursor: number;
  created_at: Date;
}

export interface WebhookDeliveryRow {
  id: number;
  endpoint_id: number;
  event_seq: number;
  /** null once the event has left the outbox (retention). */
  kind: string | null;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

const ENDPOINT_COLUMNS = ['id', 'url', 'kinds', 'enabled', 'disabled_reason', 'consecutive_failures', 'event_cursor', 'created_at'] as const;

/**
 * Serializes registrations of one organization until the caller's transaction ends, so that
 * counting its endpoints and adding one cannot race past the limit.
 */
export async function lockWebhookEndpointsOf(db: Kysely<Database>, orgId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`stride:webhook-endpoints:${orgId}`}, 0))`.execute(db);
}

export async function countWebhookEndpoints(db: Kysely<Database>, orgId: number): Promise<number> {
  const row = await db.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A new endpoint whose cursor is the organization's last event: it gets the events from now on. */
export async function insertWebhookEndpoint(
  db: Kysely<Database>,
  orgId: number,
  endpoint: { url: string; kinds: readonly string[]; secret: string },
): Promise<WebhookEndpointRow> {
  // INSERT ... SELECT rather than a subquery in VALUES, which Citus refuses (docs/scale-out.md).
  return db
    .insertInto('webhook_endpoints')
    .columns(['org_id', 'url', 'kinds', 'secret', 'event_cursor'])
    .expression((eb) =>
      eb
        .selectFrom('organizations as o')
        .leftJoin('organization_data_versions as v', (join) => join.on('v.org_id', '=', orgId))
        .where('o.id', '=', orgId)
        .select([
          eb.val(orgId).as('org_id'),
          eb.val(endpoint.url).as('url'),
          sql<string[]>`${[...endpoint.kinds]}::text[]`.as('kinds'),
          eb.val(endpoint.secret).as('secret'),
          sql<number>`coalesce(v.event_seq, 0)`.as('event_cursor'),
        ]),
    )
    .returning(ENDPOINT_COLUMNS)
    .executeTakeFirstOrThrow();
}

export function findWebhookEndpoints(db: Kysely<Database>, orgId: number): Promise<WebhookEndpointRow[]> {
  return db.selectFrom('webhook_endpoints').select(ENDPOINT_COLUMNS).where('org_id', '=', orgId).orderBy('id').execute();
}

export function findWebhookEndpoint(db: Kysely<Database>, orgId: number, id: number): Promise<WebhookEndpointRow | undefined> {
  return db.selectFrom('webhook_endpoints').select(ENDPOINT_COLUMNS).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/**
 * Enables (clearing the failure count and the reason) or disables an endpoint by hand.
 * Disabled, its events still wait in the outbox: enabled again, it gets those it missed that
 * the retention window kept, and its pending deliveries resume.
 */
export function setWebhookEndpointEnabled(db: Kysely<Database>, orgId: number, id: number, enabled: boolean): Promise<WebhookEndpointRow | undefined> {
  return db
    .updateTable('webhook_endpoints')
    .set(enabled ? { enabled: true, consecutive_failures: 0, disabled_reason: null } : { enabled: false, disabled_reason: 'disabled by an admin' })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returning(ENDPOINT_COLUMNS)
    .executeTakeFirst();
}

/** Deletes an endpoint and its delivery log; false when there was none. */
export async function deleteWebhookEndpoint(db: Kysely<Database>, orgId: number, id: number): Promise<boolean> {
  const row = await db.deleteFrom('webhook_endpoints').where('org_id', '=', orgId).where('id', '=', id).returning('id').executeTakeFirst();
  return row !== undefined;
}

function deliveries(db: Kysely<Database>, orgId: number) {
  return db
    .selectFrom('webhook_deliveries as d')
    .leftJoin('organization_events as e', (join) => join.onRef('e.org_id', '=', 'd.org_id').onRef('e.seq', '=', 'd.event_seq'))
    .select([
      'd.id', 'd.endpoint_id', 'd.event_seq', 'e.kind', 'd.status', 'd.attempts', 'd.next_attempt_at',
      'd.last_status_code', 'd.last_error', 'd.created_at', 'd.delivered_at',
    ])
    .where('d.org_id', '=', orgId);
}

/** An endpoint's deliveries newest first, below the id `beforeId` when given; `limit` of them. */
export async function findWebhookDeliveries(
  db: Kysely<Database>,
  orgId: number,
  endpointId: number,
  page: { status: WebhookDeliveryStatus | null; beforeId: number | null; limit: number },
): Promise<WebhookDeliveryRow[]> {
  let query = deliveries(db, orgId).where('d.endpoint_id', '=', endpointId);
  if (page.status) query = query.where('d.status', '=', page.status);
  if (page.beforeId !== null) query = query.where('d.id', '<', page.beforeId);
  return (await query.orderBy('d.id', 'desc').limit(page.limit).execute()) as WebhookDeliveryRow[];
}

export async function findWebhookDelivery(db: Kysely<Database>, orgId: number, id: number): Promise<WebhookDeliveryRow | undefined> {
  return (await deliveries(db, orgId).where('d.id', '=', id).executeTakeFirst()) as WebhookDeliveryRow | undefined;
}

/**
 * Starts a delivery over, whatever its state: PENDING, due now, no attempts yet (so it has the
 * whole retry schedule again). A send of it still in flight then records nothing (its claim no
 * longer matches: webhook-dispatch.ts). False when there is no such delivery.
 */
export async function replayWebhookDelivery(db: Kysely<Database>, orgId: number, id: number): Promise<boolean> {
  const row = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'PENDING', attempts: 0, next_attempt_at: sql<Date>`now()`, delivered_at: null })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
