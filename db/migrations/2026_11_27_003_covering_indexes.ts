import { sql, type Kysely } from 'kysely';

// Frozen in time. Indexes measured by the benchmark (bench/README.md): org-wide totals read only the index.
// - activity_daily's key carries the totals columns, so rolling windows and weekly series
//   over every athlete are index-only range scans;
// - the live-activities index also carries calories and average HR, so totals over raw runs
//   are index-only too;
// - health_daily's key carries the readings the attention signals average over 67 days;
// - planned workouts by plan and date carry the completing activity, for plan progress.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activity_daily drop constraint activity_daily_pk`.execute(db);
  await sql`alter table activity_daily add constraint activity_daily_pk primary key (org_id, athlete_id, local_date)
    include (runs, distance_m, moving_s, training_load, calories, hr_sum, hr_s)`.execute(db);
  await sql`drop index activities_athlete_time_idx`.execute(db);
  await sql`create index activities_athlete_time_idx on activities (org_id, athlete_id, start_time)
    include (distance_m, moving_s, training_load, calories, avg_hr, local_date) where deleted_at is null`.execute(db);
  await sql`alter table health_daily drop constraint health_daily_pk`.execute(db);
  await sql`alter table health_daily add constraint health_daily_pk primary key (org_id, athlete_id, local_date)
    include (resting_hr, hrv_rmssd_ms, vo2max, recovery_score)`.execute(db);
  await sql`drop index planned_workouts_plan_date_idx`.execute(db);
  await sql`create index planned_workouts_plan_date_idx on planned_workouts (org_id, plan_id, date) include (completed_activity_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index planned_workouts_plan_date_idx`.execute(db);
  await sql`create index planned_workouts_plan_date_idx on planned_workouts (org_id, plan_id, date)`.execute(db);
  await sql`alter table health_daily drop constraint health_daily_pk`.execute(db);
  await sql`alter table health_daily add constraint health_daily_pk primary key (org_id, athlete_id, local_date)`.execute(db);
  await sql`drop index activities_athlete_time_idx`.execute(db);
  await sql`create index activities_athlete_time_idx on activities (org_id, athlete_id, start_time)
    include (distance_m, moving_s, training_load, local_date) where deleted_at is null`.execute(db);
  await sql`alter table activity_daily drop constraint activity_daily_pk`.execute(db);
  await sql`alter table activity_daily add constraint activity_daily_pk primary key (org_id, athlete_id, local_date)`.execute(db);
}
