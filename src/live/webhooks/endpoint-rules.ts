import { randomBytes } from 'node:crypto';
import { LIVE_EVENT_KINDS, type LiveEventKind } from '../../domain/live-events';

// What an endpoint may be (docs/api.md, Webhooks), checked before anything is written.

/** Endpoints per organization: each costs a request per event it subscribes to. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

const KNOWN_KINDS = new Set<string>(LIVE_EVENT_KINDS);

/** The kinds as given, without repeats, in LIVE_EVENT_KINDS order; or the problem (to follow "input.kinds "). */
export function webhookKinds(kinds: readonly string[]): { kinds: LiveEventKind[] } | { problem: string } {
  const allowed = `one or more of ${LIVE_EVENT_KINDS.join(', ')}`;
  if (kinds.length === 0) return { problem: `must list ${allowed}; got none` };
  const unknown = kinds.find((k) => !KNOWN_KINDS.has(k));
  if (unknown !== undefined) return { problem: `must list ${allowed}; got ${JSON.stringify(unknown.slice(0, 100))}` };
  return { kinds: LIVE_EVENT_KINDS.filter((k) => kinds.includes(k)) };
}

/** A signing secret: `whsec_` and 32 random bytes in base64url. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
