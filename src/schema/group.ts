import { builder } from './builder';
import { planProgress } from '../domain/plan';
import { Athlete } from './athlete';
import { Stats } from './stats';
import { MAX_RANGE_DAYS } from './stats';
import { parseId } from './ids';
import { requireDateRange, requireIntInRange } from './args';
import { groupBy } from './loaders';
import { badInput } from '../errors';
import { listBuckets } from '../domain/buckets';
import { engagementRate, overviewWeek, periodDates, type AnalyticsPeriod, type OverviewWeek } from '../domain/groups';
import { writeInsight, type GroupWeekFacts, type InsightSentence } from '../domain/insights';
import { InsightSentenceRef } from './insight';
import { EMPTY_TOTALS, toStats, type Totals } from '../domain/stats';
import { addDays, localDateOf } from '../domain/time';
import type { AthleteRow } from '../repositories/athletes';
import {
  findAthletesWithActivePlans, findGroupPlanProgress, findGroups, findGroupTotals, findGroupWeeklyAverages, findMemberMatrix, findMemberTotals,
  type GroupRow, type DateRange,
} from '../repositories/groups';
import { findStoredGroupInsights, storeGroupInsights } from '../repositories/insights';
import type { Context } from '../context';

export const Group = builder.objectRef<GroupRow>('Group').implement({
  description: 'A training group of the organization (e.g. "Marathon squad").',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'What the groupId filter and addGroupMember take.' }),
    name: t.exposeString('name', { description: 'Unique in the organization (any case).' }),
    memberCount: t.exposeInt('members', { description: 'Members, archived athletes left out.' }),
    version: t.exposeInt('version', { description: 'Increments on every rename; pass it as expectedVersion to renameGroup to refuse a stale edit.' }),
  }),
});

interface DashboardShape {
  available: boolean;
  reason: string | null;
  timezone: string;
  today: string;
  groups: GroupRow[];
}

// ---- overview ---------------------------------------------------------------------------

interface DaySnapshot { date: string; distance: number; runs: number }
/** Whether the week is over, and its days counted (docs/metrics.md, Groups). */
interface WeekProgress { complete: boolean; daysElapsed: number }
interface MemberWeek extends WeekProgress { athlete: AthleteRow; distance: number; runs: number; days: DaySnapshot[] }
interface InsightShape { sentences: InsightSentence[]; text: string; generator: string; generatorVersion: string; periodStart: string; storedAt: Date | null }
interface GroupWeek extends WeekProgress { group: GroupRow; totals: Totals; engaged: number; insight: InsightShape | null; topMembers: MemberWeek[] }

const COMPLETE_DESCRIPTION = "False for the current ISO week (in the organization's zone), even on Sunday: its figures run from Monday to today and are compared with the same days of the 4 weeks before (docs/metrics.md, Groups).";
const DAYS_ELAPSED_DESCRIPTION = 'Days of the week counted, Monday to today: 7 for a past week, 1 (Monday) to 7 (Sunday) for the current one, 0 for a week still to come.';

const DaySnapshotRef = builder.objectRef<DaySnapshot>('DaySnapshot').implement({
  description: "One day of a top member's week; the member's runs count on their own local dates.",
  fields: (t) => ({
    date: t.expose('date', { type: 'Date', description: 'The local date (Monday to Sunday of the ISO week).' }),
    distance: t.exposeFloat('distance', { description: 'Metres run that day; 0 without runs.' }),
    runs: t.exposeInt('runs', { description: 'Runs that day.' }),
  }),
});

