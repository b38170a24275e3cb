import { sql, type Kysely } from 'kysely';

// Frozen in time. The matching of planned workouts to runs is kept by every write of runs
// (issue 14): the matched run stays in completed_activity_id, and its score (done / planned
// distance, or duration when only that was planned) is stored beside it, so plan progress
// and compliance are read without joining the runs. Workout kinds become a closed set (the
// demo's "workout" days were tempo runs), and the plan index carries what progress counts.
const KINDS = ['easy', 'long', 'tempo', 'intervals', 'race', 'rest', 'cross'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table planned_workouts add column compliance_score double precision`.execute(db);
  // Scores for the matches already stored (the old demo seed's longest run of the day); a
  // date is rematched by the domain's rule on the next write that touches it.
  await sql`update planned_workouts set kind = 'tempo' where kind not in (${sql.join(KINDS.map((kind) => sql.lit(kind)))})`.execute(db);
  await sql`alter table planned_workouts add constraint planned_workouts_kind check (kind in (${sql.join(KINDS.map((kind) => sql.lit(kind)))}))`.execute(db);
  await sql`drop index planned_workouts_plan_date_idx`.execute(db);
  await sql`create index planned_workouts_plan_date_idx on planned_workouts (org_id, plan_id, date)
    include (kind, completed_activity_id, compliance_score)`.execute(db);
  await sql`
    update planned_workouts w set compliance_score = case
      when w.planned_distance_m > 0 then a.distance_m / w.planned_distance_m
      when w.planned_duration_s > 0 then a.moving_s::double precision / w.planned_duration_s
    end
    from activities a
    where a.org_id = w.org_id and a.id = w.completed_activity_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index planned_workouts_plan_date_idx`.execute(db);
  await sql`create index planned_workouts_plan_date_idx on planned_workouts (org_id, plan_id, date) include (completed_activity_id)`.execute(db);
  await sql`alter table planned_workouts drop constraint planned_workouts_kind`.execute(db);
  await sql`alter table planned_workouts drop column compliance_score`.execute(db);
}
