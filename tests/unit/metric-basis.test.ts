import { estimatedInputsOf, runCoverage, totalsCoverage } from '../../src/domain/metric-basis';
import { resolveLoadBasis } from '../../src/domain/load-basis';

const estimate = (value: number) => ({ value, readings: 5, since: '2026-11-01' });

describe('coverage of a window of runs', () => {
  it('counts days with runs, the share of moving time with HR, and runs per method, most first', () => {
    const coverage = runCoverage(42, [
      { date: '2026-11-01', method: 'trimp', movingS: 3000, hasHr: true },
      { date: '2026-11-01', method: 'duration', movingS: 1000, hasHr: false },
      { date: '2026-11-03', method: 'trimp', movingS: 2000, hasHr: true },
      { date: '2026-11-05', method: 'pace', movingS: 4000, hasHr: false },
    ]);
    // 5,000 of 10,000 moving seconds with HR.
    expect(coverage).toEqual({
      windowDays: 42, daysWithData: 3, runs: 4, hrShare: 0.5, readings: null,
      loadMethods: [{ method: 'trimp', runs: 2 }, { method: 'duration', runs: 1 }, { method: 'pace', runs: 1 }],
    });
    expect(runCoverage(7, [])).toEqual({ windowDays: 7, daysWithData: 0, runs: 0, hrShare: null, loadMethods: [], readings: null });
  });

  it('from rollup sums: HR share of moving time, no methods', () => {
    expect(totalsCoverage(28, { daysWithData: 12, runs: 14, movingS: 40_000, hrS: 30_000 })).toEqual({
      windowDays: 28, daysWithData: 12, runs: 14, hrShare: 0.75, loadMethods: null, readings: null,
    });
  });
});

describe('estimated inputs a number rests on', () => {
  const basis = resolveLoadBasis(
    { sex: null, hrMax: null, hrRest: 50, thresholdPaceSPerKm: null, vdot: null },
    { hrMax: estimate(190), hrRest: null, vdot: estimate(48) },
  );

  it('names those of the load methods in it', () => {
    expect(estimatedInputsOf(basis, [{ method: 'trimp', runs: 3 }])).toEqual(['hrMax']);
    expect(estimatedInputsOf(basis, [{ method: 'pace', runs: 1 }])).toEqual(['thresholdPace', 'vdot']);
    expect(estimatedInputsOf(basis, [{ method: 'duration', runs: 4 }, { method: 'session_rpe', runs: 1 }])).toEqual([]);
  });

  it('names every estimated one when the methods are not known, and none that was set', () => {
    expect(estimatedInputsOf(basis, null)).toEqual(['hrMax', 'thresholdPace', 'vdot']);
    const set = resolveLoadBasis({ sex: null, hrMax: 190, hrRest: 50, thresholdPaceSPerKm: 270, vdot: null }, { hrMax: null, hrRest: null, vdot: estimate(48) });
    expect(estimatedInputsOf(set, null)).toEqual([]);
  });
});
