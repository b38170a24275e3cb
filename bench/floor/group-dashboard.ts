import type { FloorHandler } from './handler';
import { localDayBounds } from '../../src/domain/buckets';
import { engagementRate, isoWeekOf, periodDates, type AnalyticsPeriod } from '../../src/domain/groups';
import { insightHash, plainInsights, type GroupWeekInput } from '../../src/domain/insights';
import { planProgress, planWeek } from '../../src/domain/plan';
import { EMPTY_TOTALS, toStats } from '../../src/domain/stats';
import { addDays, localDateOf } from '../../src/domain/time';

// Four statements: groups (with plan progress, which needs no zone), per-group activity
// aggregates (the week, the 4 weeks before, the comparison period, and the stored insight),
// member rows (the top-N matrix and the drill-down), and the athletes with an active plan.
// Ranges are computed in JS with the product's localDayBounds, hence the zone first.
//
// Distance sums are compared exactly with the API although rows are summed in another order
// (per day then per member, or in one pass with FILTER): every seeded distance is a multiple
// of 0.5 m, so those float sums are exact whatever the order.
//
// The API stores group insights only in the refreshGroupInsights mutation, never on read: the
// text is written for each answer and storedAt is the stored row's time when its hash matches.

const NO_GROUPS = 'The organization has no groups yet: create one to compare groups.';

// Plan progress as the API counts it: per athlete over all their active plans, "today" in the
// athlete's zone, summed per group over members.
const GROUPS_SQL = `
  with plans as (
    select p.id, p.athlete_id, ($2::timestamptz at time zone coalesce(u.timezone, o.timezone))::date as today
    from training_plans p join users u on u.org_id = p.org_id and u.id = p.athlete_id join organizations o on o.id = p.org_id
    where p.org_id = $1 and p.status = 'active'),
  progress as (
    select p.athlete_id, count(w.id) as due, count(w.completed_activity_id) as completed
    from plans p left join planned_workouts w on w.org_id = $1 and w.plan_id = p.id and w.date <= p.today
    group by p.athlete_id),
  members as (
    select gm.group_id, count(*)::int as members, count(pr.athlete_id)::int as with_plan,
      coalesce(sum(pr.completed), 0)::int as completed, coalesce(sum(pr.due), 0)::int as due
    from group_members gm left join progress pr on pr.athlete_id = gm.athlete_id
    where gm.org_id = $1 group by gm.group_id)
  select o.timezone, g.id, g.name, coalesce(m.members, 0) as members, coalesce(m.with_plan, 0) as with_plan,
    coalesce(m.completed, 0) as completed, coalesce(m.due, 0) as due
  from organizations o left join groups g on g.org_id = o.id left join members m on m.group_id = g.id
  where o.id = $1 order by g.name, g.id`;

// $2 holds six instants: the starts of the 4 previous weeks, of the week, and its end, so
// width_bucket gives 1..4 for the previous weeks and 5 for the week. One scan covers both
// the weeks and the comparison period ($3..$4). Engaged members summed over the 4 weeks are
// the distinct (athlete, week) pairs.
const GROUP_WEEKS_SQL = `
  with member_runs as (
    select gm.group_id, a.athlete_id, a.distance_m, a.moving_s,
      width_bucket(a.start_time, $2::timestamptz[]) as week,
      a.start_time >= $3::timestamptz and a.start_time < $4::timestamptz as in_period
    from group_members gm
    join activities a on a.org_id = $1 and a.athlete_id = gm.athlete_id and a.deleted_at is null
      and a.start_time >= least(($2::timestamptz[])[1], $3::timestamptz) and a.start_time < greatest(($2::timestamptz[])[6], $4::timestamptz)
    where gm.org_id = $1),
  per_group as (
    select group_id,
      count(*) filter (where week = 5)::int as runs,
      coalesce(sum(distance_m) filter (where week = 5), 0)::float8 as distance_m,
      coalesce(sum(moving_s) filter (where week = 5), 0)::int as moving_s,
      count(distinct athlete_id) filter (where week = 5)::int as engaged,
      (count(*) filter (where week between 1 and 4) / 4.0)::float8 as avg_runs,
      (coalesce(sum(distance_m) filter (where week between 1 and 4), 0) / 4)::float8 as avg_distance_m,
      (count(distinct (athlete_id, week)) filter (where week between 1 and 4) / 4.0)::float8 as avg_engaged,
      count(*) filter (where in_period)::int as period_runs,
      coalesce(sum(distance_m) filter (where in_period), 0)::float8 as period_distance_m,
      count(distinct athlete_id) filter (where in_period)::int as period_engaged
    from member_runs group by group_id)
  select g.id, p.runs, p.distance_m, p.moving_s, p.engaged, p.avg_runs, p.avg_distance_m, p.avg_engaged,
    p.period_runs, p.period_distance_m, p.period_engaged, i.input_hash, i.created_at
  from groups g
  left join per_group p on p.group_id = g.id
  left join insights i on i.org_id = $1 and i.subject = 'group' and i.kind = 'group' and i.subject_id = g.id and i.period_start = $5::date
  where g.org_id = $1`;

