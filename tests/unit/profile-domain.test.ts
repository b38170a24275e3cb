import { formatDuration, predictRaceTime, vdotFromRace } from '../../src/domain/vdot';
import { fitnessSeries, summarizeFitness } from '../../src/domain/fitness';
import { planProgress, planWeek } from '../../src/domain/plan';
import { dataQuality, NO_RUNS_NOTE } from '../../src/domain/quality';
import { attentionSignals, type SignalInputs } from '../../src/domain/signals';

describe('VDOT (Daniels-Gilbert)', () => {
  it('matches the published vectors', () => {
    expect(vdotFromRace(10_000, 40 * 60)).toBeCloseTo(51.94, 2);
    expect(vdotFromRace(5000, 20 * 60)).toBeCloseTo(49.81, 2);
  });

  it('predicts the time whose VDOT is the athlete’s, to the second', () => {
    expect(predictRaceTime(vdotFromRace(10_000, 2400), 10_000)).toBeCloseTo(2400, 0);
    // A 49.81 runner (20:00 5K) runs a marathon in about 3:12:00 by the same formula.
    const marathon = predictRaceTime(49.81, 42_195);
    expect(vdotFromRace(42_195, marathon)).toBeCloseTo(49.81, 3);
    expect(formatDuration(marathon)).toMatch(/^3:1\d:\d\d$/);
  });

  it('formats h:mm:ss', () => {
    expect(formatDuration(2400)).toBe('0:40:00');
    expect(formatDuration(3 * 3600 + 5 * 60 + 7)).toBe('3:05:07');
  });
});

describe('fitness (CTL/ATL/TSB)', () => {
  it('reaches 63.21 after 42 days of a constant load of 100 from zero', () => {
    const series = fitnessSeries(Array(42).fill(100));
    expect(series[41].ctl).toBeCloseTo(63.21, 2);
    expect(series[41].atl).toBeCloseTo(100 * (1 - Math.exp(-6)), 6);
  });

  it('reports form as yesterday’s CTL minus yesterday’s ATL, and the 7-day ramp', () => {
    const loads = [...Array(30).fill(50), 0, 120];
    const series = fitnessSeries(loads);
    const summary = summarizeFitness(loads);
    expect(summary.tsb).toBeCloseTo(series[30].ctl - series[30].atl, 10);
    expect(summary.rampRate).toBeCloseTo(series[31].ctl - series[24].ctl, 10);
    expect(summary).toMatchObject({ ctlDays: 42, atlDays: 7 });
  });
});

describe('training plan', () => {
  it('counts weeks from the start date and clamps to the plan', () => {
    expect(planWeek('2026-03-02', '2026-03-02', 12)).toBe(1);
    expect(planWeek('2026-03-02', '2026-03-08', 12)).toBe(1);
    expect(planWeek('2026-03-02', '2026-03-09', 12)).toBe(2);
    expect(planWeek('2026-03-02', '2026-02-20', 12)).toBe(1);
    expect(planWeek('2026-03-02', '2027-03-02', 12)).toBe(12);
    expect(planProgress(3, 4)).toBe(0.75);
    expect(planProgress(0, 0)).toBeNull();
  });
});

describe('data quality', () => {
  const all = {
    hasPaceZones: true, hasHrZones: true, hasHrMaxAndRest: true, hasThresholdPace: true, hasVdot: true,
    hasConnectedIntegration: true, hasTimezone: true, hasUnitSystem: true, hasRecentRuns: true, hasAnyRun: true,
  };

  it('weights the items 15/10/15/10/10/15/10/5/10 and lists each as met or missing', () => {
    expect(dataQuality(all)).toMatchObject({ score: 100, note: null });
    const partial = dataQuality({ ...all, hasVdot: false, hasUnitSystem: false, hasHrMaxAndRest: false });
    expect(partial.score).toBe(70);
    expect(partial.items.filter((i) => !i.met).map((i) => [i.key, i.weight])).toEqual([['HR_MAX_REST', 15], ['VDOT', 10], ['UNIT_SYSTEM', 5]]);
    const none = Object.fromEntries(Object.keys(all).map((k) => [k, false])) as unknown as typeof all;
    expect(dataQuality(none).score).toBe(0);
  });

  it('cannot reach 100 without runs, and says what the score means then', () => {
    const noRuns = dataQuality({ ...all, hasRecentRuns: false, hasAnyRun: false });
    expect(noRuns.score).toBe(90);
    expect(noRuns.note).toBe(NO_RUNS_NOTE);
    expect(dataQuality({ ...all, hasRecentRuns: false }).note).toBeNull();
  });
});

