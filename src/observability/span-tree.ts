import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

const ms = ([seconds, nanos]: [number, number]) => seconds * 1_000 + nanos / 1e6;
const fixed = (value: number) => value.toFixed(1).padStart(7);

/** What a statement or loader span adds to its line: its rows or keys, and a failure's code. */
function details(span: ReadableSpan): string {
  const parts: string[] = [];
  const rows = span.attributes['db.response.returned_rows'];
  if (typeof rows === 'number') parts.push(`${rows} row${rows === 1 ? '' : 's'}`);
  const keys = span.attributes['stride.loader.keys'];
  if (typeof keys === 'number') parts.push(`${keys} key${keys === 1 ? '' : 's'}`);
  const code = span.attributes['db.response.status_code'] ?? span.attributes['graphql.error.codes'];
  if (code !== undefined) parts.push(`failed: ${String(code)}`);
  return parts.length ? `  (${parts.join(', ')})` : '';
}

/**
 * One trace as an indented timeline (`npm run trace`): each span's start after the request
 * began, its milliseconds, and its name under its parent, in start order; then the statement
 * count and the rows fetched.
 */
export function renderSpanTree(spans: readonly ReadableSpan[]): string {
  const byParent = new Map<string | undefined, ReadableSpan[]>();
  const ids = new Set(spans.map((s) => s.spanContext().spanId));
  for (const span of spans) {
    const parent = span.parentSpanContext?.spanId;
    const key = parent && ids.has(parent) ? parent : undefined;
    byParent.set(key, [...(byParent.get(key) ?? []), span]);
  }
  for (const children of byParent.values()) children.sort((a, b) => ms(a.startTime) - ms(b.startTime));
  const roots = byParent.get(undefined) ?? [];
  const origin = roots.length ? Math.min(...roots.map((r) => ms(r.startTime))) : 0;
  const lines = ['  start ms     ms  span'];
  const walk = (span: ReadableSpan, depth: number) => {
    lines.push(`${fixed(ms(span.startTime) - origin)} ${fixed(ms(span.duration))}  ${'  '.repeat(depth)}${span.name}${details(span)}`);
    for (const child of byParent.get(span.spanContext().spanId) ?? []) walk(child, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  const statements = spans.filter((s) => s.name.startsWith('sql '));
  const rows = statements.reduce((sum, s) => sum + Number(s.attributes['db.response.returned_rows'] ?? 0), 0);
  const loaders = spans.filter((s) => s.name.startsWith('loader ')).length;
  lines.push('', `${statements.length} statements, ${rows} rows fetched, ${loaders} loader batches`);
  return lines.join('\n');
}
