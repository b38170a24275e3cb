import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder of the PostgreSQL binaries, found the way .ci/run finds them (one holding all of
 * `tools`: a PATH folder may link initdb and pg_ctl only); null when none is installed.
 */
export function findPostgresBinaries(tools: readonly string[] = ['initdb', 'pg_ctl']): string | null {
  const candidates = [
    ...(process.env.PATH ?? '').split(':').filter(Boolean),
    ...['17', '16', '15'].map((version) => `/usr/lib/postgresql/${version}/bin`),
  ];
  return candidates.find((dir) => tools.every((tool) => existsSync(path.join(dir, tool)))) ?? null;
}

/**
 * The command line that runs one of the binaries: initdb, pg_ctl and pg_basebackup refuse to
 * run as root, so as root it runs as the `postgres` user through su.
 */
export function postgresCommand(binaries: string, tool: string, args: string[]): [string, string[]] {
  const command = path.join(binaries, tool);
  if (process.getuid?.() !== 0) return [command, args];
  const quoted = [command, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return ['su', ['postgres', '-s', '/bin/sh', '-c', quoted]];
}
