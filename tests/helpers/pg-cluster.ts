import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findPostgresBinaries, postgresCommand } from '../../scripts/postgres-tools';

const run = promisify(execFile);

export { findPostgresBinaries };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ThrowawayCluster {
  /** Superuser URL of the cluster's `postgres` database. */
  url: string;
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL cluster of the test's own, so it can be stopped, crashed and restarted
 * without disturbing the other test files sharing DATABASE_URL's server. initdb refuses
 * to run as root, so as root every command runs as the `postgres` user.
 */
export async function startThrowawayCluster(binaries: string): Promise<ThrowawayCluster> {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'stride-restart-pg-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgCommand = (name: string, args: string[]) => run(...postgresCommand(binaries, name, args));
  const port = await freePort();
  const data = path.join(dir, 'data');
  await pgCommand('initdb', ['-A', 'trust', '-U', 'postgres', '-D', data]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    await pgCommand('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate') => {
    await pgCommand('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async restart(mode) {
      await pgCommand('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-m', mode, '-w', 'restart']);
    },
    async destroy() {
      await stop('immediate').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
