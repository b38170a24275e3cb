import type { Kysely } from 'kysely';
import type { Database } from './db/types';
import type { Viewer } from './auth/viewer';
import type { InsightGenerator } from './domain/insights';
import type { EventHub } from './live/event-hub';
import type { AddressPolicy } from './live/webhooks/address-guard';
import type { ReadRouter } from './db/replicas';
import type { WalPosition } from './db/wal';
import type { RequestStats } from './observability/request-stats';

/** Per-request context. Pothos keeps each request's DataLoaders keyed on this object. */
export interface Context {
  db: Kysely<Database>;
  viewer: Viewer;
  /** The request's clock: "today" in any zone is the local date of this instant. */
  now: Date;
  /** Writes insight text; chosen by configuration (INSIGHT_GENERATOR). */
  insightGenerator: InsightGenerator;
  /** This process's live feed (subscriptions read from it). */
  events: EventHub;
  /** The Last-Event-ID header a reconnecting client sends (docs/api.md, Live events); null without one. */
  lastEventId: string | null;
  /** When the request's token expires: subscriptions end then. */
  tokenExpiresAt: Date;
  /** Where webhook URLs may point (registerWebhookEndpoint); no loopback when left out. */
  webhookAddresses?: AddressPolicy;
  /** Read replicas (DATABASE_REPLICA_URLS): where queries read; absent without replicas. */
  reads?: ReadRouter;
  /** The consistency token the client sent: reads must include the write it names. */
  readAfter: WalPosition | null;
  /** The request's statements and rows so far (its log line, docs/design.md, Observability). */
  stats: RequestStats;
  /** Set after a mutation commits (with replicas): its consistency token. */
  committedAt?: WalPosition;
}