const MemberWeekRef = builder.objectRef<MemberWeek>('MemberWeek').implement({
  description: 'One of the top members of the week, with a snapshot of each day (Monday to Sunday).',
  fields: (t) => ({
    athlete: t.field({ type: Athlete, description: 'The member.', resolve: (m) => m.athlete }),
    distance: t.exposeFloat('distance', { description: 'Metres run in the week (Monday to today in the current week).' }),
    runs: t.exposeInt('runs', { description: 'Runs in the week (Monday to today in the current week).' }),
    days: t.expose('days', { type: [DaySnapshotRef], description: 'The seven days of the week, Monday to Sunday (days still to come with 0).' }),
    complete: t.exposeBoolean('complete', { description: COMPLETE_DESCRIPTION }),
    daysElapsed: t.exposeInt('daysElapsed', { description: DAYS_ELAPSED_DESCRIPTION }),
  }),
});

const GroupInsight = builder.objectRef<InsightShape>('GroupInsight').implement({
  description: "The group's week against the mean of the 4 weeks before (the same days of them for the current week): distance and runs, members who ran, the member with the most distance; one sentence per rule, in the organization's units (km: organizations have no unit setting) (docs/metrics.md, Groups and Insights).",
  fields: (t) => ({
    text: t.exposeString('text', { description: 'The sentences joined with a space, written from numbers only.' }),
    sentences: t.expose('sentences', { type: [InsightSentenceRef], description: 'Each sentence with the rule that wrote it (GROUP_WEEK, GROUP_ENGAGEMENT, GROUP_TOP_MEMBER) and the numbers it read.' }),
    generator: t.exposeString('generator', { description: 'Name of the generator that wrote it (stride-plain by default; docs/metrics.md, Insights).' }),
    generatorVersion: t.exposeString('generatorVersion', { description: 'Version of the generator; it moves when the wording or numbers used change.' }),
    periodStart: t.expose('periodStart', { type: 'Date', description: 'Monday of the ISO week the insight is about.' }),
    storedAt: t.expose('storedAt', { type: 'DateTime', nullable: true, description: 'Null when written for this answer (refreshGroupInsights stores it).' }),
  }),
});

const GroupWeekRef = builder.objectRef<GroupWeek>('GroupWeek').implement({
  description: 'One group over one ISO week of the overview.',
  fields: (t) => ({
    group: t.field({ type: Group, description: 'The group.', resolve: (g) => g.group }),
    stats: t.field({ type: Stats, description: 'Totals of the members\' runs in the week (the sums of their own figures).', resolve: (g) => toStats(g.totals) }),
    engagedMembers: t.exposeInt('engaged', { description: 'Members with at least one run in the week.' }),
    engagementRate: t.float({ nullable: true, description: 'engagedMembers / memberCount; null without members.', resolve: (g) => engagementRate(g.engaged, g.group.members) }),
    insight: t.field({ type: GroupInsight, nullable: true, description: 'The group insight of the week; null when insights are switched off (INSIGHT_GENERATOR=off).', resolve: (g) => g.insight }),
    topMembers: t.expose('topMembers', { type: [MemberWeekRef], description: 'The `top` members by distance in the week, most first.' }),
    complete: t.exposeBoolean('complete', { description: COMPLETE_DESCRIPTION }),
    daysElapsed: t.exposeInt('daysElapsed', { description: DAYS_ELAPSED_DESCRIPTION }),
  }),
});

const GroupOverview = builder.objectRef<WeekProgress & { weekStart: string; weekEnd: string; groups: GroupWeek[] }>('GroupOverview').implement({
  description: 'Every group over one ISO week (Monday to Sunday): by default the last complete week; the current week counts Monday to today (docs/metrics.md, Groups).',
  fields: (t) => ({
    weekStart: t.expose('weekStart', { type: 'Date', description: 'Monday of the week.' }),
    weekEnd: t.expose('weekEnd', { type: 'Date', description: 'Sunday of the week.' }),
    complete: t.exposeBoolean('complete', { description: COMPLETE_DESCRIPTION }),
    daysElapsed: t.exposeInt('daysElapsed', { description: DAYS_ELAPSED_DESCRIPTION }),
    groups: t.expose('groups', { type: [GroupWeekRef], description: 'Every group of the organization.' }),
  }),
});

/**
 * Everything the overview shows, composed from four statements (and one for stored insights).
 * An incomplete week counts Monday to today, against the same days of the 4 weeks before.
 */
