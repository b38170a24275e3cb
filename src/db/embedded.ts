import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
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
    takeDataFolder(location);
    try {
      pglite = await PGlite.create(location);
    } catch (error) {
      releaseDataFolder(location);
      throw error;
    }
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
      if (location !== 'memory') releaseDataFolder(location);
    },
  };
}

/** Thrown when another live process has the data folder: two would corrupt it. */
export class DataFolderInUseError extends Error {}

const lockFile = (location: string) => path.join(location, 'stride.pid');

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One process per PGlite data folder (a server, or a script such as `npm run token`): the
 * folder's pid file names its holder. A holder that died (killed, crashed) leaves a stale
 * file, taken over here.
 */
function takeDataFolder(location: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile(location), String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile(location), 'utf8'));
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DataFolderInUseError(
          `the embedded database in ${path.dirname(location)} is in use by process ${holder} (a running npm start?): stop it first, or set DATABASE_URL to a PostgreSQL server both can share`,
        );
      }
      unlinkSync(lockFile(location));
    }
  }
  throw new Error(`could not take the embedded database folder ${location}`);
}

function releaseDataFolder(location: string): void {
  try {
    if (Number(readFileSync(lockFile(location), 'utf8')) === process.pid) unlinkSync(lockFile(location));
  } catch {
    // Already gone: nothing to release.
  }
}
