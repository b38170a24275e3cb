import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser, setAthleteSettings } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { offInsights } from '../../src/domain/insights';
import type { App } from '../../src/app';

// Insights over GraphQL: the sentences with their rules and inputs, the athlete's units, a
// group with no history, and INSIGHT_GENERATOR=off (docs/metrics.md, Insights).

// Monday 16 March 2026, 12:00 in London: the weekly summary is of 9..15 March.
const NOW = new Date('2026-03-16T12:00:00Z');

let t: TestDatabase;
let plain: App;
let off: App;
let coach: string;
let orgId: number;
let ivy: number;
let idle: number;
let runners: number;
let newcomers: number;

const INGEST = `mutation($athleteId: ID!, $activities: [ActivityInput!]!) { ingestActivities(athleteId: $athleteId, activities: $activities) { written } }`;
const SENTENCE = 'text sentences { rule severity text inputs { name value unit } }';
const INSIGHTS = `query($id: ID!) { athlete(id: $id) { insights { weeklySummary { periodStart storedAt ${SENTENCE} } recentActivities { ${SENTENCE} } } } }`;
const GROUPS = `{ groupDashboard { overview { weekStart groups { group { name } insight { storedAt ${SENTENCE} } } } } }`;

const run = (externalId: string, startTime: string, distance: number) => ({ source: 'garmin', externalId, startTime, distance, movingTime: Math.round(distance * 0.3), avgHeartRate: 150 });
const insightRows = async () => Number((await t.db.selectFrom('insights').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Insight Club', 'Europe/London');
  const coachId = await createUser(t.db, orgId, { role: 'coach', name: 'Coach Ida' });
  ivy = await createUser(t.db, orgId, { role: 'athlete', name: 'Ivy Imperial', timezone: 'Europe/London', sex: 'female' });
  idle = await createUser(t.db, orgId, { role: 'athlete', name: 'Ike Idle', timezone: 'Europe/London' });
  await t.db.updateTable('users').set({ unit_system: 'imperial' }).where('id', '=', ivy).execute();
  await setAthleteSettings(t.db, orgId, ivy, { hr_max: 190, hr_rest: 50, threshold_pace_s_per_km: 300 });
  [runners, newcomers] = (await t.db.insertInto('groups').values([{ org_id: orgId, name: 'Runners' }, { org_id: orgId, name: 'Newcomers' }]).returning('id').execute()).map((g) => g.id);
  await t.db.insertInto('group_members').values([{ org_id: orgId, group_id: runners, athlete_id: ivy }, { org_id: orgId, group_id: newcomers, athlete_id: idle }]).execute();
  coach = await tokenFor({ orgId, userId: coachId, role: 'COACH' });
  plain = createTestApp(t.db, { clock: () => NOW });
  off = createTestApp(t.db, { clock: () => NOW, insightGenerator: offInsights });
});

afterAll(() => t.close());

describe('INSIGHT_GENERATOR=off', () => {
  it('writes, stores and shows no insight', async () => {
    // 8 km the week before, 6 and 8 km last week.
    const written = await execute<any, any>(off, coach, INGEST, {
      athleteId: String(ivy), activities: [run('r1', '2026-03-03T07:00:00Z', 8000), run('r2', '2026-03-10T07:00:00Z', 6000), run('r3', '2026-03-12T07:00:00Z', 8000)],
    });
    expect(written.errors).toBeUndefined();
    expect(await insightRows()).toBe(0);
    const read = await execute<any, any>(off, coach, INSIGHTS, { id: String(ivy) });
    expect(read.errors).toBeUndefined();
    expect(read.data.athlete.insights).toEqual({ weeklySummary: null, recentActivities: [] });
    const refreshed = await execute<any, never>(off, coach, `mutation { refreshInsights(athleteId: "${ivy}") { weeklySummary { text } recentActivities { text } } }`);
    expect(refreshed.data.refreshInsights).toEqual({ weeklySummary: null, recentActivities: [] });
    const groups = await execute<any, never>(off, coach, GROUPS);
    expect(groups.errors).toBeUndefined();
    expect(groups.data.groupDashboard.overview.groups.map((g: any) => g.insight)).toEqual([null, null]);
    expect((await execute<any, never>(off, coach, 'mutation { refreshGroupInsights { groups { insight { text } } } }')).errors).toBeUndefined();
    expect(await insightRows()).toBe(0);
  });
});

