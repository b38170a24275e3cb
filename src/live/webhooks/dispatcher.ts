import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { rollbackUnlessEnded, startTenantTransaction } from '../../db/tenant';
import { findEventsAfter } from '../../repositories/events';
import {
  advanceEventCursors, claimDueDeliveries, clearEndpointFailures, countEndpointFailure, findLastEventSeq,
  findOrganizationsToFanOut, findOrganizationsWithDueDeliveries, insertDeliveries, lockEndpointsBehind, recordDelivered, recordFailedAttempt, type ClaimedDelivery,
} from '../../repositories/webhook-dispatch';
import type { HostResolver } from './address-guard';
import { webhookBody, webhookHeaders } from './message';
import { retryDelayMs } from './retry';
import { postWebhook, type SendOutcome } from './send';

// Webhooks, at least once, from the outbox (docs/api.md, Webhooks). Each round:
//  1. fan-out: an organization's new events become PENDING deliveries of each enabled endpoint
//     whose kinds match, and the endpoints' cursors move past them, in one tenant transaction
//     that holds the endpoint rows (FOR UPDATE SKIP LOCKED): two processes never make the same
//     delivery twice;
//  2. sending: due deliveries are claimed, per organization in a tenant transaction (FOR
//     UPDATE SKIP LOCKED, then a lease on next_attempt_at), and POSTed outside any transaction, a few per endpoint at a time, so a
//     slow or failing endpoint holds only its own slots; each result is recorded in a tenant
//     transaction, only while the claim still holds.
// Rounds run every pollMs, on wake(), and at once while work is left.

export interface WebhookDispatcherLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface WebhookDispatcherOptions {
  /** How often to look for new events and due deliveries (default 1,000 ms). */
  pollMs?: number;
  /** The first retry's wait; each next one doubles (default 30 s), with jitter. */
  retryBaseMs?: number;
  /** The longest wait between attempts (default 6 hours). */
  retryMaxMs?: number;
  /** Attempts of one delivery before it is FAILED (default 12: 7 to 15 hours with the default waits). */
  maxAttempts?: number;
  /** Failed attempts in a row, across the endpoint's deliveries, that disable it (default 100). */
  disableAfterFailures?: number;
  /** The whole exchange of one attempt, connecting included (default 10 s). */
  requestTimeoutMs?: number;
  /** http(s) to loopback addresses (development and tests). */
  allowLoopback?: boolean;
  /** Replaces the system resolver (tests). */
  resolveHost?: HostResolver;
  /** Requests in flight at once, in all (default 16)... */
  maxConcurrent?: number;
  /** ...and to one endpoint (default 4). */
  perEndpoint?: number;
  /** Events read per organization per transaction (default 500). */
  fanOutBatch?: number;
  statementTimeoutMs?: number;
  logger?: WebhookDispatcherLogger;
}

export interface WebhookDispatcher {
  /** Runs a round now (new events, a replay); a round under way runs again after it. */
  wake(): void;
  /** Stops polling and waits for the round and the requests in flight. */
  stop(): Promise<void>;
}

const silent: WebhookDispatcherLogger = { info: () => {}, warn: () => {} };

const DEFAULTS = {
  pollMs: 1_000,
  retryBaseMs: 30_000,
  retryMaxMs: 6 * 3_600_000,
  maxAttempts: 12,
  disableAfterFailures: 100,
  requestTimeoutMs: 10_000,
  allowLoopback: false,
  maxConcurrent: 16,
  perEndpoint: 4,
  fanOutBatch: 500,
  statementTimeoutMs: 10_000,
};

