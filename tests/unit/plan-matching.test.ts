import fc from 'fast-check';
import { complianceStatus, matchWorkouts, type DayRun, type PlannedWorkout } from '../../src/domain/plan-matching';
import { weeklyCompliance } from '../../src/domain/plan';

const workout = (id: number, date: string, kind: PlannedWorkout['kind'], km: number | null, minutes: number | null = null): PlannedWorkout => ({
  id, date, kind, plannedDistanceM: km === null ? null : km * 1000, plannedDurationS: minutes === null ? null : minutes * 60,
});
const run = (id: number, date: string, km: number, minutes = km * 5): DayRun => ({ id, date, distanceM: km * 1000, movingS: minutes * 60 });

describe('matching planned workouts to runs', () => {
  it('takes the run of the day closest to the plan, by ratio', () => {
    const matches = matchWorkouts([workout(1, '2026-11-02', 'tempo', 10)], [run(11, '2026-11-02', 5), run(12, '2026-11-02', 9), run(13, '2026-11-02', 11.5), run(14, '2026-11-03', 10)]);
    // 9 km is 0.90 (log distance 0.105), 11.5 km is 1.15 (0.140): 9 km is closer.
    expect(matches).toEqual([{ workoutId: 1, activityId: 12, score: 0.9 }]);
  });

  it('compares by duration when only a duration is planned, and takes the longest run when nothing is', () => {
    expect(matchWorkouts([workout(1, '2026-11-02', 'easy', null, 60)], [run(11, '2026-11-02', 10, 50), run(12, '2026-11-02', 8, 62)])).toEqual([
      { workoutId: 1, activityId: 12, score: 62 / 60 },
    ]);
    expect(matchWorkouts([workout(1, '2026-11-02', 'race', null)], [run(11, '2026-11-02', 5), run(12, '2026-11-02', 21.1), run(13, '2026-11-02', 21.1)])).toEqual([
      { workoutId: 1, activityId: 12, score: null },
    ]);
  });

  it('never lets one run complete two workouts: the bigger workout of the day chooses first', () => {
    const matches = matchWorkouts([workout(1, '2026-11-02', 'easy', 6), workout(2, '2026-11-02', 'long', 20)], [run(11, '2026-11-02', 18)]);
    expect(matches).toEqual([
      { workoutId: 1, activityId: null, score: null },
      { workoutId: 2, activityId: 11, score: 0.9 },
    ]);
  });

  it('never matches a run to a rest day', () => {
    expect(matchWorkouts([workout(1, '2026-11-02', 'rest', null)], [run(11, '2026-11-02', 8)])).toEqual([{ workoutId: 1, activityId: null, score: null }]);
  });

  it('keeps every run to at most one workout and every non-rest workout to a run of its own day, for any plan and runs', () => {
    const day = fc.constantFrom('2026-11-02', '2026-11-03', '2026-11-04');
    const workouts = fc.uniqueArray(
      fc.record({ id: fc.integer({ min: 1, max: 50 }), date: day, kind: fc.constantFrom('easy', 'long', 'rest', 'tempo'), km: fc.option(fc.integer({ min: 1, max: 30 })) }),
      { selector: (w) => w.id, maxLength: 12 },
    );
    const runs = fc.uniqueArray(fc.record({ id: fc.integer({ min: 100, max: 150 }), date: day, km: fc.integer({ min: 1, max: 35 }) }), { selector: (r) => r.id, maxLength: 12 });
    fc.assert(
      fc.property(workouts, runs, (ws, rs) => {
        const planned = ws.map((w) => workout(w.id, w.date, w.kind as PlannedWorkout['kind'], w.km));
        const done = rs.map((r) => run(r.id, r.date, r.km));
        const matches = matchWorkouts(planned, done);
        const used = matches.map((m) => m.activityId).filter((id) => id !== null);
        expect(new Set(used).size).toBe(used.length);
        for (const m of matches) {
          const w = planned.find((p) => p.id === m.workoutId)!;
          if (m.activityId !== null) expect(done.find((r) => r.id === m.activityId)!.date).toBe(w.date);
          if (w.kind === 'rest') expect(m.activityId).toBeNull();
        }
        // A workout left without a run means its day had no free run left.
        for (const date of new Set(planned.map((p) => p.date))) {
          const open = matches.filter((m) => m.activityId === null && planned.find((p) => p.id === m.workoutId)!.kind !== 'rest' && planned.find((p) => p.id === m.workoutId)!.date === date);
          const runsOfDay = done.filter((r) => r.date === date).length;
          const usedOfDay = used.filter((id) => done.find((r) => r.id === id)!.date === date).length;
          if (open.length) expect(usedOfDay).toBe(runsOfDay);
        }
      }),
    );
  });
});

