import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { authenticate, type VerifyToken } from '../auth/viewer';
import { readDataVersion } from '../db/version-reader';
import { CACHE_CONTROL, type CachedAnswer, type ResponseCache } from '../plugins/response-cache';
import { CONSISTENCY_HEADER } from '../plugins/read-your-writes';
import { isTracing } from '../observability/tracing';

export interface CachedAnswersOptions {
  db: Kysely<Database>;
  verifyToken: VerifyToken;
  persistedOnlyAudiences: string[];
  maxBodyBytes: number;
  clock?: () => Date;
  log?: (line: { operation: string; status: number; ms: number; orgId: number }) => void;
  endpoint?: string;
}

/** The content type yoga answers a JSON POST with, by the Accept header it came with; others go to yoga. */
const ANSWER_TYPES = new Map<string | undefined, string>([
  [undefined, 'application/json; charset=utf-8'],
  ['*/*', 'application/json; charset=utf-8'],
  ['application/json', 'application/json; charset=utf-8'],
  ['application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
]);

/**
 * The response cache's HTTP side (docs/design.md, The response cache): a POST whose exact body
 * this viewer sent before is answered from memory without yoga, GraphQL or the tenant frame,
 * once the organization's data version, read after the request came (one prepared statement,
 * db/version-reader.ts), is still the entry's: as strict as the plugin's check. The body is
 * the same bytes with the same headers as yoga's answer.
 *
 * Anything it is not sure of goes to yoga untouched, or with the body it read (`req.body`,
 * which yoga's Node adapter takes instead of the stream): another method or path, a browser's
 * request (Origin: CORS is yoga's), a body over the limit or of unknown length, a token that
 * does not verify or may send persisted operations only, a consistency token, another Accept,
 * tracing on (a request has its spans), and every miss. A miss carries its key to the plugin
 * (`rawKeys`), which keeps the answer under it.
 */
export function withCachedAnswers(yoga: RequestListener, cache: ResponseCache, options: CachedAnswersOptions): RequestListener {
  const endpoint = options.endpoint ?? '/graphql';
  const clock = options.clock ?? (() => new Date());

  const eligible = (req: IncomingMessage): boolean => {
    const { headers } = req;
    const length = Number(headers['content-length']);
    return req.method === 'POST' && req.url === endpoint && length > 0 && length <= options.maxBodyBytes
      && headers['content-type']?.startsWith('application/json') === true && headers['transfer-encoding'] === undefined
      && headers.origin === undefined && headers[CONSISTENCY_HEADER] === undefined && ANSWER_TYPES.has(headers.accept)
      && headers.authorization !== undefined && !isTracing();
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, body: string, started: number): Promise<boolean> => {
    const token = await authenticate(options.verifyToken, req.headers.authorization);
    if (options.persistedOnlyAudiences.includes(token.audience)) return false;
    const { viewer } = token;
    const contentType = ANSWER_TYPES.get(req.headers.accept)!;
    const key = `${viewer.orgId}/${viewer.userId}/${viewer.role}\n${contentType}\n${body}`;
    const entry = cache.entries.get(key);
    if (entry && entry.expiresAt > clock().getTime() && (await readDataVersion(options.db, viewer.orgId)) === entry.version) {
      write(res, entry, contentType);
      cache.count('hit_http');
      options.log?.({ operation: entry.operation, status: 200, ms: performance.now() - started, orgId: viewer.orgId });
      return true;
    }
    cache.rawKeys.set(req, key);
    return false;
  };

  return (req, res) => {
    if (!eligible(req)) return yoga(req, res);
    const started = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // An aborted upload: node:http destroys the socket; nothing is left to answer.
    req.once('error', () => void chunks.splice(0));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const toYoga = () => {
        // yoga's Node adapter reads a body already read from here (the stream is spent).
        (req as IncomingMessage & { body?: string }).body = body;
        yoga(req, res);
      };
      // A token that does not verify, a database that does not answer: yoga says so, as ever
      // (unless the answer was already written, and only its log or count failed).
      answer(req, res, body, started).then(
        (answered) => answered || toYoga(),
        () => res.headersSent || toYoga(),
      );
    });
  };
}

function write(res: ServerResponse, entry: CachedAnswer, contentType: string): void {
  // Named as yoga's answer names them (case matters to no client, but a diff of the two is clean).
  res.writeHead(200, { 'Content-Type': contentType, 'content-length': entry.bytes.length, ETag: entry.etag, 'Cache-Control': CACHE_CONTROL });
  res.end(entry.bytes);
}
