import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { LiveEvent } from '../domain/live-events';
import { readOnlyAsTenant } from '../db/tenant';
import { deleteEventsBefore, findEventBounds, findEventsAfter } from '../repositories/events';

/** What a subscriber receives: an event of its organization, or word that it missed some for good. */
export type HubMessage = { type: 'event'; event: LiveEvent } | { type: 'resync'; lastSeq: number };

/** Wakes the hub when PostgreSQL says an organization has new events (NOTIFY stride_events). */
export type ListenToEvents = (onNotify: (payload: string) => void, onReconnect: () => void) => Promise<() => Promise<void>>;

export interface EventHubOptions {
  /** LISTEN/NOTIFY source; without it, and alongside it (NOTIFY can be lost), the hub polls. */
  listen?: ListenToEvents;
  /** Poll interval per organization with subscribers (default 1,000 ms; 5,000 with LISTEN). */
  pollMs?: number;
  /** Events older than this are dropped (default 7 days); a cursor behind them gets a resync. */
  retentionMs?: number;
  statementTimeoutMs?: number;
  /** Events a subscriber may have waiting (default 10,000); past it they are dropped for one resync. */
  maxBacklog?: number;
  /**
   * While events keep coming, an organization's reads start at least this many milliseconds
   * apart per subscriber of it in this process (default 2), and at most `maxReadGapMs` (default
   * 250): see fetch.
   */
  readGapPerSubscriberMs?: number;
  maxReadGapMs?: number;
  onError?: (error: unknown) => void;
}

interface Subscriber {
  cursor: number;
  accepts: (event: LiveEvent) => boolean;
  push: (message: HubMessage) => void;
}

interface Organization {
  subscribers: Set<Subscriber>;
  fetching: Promise<void> | null;
  fetchAgain: boolean;
  /** performance.now() before which the next read waits (pacing), and its timer. */
  nextReadAt: number;
  paced: NodeJS.Timeout | null;
}

const PAGE = 500;
export const EVENT_RETENTION_MS = 7 * 24 * 3600_000;

/**
 * Delivers each organization's events to this process's subscribers, each exactly once and in
 * order: a subscriber keeps the number of the last event it got, and the hub reads the outbox
 * after the lowest such number of the organization (one statement per wake, whatever the
 * number of subscribers). Numbers are gapless and become visible in order (migration 014), so
 * "after n" never skips an event that commits later. NOTIFY only says when to look.
 */
export class EventHub {
  private readonly organizations = new Map<number, Organization>();
  private readonly pollMs: number;
  private readonly retentionMs: number;
  private poller: NodeJS.Timeout | null = null;
  private cleaner: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private started: Promise<void> | null = null;

  constructor(private readonly db: Kysely<Database>, private readonly options: EventHubOptions = {}) {
    this.pollMs = options.pollMs ?? (options.listen ? 5_000 : 1_000);
    this.retentionMs = options.retentionMs ?? EVENT_RETENTION_MS;
  }

  /** Subscribers now connected to this process. */
  get subscriberCount(): number {
    let n = 0;
    for (const org of this.organizations.values()) n += org.subscribers.size;
    return n;
  }

