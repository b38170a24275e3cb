import type { Config } from '../src/config';
import { createDatabase, type DatabaseHandle } from '../src/db/client';
import { isMigrated } from '../db/migrate';

/**
 * The database a script works on, found exactly as `npm start` finds it (DATABASE_URL, else
 * the embedded one in DATA_DIR), refused in plain words when it holds no Stride schema yet.
 * An embedded folder a running server holds is refused by startEmbedded.
 */
export async function openScriptDatabase(config: Config): Promise<DatabaseHandle> {
  const handle = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    if (!(await isMigrated(handle.db))) {
      const where = handle.kind === 'embedded' ? `the embedded database in ${config.dataDir} (DATA_DIR)` : `the PostgreSQL database ${handle.location}`;
      throw new Error(`${where} has no Stride schema yet: \`npm start\` creates it (with demo data when empty), or \`npm run db:migrate\` creates it empty`);
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
