import { sql, type Kysely } from 'kysely';

// Frozen in time. What the cached fitness and risk numbers stand on (issue 15, "every number
// says how sure it is"): per window, the days and runs behind them, the share of moving time
// with HR, the runs per load method, and the inputs that were estimated; written with them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table athlete_fitness add column basis jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table athlete_fitness drop column basis`.execute(db);
}
