import type { App } from '../../src/app';

export interface SseMessage {
  event: string;
  data: any;
}

/**
 * A GraphQL subscription over server-sent events through `yoga.fetch` (the real HTTP
 * handling, no port): `next()` waits for the next `next` message's payload, and `close()`
 * ends the stream as a client that leaves.
 */
export async function openSubscription(app: Pick<App, 'fetch'>, token: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await app.fetch('http://stride.test/graphql', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const messages: SseMessage[] = [];
  let buffer = '';
  let ended = false;
  const waiters: (() => void)[] = [];
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.replace(/^data: ?/, '')).join('\n');
          if (data) messages.push({ event, data: JSON.parse(data) });
          waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      // aborted
    } finally {
      ended = true;
      waiters.splice(0).forEach((w) => w());
    }
  })();
  return {
    status: response.status,
    /** The next message (a `next` event's payload, or a `complete`), waiting at most timeoutMs. */
    async next(timeoutMs = 10_000): Promise<SseMessage> {
      const deadline = Date.now() + timeoutMs;
      while (messages.length === 0) {
        if (ended) throw new Error('the stream ended');
        if (Date.now() > deadline) throw new Error(`no message within ${timeoutMs} ms`);
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        });
        // A message came first: its wait must not hold the test process for the full timeout.
        clearTimeout(timer);
      }
      return messages.shift()!;
    },
    /** Messages received so far and not yet taken. */
    pending: () => messages.length,
    /** Leaves as a client that goes away: the stream is cancelled, which closes the subscription. */
    close() {
      reader.cancel().catch(() => {});
      abort.abort();
    },
  };
}
