import type { Plugin } from 'graphql-yoga';

/**
 * Refuses request bodies over the limit before anything reads them: a declared length
 * over it is 413, and a body with no declared length (chunked) is 411. File uploads
 * (multipart) have a limit of their own.
 */
export function useBodyLimit(maxBytes: number, maxUploadBytes: number): Plugin {
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      const declared = request.headers.get('content-length');
      const refuse = (status: number, message: string) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] }), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
        );
      if (declared === null) {
        if (request.headers.get('transfer-encoding')) refuse(411, 'request body needs a Content-Length header');
        return;
      }
      const limit = request.headers.get('content-type')?.startsWith('multipart/form-data') ? maxUploadBytes : maxBytes;
      if (!/^\d+$/.test(declared) || Number(declared) > limit) {
        refuse(413, `request body is over the limit of ${limit} bytes`);
      }
    },
  };
}
