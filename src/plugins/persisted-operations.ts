import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultExtractPersistedOperationId, usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { VerifiedToken } from '../auth/tokens';
import { PROJECT_ROOT } from '../paths';

export const MOBILE_MANIFEST = path.join(PROJECT_ROOT, 'operations', '__generated__', 'mobile', 'persisted-documents.json');

/**
 * Accepts the mobile client's persisted operations by hash (documentId, or the APQ
 * extension). Clients whose token audience is persisted-only may send nothing else;
 * everyone else (web, analysts) may still send any query.
 */
export function usePersistedMobileOperations(options: {
  authenticate: (request: Request) => Promise<VerifiedToken>;
  persistedOnlyAudiences: string[];
  manifestPath?: string;
}) {
  const manifest: Record<string, string> = JSON.parse(readFileSync(options.manifestPath ?? MOBILE_MANIFEST, 'utf8'));
  return usePersistedOperations({
    // The codegen client preset sends `documentId` (in the body, or in the URL of a GET, which
    // yoga's GET parser does not carry over); Apollo-style clients send the APQ extension.
    extractPersistedOperationId: (params, request, context) => {
      const inBody = (params as { documentId?: unknown }).documentId;
      if (typeof inBody === 'string') return inBody;
      const inUrl = request.method === 'GET' ? new URL(request.url).searchParams.get('documentId') : null;
      return inUrl ?? defaultExtractPersistedOperationId(params, request, context);
    },
    getPersistedOperation: (key) => manifest[key] ?? manifest[`sha256:${key}`] ?? null,
    customErrors: {
      keyNotFound: {
        message: 'the request has no query: send a query, or the documentId of a persisted operation',
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      },
      notFound: { message: 'PersistedQueryNotFound: no persisted operation has this documentId', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      persistedQueryOnly: {
        message: 'PersistedQueryOnly: this client may only send the documentId of a persisted operation',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
      },
    },
    allowArbitraryOperations: async (request) => {
      if (options.persistedOnlyAudiences.length === 0) return true;
      try {
        const { audience } = await options.authenticate(request);
        return !options.persistedOnlyAudiences.includes(audience);
      } catch {
        return true; // the context answers UNAUTHENTICATED
      }
    },
  });
}