describe('attention signals', () => {
  const quiet: SignalInputs = {
    hrv: { previousLnMean: Math.log(60), previousCount: 5, currentLnMean: Math.log(60), currentCount: 5, baselineSd: 0.1 },
    recovery: { previous: 70, current: 70 },
    vo2max: { previous: 50, current: 50 },
  };
  const ln = (ms: number) => Math.log(ms);

  it('fires nothing on a steady week', () => {
    expect(attentionSignals(quiet)).toEqual([]);
  });

  it('fires HRV beyond 1.0 SD of the baseline, not below it', () => {
    const at = { ...quiet, hrv: { ...quiet.hrv, currentLnMean: ln(60) - 0.099 } };
    expect(attentionSignals(at)).toEqual([]);
    const beyond = { ...quiet, hrv: { ...quiet.hrv, currentLnMean: ln(60) - 0.11 } };
    const [hrv] = attentionSignals(beyond);
    // 60 × e^(−0.11) = 53.75 ms.
    expect(hrv).toMatchObject({ metric: 'HRV', previous: 60, current: 53.75, change: -6.25, direction: 'DOWN', severity: 'MEDIUM' });
    expect(hrv.reason).toBe('HRV fell from 60 ms to 53.8 ms week over week: 1.1 SD of the 60-day baseline (threshold 1 SD, 5 and 5 readings).');
    const big = attentionSignals({ ...quiet, hrv: { ...quiet.hrv, currentLnMean: ln(60) - 0.25 } });
    expect(big[0].severity).toBe('HIGH');
  });

  it('needs at least 4 HRV readings in each week', () => {
    const few = { ...quiet, hrv: { ...quiet.hrv, currentLnMean: ln(40), currentCount: 3 } };
    expect(attentionSignals(few)).toEqual([]);
    expect(attentionSignals({ ...few, hrv: { ...few.hrv, currentCount: 4 } })).toHaveLength(1);
  });

  it('fires recovery at a move of 15 points, not 14.9', () => {
    expect(attentionSignals({ ...quiet, recovery: { previous: 70, current: 55.1 } })).toEqual([]);
    const [recovery] = attentionSignals({ ...quiet, recovery: { previous: 70, current: 55 } });
    expect(recovery).toMatchObject({ metric: 'RECOVERY_SCORE', change: -15, direction: 'DOWN', severity: 'MEDIUM' });
    expect(recovery.reason).toBe('Recovery score fell by 15 points week over week, from 70 to 55 (threshold 15 points).');
  });

  it('fires VO2max at 1.5, rises are LOW, and thresholds come from settings', () => {
    expect(attentionSignals({ ...quiet, vo2max: { previous: 50, current: 51.4 } })).toEqual([]);
    expect(attentionSignals({ ...quiet, vo2max: { previous: 50, current: 51.5 } })[0]).toMatchObject({ metric: 'VO2MAX', direction: 'UP', severity: 'LOW' });
    expect(attentionSignals({ ...quiet, vo2max: { previous: 50, current: 51.5 } }, { hrvSd: 0.5, recoveryPoints: 10, vo2max: 2 })).toEqual([]);
  });

  it('stays quiet without readings', () => {
    expect(attentionSignals({ hrv: { previousLnMean: null, previousCount: 0, currentLnMean: null, currentCount: 0, baselineSd: null }, recovery: { previous: null, current: 60 }, vo2max: { previous: 50, current: null } })).toEqual([]);
  });
});

// The insight rules and generators: tests/unit/insight-rules.test.ts and insight-generator.test.ts.
