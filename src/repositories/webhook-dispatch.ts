import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';

// The webhook dispatcher's statements (src/live/webhooks/dispatcher.ts). Two read across
// organizations and run as the pool's own role (the tables' owner): which organizations have
// events no endpoint has seen yet, and which have deliveries due. Every write is one
// organization's, inside a tenant transaction, and names its org_id too. (A transaction that
// wrote several organizations would also raise their data versions at COMMIT in no set
// order, and two such could deadlock.)

/** Organizations numbered above `afterOrgId` with an enabled endpoint behind their last event. */
export async function findOrganizationsToFanOut(db: Kysely<Database>, afterOrgId: number, limit: number): Promise<number[]> {
  const { rows } = await sql<{ org_id: number }>`
    select distinct e.org_id from webhook_endpoints e
    join organization_data_versions v on v.org_id = e.org_id
    where e.enabled and e.event_cursor < v.event_seq and e.org_id > ${afterOrgId}
    order by e.org_id
    limit ${limit}`.execute(db);
  return rows.map((r) => r.org_id);
}

/** The organization's last event number (0 before its first). */
export async function findLastEventSeq(db: Kysely<Database>, orgId: number): Promise<number> {
  const row = await db.selectFrom('organization_data_versions').select('event_seq').where('org_id', '=', orgId).executeTakeFirst();
  return Number(row?.event_seq ?? 0);
}

export interface EndpointToFanOut {
  id: number;
  kinds: string[];
  event_cursor: number;
}

/**
 * The organization's enabled endpoints whose cursor is behind `lastSeq`, locked until the
 * transaction ends; those another process holds are skipped (it is turning the same events
 * into deliveries for them), so no event becomes two deliveries of one endpoint.
 */
