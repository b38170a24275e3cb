import { sql, type Kysely } from 'kysely';

// Frozen in time. Health data in its real shape (issue 17): HRV measured as SDNN (Apple
// Health) is kept apart from RMSSD (Garmin, Oura, Whoop), never averaged with it; and a day's
// sleep keeps its intervals, so sleep from overlapping sources is their union, not their sum.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table health_daily add column hrv_sdnn_ms double precision check (hrv_sdnn_ms between 1 and 500)`.execute(db);
  await sql`alter table health_daily add column sleep_intervals jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table health_daily drop column sleep_intervals`.execute(db);
  await sql`alter table health_daily drop column hrv_sdnn_ms`.execute(db);
}
