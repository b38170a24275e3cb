import type { FloorHandler } from './handler';
import { engagementRate, overviewWeek, periodDates, wholeWeeksOf, type AnalyticsPeriod } from '../../src/domain/groups';
import { plainInsights, writeInsight, type GroupWeekFacts } from '../../src/domain/insights';
import { planProgress, planWeek } from '../../src/domain/plan';
import { EMPTY_TOTALS, toStats } from '../../src/domain/stats';
import { addDays, localDateOf } from '../../src/domain/time';

// Four statements: groups (with plan progress, which needs no zone), per-group figures (the
// week, the 4 weeks before, the comparison period, the stored insight) with the drill-down
// members, the top-N matrix, and the athletes with an active plan.
//
// As in the API, each member's runs count on their own local dates, so everything reads the
// rollups: whole ISO weeks from activity_weekly, the days around them from activity_daily.
// The organization's zone only picks the dates of "today", the week and the period.
//
// The insight is written by the generator from the group's facts (src/domain/insights); the
// stored one is current when its hash over the facts matches. The facts hold float sums taken
// in another order than the API's: the hash rounds floats to 10 significant digits, so they
// differ only when a sum lands on the other side of that rounding.
//
// The API stores group insights only in the refreshGroupInsights mutation, never on read: the
// text is written for each answer and storedAt is the stored row's time when its hash matches.

const NO_GROUPS = 'The organization has no groups yet: create one to compare groups.';

// Plan progress as the API counts it: per athlete over all their active plans, "today" in the
// athlete's zone, summed per group over members.
const GROUPS_SQL = `
  with plans as (
    select p.id, p.athlete_id, p.start_date, p.total_weeks, ($2::timestamptz at time zone coalesce(u.timezone, o.timezone))::date as today
    from training_plans p join users u on u.org_id = p.org_id and u.id = p.athlete_id join organizations o on o.id = p.org_id
    where p.org_id = $1 and p.status = 'active' and u.archived_at is null),
  -- Plans not over; workouts rest days aside, completed within 80-120% of the plan, partial
  -- at 50-80% or above, missed below or without a run by a day over.
  progress as (
    select p.athlete_id, count(w.id) as due,
      count(w.id) filter (where w.completed_activity_id is not null and (w.compliance_score is null or w.compliance_score between 0.8 and 1.2)) as completed,
      count(w.id) filter (where w.compliance_score >= 0.5 and not w.compliance_score between 0.8 and 1.2) as partial,
      count(w.id) filter (where (w.date < p.today and w.completed_activity_id is null) or w.compliance_score < 0.5) as missed
    from plans p left join planned_workouts w on w.org_id = $1 and w.plan_id = p.id and w.date <= p.today and w.kind <> 'rest'
    where p.start_date + 7 * p.total_weeks > p.today
    group by p.athlete_id),
  members as (
    select gm.group_id, count(*)::int as members, count(pr.athlete_id)::int as with_plan,
      coalesce(sum(pr.completed), 0)::int as completed, coalesce(sum(pr.due), 0)::int as due,
      coalesce(sum(pr.partial), 0)::int as partial, coalesce(sum(pr.missed), 0)::int as missed
    from group_members gm join users ua on ua.org_id = gm.org_id and ua.id = gm.athlete_id and ua.archived_at is null
    left join progress pr on pr.athlete_id = gm.athlete_id
    where gm.org_id = $1 group by gm.group_id)
  select o.timezone, g.id, g.name, coalesce(m.members, 0) as members, coalesce(m.with_plan, 0) as with_plan,
    coalesce(m.completed, 0) as completed, coalesce(m.due, 0) as due, coalesce(m.partial, 0) as partial, coalesce(m.missed, 0) as missed
  from organizations o left join groups g on g.org_id = o.id left join members m on m.group_id = g.id
  where o.id = $1 order by g.name, g.id`;