/** Organizations fanned out per round; more wait for the next, which comes at once. */
const ORGANIZATIONS_PER_ROUND = 50;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function startWebhookDispatcher(db: Kysely<Database>, options: WebhookDispatcherOptions = {}): WebhookDispatcher {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof DEFAULTS & WebhookDispatcherOptions;
  const log = o.logger ?? silent;
  const policy = { allowLoopback: o.allowLoopback, resolveHost: o.resolveHost };
  // A claim outlives its request by a margin, so no other process sends it meanwhile.
  const leaseMs = o.requestTimeoutMs + 30_000;
  const sending = new Set<Promise<void>>();
  const busyEndpoints = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<void> | null = null;
  let runAgain = false;
  let stopped = false;
  // Organizations are taken in turns of ORGANIZATIONS_PER_ROUND, after the last one served.
  let fanOutAfter = 0;
  let claimAfter = 0;

  const inTenant = async <T>(orgId: number, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> => {
    const trx = await startTenantTransaction(db, orgId, { readOnly: false, statementTimeoutMs: o.statementTimeoutMs });
    try {
      const result = await work(trx);
      await trx.commit().execute();
      return result;
    } catch (error) {
      await rollbackUnlessEnded(trx);
      throw error;
    }
  };

  /** One organization's new events as deliveries; true when it has more than one batch. */
  const fanOut = (orgId: number) =>
    inTenant(orgId, async (trx) => {
      const lastSeq = await findLastEventSeq(trx, orgId);
      const endpoints = await lockEndpointsBehind(trx, orgId, lastSeq);
      if (endpoints.length === 0) return false;
      const from = Math.min(...endpoints.map((e) => e.event_cursor));
      const read = await findEventsAfter(trx, orgId, from, o.fanOutBatch);
      // Events numbered up to lastSeq were all committed when it was read: a short page has
      // them all (also when retention dropped some), a full one ends where the next begins.
      const full = read.length === o.fanOutBatch && read[read.length - 1].seq < lastSeq;
      const reached = full ? read[read.length - 1].seq : lastSeq;
      const events = read.filter((e) => e.seq <= reached);
      const deliveries = endpoints.flatMap((endpoint) =>
        events.filter((e) => e.seq > endpoint.event_cursor && endpoint.kinds.includes(e.kind)).map((e) => ({ endpointId: endpoint.id, eventSeq: e.seq })),
      );
      await insertDeliveries(trx, orgId, deliveries);
      await advanceEventCursors(trx, orgId, endpoints.map((e) => e.id), reached);
      return full;
    });

  const attempt = async (claim: ClaimedDelivery): Promise<SendOutcome> => {
    if (claim.kind === null || claim.occurred_at === null) {
      return { delivered: false, statusCode: null, error: 'the event has left the outbox (retention): it can no longer be sent' };
    }
    const body = webhookBody({ seq: claim.event_seq, kind: claim.kind, athleteId: claim.athlete_id, payload: claim.payload, occurredAt: claim.occurred_at });
    const headers = webhookHeaders({ secret: claim.secret, body, eventSeq: claim.event_seq, deliveryId: claim.id });
    return postWebhook(claim.url, body, headers, { timeoutMs: o.requestTimeoutMs, policy });
  };

  const record = (claim: ClaimedDelivery, outcome: SendOutcome) =>
    inTenant(claim.org_id, async (trx) => {
      if (outcome.delivered) {
        if (await recordDelivered(trx, claim.org_id, claim, outcome.statusCode!)) await clearEndpointFailures(trx, claim.org_id, claim.endpoint_id);
        return;
      }
      const attempts = claim.attempts + 1;
      const error = outcome.error ?? 'failed';
      const final = attempts >= o.maxAttempts || claim.kind === null;
      const retryInMs = retryDelayMs(attempts, o.retryBaseMs, o.retryMaxMs);
      if (!(await recordFailedAttempt(trx, claim.org_id, claim, { statusCode: outcome.statusCode, error, final, retryInMs }))) return;
      const reason = `disabled after ${o.disableAfterFailures} failed delivery attempts in a row; the last: ${error}`.slice(0, 600);
      if (await countEndpointFailure(trx, claim.org_id, claim.endpoint_id, o.disableAfterFailures, reason)) {
        log.warn({ orgId: claim.org_id, endpointId: claim.endpoint_id, failures: o.disableAfterFailures }, 'a webhook endpoint was disabled after repeated failures');
      }
    });

  const send = (claim: ClaimedDelivery) => {
    const key = `${claim.org_id}:${claim.endpoint_id}`;
    busyEndpoints.set(key, (busyEndpoints.get(key) ?? 0) + 1);
    const work = attempt(claim)
      .then((outcome) => record(claim, outcome))
      // The claim stands until its lease runs out; then the delivery is tried again.
      .catch((error) => log.warn({ orgId: claim.org_id, deliveryId: claim.id, message: message(error) }, 'a webhook delivery result could not be recorded'))
      .finally(() => {
        const left = (busyEndpoints.get(key) ?? 1) - 1;
        if (left > 0) busyEndpoints.set(key, left);
        else busyEndpoints.delete(key);
        sending.delete(work);
        wake();
      });
    sending.add(work);
  };

  /** One round; true when work was left for another at once. */
  const runRound = async (): Promise<boolean> => {
    let more = false;
    const organizations = await findOrganizationsToFanOut(db, fanOutAfter, ORGANIZATIONS_PER_ROUND);
    for (const orgId of organizations) {
      // One organization failing (a statement timeout, say) never holds up the others.
      try {
        if (await fanOut(orgId)) more = true;
      } catch (error) {
        log.warn({ orgId, message: message(error) }, 'webhook events could not be turned into deliveries; retrying');
      }
    }
    if (organizations.length === ORGANIZATIONS_PER_ROUND) {
      fanOutAfter = organizations[organizations.length - 1];
      more = true;
    } else {
      fanOutAfter = 0;
    }
    if (o.maxConcurrent - sending.size > 0 && !stopped) {
      const due = await findOrganizationsWithDueDeliveries(db, claimAfter, [...busyEndpoints.keys()], ORGANIZATIONS_PER_ROUND);
      claimAfter = due.length === ORGANIZATIONS_PER_ROUND ? due[due.length - 1] : 0;
      for (const orgId of due) {
        const room = o.maxConcurrent - sending.size;
        if (room <= 0 || stopped) {
          // The next round starts with the organizations this one had no room for.
          claimAfter = orgId - 1;
          break;
        }
        try {
          const claims = await inTenant(orgId, (trx) => claimDueDeliveries(trx, orgId, { limit: room, perEndpoint: o.perEndpoint, busy: [...busyEndpoints.keys()], leaseMs }));
          for (const claim of claims) send(claim);
        } catch (error) {
          log.warn({ orgId, message: message(error) }, 'webhook deliveries could not be claimed; retrying');
        }
      }
    }
    return more;
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  };

  function run() {
    timer = null;
    if (stopped) return;
    if (round) {
      runAgain = true;
      return;
    }
    round = runRound()
      .catch((error) => {
        log.warn({ message: message(error) }, 'the webhook dispatcher could not read the database; retrying');
        return false;
      })
      .then((more) => {
        round = null;
        const again = more || runAgain;
        runAgain = false;
        schedule(again ? 0 : o.pollMs);
      });
  }

  function wake() {
    if (stopped) return;
    if (round) runAgain = true;
    else schedule(0);
  }

  schedule(0);
  return {
    wake,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await round;
      while (sending.size) await Promise.allSettled([...sending]);
    },
  };
}