// part 0: the top $5 members of every group by distance in the week ($2..$3), one row per
// active local day ($4 is the zone); part 1: every member of group $6 over the period ($7..$8).
const MEMBERS_SQL = `
  with days as (
    select a.athlete_id, (a.start_time at time zone $4)::date as local_date, count(*)::int as runs, sum(a.distance_m)::float8 as distance_m
    from activities a
    where a.org_id = $1 and a.deleted_at is null and a.start_time >= $2::timestamptz and a.start_time < $3::timestamptz
      and a.athlete_id in (select athlete_id from group_members where org_id = $1)
    group by 1, 2),
  ranked as (
    select gm.group_id, u.id, u.name, coalesce(w.runs, 0)::int as runs, coalesce(w.distance_m, 0)::float8 as distance_m,
      row_number() over (partition by gm.group_id order by coalesce(w.distance_m, 0) desc, u.name, u.id) as rank
    from group_members gm join users u on u.org_id = $1 and u.id = gm.athlete_id
    left join (select athlete_id, sum(runs) as runs, sum(distance_m) as distance_m from days group by athlete_id) w on w.athlete_id = gm.athlete_id
    where gm.org_id = $1)
  select 0 as part, r.group_id, r.rank, r.id, r.name, r.runs, r.distance_m, d.local_date, d.runs as day_runs, d.distance_m as day_distance_m
  from ranked r left join days d on d.athlete_id = r.id
  where r.rank <= $5
  union all
  select 1, gm.group_id, 0, u.id, u.name, count(a.athlete_id)::int, coalesce(sum(a.distance_m), 0)::float8, null, null, null
  from group_members gm join users u on u.org_id = $1 and u.id = gm.athlete_id
  left join activities a on a.org_id = $1 and a.athlete_id = gm.athlete_id and a.deleted_at is null
    and a.start_time >= $7::timestamptz and a.start_time < $8::timestamptz
  where gm.org_id = $1 and gm.group_id = $6
  group by gm.group_id, u.id, u.name
  order by part, group_id, rank, name, id, local_date`;

// The listed athletes need not be athletes (as in the API), but a current plan is shown only
// for role 'athlete' (the API's plan loader filters on it). A row of nulls when none is listed.
const PLANS_SQL = `
  with athletes as (
    select u.id, u.name, u.role, coalesce(u.timezone, o.timezone) as tz
    from users u join organizations o on o.id = u.org_id
    where u.org_id = $1 and exists (select 1 from training_plans p where p.org_id = $1 and p.athlete_id = u.id and p.status = 'active')),
  listed as (select * from athletes order by name, id limit $2)
  select (select count(*)::int from athletes) as total, l.id, l.name, p.name as plan_name, p.start_date, p.total_weeks, p.today, p.due, p.completed
  from (select 1) one
  left join listed l on true
  left join lateral (
    select tp.name, tp.start_date, tp.total_weeks, t.today, w.due, w.completed
    from (select ($3::timestamptz at time zone l.tz)::date as today) t
    cross join lateral (select * from training_plans where org_id = $1 and athlete_id = l.id and status = 'active' order by start_date desc, id desc limit 1) tp
    cross join lateral (select count(*)::int as due, count(completed_activity_id)::int as completed
      from planned_workouts where org_id = $1 and plan_id = tp.id and date <= t.today) w
    where l.role = 'athlete') p on true
  order by l.name, l.id`;