// Each member's figures, once per athlete however many groups they are in, LATERAL so each
// rollup is read as one athlete's index range. $2 is the week's Monday, $3 the Monday 4 weeks
// before; the period $4..$5 reads its whole ISO weeks $6..$7 from activity_weekly and its
// other days from activity_daily ($6 > $7 when it holds no whole week). A weekly row exists
// only when the athlete ran that week, so counting rows counts the (member, week) pairs who
// ran. Part 0 has a row per group, part 1 a row per member of group $8 by name.
const FIGURES_SQL = `
  with figures as (
    select m.athlete_id, f.*
    from (select distinct athlete_id from group_members where org_id = $1) m
    cross join lateral (
      select
        coalesce(sum(r.runs) filter (where r.weekly and r.date = $2::date), 0) as runs,
        coalesce(sum(r.distance_m) filter (where r.weekly and r.date = $2::date), 0) as distance_m,
        coalesce(sum(r.moving_s) filter (where r.weekly and r.date = $2::date), 0) as moving_s,
        coalesce(sum(r.runs) filter (where r.weekly and r.date >= $3::date and r.date < $2::date), 0) as prev_runs,
        coalesce(sum(r.distance_m) filter (where r.weekly and r.date >= $3::date and r.date < $2::date), 0) as prev_distance_m,
        count(*) filter (where r.weekly and r.date >= $3::date and r.date < $2::date) as prev_weeks,
        coalesce(sum(r.runs) filter (where not r.weekly or r.date between $6::date and $7::date), 0) as period_runs,
        coalesce(sum(r.distance_m) filter (where not r.weekly or r.date between $6::date and $7::date), 0) as period_distance_m
      from (
        select true as weekly, w.week_start as date, w.runs, w.distance_m, w.moving_s from activity_weekly w
        where w.org_id = $1 and w.athlete_id = m.athlete_id
          and (w.week_start between $3::date and $2::date or w.week_start between $6::date and $7::date)
        union all
        select false, d.local_date, d.runs, d.distance_m, d.moving_s from activity_daily d
        where d.org_id = $1 and d.athlete_id = m.athlete_id
          and d.local_date between $4::date and $5::date and d.local_date not between $6::date and $7::date) r) f),
  per_group as (
    select gm.group_id, sum(f.runs)::int as runs, sum(f.distance_m)::float8 as distance_m, sum(f.moving_s)::int as moving_s,
      count(*) filter (where f.runs > 0)::int as engaged,
      (sum(f.prev_runs) / 4.0)::float8 as avg_runs, (sum(f.prev_distance_m) / 4)::float8 as avg_distance_m,
      (sum(f.prev_weeks) / 4.0)::float8 as avg_engaged,
      sum(f.period_runs)::int as period_runs, sum(f.period_distance_m)::float8 as period_distance_m,
      count(*) filter (where f.period_runs > 0)::int as period_engaged
    from group_members gm join figures f on f.athlete_id = gm.athlete_id
    where gm.org_id = $1 group by gm.group_id)
  select 0 as part, g.id, null as name, p.runs, p.distance_m, p.moving_s, p.engaged, p.avg_runs, p.avg_distance_m, p.avg_engaged,
    p.period_runs, p.period_distance_m, p.period_engaged, i.input_hash, i.created_at
  from groups g
  left join per_group p on p.group_id = g.id
  left join insights i on i.org_id = $1 and i.subject = 'group' and i.kind = 'group' and i.subject_id = g.id and i.period_start = $2::date
  where g.org_id = $1
  union all
  select 1, u.id, u.name, null, null, null, null, null, null, null, f.period_runs::int, f.period_distance_m::float8, null, null, null
  from group_members gm join users u on u.org_id = $1 and u.id = gm.athlete_id join figures f on f.athlete_id = gm.athlete_id
  where gm.org_id = $1 and gm.group_id = $8
  order by part, name, id`;

// The top $3 members of every group by distance in the week of Monday $2 (their weekly row),
// one row per day they ran (or one row for a member without runs).
const MATRIX_SQL = `
  with ranked as (
    select gm.group_id, u.id, u.name, coalesce(w.runs, 0)::int as runs, coalesce(w.distance_m, 0)::float8 as distance_m,
      row_number() over (partition by gm.group_id order by coalesce(w.distance_m, 0) desc, u.name, u.id) as rank
    from group_members gm join users u on u.org_id = $1 and u.id = gm.athlete_id
    left join activity_weekly w on w.org_id = $1 and w.athlete_id = gm.athlete_id and w.week_start = $2::date
    where gm.org_id = $1)
  select r.group_id, r.id, r.name, r.runs, r.distance_m, d.local_date, d.runs as day_runs, d.distance_m as day_distance_m
  from ranked r
  left join activity_daily d on d.org_id = $1 and d.athlete_id = r.id and d.local_date between $2::date and $2::date + 6
  where r.rank <= $3
  order by r.group_id, r.rank, d.local_date`;