  /**
   * The organization's events after `after` (an event number; null: from now on) that pass
   * `accepts`, until the returned iterator is closed. A cursor older than the retention window,
   * or beyond the last event, first yields a resync message and then continues from now.
   */
  subscribe(orgId: number, after: number | null, accepts: (event: LiveEvent) => boolean): AsyncIterableIterator<HubMessage> {
    const queue: HubMessage[] = [];
    let waiting: (() => void) | null = null;
    let closed = false;
    const maxBacklog = this.options.maxBacklog ?? 10_000;
    const subscriber: Subscriber = {
      cursor: 0,
      accepts,
      push: (message) => {
        // A client that reads slower than its organization writes would grow without bound:
        // past the cap it gets one RESYNC_NEEDED instead of what it could not keep up with.
        if (queue.length >= maxBacklog && message.type === 'event') {
          queue.length = 0;
          queue.push({ type: 'resync', lastSeq: message.event.seq });
        } else queue.push(message);
        waiting?.();
      },
    };
    const joined = (async () => {
      await this.start();
      const bounds = await this.asTenant(orgId, (db) => findEventBounds(db, orgId));
      if (after === null) subscriber.cursor = bounds.last;
      else if (after > bounds.last || (after < bounds.last && (bounds.oldestKept === null || after < bounds.oldestKept - 1))) {
        queue.push({ type: 'resync', lastSeq: bounds.last });
        subscriber.cursor = bounds.last;
      } else subscriber.cursor = after;
      if (closed) return;
      this.organization(orgId).subscribers.add(subscriber);
      this.fetch(orgId);
    })();
    // A client gone before its first read must not leave a failed join unhandled.
    joined.catch(() => {});
    // A hand-written iterator rather than an async generator: a generator waiting for its next
    // event cannot be closed until one arrives, and a client that went away must leave now.
    const iterator: AsyncIterableIterator<HubMessage> = {
      next: async () => {
        await joined;
        while (queue.length === 0 && !closed) await new Promise<void>((resolve) => (waiting = resolve));
        waiting = null;
        return queue.length > 0 && !closed ? { value: queue.shift()!, done: false } : { value: undefined, done: true };
      },
      return: async () => {
        closed = true;
        const org = this.organizations.get(orgId);
        org?.subscribers.delete(subscriber);
        if (org && org.subscribers.size === 0 && !org.fetching) this.forget(orgId, org);
        waiting?.();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Reads the organization's new events now (after a local write, or a NOTIFY). */
  notify(orgId: number): void {
    if (this.organizations.has(orgId)) this.fetch(orgId);
  }

  async stop(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    if (this.cleaner) clearInterval(this.cleaner);
    this.poller = this.cleaner = null;
    await this.unlisten?.().catch(() => {});
    this.unlisten = null;
    await Promise.all([...this.organizations.values()].map((o) => o.fetching));
    // After the reads: one that ended may have set its next read's timer.
    for (const org of this.organizations.values()) if (org.paced) clearTimeout(org.paced);
  }

  /** Drops the events past the retention window (startRetention runs it; tests call it). */
  removeExpiredEvents(now = new Date()): Promise<number> {
    return deleteEventsBefore(this.db, new Date(now.getTime() - this.retentionMs));
  }

  /**
   * Drops expired events now and hourly, subscribers or not (main.ts): the outbox must not grow
   * in a process nobody subscribes to, nor in one restarted more often than hourly.
   */
  startRetention(): void {
    const sweep = () => void this.removeExpiredEvents().catch((error) => this.options.onError?.(error));
    sweep();
    this.cleaner ??= setInterval(sweep, 3600_000);
    this.cleaner.unref();
  }

  private start(): Promise<void> {
    this.started ??= (async () => {
      if (this.options.listen) {
        this.unlisten = await this.options.listen(
          (payload) => this.notify(Number(payload.split(':')[0])),
          () => this.organizations.forEach((_org, orgId) => this.fetch(orgId)),
        ).catch((error) => {
          this.options.onError?.(error);
          return null;
        });
      }
      this.poller = setInterval(() => this.organizations.forEach((_org, orgId) => this.fetch(orgId)), this.pollMs);
      this.poller.unref();
    })();
    return this.started;
  }

  private organization(orgId: number): Organization {
    let org = this.organizations.get(orgId);
    if (!org) this.organizations.set(orgId, (org = { subscribers: new Set(), fetching: null, fetchAgain: false, nextReadAt: 0, paced: null }));
    return org;
  }

  private readGapMs(org: Organization): number {
    return Math.min(this.options.maxReadGapMs ?? 250, org.subscribers.size * (this.options.readGapPerSubscriberMs ?? 2));
  }

  private forget(orgId: number, org: Organization): void {
    if (org.paced) clearTimeout(org.paced);
    this.organizations.delete(orgId);
  }

  /**
   * One read at a time per organization; a wake during a read reads once more after it.
   *
   * Reads are paced. Each read that finds events becomes one socket write per subscriber, a
   * synchronous syscall on the event loop every request of the process shares: 60 to 90 µs on
   * loopback here, about 100 µs with yoga's handling. Read once per COMMIT, a hundred
   * subscribers slowed ingestion by a third (bench/live.ts). So the next read starts at least
   * 2 ms per subscriber after one that found events (at most 250 ms), which keeps delivery
   * near a twentieth of the loop however fast the COMMITs come; that read then carries the
   * events of every COMMIT since, which each subscriber gets in one write
   * (plugins/coalesced-event-writes.ts). The first event after a quiet spell is read at once.
   */
  private fetch(orgId: number): void {
    const org = this.organizations.get(orgId);
    if (!org) return;
    if (org.fetching || org.paced) {
      org.fetchAgain = true;
      return;
    }
    const wait = org.nextReadAt - performance.now();
    if (wait > 0) {
      org.paced = setTimeout(() => {
        org.paced = null;
        this.fetch(orgId);
      }, wait);
      return;
    }
    org.fetching = (async () => {
      try {
        do {
          org.fetchAgain = false;
          let more = true;
          while (more && org.subscribers.size > 0) {
            const from = Math.min(...[...org.subscribers].map((s) => s.cursor));
            const events = await this.asTenant(orgId, (db) => findEventsAfter(db, orgId, from, PAGE));
            const readAt = performance.now();
            for (const subscriber of org.subscribers) {
              // One that joined during the read, further behind, waits for the next read (its
              // fetch asked for one): handing it these would skip what lies between.
              if (subscriber.cursor < from) continue;
              for (const event of events) {
                if (event.seq <= subscriber.cursor) continue;
                subscriber.cursor = event.seq;
                if (subscriber.accepts(event)) subscriber.push({ type: 'event', event });
              }
            }
            more = events.length === PAGE;
            if (events.length > 0) org.nextReadAt = readAt + this.readGapMs(org);
          }
        } while (org.fetchAgain && org.subscribers.size > 0 && performance.now() >= org.nextReadAt);
      } catch (error) {
        // The next poll tries again: a subscriber misses nothing, it only waits.
        this.options.onError?.(error);
      } finally {
        org.fetching = null;
        if (org.subscribers.size === 0) this.forget(orgId, org);
        else if (org.fetchAgain) this.fetch(orgId);
      }
    })();
  }

  private asTenant<T>(orgId: number, read: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return readOnlyAsTenant(this.db, orgId, this.options.statementTimeoutMs ?? 10_000, read, (error) => this.options.onError?.(error));
  }
}
