import type { ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';

/**
 * Writes a subscription's events that are ready in one turn of the event loop to its socket
 * in one write. The event hub hands a subscriber every event of one outbox read at once, and
 * yoga writes each as a chunk of its own: one syscall per event per subscriber, run on the
 * event loop every request shares (bench/live.ts: 100 subscribers took a third of it from
 * ingestion). Corking the response at an event and uncorking it once the loop has run its
 * callbacks (setImmediate) sends them together; a lone event leaves as soon as before.
 */
export function useCoalescedEventWrites(): Plugin<{ res?: ServerResponse }> {
  const corked = new WeakSet<ServerResponse>();
  const coalesce = (res: ServerResponse) => {
    if (corked.has(res) || res.writableEnded || res.destroyed) return;
    corked.add(res);
    res.cork();
    setImmediate(() => {
      corked.delete(res);
      res.uncork();
    });
  };
  return {
    onSubscribe({ args }) {
      const res = args.contextValue.res;
      // Only node:http carries a response to cork (yoga.fetch in tests has none).
      if (!res || typeof res.cork !== 'function') return;
      return { onSubscribeResult: () => ({ onNext: () => coalesce(res) }) };
    },
  };
}
