import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config';
import { createDatabase } from '../../src/db/client';
import { migrateToLatest } from '../migrate';
import { DEFAULT_SEED_OPTIONS, seedDemo } from './demo';
import { progressBar } from './progress';
import { isDatabaseEmpty, truncateAll } from './reset';

// npm run db:seed -- [--athletes N] [--days D] [--seed S] [--end-date yyyy-MM-dd] [--reset]
async function main() {
  const { values } = parseArgs({
    options: {
      athletes: { type: 'string', default: String(DEFAULT_SEED_OPTIONS.athletes) },
      days: { type: 'string', default: String(DEFAULT_SEED_OPTIONS.days) },
      seed: { type: 'string', default: String(DEFAULT_SEED_OPTIONS.seed) },
      'end-date': { type: 'string' },
      reset: { type: 'boolean', default: false },
    },
  });
  const athletes = Number(values.athletes);
  const days = Number(values.days);
  const seed = Number(values.seed);
  if (!Number.isInteger(athletes) || athletes < 1 || athletes > 100_000) throw new Error('--athletes must be an integer 1..100000');
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error('--days must be an integer 1..3650');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const endDate = values['end-date'];
  if (endDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(endDate)) throw new Error('--end-date must be yyyy-MM-dd');

  const config = loadConfig();
  const handle = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    const started = Date.now();
    // One transaction: an interrupted seed keeps nothing, and an interrupted --reset keeps the old data.
    const orgs = await handle.db.transaction().execute(async (trx) => {
      if (!(await isDatabaseEmpty(trx))) {
        if (!values.reset) throw new Error('the database already holds organizations; pass --reset to replace them');
        await truncateAll(trx);
      }
      return seedDemo(trx, { athletes, days, seed, endDate, onProgress: progressBar('seeding athletes') });
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    for (const org of orgs) console.log(`seeded ${org.name} (org ${org.orgId}): ${org.athleteIds.length} athletes`);
    console.log(`seed ${seed}, ${days} days, ${seconds}s, into ${handle.kind} database ${handle.location}`);
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