interface GroupRow { timezone: string; id: number | null; name: string; members: number; with_plan: number; completed: number; due: number }
interface GroupWeekRow {
  id: number; runs: number | null; distance_m: number | null; moving_s: number | null; engaged: number | null;
  avg_runs: number | null; avg_distance_m: number | null; avg_engaged: number | null;
  period_runs: number | null; period_distance_m: number | null; period_engaged: number | null;
  input_hash: string | null; created_at: Date | null;
}
interface MemberRow {
  part: number; group_id: number; id: number; name: string; runs: number; distance_m: number;
  local_date: string | null; day_runs: number | null; day_distance_m: number | null;
}
interface PlanRow { total: number; id: number | null; name: string; plan_name: string | null; start_date: string; total_weeks: number; today: string; due: number; completed: number }

const rangeOf = (from: string, to: string, timezone: string) => ({ start: localDayBounds(from, timezone).start, end: localDayBounds(to, timezone).end });

export const groupDashboardFloor: FloorHandler = async (client, { orgId, variables, now }) => {
  // The API's defaults; its range checks (top 1..50, planAthletes 0..100) are left to it.
  const top = Number(variables.top ?? 5);
  const planAthletes = Number(variables.planAthletes ?? 20);
  const drillGroupId = Number(variables.drillGroupId);

  const { rows: groupRows } = await client.query<GroupRow>(GROUPS_SQL, [orgId, now.toISOString()]);
  const timezone = groupRows[0]?.timezone ?? 'UTC';
  const groups = groupRows.filter((g) => g.id !== null).map((g) => ({ ...g, id: g.id! }));
  if (groups.length === 0) {
    return { groupDashboard: { available: false, reason: NO_GROUPS, timezone, overview: null, comparison: null, trainingPlans: null } };
  }
  if (!groups.some((g) => g.id === drillGroupId)) throw new Error(`groupId ${String(variables.drillGroupId)} is not a group of this organization`);

  const today = localDateOf(now, timezone);
  const week = isoWeekOf(typeof variables.week === 'string' ? variables.week : today);
  const weekRange = rangeOf(week.start, week.end, timezone);
  const weekBounds = [4, 3, 2, 1, 0].map((n) => localDayBounds(addDays(week.start, -7 * n), timezone).start).concat(weekRange.end);
  const period = (variables.period ?? 'LAST_7_DAYS') as AnalyticsPeriod;
  let dates: { from: string; to: string };
  if (period === 'CUSTOM') {
    if (typeof variables.from !== 'string' || typeof variables.to !== 'string') throw new Error('period CUSTOM needs from and to');
    dates = { from: variables.from, to: variables.to };
  } else dates = periodDates(period, today);
  const periodRange = rangeOf(dates.from, dates.to, timezone);

  const { rows: weekRows } = await client.query<GroupWeekRow>(GROUP_WEEKS_SQL, [
    orgId, weekBounds.map((d) => d.toISOString()), periodRange.start.toISOString(), periodRange.end.toISOString(), week.start,
  ]);
  const { rows: memberRows } = await client.query<MemberRow>(MEMBERS_SQL, [
    orgId, weekRange.start.toISOString(), weekRange.end.toISOString(), timezone, top, drillGroupId,
    periodRange.start.toISOString(), periodRange.end.toISOString(),
  ]);
  const { rows: planRows } = await client.query<PlanRow>(PLANS_SQL, [orgId, planAthletes, now.toISOString()]);

  const weekOf = new Map(weekRows.map((r) => [r.id, r]));
  const days = [0, 1, 2, 3, 4, 5, 6].map((n) => addDays(week.start, n));
  // Rows come ordered by group, rank, day: a member's rows are consecutive.
  const topOf = new Map<number, { athlete: { id: string; name: string }; distance: number; runs: number; days: Map<string, MemberRow> }[]>();
  const drill: MemberRow[] = [];
  for (const r of memberRows) {
    if (r.part === 1) { drill.push(r); continue; }
    if (!topOf.has(r.group_id)) topOf.set(r.group_id, []);
    const list = topOf.get(r.group_id)!;
    let member = list[list.length - 1];
    if (member?.athlete.id !== String(r.id)) list.push((member = { athlete: { id: String(r.id), name: r.name }, distance: r.distance_m, runs: r.runs, days: new Map() }));
    if (r.local_date !== null) member.days.set(r.local_date, r);
  }

  const overviewGroups = groups.map((group) => {
    const w = weekOf.get(group.id);
    const engaged = w?.engaged ?? 0;
    const members = topOf.get(group.id) ?? [];
    // Built in the API's key order: the stored hash is over its JSON.
    const input: GroupWeekInput = {
      weekStart: week.start, groupName: group.name, members: group.members, engaged, runs: w?.runs ?? 0, distanceM: w?.distance_m ?? 0,
      average: { runs: w?.avg_runs ?? 0, distanceM: w?.avg_distance_m ?? 0, engaged: w?.avg_engaged ?? 0 },
      topMember: members[0] ? { name: members[0].athlete.name, distanceM: members[0].distance } : null,
    };
    const current = w?.input_hash === insightHash(plainInsights, input);
    // Only avgPace is derived: the other Totals are not selected.
    const s = toStats({ ...EMPTY_TOTALS, runs: w?.runs ?? 0, distanceM: w?.distance_m ?? 0, movingS: w?.moving_s ?? 0 });
    return {
      group: { id: String(group.id), name: group.name, memberCount: group.members },
      stats: { totalActivities: s.totalActivities, totalDistance: s.totalDistance, totalDuration: s.totalDuration, avgPace: s.avgPace },
      engagedMembers: engaged,
      engagementRate: engagementRate(engaged, group.members),
      insight: { text: plainInsights.group(input), generator: plainInsights.name, generatorVersion: plainInsights.version, storedAt: current ? w!.created_at : null },
      topMembers: members.map((m) => ({
        athlete: m.athlete, distance: m.distance, runs: m.runs,
        days: days.map((date) => ({ date, distance: m.days.get(date)?.day_distance_m ?? 0, runs: m.days.get(date)?.day_runs ?? 0 })),
      })),
    };
  });

  const comparisonGroups = groups.map((group) => {
    const w = weekOf.get(group.id);
    const engaged = w?.period_engaged ?? 0;
    return {
      group: { id: String(group.id), name: group.name, memberCount: group.members },
      stats: { totalActivities: w?.period_runs ?? 0, totalDistance: w?.period_distance_m ?? 0 },
      engagedMembers: engaged,
      engagementRate: engagementRate(engaged, group.members),
    };
  });

  const listed = planRows.filter((r) => r.id !== null);
  return {
    groupDashboard: {
      available: true,
      reason: null,
      timezone,
      overview: { weekStart: week.start, weekEnd: week.end, groups: overviewGroups },
      comparison: {
        period,
        from: dates.from,
        to: dates.to,
        groups: comparisonGroups,
        members: drill.map((m) => ({ athlete: { id: String(m.id), name: m.name }, stats: { totalActivities: m.runs, totalDistance: m.distance_m }, engaged: m.runs > 0 })),
      },
      trainingPlans: {
        athletesWithActivePlan: planRows[0]?.total ?? 0,
        byGroup: groups.map((g) => ({ group: { id: String(g.id), name: g.name }, athletesWithPlan: g.with_plan, completed: g.completed, due: g.due, ratio: g.due > 0 ? g.completed / g.due : null })),
        athletes: listed.map((a) => ({
          id: String(a.id),
          name: a.name,
          currentTrainingPlan: a.plan_name === null ? null : {
            name: a.plan_name, currentWeek: planWeek(a.start_date, a.today, a.total_weeks), totalWeeks: a.total_weeks,
            progress: { completed: a.completed, due: a.due, ratio: planProgress(a.completed, a.due) },
          },
        })),
      },
    },
  };
};
