import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { createCounter, createHistogram, usePrometheus, type FillLabelsFnParams } from '@graphql-yoga/plugin-prometheus';
import type { Registry } from 'prom-client';

/** Distinct operation names kept as labels; later ones are counted as `other`. */
export const MAX_OPERATION_NAMES = 200;

/**
 * Operation names as label values, from the parsed document only (never the request's URL,
 * query string or raw operationName), at most `max` of them: a stranger sending thousands of
 * names must not grow /metrics or the process. Only a request that got through (`admit`)
 * adds a name, so strangers cannot use up the slots before the real operations arrive.
 */
export function boundedOperationNames(max = MAX_OPERATION_NAMES) {
  const seen = new Set<string>();
  return (document: DocumentNode | undefined, requested: string | undefined, admit: boolean): string => {
    let name: string | undefined;
    try {
      name = document ? getOperationAST(document, requested)?.name?.value : undefined;
    } catch {
      name = undefined;
    }
    if (!name) return 'anonymous';
    if (seen.has(name)) return name;
    if (!admit || seen.size >= max) return 'other';
    seen.add(name);
    return name;
  };
}

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/**
 * Request duration (a histogram), request and error counts, every label from a bounded set:
 * operation name, operation type, method, status class and phase. The plugin's defaults
 * also label by URL and by error path.
 */
export function useBoundedMetrics(registry: Registry, endpoint: string | false): Plugin {
  const operationName = boundedOperationNames();
  const operation = (params: FillLabelsFnParams, admit: boolean) => ({
    operationName: operationName(params.document, params.operationName, admit),
    operationType: params.operationType ?? 'unknown',
  });
  return usePrometheus({
    registry,
    endpoint,
    metrics: {
      // Off: a walk of every document for deprecated fields, a summary and per-phase histograms
      // cost half a millisecond a request (bench/README.md) for figures the HTTP histogram gives.
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request_duration: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_schema_change: false,
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_yoga_http_duration',
          help: 'Time spent on HTTP requests carrying a GraphQL operation',
          labelNames: ['operationName', 'operationType', 'method', 'statusClass'] as const,
        },
        fillLabelsFn: (params: FillLabelsFnParams & { request: Request; response: Response }) => ({
          ...operation(params, params.response.status < 400),
          method: params.request.method,
          statusClass: statusClass(params.response.status),
        }),
      }),
      graphql_envelop_request: createCounter({
        registry,
        counter: { name: 'graphql_envelop_request', help: 'GraphQL operations executed', labelNames: ['operationName', 'operationType'] as const },
        // Execution starts only for an authenticated request.
        fillLabelsFn: (params) => operation(params, true),
      }),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: { name: 'graphql_envelop_error_result', help: 'Errors reported, by phase', labelNames: ['operationName', 'operationType', 'phase'] as const },
        fillLabelsFn: (params) => ({ ...operation(params, params.errorPhase === 'execute'), phase: params.errorPhase ?? 'unknown' }),
      }),
    },
  });
}

function bearerMatches(header: string | null | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** /metrics only for `Authorization: Bearer <METRICS_TOKEN>`; put before the metrics plugin. */
export function useMetricsToken(endpoint: string, token: string): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (new URL(request.url).pathname !== endpoint || bearerMatches(request.headers.get('authorization'), token)) return;
      endResponse(new fetchAPI.Response('metrics need Authorization: Bearer <METRICS_TOKEN>\n', { status: 401, headers: { 'www-authenticate': 'Bearer' } }));
    },
  };
}

/** /metrics on a port of its own (METRICS_PORT), e.g. reachable only from the monitoring network. */
export function createMetricsServer(registry: Registry, token: string | undefined): Server {
  return createServer((request, response) => {
    if (request.method !== 'GET' || new URL(request.url ?? '/', 'http://metrics').pathname !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    if (token && !bearerMatches(request.headers.authorization, token)) {
      response.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      return;
    }
    registry.metrics().then(
      (body) => response.writeHead(200, { 'content-type': registry.contentType }).end(body),
      () => response.writeHead(500).end(),
    );
  });
}
