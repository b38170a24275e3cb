import { sql, type Kysely } from 'kysely';

// Frozen in time. A weekly rollup (ISO weeks of the athlete's local dates) beside the daily
// one: org-wide weekly series and long-range totals read about a fifth of the rows
// (bench/README.md). Kept by the same transaction that rebuilds activity_daily.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table activity_weekly (
      org_id integer not null,
      athlete_id integer not null,
      week_start date not null,
      runs integer not null,
      distance_m double precision not null,
      moving_s integer not null,
      training_load double precision not null,
      calories double precision not null,
      hr_sum double precision not null,
      hr_s integer not null,
      constraint activity_weekly_pk primary key (org_id, athlete_id, week_start)
        include (runs, distance_m, moving_s, training_load, calories, hr_sum, hr_s),
      constraint activity_weekly_athlete_fk foreign key (org_id, athlete_id) references users (org_id, id) on delete cascade,
      constraint activity_weekly_monday check (extract(isodow from week_start) = 1)
    )`.execute(db);
  await sql`grant select, insert, update, delete on activity_weekly to stride_app`.execute(db);
  await sql`alter table activity_weekly enable row level security`.execute(db);
  await sql`create policy tenant_isolation on activity_weekly
    using (org_id = nullif(current_setting('app.org_id', true), '')::int)
    with check (org_id = nullif(current_setting('app.org_id', true), '')::int)`.execute(db);
  await sql`
    insert into activity_weekly (org_id, athlete_id, week_start, runs, distance_m, moving_s, training_load, calories, hr_sum, hr_s)
    select org_id, athlete_id, date_trunc('week', local_date::timestamp)::date, sum(runs), sum(distance_m), sum(moving_s),
      sum(training_load), sum(calories), sum(hr_sum), sum(hr_s)
    from activity_daily
    group by org_id, athlete_id, date_trunc('week', local_date::timestamp)::date`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table activity_weekly`.execute(db);
}