async function composeOverview(ctx: Context, week: OverviewWeek, dashboard: DashboardShape, top: number) {
  const range = week.counted;
  const [totals, averages, matrix] = [
    await findGroupTotals(ctx.db, ctx.viewer.orgId, range),
    await findGroupWeeklyAverages(ctx.db, ctx.viewer.orgId, week.previous),
    await findMemberMatrix(ctx.db, ctx.viewer.orgId, { ...range, top }),
  ];
  const totalsOf = new Map(totals.map((r) => [r.group_id, r]));
  const averageOf = new Map(averages.map((r) => [r.group_id, r]));
  const matrixOf = groupBy(matrix, (r) => r.group_id);
  const days = listBuckets(week.start, week.end, 'DAY');
  const groups = dashboard.groups.map((group) => {
    const total = totalsOf.get(group.id);
    const members = [...groupBy(matrixOf.get(group.id) ?? [], (r) => r.athlete_id).values()].map((rows) => ({
      athlete: rows[0] as AthleteRow,
      complete: week.complete,
      daysElapsed: week.daysElapsed,
      distance: rows[0].total_distance_m,
      runs: rows[0].total_runs,
      days: days.map((d) => {
        const day = rows.find((r) => r.local_date === d.start);
        return { date: d.start, distance: day?.distance_m ?? 0, runs: day?.runs ?? 0 };
      }),
    }));
    const average = averageOf.get(group.id);
    const input: GroupWeekFacts = {
      weekStart: week.start, complete: week.complete, daysElapsed: week.daysElapsed, units: 'metric', groupName: group.name, members: group.members, engaged: total?.engaged ?? 0,
      runs: total?.runs ?? 0, distanceM: total?.distanceM ?? 0,
      average: { runs: average?.runs ?? 0, distanceM: average?.distance_m ?? 0, engaged: average?.engaged ?? 0 },
      topMember: members[0] ? { name: members[0].athlete.name, distanceM: members[0].distance } : null,
    };
    return { group, totals: total ?? EMPTY_TOTALS, engaged: total?.engaged ?? 0, input, topMembers: members };
  });
  return { week, groups };
}

async function overview(ctx: Context, dashboard: DashboardShape, week: OverviewWeek, top: number) {
  const { groups } = await composeOverview(ctx, week, dashboard, top);
  const generator = ctx.insightGenerator;
  const stored = new Map((generator.enabled ? await findStoredGroupInsights(ctx.db, ctx.viewer.orgId, week.start) : []).map((s) => [s.subject_id, s]));
  return {
    weekStart: week.start,
    weekEnd: week.end,
    complete: week.complete,
    daysElapsed: week.daysElapsed,
    groups: await Promise.all(groups.map(async (g) => {
      const written = await writeInsight(generator, { kind: 'group', facts: g.input });
      const match = stored.get(g.group.id);
      const insight = written && {
        sentences: written.sentences, text: written.text, generator: generator.name, generatorVersion: generator.version, periodStart: week.start,
        storedAt: match?.input_hash === written.hash ? match.created_at : null,
      };
      return { group: g.group, totals: g.totals, engaged: g.engaged, insight, topMembers: g.topMembers, complete: week.complete, daysElapsed: week.daysElapsed };
    })),
  };
}

// ---- comparison -------------------------------------------------------------------------

interface GroupPeriod { group: GroupRow; totals: Totals; engaged: number }
interface MemberPeriod { athlete: AthleteRow; totals: Totals }

const AnalyticsPeriodEnum = builder.enumType('AnalyticsPeriod', {
  description: 'The dates a group comparison covers, in the organization\'s zone; today included (docs/metrics.md, Groups).',
  values: {
    LAST_7_DAYS: { description: 'The 7 local days ending today (organization zone).' },
    LAST_14_DAYS: { description: 'The 14 local days ending today (organization zone).' },
    LAST_30_DAYS: { description: 'The 30 local days ending today (organization zone).' },
    CUSTOM: { description: `from..to, at most ${MAX_RANGE_DAYS} days.` },
  } as const,
});

