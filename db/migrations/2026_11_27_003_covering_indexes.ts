import { sql, type Kysely } from 'kysely';

// Indexes measured by the benchmark (bench/README.md): org-wide totals read only the index.
// - activity_daily's key carries the totals columns, so rolling windows and weekly series
//   over every athlete are index-only range scans;
// - the live-activities index also carries calories and average HR, so group totals over
//   raw runs are index-only too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activity_daily drop constraint activity_daily_pk`.execute(db);
  await sql`alter table activity_daily add constraint activity_daily_pk primary key (org_id, athlete_id, local_date)
    include (runs, distance_m, moving_s, training_load, calories, hr_sum, hr_s)`.execute(db);
  await sql`drop index activities_athlete_time_idx`.execute(db);
  await sql`create index activities_athlete_time_idx on activities (org_id, athlete_id, start_time)
    include (distance_m, moving_s, training_load, calories, avg_hr, local_date) where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index activities_athlete_time_idx`.execute(db);
  await sql`create index activities_athlete_time_idx on activities (org_id, athlete_id, start_time)
    include (distance_m, moving_s, training_load, local_date) where deleted_at is null`.execute(db);
  await sql`alter table activity_daily drop constraint activity_daily_pk`.execute(db);
  await sql`alter table activity_daily add constraint activity_daily_pk primary key (org_id, athlete_id, local_date)`.execute(db);
}
