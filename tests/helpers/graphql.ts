import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { App } from '../../src/app';

/** Sends one operation over HTTP through yoga.fetch, as a client would. */
export async function execute<TResult, TVariables>(
  app: App,
  document: TypedDocumentNode<TResult, TVariables> | string,
  variables?: TVariables,
): Promise<ExecutionResult<TResult> & { status: number }> {
  const query = typeof document === 'string' ? document : print(document);
  const response = await app.fetch('http://stride.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await response.json()) as ExecutionResult<TResult>), status: response.status };
}

export function errorCodes(result: ExecutionResult): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
