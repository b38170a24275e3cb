import { createServer, type Server } from 'node:http';
import { Pool } from 'pg';
import './pg-types';
import type { FloorHandler } from './handler';
import { floorHandlers } from './index';

/**
 * The raw floor: node:http + pg, no GraphQL, no auth, no transaction; the organization is
 * fixed at start and filtered on in every statement. It reads `operationName` and
 * `variables` from the same body the API gets and answers `{ data }` with JSON.stringify.
 */
export function createFloorServer(options: { databaseUrl: string; orgId: number; poolSize: number }): { server: Server; close(): Promise<void> } {
  // The API's session settings, so both sides get the same plans.
  const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize, options: '-c jit=off' });
  const server = createServer((req, res) => {
    if (req.method === 'GET') {
      res.end('ok');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { operationName?: string; variables?: Record<string, unknown> };
        const handler: FloorHandler | undefined = floorHandlers[body.operationName ?? ''];
        if (!handler) throw new Error(`no floor for operation ${body.operationName}`);
        const client = await pool.connect();
        try {
          const data = await handler(client, { orgId: options.orgId, variables: body.variables ?? {}, now: new Date() });
          const json = JSON.stringify({ data });
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
          res.end(json);
        } finally {
          client.release();
        }
      } catch (error) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error instanceof Error ? error.stack : error));
      }
    });
  });
  return { server, close: async () => { server.close(); await pool.end(); } };
}
