import { createHmac, timingSafeEqual } from 'node:crypto';

// Webhook signatures, Stripe's scheme (docs/api.md, Webhooks): the header
// `Stride-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. The
// timestamp is signed with the body, so a captured delivery cannot be replayed later than the
// receiver's tolerance; the receiver compares in constant time. Several v1 values may appear
// (a receiver accepts any that matches), which leaves room to rotate secrets.

export const SIGNATURE_HEADER = 'Stride-Signature';
/** How far a signature's time may be from the receiver's clock, either way. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 of "<timestamp>.<body>" with the endpoint's secret (the whole `whsec_...` text). */
export function signatureOf(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The Stride-Signature header for a body sent at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, body: string | Buffer, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;
}

export type SignatureCheck = { valid: true; timestamp: number } | { valid: false; reason: string };

/**
 * Checks a Stride-Signature header against the raw body as received (before any JSON parsing:
 * re-serialized JSON may differ by a byte). Valid when one v1 matches and the timestamp is
 * within `toleranceSeconds` of `now`.
 */
export function verifySignature(input: {
  secret: string;
  body: string | Buffer;
  header: string | null | undefined;
  toleranceSeconds?: number;
  now?: Date;
}): SignatureCheck {
  if (!input.header) return { valid: false, reason: `no ${SIGNATURE_HEADER} header` };
  const pairs = input.header.split(',').map((part) => part.trim().split('='));
  const timestamps = pairs.filter(([key]) => key === 't').map(([, value]) => value);
  const signatures = pairs.filter(([key, value]) => key === 'v1' && /^[0-9a-f]{64}$/.test(value ?? '')).map(([, value]) => value);
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0] ?? '')) return { valid: false, reason: 'the header has no single t=<unix seconds>' };
  if (signatures.length === 0) return { valid: false, reason: 'the header has no v1 signature' };
  const timestamp = Number(timestamps[0]);
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > tolerance) return { valid: false, reason: `the timestamp is more than ${tolerance} s from now` };
  const expected = Buffer.from(signatureOf(input.secret, timestamp, input.body), 'hex');
  const matches = signatures.some((hex) => timingSafeEqual(Buffer.from(hex, 'hex'), expected));
  return matches ? { valid: true, timestamp } : { valid: false, reason: 'no v1 signature matches the body' };
}
