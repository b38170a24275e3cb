import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { DEFAULT_SEED_OPTIONS, seedDemo, type SeededOrganization } from '../../db/seed/demo';
import type { App } from '../../src/app';

// Every insight of the demo, read on a Monday with a fixed clock (issue 16, "Done when":
// insights contain no empty or zero-filled clause): every athlete's weekly summary and run
// lines, and every group's insight of last week and of the current week to date.
const MONDAY = '2026-11-30';
const NOW = new Date(`${MONDAY}T12:00:00Z`);

let t: TestDatabase;
let app: App;
let orgs: SeededOrganization[];

interface Sentence { rule: string; severity: string; text: string; inputs: { name: string; value: number; unit: string }[] }
interface Written { text: string; sentences: Sentence[] }

const SENTENCE = 'text sentences { rule severity text inputs { name value unit } }';

beforeAll(async () => {
  t = await createTestDatabase();
  orgs = await seedDemo(t.db, { ...DEFAULT_SEED_OPTIONS, endDate: MONDAY });
  app = createTestApp(t.db, { clock: () => NOW });
}, 300_000);

afterAll(() => t.close());

async function adminToken(orgId: number): Promise<string> {
  const admin = await t.db.selectFrom('users').select('id').where('org_id', '=', orgId).where('role', '=', 'admin').executeTakeFirstOrThrow();
  return tokenFor({ orgId, userId: admin.id, role: 'ADMIN' });
}

/** What no insight may hold: an empty clause, a double space, a zero-of-zero, a value that was never computed. */
function problems(w: Written): string[] {
  const found: string[] = [];
  for (const [pattern, what] of [
    [/[,:;] ?[.,;:]/, 'an empty clause'], [/ {2}/, 'a double space'], [/\b0 of 0\b/, '0 of 0'], [/NaN|Infinity/, 'NaN'],
    [/\bnull\b/, 'null'], [/\bundefined\b/, 'undefined'], [/Training load 0\b/, 'a zero load'], [/ \./, 'a space before a full stop'], [/\(\)/, 'empty brackets'],
  ] as const) {
    if (pattern.test(w.text)) found.push(what);
  }
  if (w.sentences.length === 0) found.push('no sentence');
  if (w.sentences.map((s) => s.text).join(' ') !== w.text) found.push('text is not its sentences');
  for (const s of w.sentences) {
    if (!/^[A-Z0-9].*\.$/.test(s.text)) found.push(`sentence not whole: ${s.text}`);
    if (s.inputs.some((i) => !Number.isFinite(i.value))) found.push(`${s.rule} has a value that is not a number`);
  }
  return found;
}

it('writes every athlete insight of the demo without an empty or zero-filled clause, in the athlete\'s units', async () => {
  const rules = new Map<string, number>();
  let athletes = 0;
  for (const org of orgs) {
    const token = await adminToken(org.orgId);
    const result = await execute<any, never>(app, token, `{ athletes(first: 100) { totalCount edges { node { id unitSystem
      insights { weeklySummary { periodStart storedAt ${SENTENCE} } recentActivities { ${SENTENCE} } } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.athletes.edges).toHaveLength(result.data.athletes.totalCount);
    for (const { node } of result.data.athletes.edges) {
      athletes++;
      const weekly: Written & { periodStart: string; storedAt: string | null } = node.insights.weeklySummary;
      // Read on Monday 30 November: the summary is of the week before, stored by the seed's writes.
      expect({ id: node.id, periodStart: weekly.periodStart }).toEqual({ id: node.id, periodStart: '2026-11-23' });
      expect(weekly.storedAt).not.toBeNull();
      for (const w of [weekly, ...node.insights.recentActivities as Written[]]) {
        expect({ id: node.id, text: w.text, problems: problems(w) }).toEqual({ id: node.id, text: w.text, problems: [] });
        // km or mi as the athlete reads them (metric when not set).
        if (node.unitSystem === 'IMPERIAL') expect(w.text).not.toMatch(/\d km\b|\/km\b/);
        else expect(w.text).not.toMatch(/\d mi\b|\/mi\b/);
        for (const s of w.sentences) rules.set(s.rule, (rules.get(s.rule) ?? 0) + 1);
        for (const s of w.sentences) rules.set(`${s.rule}:${s.severity}`, (rules.get(`${s.rule}:${s.severity}`) ?? 0) + 1);
      }
    }
  }
  expect(athletes).toBe(68);
  // The demo reaches most rules; none fires for (nearly) everyone.
  for (const rule of ['WEEK_VOLUME', 'DISTANCE_RAMP', 'LONG_RUN', 'WEEK_LOAD', 'KEY_WORKOUTS', 'GOAL_RACE', 'RUN_LINE']) expect({ rule, seen: (rules.get(rule) ?? 0) > 0 }).toEqual({ rule, seen: true });
  expect(rules.get('WEEK_VOLUME')).toBe(athletes);
  // Warnings a coach keeps reading: each on fewer than a third of the athletes (the 10% ramp rule is the noisiest: a quarter).
  for (const rule of ['DISTANCE_RAMP', 'LOAD_RAMP', 'LONG_RUN:WARNING', 'FORM', 'HRV_BASELINE']) {
    expect({ rule, few: (rules.get(rule) ?? 0) < athletes / 3 }).toEqual({ rule, few: true });
  }
});

it('writes every group insight of the demo, last week and this week to date, as whole sentences', async () => {
  for (const org of orgs) {
    const token = await adminToken(org.orgId);
    for (const args of ['', '(currentWeekToDate: true)']) {
      const result = await execute<any, never>(app, token, `{ groupDashboard { overview${args} { weekStart complete daysElapsed groups { group { name } insight { ${SENTENCE} } } } } }`);
      expect(result.errors).toBeUndefined();
      const overview = result.data.groupDashboard.overview;
      expect([overview.weekStart, overview.complete, overview.daysElapsed]).toEqual(args ? ['2026-11-30', false, 1] : ['2026-11-23', true, 7]);
      for (const g of overview.groups) {
        const w: Written = g.insight;
        expect({ group: g.group.name, text: w.text, problems: problems(w) }).toEqual({ group: g.group.name, text: w.text, problems: [] });
        expect(w.text.startsWith(args ? 'Week of 30 Nov to date (1 day): ' : 'Week of 23 Nov: ')).toBe(true);
      }
    }
  }
});

it('reads the demo on a Monday as a coach expects: last week by default, and no chart trend pulled down by the partial bucket', async () => {
  for (const org of orgs) {
    const token = await adminToken(org.orgId);
    const overview = await execute<any, never>(app, token, '{ groupDashboard { overview { weekStart complete daysElapsed } } }');
    expect(overview.data.groupDashboard.overview).toEqual({ weekStart: '2026-11-23', complete: true, daysElapsed: 7 });
    const list = await execute<any, never>(app, token, `{ coachAthletesMetrics(first: 100) { edges { node { name
      charts { weeklyTrainingLoad(weeks: 8) { points { date value trend complete } } dailyDistance(days: 14) { points { date trend complete } } } } } } }`);
    expect(list.errors).toBeUndefined();
    for (const { node } of list.data.coachAthletesMetrics.edges) {
      for (const series of [node.charts.weeklyTrainingLoad, node.charts.dailyDistance]) {
        const [before, last] = series.points.slice(-2);
        // The current week (one day old) and today are shown, not counted: they keep the trend of the complete bucket before.
        expect({ athlete: node.name, complete: last.complete, trend: last.trend }).toEqual({ athlete: node.name, complete: false, trend: before.trend });
        expect(before.complete).toBe(true);
      }
    }
  }
});
