import { createSourceEventStream, execute, type DocumentNode, type ExecutionResult } from 'graphql';
import type { PromiseOrValue } from 'graphql/jsutils/PromiseOrValue';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context';

/**
 * Executes a subscription event once for all subscribers that asked for it with the same
 * document, operation, variables and role, and serializes it once: a hundred coaches whose web
 * app follows organizationEvents get the same bytes, which graphql-js and yoga would otherwise
 * build a hundred times per event (bench/live.ts). A result is shared only for the very same
 * event object (the event hub hands one object to all its subscribers of an organization),
 * so nothing crosses organizations; subscription fields must not read the viewer beyond the
 * role while resolving an event (their `subscribe` does the filtering).
 */
export function useSharedSubscriptionResults(): Plugin<Context> {
  // The promise is kept, not the result: the hub hands an event to all subscribers in the same
  // turn, so they all ask before the first execution has resolved.
  const shared = new WeakMap<DocumentNode, Map<string, WeakMap<object, Promise<ExecutionResult>>>>();
  const resultsFor = (document: DocumentNode, key: string) => {
    let byKey = shared.get(document);
    if (!byKey) shared.set(document, (byKey = new Map()));
    let byEvent = byKey.get(key);
    if (!byEvent) {
      // Bounded: one entry per distinct variables-and-role of a document, each a WeakMap.
      if (byKey.size >= 1_000) byKey.clear();
      byKey.set(key, (byEvent = new WeakMap()));
    }
    return byEvent;
  };
  const shareable = async (execution: PromiseOrValue<ExecutionResult>): Promise<ExecutionResult> => {
    const result = await execution;
    if (result.errors?.length) return result;
    let text: string | undefined;
    return Object.assign(result, { stringify: (value: unknown) => (text ??= JSON.stringify(value)) });
  };
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const source = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in source)) return source;
        const context = args.contextValue as Context;
        const key = `${args.operationName ?? ''}\n${context.viewer.role}\n${JSON.stringify(args.variableValues ?? {})}`;
        const iterator = source[Symbol.asyncIterator]();
        const results: AsyncIterableIterator<ExecutionResult> = {
          next: async () => {
            const next = await iterator.next();
            if (next.done) return next;
            const payload = next.value as object;
            if (typeof payload !== 'object' || payload === null) return { value: await execute({ ...args, rootValue: payload }), done: false };
            const memo = resultsFor(args.document, key);
            let result = memo.get(payload);
            if (!result) {
              memo.set(payload, (result = shareable(execute({ ...args, rootValue: payload }))));
              // An answer with errors is not shared with later subscribers (nor kept).
              void result.then((r) => r.errors?.length && memo.delete(payload), () => memo.delete(payload));
            }
            return { value: await result, done: false };
          },
          return: async () => {
            await iterator.return?.();
            return { value: undefined, done: true };
          },
          [Symbol.asyncIterator]: () => results,
        };
        return results;
      });
    },
  };
}
