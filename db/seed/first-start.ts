import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/types';
import type { Logger } from '../../src/logger';
import { DEMO_ORGANIZATIONS, seedDemo, type SeededOrganization, type SeedOptions } from './demo';
import { isDatabaseEmpty } from './reset';

/**
 * The first start's demo seed (src/main.ts): when the database holds no organization, seeds
 * the demo in one transaction, so a start killed part way leaves nothing behind and the next
 * start, finding the database still empty, seeds it whole. Returns null when the database
 * already held data. Servers starting together on one empty database take turns on an
 * advisory lock: the first seeds, the others then find data and leave it alone.
 */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  options: SeedOptions,
  logger: Pick<Logger, 'info' | 'warn'>,
): Promise<SeededOrganization[] | null> {
  const { athletes, days, seed, endDate } = options;
  const orgs = await db.transaction().execute(async (trx) => {
    // Waiting for another server's seed can take longer than one statement may.
    await sql`set local statement_timeout = 0`.execute(trx);
    await sql`select pg_advisory_xact_lock(hashtext('stride:demo-seed'))`.execute(trx);
    if (!(await isDatabaseEmpty(trx))) {
      await warnIfDemoIncomplete(trx, logger);
      return null;
    }
    logger.info(
      { athletes, days, seed, endDate },
      'empty database: seeding the demo organization in one transaction (if this start is interrupted, nothing is kept and the next start seeds again)',
    );
    return seedDemo(trx, options);
  });
  if (orgs) {
    logger.info({ organizations: orgs.map((o) => ({ id: o.orgId, name: o.name, athletes: o.athleteIds.length })) }, 'demo data ready');
  }
  return orgs;
}

/**
 * Before seeding was one transaction, an interrupted first start kept the organizations
 * seeded so far: the demo club without the second organization, which it makes last.
 * Such a database is only reported (it may have been used since), with the way out.
 */
async function warnIfDemoIncomplete(db: Kysely<Database>, logger: Pick<Logger, 'warn'>): Promise<void> {
  const names = (await db.selectFrom('organizations').select('name').where('name', 'in', [...DEMO_ORGANIZATIONS]).execute()).map((o) => o.name);
  if (names.includes(DEMO_ORGANIZATIONS[0]) && !names.includes(DEMO_ORGANIZATIONS[1])) {
    logger.warn(
      { missing: DEMO_ORGANIZATIONS[1] },
      'the demo data looks incomplete (a first start interrupted by an earlier version): with the server stopped, `npm run db:seed -- --reset` replaces it',
    );
  }
}
