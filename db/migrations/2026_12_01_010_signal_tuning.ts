import { sql, type Kysely } from 'kysely';

// Frozen in time. Signals a coach can tune (issue 16, section 3): the health signals'
// thresholds (HRV, recovery score, VO2max) join the load-risk ones in
// organization_signal_thresholds, set through the same admin mutation, and a coach may mute
// one signal of one athlete until a moment. The thresholds an organization had under
// organizations.settings -> 'attention' are copied into its row (a number above 0, as the
// old reader took it, brought into the range the mutation accepts), and that key is removed:
// nothing reads it any more.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table organization_signal_thresholds
      add column hrv_sd double precision not null default 1.0,
      add column recovery_points double precision not null default 15,
      add column vo2max_change double precision not null default 1.5`.execute(db);

  // The value of a key when it is a JSON number above 0, within min..max; null otherwise.
  const kept = (key: string, min: number, max: number) => sql`case
    when jsonb_typeof(o.settings -> 'attention' -> ${sql.lit(key)}) = 'number'
      and (o.settings -> 'attention' ->> ${sql.lit(key)})::float8 > 0
    then least(greatest((o.settings -> 'attention' ->> ${sql.lit(key)})::float8, ${sql.lit(min)}::float8), ${sql.lit(max)}::float8) end`;
  await sql`
    insert into organization_signal_thresholds as th (org_id, hrv_sd, recovery_points, vo2max_change)
    select v.id, coalesce(v.hrv_sd, 1.0), coalesce(v.recovery_points, 15), coalesce(v.vo2max_change, 1.5)
    from (
      select o.id, ${kept('hrvSd', 0.25, 5)} as hrv_sd, ${kept('recoveryPoints', 1, 100)} as recovery_points,
        ${kept('vo2max', 0.1, 10)} as vo2max_change
      from organizations o
      where jsonb_typeof(o.settings -> 'attention') = 'object') v
    where v.hrv_sd is not null or v.recovery_points is not null or v.vo2max_change is not null
    on conflict (org_id) do update set
      hrv_sd = excluded.hrv_sd, recovery_points = excluded.recovery_points, vo2max_change = excluded.vo2max_change`.execute(db);
  await sql`update organizations set settings = settings - 'attention' where settings ? 'attention'`.execute(db);

  await sql`
    create table athlete_signal_mutes (
      org_id integer not null,
      athlete_id integer not null,
      metric text not null,
      muted_until timestamptz not null,
      note text,
      muted_by integer,
      created_at timestamptz not null default now(),
      constraint athlete_signal_mutes_pk primary key (org_id, athlete_id, metric),
      constraint athlete_signal_mutes_metric_ck
        check (metric in ('HRV', 'RECOVERY_SCORE', 'VO2MAX', 'ACWR_HIGH', 'MONOTONY_HIGH', 'RAMP_HIGH')),
      constraint athlete_signal_mutes_note_ck check (char_length(note) <= 500),
      constraint athlete_signal_mutes_athlete_fk foreign key (org_id, athlete_id) references users (org_id, id) on delete cascade,
      constraint athlete_signal_mutes_muted_by_fk foreign key (org_id, muted_by) references users (org_id, id) on delete set null (muted_by)
    )`.execute(db);
  await sql`grant select, insert, update, delete on athlete_signal_mutes to stride_app`.execute(db);
  await sql`alter table athlete_signal_mutes enable row level security`.execute(db);
  await sql`create policy tenant_isolation on athlete_signal_mutes
    using (org_id = nullif(current_setting('app.org_id', true), '')::int)
    with check (org_id = nullif(current_setting('app.org_id', true), '')::int)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table athlete_signal_mutes`.execute(db);
  await sql`
    update organizations o set settings = o.settings || jsonb_build_object('attention',
      jsonb_build_object('hrvSd', th.hrv_sd, 'recoveryPoints', th.recovery_points, 'vo2max', th.vo2max_change))
    from organization_signal_thresholds th
    where th.org_id = o.id and (th.hrv_sd, th.recovery_points, th.vo2max_change) is distinct from (1.0::float8, 15::float8, 1.5::float8)`.execute(db);
  await sql`
    alter table organization_signal_thresholds
      drop column hrv_sd, drop column recovery_points, drop column vo2max_change`.execute(db);
}
