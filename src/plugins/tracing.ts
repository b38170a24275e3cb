import { createHash } from 'node:crypto';
import { context, trace, SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { getOperationAST, type DocumentNode } from 'graphql';
import { isAsyncIterable, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import type { Context } from '../context';
import { tracer, tracingEnabled } from '../observability/tracing';

/**
 * One span per HTTP request, the parent of the request's loader and SQL spans (docs/design.md,
 * Observability). Its attributes name the operation, a hash of the document, the organization
 * id and the viewer's role; never a name, an email, a variable or a token.
 */
export function useRequestSpans(endpoint = '/graphql'): Plugin<Context> {
  const spans = new WeakMap<Request, Span>();
  const documentHashes = new WeakMap<DocumentNode, string>();
  const hashOf = (document: DocumentNode, text: string | undefined) => {
    let hash = documentHashes.get(document);
    if (!hash) {
      hash = createHash('sha256').update(text ?? JSON.stringify(document)).digest('hex').slice(0, 16);
      documentHashes.set(document, hash);
    }
    return hash;
  };
  return {
    instrumentation: {
      request({ request }, wrapped) {
        // /health, /ready and /metrics are the probes' and scrapers': no trace.
        if (!tracingEnabled() || new URL(request.url).pathname !== endpoint) return wrapped();
        const span = tracer().startSpan('graphql request', { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': endpoint } });
        spans.set(request, span);
        return context.with(trace.setSpan(context.active(), span), async () => {
          try {
            await wrapped();
          } finally {
            span.end();
          }
        });
      },
    },
    onSubscribe({ args }) {
      describe(args.contextValue as Context & YogaInitialContext, args.document, args.operationName);
    },
    onExecute({ args }) {
      const span = describe(args.contextValue as Context & YogaInitialContext, args.document, args.operationName);
      if (!span) return;
      return {
        onExecuteDone({ result }) {
          if (isAsyncIterable(result) || !result.errors?.length) return;
          const codes = [...new Set(result.errors.map((e) => String(e.extensions?.code ?? 'INTERNAL')))];
          span.setAttribute('graphql.error.codes', codes);
          span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(',') });
        },
      };
    },
    onResponse({ request, response }) {
      spans.get(request)?.setAttribute('http.response.status_code', response.status);
    },
  };

  /** Names the request's span after its operation, with the attributes an operator filters on. */
  function describe(ctx: Context & YogaInitialContext, document: DocumentNode, operationName: string | null | undefined): Span | undefined {
    const span = spans.get(ctx.request);
    if (!span) return undefined;
    const operation = getOperationAST(document, operationName);
    const name = operation?.name?.value ?? 'anonymous';
    span.updateName(`graphql ${operation?.operation ?? 'operation'} ${name}`);
    span.setAttributes({
      'graphql.operation.name': name,
      'graphql.operation.type': operation?.operation ?? 'unknown',
      'graphql.document.hash': hashOf(document, ctx.params?.query),
      'stride.org_id': ctx.viewer.orgId,
      'stride.viewer.role': ctx.viewer.role,
    });
    return span;
  }
}
