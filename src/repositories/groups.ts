import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { Totals } from '../domain/stats';
import { athleteColumns, type AthleteRow } from './athletes';
import { activityTotals } from './running-stats';

// Group views count runs by their start instant between the bounds of the organization's
// local days (callers turn dates into instants with localDayBounds). Aggregation is in SQL,
// grouped by group, whatever the number of groups and members.

export interface InstantRange {
  start: Date;
  /** Exclusive. */
  end: Date;
}

export interface GroupRow {
  id: number;
  name: string;
  members: number;
}

/** The organization's zone and its groups with member counts, in one statement. */
export async function findGroups(db: Kysely<Database>, orgId: number): Promise<{ timezone: string; groups: GroupRow[] }> {
  const { rows } = await sql<GroupRow & { timezone: string }>`
    select o.timezone, g.id, g.name, (select count(*)::int from group_members gm where gm.org_id = g.org_id and gm.group_id = g.id) as members
    from organizations o left join groups g on g.org_id = o.id
    where o.id = ${orgId} order by g.name, g.id`.execute(db);
  return { timezone: rows[0]?.timezone ?? 'UTC', groups: rows.filter((r) => r.id !== null).map(({ timezone: _tz, ...group }) => group) };
}

const inRange = (range: InstantRange) =>
  sql`a.deleted_at is null and a.start_time >= ${range.start.toISOString()}::timestamptz and a.start_time < ${range.end.toISOString()}::timestamptz`;

export interface GroupTotalsRow extends Totals {
  group_id: number;
  engaged: number;
}

/** Per group: the members' runs in the range and how many members ran at least once. */
export async function findGroupTotals(db: Kysely<Database>, orgId: number, range: InstantRange): Promise<GroupTotalsRow[]> {
  const { rows } = await sql<GroupTotalsRow>`
    select gm.group_id, ${activityTotals}, count(distinct a.athlete_id)::int as engaged
    from group_members gm
    left join activities a on a.org_id = gm.org_id and a.athlete_id = gm.athlete_id and ${inRange(range)}
    where gm.org_id = ${orgId}
    group by gm.group_id`.execute(db);
  return rows;
}

export interface GroupAverageRow {
  group_id: number;
  runs: number;
  distance_m: number;
  engaged: number;
}

/** Per group, means per week over four weeks: runs, distance, and members who ran that week. */
export async function findGroupWeeklyAverages(db: Kysely<Database>, orgId: number, weeks: InstantRange[]): Promise<GroupAverageRow[]> {
  const { rows } = await sql<GroupAverageRow>`
    with weeks as (select * from unnest(${weeks.map((w) => w.start.toISOString())}::timestamptz[], ${weeks.map((w) => w.end.toISOString())}::timestamptz[]) as w(start_at, end_at)),
    per_week as (
      select gm.group_id, w.start_at, count(a.id) as runs, coalesce(sum(a.distance_m), 0) as distance_m, count(distinct a.athlete_id) as engaged
      from group_members gm cross join weeks w
      left join activities a on a.org_id = gm.org_id and a.athlete_id = gm.athlete_id and a.deleted_at is null
        and a.start_time >= w.start_at and a.start_time < w.end_at
      where gm.org_id = ${orgId}
      group by gm.group_id, w.start_at)
    select group_id, (sum(runs) / ${weeks.length}::float8) as runs, (sum(distance_m) / ${weeks.length}::float8) as distance_m,
      (sum(engaged) / ${weeks.length}::float8) as engaged
    from per_week group by group_id`.execute(db);
  return rows;
}

export interface MatrixRow extends AthleteRow {
  group_id: number;
  athlete_id: number;
  total_distance_m: number;
  total_runs: number;
  local_date: string | null;
  distance_m: number | null;
  runs: number | null;
}

/**
 * The `top` members of every group by distance in the range, with their runs per local day
 * (in `timezone`): one row per member and active day (or one row for a member without runs).
 */