const GroupPeriodRef = builder.objectRef<GroupPeriod>('GroupPeriodStats').implement({
  description: 'One group over the comparison\'s period.',
  fields: (t) => ({
    group: t.field({ type: Group, description: 'The group.', resolve: (g) => g.group }),
    stats: t.field({ type: Stats, description: 'Totals of the members\' runs in the period (the sums of their own figures).', resolve: (g) => toStats(g.totals) }),
    engagedMembers: t.exposeInt('engaged', { description: 'Members with at least one run in the period.' }),
    engagementRate: t.float({ nullable: true, description: 'Engagement rate: engagedMembers / members, 0..1; null for a group without members (docs/metrics.md, Groups).', resolve: (g) => engagementRate(g.engaged, g.group.members) }),
  }),
});

const MemberPeriodRef = builder.objectRef<MemberPeriod>('MemberPeriodStats').implement({
  description: 'One member of a group over the comparison\'s period.',
  fields: (t) => ({
    athlete: t.field({ type: Athlete, description: 'The member.', resolve: (m) => m.athlete }),
    stats: t.field({ type: Stats, description: 'Totals of the member\'s runs in the period, on their own local dates.', resolve: (m) => toStats(m.totals) }),
    engaged: t.boolean({ description: 'At least one run in the period.', resolve: (m) => m.totals.runs > 0 }),
  }),
});

interface ComparisonShape { period: AnalyticsPeriod; from: string; to: string; range: DateRange; groups: GroupPeriod[] }

const GroupComparison = builder.objectRef<ComparisonShape>('GroupComparison').implement({
  description: 'Every group\'s totals and engagement over one period.',
  fields: (t) => ({
    period: t.expose('period', { type: AnalyticsPeriodEnum, description: 'The period asked for.' }),
    from: t.expose('from', { type: 'Date', description: 'First local date of the period (inclusive).' }),
    to: t.expose('to', { type: 'Date', description: 'Last local date of the period (inclusive).' }),
    groups: t.expose('groups', { type: [GroupPeriodRef], description: 'Every group of the organization.' }),
    members: t.field({
      type: [MemberPeriodRef],
      nullable: true,
      description: 'Drill into one group: the same stats per member, by name.',
      args: { groupId: t.arg.id({ required: true, description: 'A group of this organization; any other id is BAD_USER_INPUT.' }) },
      resolve: async (c, args, ctx) => {
        const groupId = parseId(args.groupId, 'groupId');
        if (!c.groups.some((g) => g.group.id === groupId)) throw badInput(`groupId ${groupId} is not a group of this organization`);
        const rows = await findMemberTotals(ctx.db, ctx.viewer.orgId, groupId, c.range);
        return rows.map(({ athlete, ...totals }) => ({ athlete, totals }));
      },
    }),
  }),
});

// ---- training plans ----------------------------------------------------------------------

interface GroupPlan { group: GroupRow; athletesWithPlan: number; completed: number; partial: number; missed: number; due: number }

const GroupPlanRef = builder.objectRef<GroupPlan>('GroupPlanProgress').implement({
  description: 'Plan progress by group: over the members\' active plans that are not over, completed workouts / workouts due so far (docs/metrics.md, Groups and Training plan).',
  fields: (t) => ({
    group: t.field({ type: Group, description: 'The group.', resolve: (g) => g.group }),
    athletesWithPlan: t.exposeInt('athletesWithPlan', { description: 'Members with an active plan whose last week is not over.' }),
    completed: t.exposeInt('completed', { description: 'Due workouts completed (docs/metrics.md, Plans).' }),
    partial: t.exposeInt('partial', { description: 'Due workouts with a run at 50–80% or above 120% of the plan.' }),
    missed: t.exposeInt('missed', { description: 'Days over without a run, or with one below 50% of the plan.' }),
    due: t.exposeInt('due', { description: 'Workouts (rest days aside) dated up to each member\'s today.' }),
    ratio: t.float({ nullable: true, description: 'completed / due over the members\' active plans.', resolve: (g) => planProgress(g.completed, g.due) }),
  }),
});