export function lockEndpointsBehind(db: Kysely<Database>, orgId: number, lastSeq: number): Promise<EndpointToFanOut[]> {
  return db
    .selectFrom('webhook_endpoints')
    .select(['id', 'kinds', 'event_cursor'])
    .where('org_id', '=', orgId)
    .where('enabled', '=', true)
    .where('event_cursor', '<', lastSeq)
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function insertDeliveries(db: Kysely<Database>, orgId: number, deliveries: readonly { endpointId: number; eventSeq: number }[]): Promise<void> {
  const CHUNK = 1_000;
  for (let i = 0; i < deliveries.length; i += CHUNK) {
    await db
      .insertInto('webhook_deliveries')
      .values(deliveries.slice(i, i + CHUNK).map((d) => ({ org_id: orgId, endpoint_id: d.endpointId, event_seq: d.eventSeq })))
      .execute();
  }
}

/** Moves the endpoints' cursors up to `seq` (never back). */
export async function advanceEventCursors(db: Kysely<Database>, orgId: number, endpointIds: readonly number[], seq: number): Promise<void> {
  if (endpointIds.length === 0) return;
  await db
    .updateTable('webhook_endpoints')
    .set({ event_cursor: seq })
    .where('org_id', '=', orgId)
    .where('id', 'in', [...endpointIds])
    .where('event_cursor', '<', seq)
    .execute();
}

/** Organizations numbered above `afterOrgId` with PENDING deliveries due on an enabled endpoint not in `busy`. */
export async function findOrganizationsWithDueDeliveries(db: Kysely<Database>, afterOrgId: number, busy: readonly string[], limit: number): Promise<number[]> {
  const { rows } = await sql<{ org_id: number }>`
    select distinct d.org_id from webhook_deliveries d
    join webhook_endpoints e on e.org_id = d.org_id and e.id = d.endpoint_id
    where d.status = 'PENDING' and d.next_attempt_at <= now() and e.enabled and d.org_id > ${afterOrgId}
      and not ((d.org_id::text || ':' || d.endpoint_id::text) = any(${[...busy]}::text[]))
    order by d.org_id
    limit ${limit}`.execute(db);
  return rows.map((r) => r.org_id);
}

/** A delivery claimed for sending, with what the request needs. */
export interface ClaimedDelivery {
  org_id: number;
  id: number;
  endpoint_id: number;
  event_seq: number;
  /** Attempts made before this one. */
  attempts: number;
  /** The claim: next_attempt_at as set by it; the result is recorded only while it still holds. */
  lease: Date;
  url: string;
  secret: string;
  /** null when the event has left the outbox (retention). */
  kind: string | null;
  athlete_id: number | null;
  payload: unknown;
  occurred_at: Date | null;
}

/**
 * Claims up to `limit` of the organization's due PENDING deliveries of enabled endpoints, at
 * most `perEndpoint` of any one endpoint and none of the endpoints in `busy` (`<org>:<endpoint>`,
 * those this process is still sending to), by pushing their next_attempt_at `leaseMs` ahead:
 * rows another process is claiming at that moment are skipped (and rows it has just claimed
 * are no longer due when re-read under the lock), and once claimed no process sees them as due
 * until the lease runs out (a process that died mid-send: the delivery is tried again).
 */
export async function claimDueDeliveries(
  db: Kysely<Database>,
  orgId: number,
  claim: { limit: number; perEndpoint: number; busy: readonly string[]; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  const { rows } = await sql<ClaimedDelivery>`
    with ranked as (
      select d.id, row_number() over (partition by d.endpoint_id order by d.next_attempt_at, d.id) as place
      from webhook_deliveries d
      join webhook_endpoints e on e.org_id = d.org_id and e.id = d.endpoint_id
      where d.org_id = ${orgId} and d.status = 'PENDING' and d.next_attempt_at <= now() and e.enabled
        and not ((d.org_id::text || ':' || d.endpoint_id::text) = any(${[...claim.busy]}::text[]))
    ), picked as (
      select d.org_id, d.id, d.endpoint_id, d.event_seq
      from webhook_deliveries d
      join ranked r on r.id = d.id
      where d.org_id = ${orgId} and r.place <= ${claim.perEndpoint} and d.status = 'PENDING' and d.next_attempt_at <= now()
      order by d.next_attempt_at, d.id
      limit ${claim.limit}
      for update of d skip locked
    ), claimed as (
      select p.org_id, p.id, e.url, e.secret, ev.kind, ev.athlete_id, ev.payload, ev.occurred_at
      from picked p
      join webhook_endpoints e on e.org_id = p.org_id and e.id = p.endpoint_id
      left join organization_events ev on ev.org_id = p.org_id and ev.seq = p.event_seq
    )
    update webhook_deliveries d
    set next_attempt_at = date_trunc('milliseconds', now()) + ${claim.leaseMs} * interval '1 millisecond'
    from claimed c
    where d.org_id = ${orgId} and d.id = c.id
    returning d.org_id, d.id, d.endpoint_id, d.event_seq, d.attempts, d.next_attempt_at as lease,
      c.url, c.secret, c.kind, c.athlete_id, c.payload, c.occurred_at`.execute(db);
  return rows;
}

/** The claimed delivery, while the claim still holds (a replay since then voids it). */
const stillClaimed = (db: Kysely<Database>, orgId: number, claim: ClaimedDelivery) =>
  db
    .updateTable('webhook_deliveries')
    .where('org_id', '=', orgId)
    .where('id', '=', claim.id)
    .where('status', '=', 'PENDING')
    .where('next_attempt_at', '=', claim.lease);

/** Records a 2xx answer; false when the claim no longer held. */
export async function recordDelivered(db: Kysely<Database>, orgId: number, claim: ClaimedDelivery, statusCode: number): Promise<boolean> {
  const row = await stillClaimed(db, orgId, claim)
    .set({ status: 'DELIVERED', attempts: claim.attempts + 1, last_status_code: statusCode, last_error: null, delivered_at: sql<Date>`now()`, next_attempt_at: sql<Date>`now()` })
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records a failed attempt: FAILED when it was the last one, else PENDING again after
 * `retryInMs`. False when the claim no longer held.
 */
export async function recordFailedAttempt(
  db: Kysely<Database>,
  orgId: number,
  claim: ClaimedDelivery,
  failure: { statusCode: number | null; error: string; final: boolean; retryInMs: number },
): Promise<boolean> {
  const row = await stillClaimed(db, orgId, claim)
    .set({
      status: failure.final ? 'FAILED' : 'PENDING',
      attempts: claim.attempts + 1,
      last_status_code: failure.statusCode,
      last_error: failure.error,
      next_attempt_at: failure.final ? sql<Date>`now()` : sql<Date>`now() + ${failure.retryInMs} * interval '1 millisecond'`,
    })
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Counts a failed attempt against the endpoint, and disables it with `reason` when that makes
 * `disableAfter` in a row. Answers whether this very failure disabled it.
 */
export async function countEndpointFailure(db: Kysely<Database>, orgId: number, endpointId: number, disableAfter: number, reason: string): Promise<boolean> {
  const row = await db
    .updateTable('webhook_endpoints')
    .set((eb) => ({
      consecutive_failures: eb('consecutive_failures', '+', 1),
      enabled: sql<boolean>`enabled and consecutive_failures + 1 < ${disableAfter}`,
      disabled_reason: sql<string | null>`case when enabled and consecutive_failures + 1 >= ${disableAfter} then ${reason} else disabled_reason end`,
    }))
    .where('org_id', '=', orgId)
    .where('id', '=', endpointId)
    .returning(['enabled', 'consecutive_failures'])
    .executeTakeFirst();
  return row !== undefined && !row.enabled && row.consecutive_failures === disableAfter;
}

/** A success ends the endpoint's run of failures (no write when there was none). */
export async function clearEndpointFailures(db: Kysely<Database>, orgId: number, endpointId: number): Promise<void> {
  await db
    .updateTable('webhook_endpoints')
    .set({ consecutive_failures: 0 })
    .where('org_id', '=', orgId)
    .where('id', '=', endpointId)
    .where('consecutive_failures', '<>', 0)
    .execute();
}
