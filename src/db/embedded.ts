import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedDatabase {
  host: string;
  port: number;
  /** Folder holding the data, or 'memory' for a throwaway instance. */
  location: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (Postgres in WebAssembly) in this process and serves it on a loopback
 * port, so the app reaches it through the same pg Pool it uses for a real server.
 * Every socket connection shares PGlite's single session: keep the pool at one connection.
 */
export async function startEmbedded(dataDir: string | 'memory'): Promise<EmbeddedDatabase> {
  let location = 'memory';
  let pglite: PGlite;
  if (dataDir === 'memory') {
    pglite = await PGlite.create('memory://');
  } else {
    location = path.resolve(dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
    pglite = await PGlite.create(location);
  }
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0 });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  return {
    host,
    port: Number(port),
    location,
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}
