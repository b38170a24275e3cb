import { createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from '../../src/live/webhooks/signature';
import { webhookBody, webhookHeaders } from '../../src/live/webhooks/message';
import { retryDelayMs } from '../../src/live/webhooks/retry';
import { newWebhookSecret, webhookKinds } from '../../src/live/webhooks/endpoint-rules';

const secret = 'whsec_test-secret';
const body = webhookBody({ seq: 42, kind: 'RUNS_CHANGED', athleteId: 7, payload: { localDates: ['2026-03-10'], inserted: 1, updated: 0, deleted: 0 }, occurredAt: new Date('2026-03-10T12:00:00Z') });
const at = new Date('2026-03-10T12:00:05Z');
const t = Math.floor(at.getTime() / 1000);

describe('Stride-Signature', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">, as documented', () => {
    const header = signatureHeader(secret, body, t);
    expect(header).toBe(`t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`);
  });

  it('verifies the raw body, as a string or as bytes', () => {
    const header = signatureHeader(secret, body, t);
    expect(verifySignature({ secret, body, header, now: at })).toEqual({ valid: true, timestamp: t });
    expect(verifySignature({ secret, body: Buffer.from(body), header, now: at }).valid).toBe(true);
  });

  it('fails a tampered body, another secret, a missing or malformed header', () => {
    const header = signatureHeader(secret, body, t);
    expect(verifySignature({ secret, body: body.replace('"inserted":1', '"inserted":2'), header, now: at })).toEqual({ valid: false, reason: 'no v1 signature matches the body' });
    expect(verifySignature({ secret: 'whsec_other', body, header, now: at }).valid).toBe(false);
    expect(verifySignature({ secret, body, header: undefined, now: at })).toEqual({ valid: false, reason: 'no Stride-Signature header' });
    expect(verifySignature({ secret, body, header: `v1=${'0'.repeat(64)}`, now: at }).valid).toBe(false);
    expect(verifySignature({ secret, body, header: `t=${t}`, now: at }).valid).toBe(false);
    expect(verifySignature({ secret, body, header: header.replace(`t=${t}`, `t=${t + 1}`), now: at }).valid).toBe(false);
  });

  it('fails outside the tolerance window, either way, and accepts any matching v1 (secret rotation)', () => {
    const header = signatureHeader(secret, body, t);
    expect(verifySignature({ secret, body, header, now: new Date(at.getTime() + 301_000) })).toEqual({ valid: false, reason: 'the timestamp is more than 300 s from now' });
    expect(verifySignature({ secret, body, header, now: new Date(at.getTime() - 301_000) }).valid).toBe(false);
    expect(verifySignature({ secret, body, header, now: new Date(at.getTime() + 3_600_000), toleranceSeconds: 3_600 }).valid).toBe(true);
    const rotated = `${signatureHeader('whsec_old', body, t)},v1=${header.split('v1=')[1]}`;
    expect(verifySignature({ secret, body, header: rotated, now: at }).valid).toBe(true);
  });
});

describe('the delivery message', () => {
  it('has the documented body and headers', () => {
    expect(JSON.parse(body)).toEqual({ id: '42', kind: 'RUNS_CHANGED', occurredAt: '2026-03-10T12:00:00.000Z', athleteId: '7', data: { localDates: ['2026-03-10'], inserted: 1, updated: 0, deleted: 0 } });
    const headers = webhookHeaders({ secret, body, eventSeq: 42, deliveryId: 9, timestamp: t });
    expect(headers).toMatchObject({ 'Content-Type': 'application/json', 'Stride-Event-Id': '42', 'Stride-Delivery-Id': '9', 'Stride-Signature': signatureHeader(secret, body, t) });
  });
});

describe('retry delays', () => {
  it('double from the base with jitter between half and all of it, capped', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1_000, 60_000, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1_000, 60_000, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(retryDelayMs(20, 1_000, 60_000, () => 1)).toBe(60_000);
    expect(retryDelayMs(500, 1_000, 60_000, () => 0.5)).toBe(45_000);
  });
});

describe('endpoint rules', () => {
  it('takes known kinds once each, in their canonical order, and names the allowed ones otherwise', () => {
    expect(webhookKinds(['SIGNAL_RAISED', 'RUNS_CHANGED', 'SIGNAL_RAISED'])).toEqual({ kinds: ['RUNS_CHANGED', 'SIGNAL_RAISED'] });
    expect(webhookKinds([])).toEqual({ problem: expect.stringMatching(/^must list one or more of RUNS_CHANGED, SIGNAL_RAISED, .*; got none$/) });
    expect(webhookKinds(['RUNS_CHANGED', 'RESYNC_NEEDED'])).toEqual({ problem: expect.stringMatching(/; got "RESYNC_NEEDED"$/) });
  });

  it('makes secrets of 32 random bytes', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