// The listed athletes need not be athletes (as in the API), but a current plan is shown only
// for role 'athlete' (the API's plan loader filters on it). A row of nulls when none is listed.
const PLANS_SQL = `
  with athletes as (
    select u.id, u.name, u.role, coalesce(u.timezone, o.timezone) as tz
    from users u join organizations o on o.id = u.org_id
    where u.org_id = $1 and u.archived_at is null and exists (select 1 from training_plans p where p.org_id = $1 and p.athlete_id = u.id and p.status = 'active'
      and p.start_date + 7 * p.total_weeks > ($3::timestamptz at time zone coalesce(u.timezone, o.timezone))::date)),
  listed as (select * from athletes order by name, id limit $2)
  select (select count(*)::int from athletes) as total, l.id, l.name, p.name as plan_name, p.start_date, p.total_weeks, p.today, p.due, p.completed, p.partial, p.missed
  from (select 1) one
  left join listed l on true
  left join lateral (
    select tp.name, tp.start_date, tp.total_weeks, t.today, w.due, w.completed, w.partial, w.missed
    from (select ($3::timestamptz at time zone l.tz)::date as today) t
    cross join lateral (select * from training_plans where org_id = $1 and athlete_id = l.id and status = 'active'
      and start_date + 7 * total_weeks > t.today order by start_date desc, id desc limit 1) tp
    cross join lateral (select count(*)::int as due,
        count(*) filter (where completed_activity_id is not null and (compliance_score is null or compliance_score between 0.8 and 1.2))::int as completed,
        count(*) filter (where compliance_score >= 0.5 and not compliance_score between 0.8 and 1.2)::int as partial,
        count(*) filter (where (date < t.today and completed_activity_id is null) or compliance_score < 0.5)::int as missed
      from planned_workouts where org_id = $1 and plan_id = tp.id and kind <> 'rest' and date <= t.today) w
    where l.role = 'athlete') p on true
  order by l.name, l.id`;

