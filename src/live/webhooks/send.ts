import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, parseWebhookUrl, type AddressPolicy } from './address-guard';

// One POST of a webhook delivery. The URL is checked again (an IP literal connects without a
// lookup), and a name is resolved by guardedLookup, which refuses the connection when any
// address is refused. Redirects are not followed (a 3xx is a failed attempt): a redirect could
// lead anywhere. No connection is reused (agent: false), so every delivery is checked afresh.

export interface SendOutcome {
  /** A 2xx answer (its status is enough: the body is not waited for). */
  delivered: boolean;
  /** The answer's status; null when none came (refused, unreachable, timed out). */
  statusCode: number | null;
  /** What went wrong, for the delivery log; null when delivered. */
  error: string | null;
}

/** Enough of an error answer's body to say why, in the delivery log. */
const ERROR_BODY_BYTES = 256;
const MAX_ERROR_LENGTH = 500;

const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();

export function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; policy: AddressPolicy },
): Promise<SendOutcome> {
  const parsed = parseWebhookUrl(target, options.policy);
  if ('problem' in parsed) return Promise.resolve({ delivered: false, statusCode: null, error: `refused: the URL ${parsed.problem}` });
  const request = parsed.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, error: outcome.error === null ? null : outcome.error.slice(0, MAX_ERROR_LENGTH) });
    };
    const req = request(parsed.url, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      agent: false,
      lookup: guardedLookup(options.policy, parsed.url.protocol === 'http:'),
    });
    // The whole exchange, connecting included, within the timeout.
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('error', (error) => finish({ delivered: false, statusCode: null, error: printable(error.message) || 'the connection failed' }));
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        // The status is the receiver's answer: the body, if any, is not waited for.
        finish({ delivered: true, statusCode: status, error: null });
        res.resume();
        res.on('end', () => req.destroy());
        return;
      }
      const chunks: Buffer[] = [];
      let kept = 0;
      const done = () => {
        const said = printable(Buffer.concat(chunks).subarray(0, ERROR_BODY_BYTES).toString('utf8'));
        finish({ delivered: false, statusCode: status, error: `HTTP ${status}${said ? `: ${said}` : ''}` });
        req.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        kept += chunk.length;
        if (kept >= ERROR_BODY_BYTES) done();
      });
      res.on('end', done);
      res.on('error', done);
      res.on('aborted', done);
    });
    req.end(body);
  });
}
