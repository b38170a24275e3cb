import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { Totals } from '../domain/stats';
import { addDays } from '../domain/time';
import { wholeWeeksOf } from '../domain/groups';
import { daysBetween } from '../domain/buckets';
import { athleteColumns, type AthleteRow } from './athletes';
import { totalsColumns } from './activity-daily';
import { planCountAggregates, type PlanCounts } from './plans';

// Group views count each member's runs on the member's own local dates, like every other
// number of the API, so a group's totals are the sums of its members' own figures; the
// organization's zone only says which dates "this week" and "the last 7 days" are. They
// read the rollups: whole ISO weeks from activity_weekly, the days around them from
// activity_daily, each member with LATERAL range scans (joined instead, the planner read
// the organization's every row). A LATERAL subquery simple enough to be pulled up into a join
// ends with OFFSET 0, which keeps it a range scan per member: pulled up, the planner hashed a
// scan of the whole rollup, whose cost grows with every other organization's rows
// (bench/README.md, Many organizations). Aggregation is in SQL, grouped by group.

/** Ranges of this many days or more read their whole weeks from the weekly rollup. */
const WEEKLY_ROLLUP_FROM_DAYS = 56;

/** Local dates, both included. */
export interface DateRange {
  from: string;
  to: string;
}

const totalsOf = (table: 'activity_daily' | 'activity_weekly', dateColumn: 'local_date' | 'week_start', orgId: number, from: string, to: string) => sql`
  select x.runs, x.distance_m, x.moving_s, x.training_load, x.calories, x.hr_sum, x.hr_s from ${sql.table(table)} x
  where x.org_id = ${orgId} and x.athlete_id = gm.athlete_id and x.${sql.ref(dateColumn)} between ${from}::date and ${to}::date`;

/** One member's totals over the range, from the rollups: a LATERAL over `gm`, the membership row. */
const memberRunTotals = (orgId: number, range: DateRange) => {
  // Three index probes per member cost more than a month of daily rows (bench/README.md).
  const weeks = daysBetween(range.from, range.to) + 1 >= WEEKLY_ROLLUP_FROM_DAYS ? wholeWeeksOf(range) : null;
  const parts = weeks
    ? [
        totalsOf('activity_daily', 'local_date', orgId, range.from, addDays(weeks.from, -1)),
        totalsOf('activity_weekly', 'week_start', orgId, weeks.from, weeks.to),
        totalsOf('activity_daily', 'local_date', orgId, addDays(weeks.to, 1), range.to),
      ]
    : [totalsOf('activity_daily', 'local_date', orgId, range.from, range.to)];
  return sql`
  cross join lateral (select ${totalsColumns} from (${sql.join(parts, sql` union all `)}) d) t`;
};

export interface GroupRow {
  id: number;
  name: string;
  /** Members not archived. */
  members: number;
  version: number;
}

/** A membership row `gm` whose athlete is not archived: archived athletes leave group views (their history stays). */
const liveMember = sql`exists (select 1 from users am where am.org_id = gm.org_id and am.id = gm.athlete_id and am.archived_at is null)`;

/** The organization's zone and its groups with member counts, in one statement. */
export async function findGroups(db: Kysely<Database>, orgId: number): Promise<{ timezone: string; groups: GroupRow[] }> {
  const { rows } = await sql<GroupRow & { timezone: string }>`
    select o.timezone, g.id, g.name, g.version, (select count(*)::int from group_members gm where gm.org_id = g.org_id and gm.group_id = g.id and ${liveMember}) as members
    from organizations o left join groups g on g.org_id = ${orgId}
    where o.id = ${orgId} order by g.name, g.id`.execute(db);
  return { timezone: rows[0]?.timezone ?? 'UTC', groups: rows.filter((r) => r.id !== null).map(({ timezone: _tz, ...group }) => group) };
}

export interface GroupTotalsRow extends Totals {
  group_id: number;
  engaged: number;
}

