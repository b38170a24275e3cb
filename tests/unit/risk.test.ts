import fc from 'fast-check';
import { advanceRiskState, computeRisk, riskIndicators, riskState, riskStates, type RiskDay } from '../../src/domain/risk';
import { summarizeFitness } from '../../src/domain/fitness';

// The worked example of docs/metrics.md (Risk indicators); expected values computed by hand
// (closed forms noted), not by the code under test.
const day = (load: number, distanceM = 0, longestRunM = distanceM): RiskDay => ({ load, distanceM, longestRunM });
const lastWeekLoads = [40, 60, 40, 60, 40, 60, 50];
const lastWeekDistances = [8000, 10_000, 0, 12_000, 0, 20_000, 6000];
/** 21 days of load 40 and 5 km, then a week of [40, 60, 40, 60, 40, 60, 50] and 56 km. */
const EXAMPLE: RiskDay[] = [
  ...Array.from({ length: 21 }, () => day(40, 5000)),
  ...lastWeekLoads.map((load, i) => day(load, lastWeekDistances[i])),
];
const loadsOf = (days: RiskDay[]) => days.map((d) => d.load);

describe('the worked example', () => {
  const risk = computeRisk(EXAMPLE);

  it('rolling ACWR: 7-day mean 50 / 28-day mean (21 × 40 + 350) / 28 = 42.5', () => {
    expect(risk.acwrRolling).toBeCloseTo(50 / 42.5, 12);
  });

  it('EWMA ACWR: λa = 2/8, λc = 2/29 from zero; acute 49.5332, chronic 38.6431, the default', () => {
    // acute = Σ λa (1 − λa)^(27 − i) load_i, chronic likewise with λc.
    expect(risk.acwrEwma).toBeCloseTo(49.533199266643464 / 38.64311742732309, 12);
    expect(risk.acwrEwma).toBeCloseTo(1.281811679914323, 12);
    expect(risk.acwr).toBe(risk.acwrEwma);
  });

  it("Foster's monotony 50 / √(600 / 7) = 5.4006 and strain 350 × monotony = 1890.22", () => {
    expect(risk.monotony).toBeCloseTo(50 / Math.sqrt(600 / 7), 12);
    expect(risk.weeklyLoad).toBe(350);
    expect(risk.strain).toBeCloseTo(350 * 50 / Math.sqrt(600 / 7), 9);
  });

  it('ramp rate: CTL 21.0140 today − 15.7388 seven days ago, as summarizeFitness says', () => {
    expect(risk.rampRate).toBeCloseTo(5.275198642728666, 12);
    expect(risk.rampRate).toBeCloseTo(summarizeFitness(loadsOf(EXAMPLE)).rampRate, 12);
    expect(risk.ctlWeekAgo).toBeCloseTo(15.738773611494645, 12);
    expect(risk.weeklyRamp).toBeCloseTo(5.275198642728666 / 15.738773611494645, 12);
  });

  it('week-over-week distance (56 − 35) / 35 = 0.6 and long-run share 20 / 56', () => {
    expect(risk.weeklyDistanceM).toBe(56_000);
    expect(risk.weeklyDistanceChange).toBeCloseTo(0.6, 12);
    expect(risk.longRunShare).toBeCloseTo(20 / 56, 12);
  });
});

describe('each formula alone', () => {
  it('after three weeks of 10 and a week off, rolling ACWR is 0 and EWMA is not', () => {
    const risk = computeRisk([...Array.from({ length: 21 }, () => day(10)), ...Array.from({ length: 7 }, () => day(0))]);
    expect(risk.acwrRolling).toBe(0); // 0 / (210 / 28)
    // EWMA keeps weight on the old weeks: 10 (1 − 0.75^21) 0.75^7 over 10 (1 − (27/29)^21) (27/29)^7.
    expect(risk.acwrEwma).toBeCloseTo(((1 - 0.75 ** 21) * 0.75 ** 7) / ((1 - (27 / 29) ** 21) * (27 / 29) ** 7), 12);
    expect(risk.monotony).toBeNull();
  });

  it('EWMA ACWR under a constant load: (1 − 0.75^n) / (1 − (27/29)^n)', () => {
    const risk = computeRisk(Array.from({ length: 30 }, () => day(100)));
    expect(risk.acwrEwma).toBeCloseTo((1 - 0.75 ** 30) / (1 - (27 / 29) ** 30), 12);
    expect(risk.acwrRolling).toBe(1);
  });

  it('monotony of one run a week: mean 100/7 over SD √(6) × 100 / 7', () => {
    const risk = computeRisk([day(0), day(0), day(0), day(100), day(0), day(0), day(0)]);
    // Deviations: 6 × (−100/7) and 600/7, so SD = √((6 · 100² + 600²) / 7³) = 100 √6 / 7.
    expect(risk.monotony).toBeCloseTo((100 / 7) / (100 * Math.sqrt(6) / 7), 12);
    expect(risk.strain).toBeCloseTo(100 / Math.sqrt(6), 12);
  });

  it('long-run share takes the longest single run, not the longest day', () => {
    const risk = computeRisk([day(0, 0), day(0, 12_000, 7000), day(0, 8000, 8000)]);
    expect(risk.longRunShare).toBeCloseTo(8000 / 20_000, 12);
  });
});