const GroupTrainingPlans = builder.objectRef<{ byGroup: GroupPlan[]; total: number; athletes: AthleteRow[] }>('GroupTrainingPlans').implement({
  description: 'The Plans tab: athletes following a plan, and plan progress by group.',
  fields: (t) => ({
    athletesWithActivePlan: t.exposeInt('total', { description: 'Athletes of the organization with an active plan whose last week is not over.' }),
    byGroup: t.expose('byGroup', { type: [GroupPlanRef], description: 'Every group of the organization.' }),
    athletes: t.field({ type: [Athlete], description: 'Athletes with an active plan, by name (ask for currentTrainingPlan on each).', resolve: (p) => p.athletes }),
  }),
});

// ---- the dashboard ------------------------------------------------------------------------

const GroupDashboard = builder.objectRef<DashboardShape>('GroupDashboard').implement({
  description: "Groups compared. The organization's zone says which dates today, this ISO week and the periods are; each member's runs count on their own local dates (as everywhere in the API), so group totals are the sums of the members' own figures.",
  fields: (t) => ({
    available: t.exposeBoolean('available', { description: 'False when the organization has no groups; overview, comparison and trainingPlans are then null.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why the dashboard is not available; null when it is.' }),
    timezone: t.expose('timezone', { type: 'TimeZone', description: 'The organization\'s zone: it says which dates today, this ISO week and the periods are.' }),
    overview: t.field({
      type: GroupOverview,
      nullable: true,
      description:
        "One ISO week: totals, engagement, the group insight and the top members day by day. By default the last complete week (the one before the current week in the organization's zone), so a Monday does not read as a collapse; `currentWeekToDate: true` asks for the current week, Monday to today, compared with the same days of the 4 weeks before (docs/metrics.md, Groups).",
      args: {
        week: t.arg({ type: 'Date', description: 'Any date in the week; omitted means the last complete week. Not with currentWeekToDate.' }),
        currentWeekToDate: t.arg.boolean({
          defaultValue: false,
          description: "True for the current ISO week to date (organization's zone): complete false, daysElapsed 1 (Monday) to 7 (Sunday). Not with week (BAD_USER_INPUT).",
        }),
        top: t.arg.int({ defaultValue: 5, description: 'Members in the matrix, 1..50.' }),
      },
      resolve: (d, args, ctx) => {
        if (!d.available) return null;
        const top = requireIntInRange('top', args.top ?? 5, 1, 50);
        return overview(ctx, d, pickWeek(d.today, args.week ?? null, args.currentWeekToDate ?? false), top);
      },
    }),
    comparison: t.field({
      type: GroupComparison,
      nullable: true,
      description: 'Every group\'s totals, engaged members and engagement rate over a period; null when not available.',
      args: {
        period: t.arg({ type: AnalyticsPeriodEnum, defaultValue: 'LAST_7_DAYS', description: 'The period (default LAST_7_DAYS); CUSTOM takes from and to.' }),
        from: t.arg({ type: 'Date', description: `First local date, with period CUSTOM only (else BAD_USER_INPUT); not after to, from..to at most ${MAX_RANGE_DAYS} days.` }),
        to: t.arg({ type: 'Date', description: 'Last local date (inclusive), with period CUSTOM only.' }),
      },
      resolve: async (d, args, ctx) => {
        if (!d.available) return null;
        const period = (args.period ?? 'LAST_7_DAYS') as AnalyticsPeriod;
        let dates: { from: string; to: string };
        if (period === 'CUSTOM') {
          if (!args.from || !args.to) throw badInput('period CUSTOM needs from and to');
          dates = requireDateRange(args.from, args.to, MAX_RANGE_DAYS);
        } else {
          if (args.from || args.to) throw badInput(`from and to go with period CUSTOM only; got period ${period}`);
          dates = periodDates(period, d.today);
        }
        const range = { from: dates.from, to: dates.to };
        const totals = new Map((await findGroupTotals(ctx.db, ctx.viewer.orgId, range)).map((r) => [r.group_id, r]));
        const groups = d.groups.map((group) => ({ group, totals: totals.get(group.id) ?? EMPTY_TOTALS, engaged: totals.get(group.id)?.engaged ?? 0 }));
        return { period, ...dates, range, groups };
      },
    }),
    trainingPlans: t.field({
      type: GroupTrainingPlans,
      nullable: true,
      description: 'The Plans tab: athletes with an active plan whose last week is not over, and progress by group; null when not available.',
      args: { first: t.arg.int({ defaultValue: 20, description: 'Athletes listed, 0..100.' }) },
      resolve: async (d, args, ctx) => {
        if (!d.available) return null;
        const first = requireIntInRange('first', args.first ?? 20, 0, 100);
        const progress = new Map((await findGroupPlanProgress(ctx.db, ctx.viewer.orgId, ctx.now)).map((r) => [r.group_id, r]));
        const { total, athletes } = await findAthletesWithActivePlans(ctx.db, ctx.viewer.orgId, first, ctx.now);
        const byGroup = d.groups.map((group) => {
          const p = progress.get(group.id);
          return { group, athletesWithPlan: p?.athletes_with_plan ?? 0, completed: p?.completed ?? 0, partial: p?.partial ?? 0, missed: p?.missed ?? 0, due: p?.due ?? 0 };
        });
        return { byGroup, total, athletes };
      },
    }),
  }),
});

