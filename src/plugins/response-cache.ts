import { createHash, randomBytes } from 'node:crypto';
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import { Counter, type Registry } from 'prom-client';
import type { Context } from '../context';
import type { Viewer } from '../auth/viewer';
import { findDataVersion } from '../repositories/data-versions';
import { readForRequest } from './read-your-writes';
import { operationLabel } from './request-log';

export interface ResponseCacheOptions {
  /** Bodies and keys kept, in bytes (the least recently used go first). */
  maxBytes: number;
  /** An answer is reused for at most this long, and never past the next quarter hour (below). */
  ttlMs: number;
  registry?: Registry;
}

export interface CachedAnswer {
  version: number;
  /** The answer as yoga wrote it, in UTF-8. */
  bytes: Buffer;
  etag: string;
  expiresAt: number;
  /** The operation's name, for the request log of an answer served before GraphQL. */
  operation: string;
}

/** Every zone's local midnight falls on a quarter hour of UTC, so no cached "today" outlives its day. */
const QUARTER_HOUR_MS = 15 * 60_000;

/** Answers may be kept by the asking client only, which must revalidate them (with the ETag) before reuse. */
export const CACHE_CONTROL = 'private, no-cache';

/** Outcomes of cacheable reads; `hit_http` is a hit answered before GraphQL (src/http/cached-answers.ts). */
export type CacheOutcome = 'miss' | 'hit' | 'not_modified' | 'hit_http';

/**
 * Repeats of an identical read answered from memory (docs/design.md, The response cache).
 * The key is the viewer (organization, user, role), the document, the operation name and the
 * variables; an entry holds the serialized answer with the organization's data version read
 * before it was computed. Each read costs one statement, that version: a committed write,
 * from any process, has raised it, and an entry of an older version is never served.
 * Mutations, subscriptions and answers with any error are never kept.
 *
 * A request that came through the HTTP layer's check (cached-answers.ts) and was not answered
 * there carries that layer's key (`rawKeys`), made from its exact body; its answer is kept
 * under that key too, so that the next identical body is answered before GraphQL.
 */
export class ResponseCache {
  readonly entries: LruBodies;
  /** Keys from the HTTP layer, by the Node request that brought them. */
  readonly rawKeys = new WeakMap<object, string>();
  private readonly outcomes?: Counter<'outcome'>;

  constructor(private readonly options: ResponseCacheOptions) {
    this.entries = new LruBodies(options.maxBytes);
    this.outcomes = options.registry
      ? new Counter({ name: 'stride_response_cache_total', help: 'Cacheable reads, by outcome', labelNames: ['outcome'] as const, registers: [options.registry] })
      : undefined;
  }

  count(outcome: CacheOutcome): void {
    this.outcomes?.inc({ outcome });
  }

  /** The yoga plugin: answers from the cache, and keeps what it computed. */
  plugin(): Plugin<Context> {
    const { entries, rawKeys, options } = this;
    const documentIds = new WeakMap<DocumentNode, string>();
    const notModified = new WeakMap<Request, string>();
    const documentId = (document: DocumentNode, text: string | undefined) => {
      let id = documentIds.get(document);
      if (!id) {
        id = createHash('sha256').update(text ?? JSON.stringify(document)).digest('base64url');
        documentIds.set(document, id);
      }
      return id;
    };
    return {
      onExecute: ({ args, setResultAndStopExecution }) => {
        const operation = getOperationAST(args.document, args.operationName);
        if (operation?.operation !== 'query') return;
        const ctx = args.contextValue as Context & YogaInitialContext & { req?: object };
        const key = cacheKey(ctx.viewer, documentId(args.document, ctx.params?.query), args.operationName, args.variableValues);
        const rawKey = ctx.req ? rawKeys.get(ctx.req) : undefined;
        // Where the answer will be read (a replica holding the client's last write, or the primary).
        return readForRequest(ctx, (db) => findDataVersion(db, ctx.viewer.orgId)).then((version) => {
          const now = ctx.now.getTime();
          const entry = entries.get(key);
          if (entry && entry.version === version && entry.expiresAt > now) {
            const revalidated = ctx.request.method === 'GET' && ctx.request.headers.get('if-none-match') === entry.etag;
            if (revalidated) notModified.set(ctx.request, entry.etag);
            this.count(revalidated ? 'not_modified' : 'hit');
            if (rawKey) entries.set(rawKey, entry);
            setResultAndStopExecution(servedFrom(entry));
            return undefined;
          }
          this.count('miss');
          return {
            onExecuteDone({ result }) {
              if (isAsyncIterable(result) || result.errors?.length) return;
              const etag = `"${version.toString(36)}-${randomBytes(9).toString('base64url')}"`;
              const expiresAt = Math.min(now + options.ttlMs, Math.floor(now / QUARTER_HOUR_MS) * QUARTER_HOUR_MS + QUARTER_HOUR_MS);
              // Kept as the bytes yoga writes: graphql-jit's compiled stringify, or JSON.stringify.
              const stringify = (result as { stringify?: (r: unknown) => string }).stringify ?? JSON.stringify;
              Object.assign(result, {
                stringify: (sanitized: unknown) => {
                  const body = stringify(sanitized);
                  const kept: CachedAnswer = { version, bytes: Buffer.from(body, 'utf8'), etag, expiresAt, operation: operationLabel(operation) };
                  entries.set(key, kept);
                  if (rawKey) entries.set(rawKey, kept);
                  return body;
                },
                extensions: { ...result.extensions, http: { headers: { ETag: etag, 'Cache-Control': CACHE_CONTROL } } },
              });
            },
          };
        });
      },
      onResultProcess({ request, setResultProcessor }) {
        const etag = notModified.get(request);
        if (etag) {
          setResultProcessor((_result, fetchAPI) => new fetchAPI.Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': CACHE_CONTROL } }), 'application/json');
        }
      },
    };
  }
}

function cacheKey(viewer: Viewer, documentId: string, operationName: string | null | undefined, variables: unknown): string {
  return `${viewer.orgId}/${viewer.userId}/${viewer.role}\n${documentId}\n${operationName ?? ''}\n${JSON.stringify(variables ?? {})}`;
}

/** A result yoga writes as the stored bytes, with the entry's headers. */
function servedFrom(entry: CachedAnswer): ExecutionResult {
  return Object.assign({ extensions: { http: { headers: { ETag: entry.etag, 'Cache-Control': CACHE_CONTROL } } } }, { stringify: () => entry.bytes.toString('utf8') });
}

/** Least recently used first out, by the total length of the bodies kept. */
export class LruBodies {
  private readonly map = new Map<string, CachedAnswer>();
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): CachedAnswer | undefined {
    const entry = this.map.get(key);
    if (entry) {
      this.map.delete(key);
      this.map.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CachedAnswer) {
    // One answer may not take more than an eighth of the room (a full list of a large club).
    if (entry.bytes.length + key.length > this.maxBytes / 8) return;
    const old = this.map.get(key);
    // A slower request that read an older version must not replace a newer answer.
    if (old && old.version > entry.version) return;
    if (old) this.remove(key, old);
    this.map.set(key, entry);
    this.size += entry.bytes.length + key.length;
    for (const [oldest, value] of this.map) {
      if (this.size <= this.maxBytes) break;
      this.remove(oldest, value);
    }
  }

  private remove(key: string, entry: CachedAnswer) {
    this.map.delete(key);
    this.size -= entry.bytes.length + key.length;
  }
}