describe('sentences', () => {
  it("writes the athlete's week in miles, each sentence with its rule and inputs", async () => {
    const { data, errors } = await execute<any, any>(plain, coach, INSIGHTS, { id: String(ivy) });
    expect(errors).toBeUndefined();
    const weekly = data.athlete.insights.weeklySummary;
    expect(weekly.periodStart).toBe('2026-03-09');
    // Written for this answer: the runs came in while insights were off.
    expect(weekly.storedAt).toBeNull();
    expect(weekly.sentences.map((s: any) => [s.rule, s.severity])).toEqual([
      ['WEEK_VOLUME', 'INFO'], ['DISTANCE_RAMP', 'ALERT'], ['LONG_RUN', 'INFO'], ['WEEK_LOAD', 'INFO'], ['LOAD_RAMP', 'ALERT'],
    ]);
    // 14 km = 8.7 mi against 8 km = 5.0 mi the week before; the 4 weeks before hold the 8 km alone (1.2 mi a week).
    expect(weekly.sentences.slice(0, 3).map((s: any) => s.text)).toEqual([
      'Week of 9 Mar: 8.7 mi over 2 runs, 600% more than the 4-week average of 1.2 mi.',
      'Distance up 75% on the week before (5.0 mi to 8.7 mi): a jump of more than 30% raises the risk of injury; hold this level or ease back next week.',
      'Longest run 5.0 mi, 57% of the week (4-week average 1.2 mi).',
    ]);
    expect(weekly.sentences[1].inputs).toEqual([
      { name: 'previousDistance', value: 8000, unit: 'METRES' }, { name: 'distance', value: 14_000, unit: 'METRES' }, { name: 'change', value: 0.75, unit: 'RATIO' },
    ]);
    expect(weekly.text).toBe(weekly.sentences.map((s: any) => s.text).join(' '));
    expect(data.athlete.insights.recentActivities.map((i: any) => i.text)).toEqual([
      // Every run at 5:00/km (8:03/mi): right on the usual pace; the first run has no 28 days before it.
      expect.stringMatching(/^12 Mar: 5\.0 mi in 0:40:00 \(8:03\/mi\), right on the 28-day average pace, average HR 150, load \d+ \(TRIMP\)\.$/),
      expect.stringMatching(/^10 Mar: 3\.7 mi in 0:30:00 \(8:03\/mi\), right on the 28-day average pace, /),
      expect.stringMatching(/^3 Mar: 5\.0 mi in 0:40:00 \(8:03\/mi\), average HR 150, load \d+ \(TRIMP\)\.$/),
    ]);
    expect(data.athlete.insights.recentActivities[0].sentences[0].rule).toBe('RUN_LINE');
  });

  it('stores them on refreshInsights, current until the facts change', async () => {
    const refreshed = await execute<any, never>(plain, coach, `mutation { refreshInsights(athleteId: "${ivy}") { weeklySummary { storedAt } } }`);
    expect(refreshed.data.refreshInsights.weeklySummary.storedAt).not.toBeNull();
    const stored = await t.db.selectFrom('insights').select(['generator', 'generator_version']).where('subject_id', '=', ivy).where('kind', '=', 'weekly').executeTakeFirstOrThrow();
    expect(stored).toEqual({ generator: 'stride-plain', generator_version: '2' });
  });

  it('gives a group with no history one whole sentence, and the group with runs its three rules', async () => {
    const { data, errors } = await execute<any, never>(plain, coach, GROUPS);
    expect(errors).toBeUndefined();
    const [newbies, group] = data.groupDashboard.overview.groups;
    expect(newbies.group.name).toBe('Newcomers');
    expect(newbies.insight.text).toBe('Week of 9 Mar: no runs in Newcomers, nor in the 4 weeks before.');
    expect(newbies.insight.sentences.map((s: any) => s.rule)).toEqual(['GROUP_WEEK']);
    // Groups write in km: organizations have no unit setting.
    expect(group.insight.text).toBe('Week of 9 Mar: Runners ran 14.0 km over 2 runs, 600% more than the 4-week average of 2.0 km. 1 of 1 member ran (100%), against 0.3 a week over the 4 weeks before. Most distance: Ivy Imperial, 14.0 km.');
    expect(group.insight.sentences.map((s: any) => s.rule)).toEqual(['GROUP_WEEK', 'GROUP_ENGAGEMENT', 'GROUP_TOP_MEMBER']);
  });
});

describe('STREAK through SQL', () => {
  it('speaks of a streak of 7 days or more reaching the week\'s Sunday, with the longest of all history', async () => {
    const streaker = await createUser(t.db, orgId, { role: 'athlete', name: 'Sam Streak', timezone: 'Europe/London' });
    // 10 days in a row back in January, then 9 days from Saturday 7 to Sunday 15 March.
    const january = Array.from({ length: 10 }, (_, i) => run(`jan${i}`, `2026-01-${String(5 + i).padStart(2, '0')}T07:00:00Z`, 5000));
    const march = Array.from({ length: 9 }, (_, i) => run(`mar${i}`, `2026-03-${String(7 + i).padStart(2, '0')}T07:00:00Z`, 5000));
    expect((await execute<any, any>(plain, coach, INGEST, { athleteId: String(streaker), activities: [...january, ...march] })).errors).toBeUndefined();
    const read = await execute<any, any>(plain, coach, INSIGHTS, { id: String(streaker) });
    const streak = read.data.athlete.insights.weeklySummary.sentences.find((s: { rule: string }) => s.rule === 'STREAK');
    expect(streak).toMatchObject({ text: '9 days in a row with a run up to Sun 15 Mar (longest: 10 days).', inputs: [{ name: 'current', value: 9, unit: 'DAYS' }, { name: 'longest', value: 10, unit: 'DAYS' }] });
    // Ivy ran on 2 days of the week: no streak, and no sentence about one.
    const ivyRead = await execute<any, any>(plain, coach, INSIGHTS, { id: String(ivy) });
    expect(ivyRead.data.athlete.insights.weeklySummary.sentences.map((s: { rule: string }) => s.rule)).not.toContain('STREAK');
  });
});