describe('compliance status', () => {
  const today = '2026-11-10';
  it.each([
    [0.8, 'COMPLETED'], [1, 'COMPLETED'], [1.2, 'COMPLETED'], [0.79, 'PARTIAL'], [0.5, 'PARTIAL'], [1.21, 'PARTIAL'], [0.49, 'MISSED'], [null, 'COMPLETED'],
  ] as const)('a matched run at score %p is %s', (score, status) => {
    expect(complianceStatus({ date: '2026-11-09', kind: 'easy' }, { activityId: 7, score }, today, true)).toBe(status);
  });

  it('is missed once the day is over without a run, and pending until then', () => {
    expect(complianceStatus({ date: '2026-11-09', kind: 'easy' }, { activityId: null, score: null }, today, false)).toBe('MISSED');
    expect(complianceStatus({ date: today, kind: 'easy' }, { activityId: null, score: null }, today, false)).toBe('PENDING');
    expect(complianceStatus({ date: '2026-11-11', kind: 'long' }, { activityId: null, score: null }, today, false)).toBe('PENDING');
  });

  it('calls a rest day with a run an unplanned run', () => {
    expect(complianceStatus({ date: '2026-11-09', kind: 'rest' }, { activityId: null, score: null }, today, true)).toBe('UNPLANNED_RUN');
    expect(complianceStatus({ date: '2026-11-09', kind: 'rest' }, { activityId: null, score: null }, today, false)).toBe('REST');
    expect(complianceStatus({ date: '2026-11-12', kind: 'rest' }, { activityId: null, score: null }, today, false)).toBe('PENDING');
  });
});

describe('weekly compliance', () => {
  it('counts each plan week by status on today, rest days apart, and leaves out workouts outside the plan', () => {
    const facts = (date: string, kind: PlannedWorkout['kind'], activityId: number | null, score: number | null, ran = activityId !== null) => ({ date, kind, activityId, score, ran });
    const weeks = weeklyCompliance('2026-11-02', 2, [
      facts('2026-11-01', 'easy', null, null), // before the plan
      facts('2026-11-02', 'easy', 1, 1.05),
      facts('2026-11-04', 'tempo', 2, 0.6),
      facts('2026-11-06', 'easy', null, null),
      facts('2026-11-07', 'rest', null, null, true),
      facts('2026-11-08', 'long', 3, 0.3),
      facts('2026-11-10', 'easy', null, null), // today
      facts('2026-11-11', 'rest', null, null),
      facts('2026-11-15', 'long', null, null),
      facts('2026-11-16', 'easy', null, null), // after the plan
    ], '2026-11-10');
    expect(weeks).toEqual([
      { week: 1, startDate: '2026-11-02', planned: 4, due: 4, completed: 1, partial: 1, missed: 2, pending: 0, unplannedRuns: 1 },
      { week: 2, startDate: '2026-11-09', planned: 2, due: 1, completed: 0, partial: 0, missed: 0, pending: 2, unplannedRuns: 0 },
    ]);
  });
});
