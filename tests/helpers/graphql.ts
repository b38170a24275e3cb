import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { App } from '../../src/app';

/** Sends one operation over HTTP through yoga.fetch, as a client would, with a bearer token. */
export async function execute<TResult, TVariables>(
  app: App,
  token: string | null,
  document: TypedDocumentNode<TResult, TVariables> | string,
  variables?: TVariables,
): Promise<ExecutionResult<TResult> & { status: number }> {
  const query = typeof document === 'string' ? document : print(document);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await app.fetch('http://stride.test/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await response.json()) as ExecutionResult<TResult>), status: response.status };
}

export function errorCodes(result: Pick<ExecutionResult, 'errors'>): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
