import { execFileSync } from 'node:child_process';
import { mkdirSync, chownSync, statSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { findPostgresBinaries, postgresCommand } from './postgres-tools';

/**
 * A streaming replica of a PostgreSQL cluster on this machine, made with `pg_basebackup -R`
 * and run on another loopback port: `npm run dev:replica` for developers, `.ci/run` for the
 * replica tests (tests/integration/replicas.test.ts stops and restarts it).
 */
export interface ReplicaCluster {
  dataDir: string;
  port: number;
  /** The primary's URL with the replica's port: the same databases, read-only. */
  url(primaryUrl: string): string;
}

const isRoot = () => process.getuid?.() === 0;

function runPostgresTool(tool: string, args: string[]) {
  const binaries = findPostgresBinaries([tool]);
  if (!binaries) throw new Error(`${tool} not found on PATH or in /usr/lib/postgresql/<version>/bin`);
  return execFileSync(...postgresCommand(binaries, tool, args), { stdio: 'pipe' }).toString();
}

export function replicaCluster(dataDir: string, port: number): ReplicaCluster {
  return {
    dataDir,
    port,
    url(primaryUrl) {
      const url = new URL(primaryUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
  };
}

/**
 * Copies the primary (`pg_basebackup -R` writes the standby settings) and starts the copy. A
 * replication slot keeps the primary's WAL while the replica is stopped (the tests stop it
 * under load): drop it with the replica (`select pg_drop_replication_slot('stride_replica_<port>')`).
 */
export async function createReplica(primaryUrl: string, dataDir: string, port: number): Promise<ReplicaCluster> {
  const primary = new URL(primaryUrl);
  const slot = `stride_replica_${port}`;
  const admin = new Client({ connectionString: primaryUrl });
  await admin.connect();
  try {
    // A slot left by an earlier replica on this port would hold WAL from its time.
    await admin.query('select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = $1 and not active', [slot]);
  } finally {
    await admin.end();
  }
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  if (isRoot() && statSync(parent).uid === 0) chownSync(parent, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  runPostgresTool('pg_basebackup', [
    '-h', primary.hostname, '-p', primary.port || '5432', '-U', decodeURIComponent(primary.username || 'postgres'),
    '-D', dataDir, '-R', '-X', 'stream', '-c', 'fast', '-C', '-S', slot,
  ]);
  const replica = replicaCluster(dataDir, port);
  startReplica(replica);
  return replica;
}

export function startReplica(replica: ReplicaCluster) {
  const options = `-p ${replica.port} -k ${replica.dataDir} -c listen_addresses=127.0.0.1 -c hot_standby=on -c fsync=off`;
  runPostgresTool('pg_ctl', ['-D', replica.dataDir, '-o', options, '-l', `${replica.dataDir}/server.log`, '-w', 'start']);
}

export function stopReplica(replica: ReplicaCluster, mode: 'fast' | 'immediate' = 'fast') {
  runPostgresTool('pg_ctl', ['-D', replica.dataDir, '-m', mode, '-w', 'stop']);
}

export function isReplicaRunning(replica: ReplicaCluster): boolean {
  try {
    runPostgresTool('pg_ctl', ['-D', replica.dataDir, 'status']);
    return true;
  } catch {
    return false;
  }
}