describe('nulls', () => {
  it('ACWR needs 28 days of history: 27 is null, 28 is a number', () => {
    const days = Array.from({ length: 28 }, () => day(50));
    expect(computeRisk(days.slice(1)).acwrRolling).toBeNull();
    expect(computeRisk(days.slice(1)).acwrEwma).toBeNull();
    expect(computeRisk(days).acwrRolling).toBe(1);
  });

  it('ACWR is null with no load in 28 days; monotony and strain with an SD of 0', () => {
    const risk = computeRisk(Array.from({ length: 40 }, () => day(0, 3000)));
    expect(risk).toMatchObject({ acwr: null, acwrRolling: null, acwrEwma: null, monotony: null, strain: null, rampRate: 0, weeklyRamp: null });
    expect(computeRisk(Array.from({ length: 7 }, () => day(30))).monotony).toBeNull();
  });

  it('distance change is null without distance the week before; long-run share without distance this week', () => {
    expect(computeRisk([day(10, 5000)]).weeklyDistanceChange).toBeNull();
    expect(computeRisk([day(10, 5000), ...Array.from({ length: 7 }, () => day(0))]).longRunShare).toBeNull();
    expect(computeRisk([day(10, 5000), ...Array.from({ length: 7 }, () => day(0))]).weeklyDistanceChange).toBe(-1);
  });

  it('no history at all', () => {
    expect(computeRisk([])).toMatchObject({ acwr: null, monotony: null, strain: null, rampRate: 0, weeklyDistanceChange: null, longRunShare: null, weeklyLoad: 0 });
  });
});

describe('the cached state', () => {
  const dayArb = fc.record({
    load: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 300, noNaN: true })),
    distanceM: fc.integer({ min: 0, max: 40_000 }),
  }).map(({ load, distanceM }) => day(load, distanceM, Math.round(distanceM * 0.8)));

  it('answers null, not Infinity, for a ratio over a load decayed to a subnormal (a property run found it)', () => {
    const indicators = riskIndicators(advanceRiskState(riskState([day(1.1e-322), day(4.354632306378246e-14), day(0)]), 5));
    expect(indicators.weeklyRamp).toBeNull();
    for (const value of Object.values(indicators)) expect(value === null || Number.isFinite(value)).toBe(true);
  });

  it('shifted over days without runs equals the computation over the full history', () => {
    fc.assert(fc.property(fc.array(dayArb, { minLength: 1, maxLength: 80 }), fc.integer({ min: 0, max: 120 }), (days, rest) => {
      const expected = computeRisk([...days, ...Array.from({ length: rest }, () => day(0))]);
      const fromCache = riskIndicators(advanceRiskState(riskState(days), rest));
      for (const [key, value] of Object.entries(fromCache)) {
        const want = expected[key as keyof typeof expected];
        if (want === null || value === null) expect({ key, value }).toEqual({ key, value: want });
        else expect(Math.abs((value as number) - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
      }
    }), { numRuns: 200 });
  });

  it('the series holds one state per day, the last being riskState', () => {
    const states = riskStates(EXAMPLE);
    expect(states).toHaveLength(28);
    expect(states[27]).toEqual(riskState(EXAMPLE));
    expect(computeRisk(EXAMPLE.slice(0, 10)).weeklyLoad).toBe(280);
  });
});
