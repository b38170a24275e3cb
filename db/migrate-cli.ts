import { loadConfig } from '../src/config';
import { createDatabase } from '../src/db/client';
import { migrateToLatest } from './migrate';

async function main() {
  const config = loadConfig();
  const handle = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    const applied = await migrateToLatest(handle.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
    console.log(`${handle.kind} database ${handle.location}`);
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
