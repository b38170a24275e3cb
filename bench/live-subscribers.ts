import { request } from 'node:http';

// The subscribers of bench/live.ts, in a process of their own: parsing a hundred event
// streams must not run on the server's event loop (real clients do not), yet it still shares
// the machine's cores with the server and PostgreSQL, as any load generator here does.

/** Milliseconds on CLOCK_MONOTONIC: the same clock in every process, so times compare across them. */
export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

export interface OpenRequest {
  url: string;
  token: string;
  query: string;
  variables: Record<string, unknown>;
  count: number;
}

export type ToSubscribers = ({ type: 'open' } & OpenRequest) | { type: 'progress' } | { type: 'close' };

/** What one subscriber received: event numbers in arrival order, and when each arrived. */
export interface SubscriberRecord {
  seqs: Float64Array;
  receivedAtMs: Float64Array;
  /** Messages that were not an event (errors, an early `complete`), the first few. */
  errors: string[];
}

export type FromSubscribers =
  | { type: 'opened'; failures: string[] }
  | { type: 'progress'; caughtUpTo: number }
  | { type: 'closed'; subscribers: SubscriberRecord[]; cpuMs: number; peakRssMiB: number };

interface Subscriber {
  seqs: number[];
  /** The highest number received: the subscriber has caught up once it reaches the last one written. */
  highest: number;
  receivedAtMs: number[];
  errors: string[];
  close(): void;
}

// The event number is the first field of the selection: read with a regular expression, not
// JSON.parse, to keep the clients' CPU (which the server competes with) small.
const EVENT_ID = /^data: \{"data":\{"\w+":\{"id":"(\d+)"/m;

/** Splits server-sent events into blocks and records each event's number and arrival time. */
function recordEvents(subscriber: Subscriber): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    const at = monotonicMs();
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.startsWith(':')) continue; // a keep-alive ping
      const id = EVENT_ID.exec(block)?.[1];
      if (id !== undefined) {
        const seq = Number(id);
        subscriber.seqs.push(seq);
        subscriber.receivedAtMs.push(at);
        subscriber.highest = Math.max(subscriber.highest, seq);
      } else if (subscriber.errors.length < 5) subscriber.errors.push(block.slice(0, 300));
    }
  };
}

/** One subscription over its own HTTP connection, as a browser's EventSource would hold it; resolves once the server has answered 200. */
function subscribe(open: OpenRequest): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query: open.query, variables: open.variables });
    const req = request(`${open.url}/graphql`, {
      method: 'POST',
      agent: false,
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${open.token}`, 'content-length': Buffer.byteLength(body) },
    });
    const subscriber: Subscriber = { seqs: [], highest: 0, receivedAtMs: [], errors: [], close: () => req.destroy() };
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`subscription answered ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      res.on('data', recordEvents(subscriber));
      res.on('error', () => {}); // closed by us at the end
      resolve(subscriber);
    });
    req.on('error', (error) => reject(error));
    req.end(body);
  });
}

function main() {
  let subscribers: Subscriber[] = [];
  // CPU from the moment every subscription is open: what following the feed costs, not connecting.
  let cpuBaseline = process.cpuUsage();
  const reply = (message: FromSubscribers, sent?: () => void) => process.send!(message, undefined, {}, () => sent?.());
  // The bench stopped (or failed): nothing is left to report to.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (message: ToSubscribers) => {
    if (message.type === 'open') {
      const opened = await Promise.allSettled(Array.from({ length: message.count }, () => subscribe(message)));
      subscribers = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      cpuBaseline = process.cpuUsage();
      reply({ type: 'opened', failures: opened.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : [])) });
    } else if (message.type === 'progress') {
      reply({ type: 'progress', caughtUpTo: Math.min(...subscribers.map((s) => s.highest)) });
    } else {
      subscribers.forEach((s) => s.close());
      const cpu = process.cpuUsage(cpuBaseline);
      reply({
        type: 'closed',
        subscribers: subscribers.map((s) => ({ seqs: Float64Array.from(s.seqs), receivedAtMs: Float64Array.from(s.receivedAtMs), errors: s.errors })),
        cpuMs: (cpu.user + cpu.system) / 1000,
        peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
        // A large report is still being written when send returns: disconnecting then lost it.
      }, () => process.disconnect());
    }
  });
}

if (require.main === module) main();
