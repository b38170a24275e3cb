import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse, type OperationDefinitionNode } from 'graphql';
import { AlwaysOnSampler, InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { loadConfig } from '../src/config';
import { createApp, type App } from '../src/app';
import { signToken } from '../src/auth/tokens';
import { findFirstUser } from '../src/auth/demo-token';
import { exampleVariables } from '../src/graphiql';
import { findExampleSamples } from '../src/repositories/organizations';
import { startTracing } from '../src/observability/tracing';
import { renderSpanTree } from '../src/observability/span-tree';
import { openScriptDatabase } from './database';
import { EventHub } from '../src/live/event-hub';

// npm run trace -- <operation file> ['{"id":"12"}'] [--role coach|admin|athlete] [--commit]
// Runs one operation in this process against the database `npm start` uses, as the first user
// of the role in the first organization (admin for operations/admin/, else coach), and prints
// its span tree: each loader and statement with its milliseconds, the statements and rows.
// A query without variables gets the ones GraphiQL's tabs use (the busiest athlete, the first
// group); a mutation needs them, and is rolled back after its answer unless --commit.

export interface TracedOperation {
  operationName: string;
  /** The answer (a subscription's first event, or null when none came within a few seconds). */
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  spans: ReadableSpan[];
  report: string;
}

const SUBSCRIPTION_WAIT_MS = 3_000;
const COMMIT_WAIT_MS = 500;

/** Sends the operation with tracing on, and collects its spans (the read's COMMIT included, which follows the answer). */
export async function traceOperation(app: App, token: string, document: string, variables: Record<string, unknown> | undefined): Promise<TracedOperation> {
  const operation = parse(document).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const subscription = operation?.operation === 'subscription';
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ exporter, sampler: new AlwaysOnSampler(), slowRequestMs: Infinity });
  try {
    const abort = new AbortController();
    const response = await app.fetch('http://trace.local/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: subscription ? 'text/event-stream' : 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: document, variables }),
      signal: abort.signal,
    });
    const body = subscription ? await firstEvent(response, abort) : await response.json();
    const ended = Date.now() + COMMIT_WAIT_MS;
    // The embedded database's read-only transaction sends COMMIT after the answer.
    const open = () => exporter.getFinishedSpans().filter((s) => /^sql begin$/.test(s.name)).length > exporter.getFinishedSpans().filter((s) => /^sql (commit|rollback)$/.test(s.name)).length;
    while (Date.now() < ended && open()) await new Promise((r) => setTimeout(r, 5));
    await tracing.flush();
    const spans = exporter.getFinishedSpans();
    return { operationName: operation?.name?.value ?? 'anonymous', body, spans, report: renderSpanTree(spans) };
  } finally {
    await tracing.stop();
  }
}

async function firstEvent(response: Response, abort: AbortController): Promise<TracedOperation['body']> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const timer = setTimeout(() => abort.abort(), SUBSCRIPTION_WAIT_MS);
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return null;
      buffer += value;
      const event = /event: next\ndata: (.*)\n\n/.exec(buffer);
      if (event) return JSON.parse(event[1]);
    }
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    // Cancelling the stream ends the subscription, as a client that leaves.
    await reader.cancel().catch(() => {});
    abort.abort();
  }
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { role: { type: 'string' }, commit: { type: 'boolean', default: false } } });
  const [file, variablesText] = positionals;
  if (!file) throw new Error("usage: npm run trace -- <operation file> ['{\"id\":\"12\"}'] [--role coach|admin|athlete] [--commit]");
  const document = readFileSync(file, 'utf8');
  const role = (values.role ?? (path.resolve(file).includes(`${path.sep}admin${path.sep}`) ? 'admin' : 'coach')).toLowerCase();
  if (!['admin', 'coach', 'athlete'].includes(role)) throw new Error('--role must be admin, coach or athlete');
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  if (!config.auth.secret) throw new Error('tracing signs its own token: it needs JWT_SECRET or the development secret, not JWT_JWKS_URL');
  const handle = await openScriptDatabase(config);
  try {
    const user = await findFirstUser(handle.db, role as 'admin' | 'coach' | 'athlete');
    if (!user) throw new Error(`no ${role} in this database: seed it first (npm start seeds the demo)`);
    const variables = variablesText
      ? (JSON.parse(variablesText) as Record<string, unknown>)
      : exampleVariables(document, await findExampleSamples(handle.db, user.org_id), new Date());
    if (!variablesText && /^\s*mutation\b/m.test(document)) throw new Error(`${file} is a mutation: give its variables as JSON after the file name`);
    const token = await signToken(config.auth, { orgId: user.org_id, userId: user.id, role: role.toUpperCase() as 'ADMIN', audience: config.auth.audiences[0], expiresIn: '10m' });
    const events = new EventHub(handle.db, { statementTimeoutMs: config.statementTimeoutMs });
    const app = createApp({ db: handle.db, auth: config.auth, graphiql: false, statementTimeoutMs: config.statementTimeoutMs, rollbackMutations: !values.commit, events });
    const traced = await traceOperation(app, token, document, variables).finally(() => events.stop());
    const errors = traced.body?.errors?.map((e) => e.extensions?.code ?? e.message) ?? [];
    console.log(`${traced.operationName} as ${user.name} (${role}, organization ${user.org_id})${/^\s*mutation\b/m.test(document) && !values.commit ? ', rolled back' : ''}: ${errors.length ? `errors ${errors.join(', ')}` : traced.body ? 'answered' : 'no event within 3 s'}\n`);
    console.log(traced.report);
    if (errors.length) process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
