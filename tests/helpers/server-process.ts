import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SERVER_ARGS } from '../../scripts/build';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** How the process ended: null while it runs. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | null;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

/**
 * Starts the real server (`npm start`'s command) on a free loopback port and resolves once
 * it logs that it is ready; rejects with its output when it exits first.
 */
export function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  // Built by the test run's global set-up (tests/global-setup.ts), as npm start builds it.
  const child = spawn(process.execPath, SERVER_ARGS, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const ended = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );
  const handle: Omit<ServerProcess, 'url'> = {
    child,
    output: () => output,
    exit: () => exited,
    async stop() {
      if (!exited) child.kill('SIGTERM');
      await ended;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not become ready in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      const ready = output.match(/"port":(\d+)[^\n]*Stride API ready/);
      if (ready) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ ...handle, url: `http://127.0.0.1:${ready[1]}` });
      } else if (exited) {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`the server exited (${JSON.stringify(exited)}) before it was ready:\n${output}`));
      }
    }, 50);
  });
}

/** Runs one of scripts/ to its end as `npm run` would (tsx, the repository as cwd), with its output. */
export function runScript(script: string, args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('scripts', script), ...args], {
      cwd: path.resolve(__dirname, '..', '..'),
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
