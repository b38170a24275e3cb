import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { signToken } from '../src/auth/tokens';
import { BENCH_AUTH } from './in-process';
import { SERVER_ARGS, SERVER_BUNDLE, buildServer } from '../scripts/build';

// As `npm start` runs the server (package.json): Node's default heap (bench/README.md, Memory).
export const API_NODE_FLAGS: string[] = SERVER_ARGS.slice(0, -1);

let built: Promise<void> | null = null;
/** Builds dist/main.js once per benchmark process, as `npm start` does before it runs it. */
const builtServer = () => (built ??= buildServer());

export interface ChildServer {
  url: string;
  pid: number;
  /** Peak resident set size so far (VmHWM), in MiB; null where /proc is missing. */
  peakRssMiB(): number | null;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const statusMiB = (pid: number, field: 'VmHWM' | 'VmRSS'): number | null => {
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
};

/** Peak resident set size of a process so far (VmHWM), in MiB; null where /proc is missing. */
export const peakRssMiB = (pid: number) => statusMiB(pid, 'VmHWM');

/** Resident set size of a process now (VmRSS), in MiB; null where /proc is missing. */
export const rssMiB = (pid: number) => statusMiB(pid, 'VmRSS');

/** Runs an entry point in its own Node process: built JavaScript as it is, TypeScript with tsx as a loader (so the pid is the server's). */
export async function startChild(entry: string, nodeFlags: string[], env: Record<string, string>, port: number): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, ...(entry.endsWith('.js') ? [] : ['--import', 'tsx']), entry], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${entry} did not answer /health within 60 s: ${stderr}`);
    await sleep(100);
  }
  return {
    url,
    pid: child.pid!,
    peakRssMiB: () => peakRssMiB(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The API as `npm start` runs it, in production mode, on the benchmark database. Its response
 * cache is off unless asked for: a timed repeat of one request would otherwise measure the
 * cache, not the work (the cached-repeat row asks for it).
 */
export async function startApiServer(
  databaseUrl: string,
  extraNodeFlags: string[] = [],
  options: { responseCache?: boolean; env?: Record<string, string>; entry?: string } = {},
  nodeFlags = API_NODE_FLAGS,
): Promise<ChildServer> {
  if (!options.entry) await builtServer();
  return startChild(options.entry ?? SERVER_BUNDLE, [...nodeFlags, ...extraNodeFlags], {
    NODE_ENV: 'production', DATABASE_URL: databaseUrl, HOST: '127.0.0.1', SEED_DEMO: 'false', GRAPHIQL: 'false', LOG_LEVEL: 'warn',
    JWT_SECRET: BENCH_AUTH.secret, JWT_AUDIENCES: BENCH_AUTH.audiences.join(','), RESPONSE_CACHE: options.responseCache ? 'on' : 'off',
    ...options.env,
  }, await freePort());
}

/** The raw floor (bench/floor/) for one organization. */
export async function startFloorServer(databaseUrl: string, orgId: number, nodeFlags: string[] = []): Promise<ChildServer> {
  return startChild('bench/floor/main.ts', nodeFlags, { FLOOR_DATABASE_URL: databaseUrl, FLOOR_ORG_ID: String(orgId) }, await freePort());
}

/** PostGraphile v4 (bench/peer/) on the benchmark database, as its superuser. */
export async function startPeerServer(databaseUrl: string): Promise<ChildServer> {
  return startChild('bench/peer/main.ts', [], { PEER_DATABASE_URL: databaseUrl }, await freePort());
}

/** A bearer token of the organization's first admin, for the API server. */
export async function adminToken(pool: Pool, orgId: number): Promise<string> {
  const admin = (await pool.query<{ id: number }>(`select id from users where org_id = $1 and role = 'admin' order by id limit 1`, [orgId])).rows[0].id;
  return signToken(BENCH_AUTH, { orgId, userId: admin, role: 'ADMIN', audience: 'stride-api', expiresIn: '6h' });
}