export async function findMemberMatrix(db: Kysely<Database>, orgId: number, range: InstantRange & { timezone: string; top: number }): Promise<MatrixRow[]> {
  const { rows } = await sql<MatrixRow>`
    with member_totals as (
      select gm.group_id, gm.athlete_id, coalesce(sum(a.distance_m), 0)::float8 as total_distance_m, count(a.id)::int as total_runs
      from group_members gm
      left join activities a on a.org_id = gm.org_id and a.athlete_id = gm.athlete_id and ${inRange(range)}
      where gm.org_id = ${orgId}
      group by gm.group_id, gm.athlete_id),
    ranked as (
      select mt.*, ${athleteColumns}, row_number() over (partition by mt.group_id order by mt.total_distance_m desc, u.name, mt.athlete_id) as rank
      from member_totals mt join users u on u.org_id = ${orgId} and u.id = mt.athlete_id join organizations o on o.id = u.org_id)
    select r.*, d.local_date, d.distance_m, d.runs
    from ranked r
    left join lateral (
      select (a.start_time at time zone ${range.timezone})::date as local_date, sum(a.distance_m)::float8 as distance_m, count(*)::int as runs
      from activities a where a.org_id = ${orgId} and a.athlete_id = r.athlete_id and ${inRange(range)}
      group by 1) d on true
    where r.rank <= ${range.top}
    order by r.group_id, r.rank, d.local_date`.execute(db);
  return rows;
}

export interface MemberTotalsRow extends Totals {
  athlete: AthleteRow;
}

/** Each member of one group with their runs in the range. */
export async function findMemberTotals(db: Kysely<Database>, orgId: number, groupId: number, range: InstantRange): Promise<MemberTotalsRow[]> {
  const { rows } = await sql<Totals & AthleteRow>`
    select ${athleteColumns}, ${activityTotals}
    from group_members gm join users u on u.org_id = gm.org_id and u.id = gm.athlete_id join organizations o on o.id = u.org_id
    left join activities a on a.org_id = gm.org_id and a.athlete_id = gm.athlete_id and ${inRange(range)}
    where gm.org_id = ${orgId} and gm.group_id = ${groupId}
    group by u.org_id, u.id, o.timezone
    order by u.name, u.id`.execute(db);
  return rows.map(({ runs, distanceM, movingS, trainingLoad, calories, hrSum, hrS, ...athlete }) => ({
    runs, distanceM, movingS, trainingLoad, calories, hrSum, hrS, athlete,
  }));
}

export interface GroupPlanRow {
  group_id: number;
  athletes_with_plan: number;
  completed: number;
  due: number;
}

/** Per group: members with an active plan, and their planned workouts completed and due so far. */
export async function findGroupPlanProgress(db: Kysely<Database>, orgId: number, now: Date): Promise<GroupPlanRow[]> {
  const { rows } = await sql<GroupPlanRow>`
    with plans as (
      select p.id, p.athlete_id, (${now.toISOString()}::timestamptz at time zone coalesce(u.timezone, o.timezone))::date as today
      from training_plans p join users u on u.org_id = p.org_id and u.id = p.athlete_id join organizations o on o.id = p.org_id
      where p.org_id = ${orgId} and p.status = 'active'),
    progress as (
      select p.athlete_id, count(w.id) filter (where w.date <= p.today) as due,
        count(w.completed_activity_id) filter (where w.date <= p.today) as completed
      from plans p left join planned_workouts w on w.org_id = ${orgId} and w.plan_id = p.id
      group by p.athlete_id)
    select gm.group_id, count(pr.athlete_id)::int as athletes_with_plan,
      coalesce(sum(pr.completed), 0)::int as completed, coalesce(sum(pr.due), 0)::int as due
    from group_members gm left join progress pr on pr.athlete_id = gm.athlete_id
    where gm.org_id = ${orgId}
    group by gm.group_id`.execute(db);
  return rows;
}

/** Athletes with an active plan, by name: the individual tab of the plans view. */
export async function findAthletesWithActivePlans(db: Kysely<Database>, orgId: number, limit: number): Promise<{ total: number; athletes: AthleteRow[] }> {
  const { rows } = await sql<AthleteRow & { total: number }>`
    with athletes as (
      select ${athleteColumns} from users u join organizations o on o.id = u.org_id
      where u.org_id = ${orgId} and exists (select 1 from training_plans p where p.org_id = u.org_id and p.athlete_id = u.id and p.status = 'active'))
    select (select count(*)::int from athletes) as total, a.*
    from (select 1) one left join lateral (select * from athletes order by name, id limit ${limit}) a on true`.execute(db);
  return { total: rows[0]?.total ?? 0, athletes: rows.filter((r) => r.id !== null).map(({ total: _total, ...athlete }) => athlete) };
}
