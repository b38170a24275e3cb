import { createSchema, createYoga } from 'graphql-yoga';
import { useSharedSubscriptionResults } from '../../src/plugins/shared-subscription-results';
import { openSubscription } from '../helpers/sse';

// The plugin executes an event once for every subscriber with the same subscription. The hub
// hands one event object to all of them in the same turn, so they all ask for the result before
// the first execution has finished: a memo of finished results alone missed every time
// (bench/live.ts: graphql-js ran per subscriber per event, 6 s of a 10 s run).

type Tick = { n: number };

/** A yoga with one subscription whose subscribers all receive the same event objects, counting executions of its field. */
function tickingServer() {
  const listeners = new Set<(tick: Tick) => void>();
  const executions = { n: 0 };
  const ticks = (): AsyncIterableIterator<Tick> => {
    const queue: Tick[] = [];
    let wake: (() => void) | null = null;
    const listener = (tick: Tick) => {
      queue.push(tick);
      wake?.();
    };
    listeners.add(listener);
    const iterator: AsyncIterableIterator<Tick> = {
      next: async () => {
        while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        return { value: queue.shift()!, done: false };
      },
      return: async () => {
        listeners.delete(listener);
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  };
  const yoga = createYoga({
    schema: createSchema<{ viewer: { role: string } }>({
      typeDefs: 'type Query { ok: Boolean } type Subscription { ticks(label: String): Tick } type Tick { n: Int label: String }',
      resolvers: {
        Subscription: { ticks: { subscribe: () => ticks(), resolve: (tick: Tick) => tick } },
        Tick: {
          n: (tick: Tick) => {
            executions.n++;
            return tick.n;
          },
          label: (_tick: Tick, _args: unknown, _ctx: unknown, info: { variableValues: Record<string, unknown> }) => info.variableValues.label ?? null,
        },
      },
    }),
    context: { viewer: { role: 'COACH' } },
    plugins: [useSharedSubscriptionResults()],
  });
  return { yoga, executions, emit: (tick: Tick) => listeners.forEach((l) => l(tick)), listening: () => listeners.size };
}

const SUBSCRIPTION = 'subscription($label: String) { ticks(label: $label) { n label } }';

async function until(condition: () => boolean) {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

test('ten subscribers of one subscription: each event is executed once, and all get the same answer', async () => {
  const server = tickingServer();
  const feeds = await Promise.all(Array.from({ length: 10 }, () => openSubscription(server.yoga, 'unused', SUBSCRIPTION, { label: 'a' })));
  await until(() => server.listening() === 10);
  for (const n of [1, 2, 3]) server.emit({ n });
  for (const feed of feeds) {
    for (const n of [1, 2, 3]) expect((await feed.next()).data).toEqual({ data: { ticks: { n, label: 'a' } } });
  }
  expect(server.executions.n).toBe(3);
  feeds.forEach((f) => f.close());
  // Closed streams end their subscriptions (and yoga's keep-alive timers) before the test does.
  await until(() => server.listening() === 0);
});

test('other variables are executed apart: nothing is shared across different subscriptions', async () => {
  const server = tickingServer();
  const feeds = await Promise.all(['a', 'a', 'b'].map((label) => openSubscription(server.yoga, 'unused', SUBSCRIPTION, { label })));
  await until(() => server.listening() === 3);
  server.emit({ n: 7 });
  expect(await Promise.all(feeds.map(async (f) => (await f.next()).data.data.ticks))).toEqual([{ n: 7, label: 'a' }, { n: 7, label: 'a' }, { n: 7, label: 'b' }]);
  expect(server.executions.n).toBe(2);
  feeds.forEach((f) => f.close());
  await until(() => server.listening() === 0);
});
