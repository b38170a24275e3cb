import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedDatabase {
  host: string;
  port: number;
  /** Folder holding the data, or 'memory' for a throwaway instance. */
  location: string;
  /** The socket server (tests stop it behind the app's back to play its failure). */
  socketServer: PGLiteSocketServer;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The socket server closed without stop() being called. */
  onUnexpectedStop?: () => void;
}

/**
 * Starts PGlite (Postgres in WebAssembly) in this process and serves it on a loopback
 * port, so the app reaches it through the same pg Pool it uses for a real server.
 * Every socket connection shares PGlite's single session: keep the pool at one connection.
 */
export async function startEmbedded(dataDir: string | 'memory', options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
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
  let stopping = false;
  server.addEventListener('close', () => {
    if (!stopping) options.onUnexpectedStop?.();
  });
  return {
    host,
    port: Number(port),
    location,
    socketServer: server,
    async stop() {
      stopping = true;
      await server.stop();
      await pglite.close();
    },
  };
}
