import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createReplica, isReplicaRunning, replicaCluster, startReplica, stopReplica } from './replica-cluster';

// npm run dev:replica [-- --dir .data/replica --port 55433] [stop]
// Makes (once) and starts a streaming replica of the PostgreSQL cluster DATABASE_URL points
// to, on this machine; the last line is the setting that makes the server read from it.
// `stop` stops it; the folder stays for the next start (delete it for a fresh copy).
async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { dir: { type: 'string', default: '.data/replica' }, port: { type: 'string', default: '55433' } },
  });
  const primaryUrl = process.env.DATABASE_URL;
  if (!primaryUrl) throw new Error('DATABASE_URL must point to the primary (a PostgreSQL cluster on this machine)');
  const dataDir = path.resolve(values.dir!);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('--port must be a port number');
  const replica = replicaCluster(dataDir, port);
  if (positionals[0] === 'stop') {
    stopReplica(replica);
    console.log(`stopped the replica in ${dataDir}`);
    return;
  }
  if (!existsSync(dataDir)) {
    await createReplica(primaryUrl, dataDir, port);
    console.log(`made a replica of ${new URL(primaryUrl).host} in ${dataDir}, streaming on port ${port}`);
  } else if (!isReplicaRunning(replica)) {
    startReplica(replica);
    console.log(`started the replica in ${dataDir} on port ${port}`);
  }
  console.log(`DATABASE_REPLICA_URLS=${replica.url(primaryUrl)}`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