/** The overview's week from its arguments (docs/metrics.md, Groups). */
function pickWeek(today: string, week: string | null, currentWeekToDate: boolean): OverviewWeek {
  if (week !== null && currentWeekToDate) throw badInput('week and currentWeekToDate: true cannot go together; give one');
  return overviewWeek(today, week, currentWeekToDate);
}

async function loadDashboard(ctx: Context): Promise<DashboardShape> {
  const { timezone, groups } = await findGroups(ctx.db, ctx.viewer.orgId);
  const base = { timezone, today: localDateOf(ctx.now, timezone), groups };
  return groups.length ? { ...base, available: true, reason: null } : { ...base, available: false, reason: 'The organization has no groups yet: create one to compare groups.' };
}

builder.queryField('groupDashboard', (t) =>
  t.field({
    type: GroupDashboard,
    authScopes: { staff: true },
    description: 'The group dashboard (coaches and admins); available: false with a reason when the organization has no groups.',
    resolve: (_root, _args, ctx) => loadDashboard(ctx),
  }),
);

builder.mutationField('refreshGroupInsights', (t) =>
  t.field({
    type: GroupOverview,
    authScopes: { staff: true },
    description: 'Writes and stores the group insights of a week (default the last complete one, as the overview) and answers the overview.',
    args: {
      week: t.arg({ type: 'Date', description: "Any date in the ISO week; omitted means the last complete week in the organization's zone (the current week counts Monday to today)." }),
    },
    resolve: async (_root, args, ctx) => {
      const dashboard = await loadDashboard(ctx);
      if (!dashboard.available) throw badInput(dashboard.reason!);
      const week = pickWeek(dashboard.today, args.week ?? null, false);
      const { groups } = await composeOverview(ctx, week, dashboard, 1);
      const generator = ctx.insightGenerator;
      const written = await Promise.all(groups.map(async (g) => ({ groupId: g.group.id, written: await writeInsight(generator, { kind: 'group', facts: g.input }) })));
      await storeGroupInsights(ctx.db, ctx.viewer.orgId, week.start, written.flatMap(({ groupId, written: w }) => (w ? [{
        groupId, text: w.text, hash: w.hash, generator: generator.name, version: generator.version,
      }] : [])));
      return overview(ctx, dashboard, week, 5);
    },
  }),
);
