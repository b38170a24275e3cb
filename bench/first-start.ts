import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, peakRssMiB } from './processes';
import { SERVER_ARGS, buildServer } from '../scripts/build';

export interface FirstStart {
  /** From `npm start`'s build and spawning `dist/main.js` on an empty data folder to the first answered GraphQL query. */
  firstAnswerMs: number;
  peakRssMiB: number | null;
}

/**
 * The zero-setup path: the embedded database in a fresh folder, migrated and seeded with the
 * default demo, then one query with the token the start-up log prints.
 */
export async function measureFirstStart(): Promise<FirstStart> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stride-first-start-'));
  const port = await freePort();
  const started = performance.now();
  // npm start builds the server first (under a second), then runs it.
  await buildServer();
  // As on a fresh machine: no server, no secret (the development one signs the printed token).
  const { DATABASE_URL: _url, JWT_SECRET: _secret, JWT_JWKS_URL: _jwks, ...env } = process.env;
  const child = spawn(process.execPath, SERVER_ARGS, {
    env: { ...env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${output.slice(-2000)}`);
      if (performance.now() - started > 180_000) throw new Error('no answer within 180 s');
      const token = /Bearer ([\w.-]+)"/.exec(output)?.[1];
      if (token) {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ coachAthletesMetrics(first: 1) { totalCount } }' }),
        }).catch(() => null);
        const json = (await response?.json()) as { data?: { coachAthletesMetrics?: { totalCount: number } } } | undefined;
        if (json?.data?.coachAthletesMetrics?.totalCount) {
          return { firstAnswerMs: Math.round(performance.now() - started), peakRssMiB: peakRssMiB(child.pid!) };
        }
      }
      await sleep(50);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
