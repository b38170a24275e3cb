import { SIGNATURE_HEADER, signatureHeader } from './signature';

// What a webhook delivery sends (docs/api.md, Webhooks): one event of the outbox as JSON, and
// headers that sign it and name the event and the delivery (a receiver deduplicates on the
// event id: delivery is at least once).

export interface WebhookEvent {
  seq: number;
  kind: string;
  athleteId: number | null;
  payload: unknown;
  occurredAt: Date;
}

/** `{"id", "kind", "occurredAt", "athleteId", "data"}`; ids as strings, as GraphQL IDs are. */
export function webhookBody(event: WebhookEvent): string {
  return JSON.stringify({
    id: String(event.seq),
    kind: event.kind,
    occurredAt: event.occurredAt.toISOString(),
    athleteId: event.athleteId === null ? null : String(event.athleteId),
    data: event.payload,
  });
}

export function webhookHeaders(input: { secret: string; body: string; eventSeq: number; deliveryId: number; timestamp?: number }): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'User-Agent': 'Stride-Webhooks/1',
    [SIGNATURE_HEADER]: signatureHeader(input.secret, input.body, input.timestamp),
    'Stride-Event-Id': String(input.eventSeq),
    'Stride-Delivery-Id': String(input.deliveryId),
  };
}