interface GroupRow { timezone: string; id: number | null; name: string; members: number; with_plan: number; completed: number; due: number; partial: number; missed: number }
interface FigureRow {
  part: number; id: number; name: string | null; runs: number | null; distance_m: number | null; moving_s: number | null; engaged: number | null;
  avg_runs: number | null; avg_distance_m: number | null; avg_engaged: number | null;
  period_runs: number | null; period_distance_m: number | null; period_engaged: number | null;
  input_hash: string | null; created_at: Date | null;
}
interface MatrixRow {
  group_id: number; id: number; name: string; runs: number; distance_m: number;
  local_date: string | null; day_runs: number | null; day_distance_m: number | null;
}
interface PlanRow { total: number; id: number | null; name: string; plan_name: string | null; start_date: string; total_weeks: number; today: string; due: number; completed: number; partial: number; missed: number }

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
  // The API's default week is the last complete one. The floor's statements count whole weeks:
  // the current week to date (counted Monday to today against the same days of the 4 weeks
  // before) is the API's alone, and the benchmark sends no week.
  const week = overviewWeek(today, typeof variables.week === 'string' ? variables.week : null, false);
  if (!week.complete) throw new Error(`the floor answers complete weeks only; ${week.start} is not over`);
  const period = (variables.period ?? 'LAST_7_DAYS') as AnalyticsPeriod;
  let dates: { from: string; to: string };
  if (period === 'CUSTOM') {
    if (typeof variables.from !== 'string' || typeof variables.to !== 'string') throw new Error('period CUSTOM needs from and to');
    dates = { from: variables.from, to: variables.to };
  } else dates = periodDates(period, today);
  // The period's whole ISO weeks; none is an empty range (from after to).
  const wholeWeeks = wholeWeeksOf(dates) ?? { from: addDays(dates.to, 1), to: dates.to };

  const { rows: figureRows } = await client.query<FigureRow>(FIGURES_SQL, [
    orgId, week.start, addDays(week.start, -28), dates.from, dates.to, wholeWeeks.from, wholeWeeks.to, drillGroupId,
  ]);
  const { rows: matrixRows } = await client.query<MatrixRow>(MATRIX_SQL, [orgId, week.start, top]);
  const { rows: planRows } = await client.query<PlanRow>(PLANS_SQL, [orgId, planAthletes, now.toISOString()]);

  const weekOf = new Map(figureRows.filter((r) => r.part === 0).map((r) => [r.id, r]));
  const drill = figureRows.filter((r) => r.part === 1);
  const days = [0, 1, 2, 3, 4, 5, 6].map((n) => addDays(week.start, n));
  // Rows come ordered by group, rank, day: a member's rows are consecutive.
  const topOf = new Map<number, { athlete: { id: string; name: string }; distance: number; runs: number; days: Map<string, MatrixRow> }[]>();
  for (const r of matrixRows) {
    if (!topOf.has(r.group_id)) topOf.set(r.group_id, []);
    const list = topOf.get(r.group_id)!;
    let member = list[list.length - 1];
    if (member?.athlete.id !== String(r.id)) list.push((member = { athlete: { id: String(r.id), name: r.name }, distance: r.distance_m, runs: r.runs, days: new Map() }));
    if (r.local_date !== null) member.days.set(r.local_date, r);
  }

  const overviewGroups = await Promise.all(groups.map(async (group) => {
    const w = weekOf.get(group.id);
    const engaged = w?.engaged ?? 0;
    const members = topOf.get(group.id) ?? [];
    // Built in the API's key order: the stored hash is over its JSON. Group text is metric.
    const facts: GroupWeekFacts = {
      weekStart: week.start, complete: week.complete, daysElapsed: week.daysElapsed, units: 'metric', groupName: group.name,
      members: group.members, engaged, runs: w?.runs ?? 0, distanceM: w?.distance_m ?? 0,
      average: { runs: w?.avg_runs ?? 0, distanceM: w?.avg_distance_m ?? 0, engaged: w?.avg_engaged ?? 0 },
      topMember: members[0] ? { name: members[0].athlete.name, distanceM: members[0].distance } : null,
    };
    const written = await writeInsight(plainInsights, { kind: 'group', facts });
    // Only avgPace is derived: the other Totals are not selected.
    const s = toStats({ ...EMPTY_TOTALS, runs: w?.runs ?? 0, distanceM: w?.distance_m ?? 0, movingS: w?.moving_s ?? 0 });
    return {
      group: { id: String(group.id), name: group.name, memberCount: group.members },
      stats: { totalActivities: s.totalActivities, totalDistance: s.totalDistance, totalDuration: s.totalDuration, avgPace: s.avgPace },
      engagedMembers: engaged,
      engagementRate: engagementRate(engaged, group.members),
      insight: written && {
        text: written.text, generator: plainInsights.name, generatorVersion: plainInsights.version,
        storedAt: w?.input_hash === written.hash ? w.created_at : null,
      },
      topMembers: members.map((m) => ({
        athlete: m.athlete, distance: m.distance, runs: m.runs,
        days: days.map((date) => ({ date, distance: m.days.get(date)?.day_distance_m ?? 0, runs: m.days.get(date)?.day_runs ?? 0 })),
      })),
    };
  }));

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
        members: drill.map((m) => ({ athlete: { id: String(m.id), name: m.name }, stats: { totalActivities: m.period_runs, totalDistance: m.period_distance_m }, engaged: m.period_runs! > 0 })),
      },
      trainingPlans: {
        athletesWithActivePlan: planRows[0]?.total ?? 0,
        byGroup: groups.map((g) => ({ group: { id: String(g.id), name: g.name }, athletesWithPlan: g.with_plan, completed: g.completed, partial: g.partial, missed: g.missed, due: g.due, ratio: g.due > 0 ? g.completed / g.due : null })),
        athletes: listed.map((a) => ({
          id: String(a.id),
          name: a.name,
          currentTrainingPlan: a.plan_name === null ? null : {
            name: a.plan_name, currentWeek: planWeek(a.start_date, a.today, a.total_weeks), totalWeeks: a.total_weeks,
            progress: { completed: a.completed, partial: a.partial, missed: a.missed, due: a.due, ratio: planProgress(a.completed, a.due) },
          },
        })),
      },
    },
  };
};
