import { expandTemplate, planEnded, planLastDate, templateProblem, workoutProblem, type TemplateDay } from '../../src/domain/plan';

const easy = (day: number, distanceM: number | null = 8000): TemplateDay => ({ day, kind: 'easy', distanceM });

describe('plan templates', () => {
  it('puts week i, day d on start + 7i + d − 1, whatever the start weekday, ordered by date', () => {
    // 2026-11-04 is a Wednesday: day 1 is the Wednesday, day 7 the Tuesday after.
    const workouts = expandTemplate('2026-11-04', [
      [easy(7), { day: 1, kind: 'rest' }, { day: 3, kind: 'long', distanceM: 20000, description: 'steady' }],
      [],
      [{ day: 2, kind: 'tempo', durationS: 2400 }, easy(2, 3000)],
    ]);
    expect(workouts).toEqual([
      { date: '2026-11-04', kind: 'rest', distanceM: null, durationS: null, description: null },
      { date: '2026-11-06', kind: 'long', distanceM: 20000, durationS: null, description: 'steady' },
      { date: '2026-11-10', kind: 'easy', distanceM: 8000, durationS: null, description: null },
      { date: '2026-11-19', kind: 'tempo', distanceM: null, durationS: 2400, description: null },
      { date: '2026-11-19', kind: 'easy', distanceM: 3000, durationS: null, description: null },
    ]);
  });

  it('refuses 0 or 53 weeks, days outside 1..7, too many workouts a week, amounts out of bounds and a rest day with amounts', () => {
    expect(templateProblem([])).toMatch(/1\.\.52 weeks; got 0/);
    expect(templateProblem(Array.from({ length: 53 }, () => []))).toMatch(/got 53/);
    expect(templateProblem(Array.from({ length: 52 }, () => []))).toBeNull();
    expect(templateProblem([[easy(0)]])).toBe('template[0][0].day must be between 1 and 7; got 0');
    expect(templateProblem([[], [easy(1), easy(8)]])).toBe('template[1][1].day must be between 1 and 7; got 8');
    expect(templateProblem([Array.from({ length: 15 }, () => easy(1))])).toMatch(/at most 14 workouts/);
    expect(templateProblem([[easy(1, 100001)]])).toMatch(/template\[0\]\[0\]\.distance must be between 0 and 100000 m/);
    expect(templateProblem([[easy(1, -1)]])).toMatch(/distance/);
    expect(templateProblem([[easy(1, 100000)]])).toBeNull();
    expect(templateProblem([[{ day: 1, kind: 'easy', durationS: 36001 }]])).toMatch(/duration must be between 1 and 36000 s/);
    expect(templateProblem([[{ day: 1, kind: 'easy', durationS: 0 }]])).toMatch(/duration/);
    expect(templateProblem([[{ day: 1, kind: 'rest', durationS: 600 }]])).toMatch(/null on a REST day: a rest day plans nothing/);
    expect(templateProblem([[{ day: 1, kind: 'cross' }]])).toBeNull();
    expect(workoutProblem({ kind: 'easy', distanceM: null, durationS: null, description: 'x'.repeat(501) }, '')).toMatch(/at most 500/);
  });

  it('says when a plan is over: the day after its last week', () => {
    expect(planLastDate('2026-11-02', 2)).toBe('2026-11-15');
    expect(planEnded('2026-11-02', 2, '2026-11-15')).toBe(false);
    expect(planEnded('2026-11-02', 2, '2026-11-16')).toBe(true);
  });
});