/** Per group: the members' runs in the range and how many members ran at least once. */
export async function findGroupTotals(db: Kysely<Database>, orgId: number, range: DateRange): Promise<GroupTotalsRow[]> {
  const { rows } = await sql<GroupTotalsRow>`
    with athlete_totals as materialized (
      -- Once per athlete, though an athlete may be in several groups.
      select gm.athlete_id, t.*
      from (select distinct athlete_id from group_members gm where gm.org_id = ${orgId} and ${liveMember}) gm ${memberRunTotals(orgId, range)})
    select gm.group_id, sum(t.runs)::int as runs, sum(t."distanceM")::float8 as "distanceM", sum(t."movingS")::int as "movingS",
      sum(t."trainingLoad")::float8 as "trainingLoad", sum(t.calories)::float8 as calories, sum(t."hrSum")::float8 as "hrSum",
      sum(t."hrS")::int as "hrS", count(*) filter (where t.runs > 0)::int as engaged
    from group_members gm join athlete_totals t on t.athlete_id = gm.athlete_id
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

/**
 * Per group, means per week over the spans given (one per earlier week): runs, distance, and
 * members who ran in the span. Whole ISO weeks (Monday to Sunday) read the weekly rollup; the
 * first days of each week (the same span as a current week to date, docs/metrics.md, Groups)
 * read the daily one. One statement either way.
 */
export async function findGroupWeeklyAverages(db: Kysely<Database>, orgId: number, spans: DateRange[]): Promise<GroupAverageRow[]> {
  const n = spans.length;
  const whole = spans.every((w) => daysBetween(w.from, w.to) === 6);
  // A member's week has a rollup row only when they ran, so counting rows counts who ran.
  const perWeek = whole
    ? sql`
      select w.week_start, w.runs, w.distance_m from activity_weekly w
      where w.org_id = ${orgId} and w.athlete_id = gm.athlete_id and w.week_start = any(${spans.map((w) => w.from)}::date[])
      offset 0`
    : sql`
      select s.week_start, sum(d.runs) as runs, sum(d.distance_m) as distance_m
      from unnest(${spans.map((w) => w.from)}::date[], ${spans.map((w) => w.to)}::date[]) s(week_start, last_date)
      join activity_daily d on d.org_id = ${orgId} and d.athlete_id = gm.athlete_id and d.local_date between s.week_start and s.last_date
      group by s.week_start having sum(d.runs) > 0`;
  const { rows } = await sql<GroupAverageRow>`
    select gm.group_id, (coalesce(sum(w.runs), 0) / ${n}::float8) as runs,
      (coalesce(sum(w.distance_m), 0) / ${n}::float8) as distance_m,
      (count(w.week_start) / ${n}::float8) as engaged
    from group_members gm
    left join lateral (${perWeek}) w on true
    where gm.org_id = ${orgId} and ${liveMember}
    group by gm.group_id`.execute(db);
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
 * The `top` members of every group by distance in the range, with their runs per local day:
 * one row per member and active day (or one row for a member without runs).
 */
export async function findMemberMatrix(db: Kysely<Database>, orgId: number, range: DateRange & { top: number }): Promise<MatrixRow[]> {
  const { rows } = await sql<MatrixRow>`
    with member_totals as (
      select gm.group_id, gm.athlete_id, t."distanceM" as total_distance_m, t.runs as total_runs
      from group_members gm ${memberRunTotals(orgId, range)}
      where gm.org_id = ${orgId} and ${liveMember}),
    ranked as (
      select mt.*, ${athleteColumns}, row_number() over (partition by mt.group_id order by mt.total_distance_m desc, u.name, mt.athlete_id) as rank
      from member_totals mt join users u on u.org_id = ${orgId} and u.id = mt.athlete_id join organizations o on o.id = u.org_id)
    select r.*, d.local_date, d.distance_m, d.runs
    from ranked r
    left join lateral (
      select d.local_date, d.distance_m, d.runs from activity_daily d
      where d.org_id = ${orgId} and d.athlete_id = r.athlete_id and d.local_date between ${range.from}::date and ${range.to}::date
      offset 0) d on true
    where r.rank <= ${range.top}
    order by r.group_id, r.rank, d.local_date`.execute(db);
  return rows;
}

export interface MemberTotalsRow extends Totals {
  athlete: AthleteRow;
}

/** Each member of one group with their runs in the range. */
export async function findMemberTotals(db: Kysely<Database>, orgId: number, groupId: number, range: DateRange): Promise<MemberTotalsRow[]> {
  const { rows } = await sql<Totals & AthleteRow>`
    select ${athleteColumns}, t.*
    from group_members gm join users u on u.org_id = gm.org_id and u.id = gm.athlete_id join organizations o on o.id = u.org_id
    ${memberRunTotals(orgId, range)}
    where gm.org_id = ${orgId} and gm.group_id = ${groupId} and u.archived_at is null
    order by u.name, u.id`.execute(db);
  return rows.map(({ runs, distanceM, movingS, trainingLoad, calories, hrSum, hrS, ...athlete }) => ({
    runs, distanceM, movingS, trainingLoad, calories, hrSum, hrS, athlete,
  }));
}

export interface GroupPlanRow extends Omit<PlanCounts, 'total'> {
  group_id: number;
  athletes_with_plan: number;
}

/** Per group: members with an active plan, and their planned workouts due so far by compliance (repositories/plans.ts). */
export async function findGroupPlanProgress(db: Kysely<Database>, orgId: number, now: Date): Promise<GroupPlanRow[]> {
  const { rows } = await sql<GroupPlanRow>`
    with plans as materialized (
      select p.id, p.athlete_id, (${now.toISOString()}::timestamptz at time zone coalesce(u.timezone, o.timezone))::date as today
      from training_plans p join users u on u.org_id = p.org_id and u.id = p.athlete_id join organizations o on o.id = p.org_id
      where p.org_id = ${orgId} and p.status = 'active' and u.archived_at is null
        -- A plan whose last week is over reads as completed (docs/metrics.md, Training plan).
        and p.start_date + 7 * p.total_weeks > (${now.toISOString()}::timestamptz at time zone coalesce(u.timezone, o.timezone))::date),
    -- A range scan per plan up to its athlete's today; a join had read every planned workout of the organization.
    progress as (
      select p.athlete_id, sum(w.due) as due, sum(w.completed) as completed, sum(w.partial) as partial, sum(w.missed) as missed
      from plans p
      cross join lateral (
        select ${planCountAggregates(sql`p.today`)}
        from planned_workouts where org_id = ${orgId} and plan_id = p.id and kind <> 'rest' and date <= p.today) w
      group by p.athlete_id)
    select gm.group_id, count(pr.athlete_id)::int as athletes_with_plan,
      coalesce(sum(pr.completed), 0)::int as completed, coalesce(sum(pr.due), 0)::int as due,
      coalesce(sum(pr.partial), 0)::int as partial, coalesce(sum(pr.missed), 0)::int as missed
    from group_members gm left join progress pr on pr.athlete_id = gm.athlete_id
    where gm.org_id = ${orgId}
    group by gm.group_id`.execute(db);
  return rows;
}

/** Athletes with an active plan (one whose last week is not over in their zone), by name: the individual tab of the plans view. */
export async function findAthletesWithActivePlans(db: Kysely<Database>, orgId: number, limit: number, now: Date): Promise<{ total: number; athletes: AthleteRow[] }> {
  const { rows } = await sql<AthleteRow & { total: number }>`
    with athletes as (
      select ${athleteColumns} from users u join organizations o on o.id = u.org_id
      where u.org_id = ${orgId} and u.archived_at is null and exists (
        select 1 from training_plans p where p.org_id = u.org_id and p.athlete_id = u.id and p.status = 'active'
          and p.start_date + 7 * p.total_weeks > (${now.toISOString()}::timestamptz at time zone coalesce(u.timezone, o.timezone))::date))
    select (select count(*)::int from athletes) as total, a.*
    from (select 1) one left join lateral (select * from athletes order by name, id limit ${limit}) a on true`.execute(db);
  return { total: rows[0]?.total ?? 0, athletes: rows.filter((r) => r.id !== null).map(({ total: _total, ...athlete }) => athlete) };
}
