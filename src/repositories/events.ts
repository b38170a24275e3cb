import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { LiveEvent, NewLiveEvent } from '../domain/live-events';

// The outbox of the live feed (migration 014): appended in the writing transaction, numbered
// per organization at its COMMIT.

/** Appends events to the caller's transaction, in order: one statement, none for an empty list. */
export async function appendEvents(db: Kysely<Database>, orgId: number, events: readonly NewLiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('organization_events')
    .values(events.map((e) => ({ org_id: orgId, kind: e.kind, athlete_id: e.athleteId, payload: JSON.stringify(e.payload) })))
    .execute();
}

/** The organization's events numbered above `afterSeq`, oldest first, at most `limit`. */
export async function findEventsAfter(db: Kysely<Database>, orgId: number, afterSeq: number, limit: number): Promise<LiveEvent[]> {
  const rows = await db
    .selectFrom('organization_events')
    .select(['seq', 'kind', 'athlete_id', 'payload', 'occurred_at'])
    .where('org_id', '=', orgId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind as LiveEvent['kind'], athleteId: r.athlete_id, payload: r.payload as LiveEvent['payload'], occurredAt: r.occurred_at }));
}

/** The organization's last event number, and the oldest one still kept (null when none is). */
export async function findEventBounds(db: Kysely<Database>, orgId: number): Promise<{ last: number; oldestKept: number | null }> {
  const { rows } = await sql<{ last: number | null; oldest_kept: number | null }>`
    select (select event_seq from organization_data_versions where org_id = ${orgId}) as last,
      (select min(seq) from organization_events where org_id = ${orgId}) as oldest_kept`.execute(db);
  return { last: Number(rows[0]?.last ?? 0), oldestKept: rows[0]?.oldest_kept == null ? null : Number(rows[0].oldest_kept) };
}

/**
 * Drops events older than the retention window, in every organization (the owner's
 * connection, not a request's), 10,000 at a time: a backlog never meets the statement timeout.
 */
export async function deleteEventsBefore(db: Kysely<Database>, cutoff: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rows } = await sql<{ n: number }>`
      with expired as (select org_id, id from organization_events where occurred_at < ${cutoff} limit 10000),
        gone as (delete from organization_events e using expired x where e.org_id = x.org_id and e.id = x.id returning 1)
      select count(*)::int as n from gone`.execute(db);
    deleted += rows[0].n;
    if (rows[0].n < 10_000) return deleted;
  }
}
