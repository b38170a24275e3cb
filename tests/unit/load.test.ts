import { banisterTrimp, durationLoad, paceLoad, sessionRpeLoad, trainingLoad } from '../../src/domain/load';

describe('Banister TRIMP', () => {
  // 60 min, HRavg 150, rest 50, max 190: r = 100/140 = 0.714286
  it('uses 0.64 e^(1.92 r) for men', () => {
    expect(banisterTrimp(3600, 150, 50, 190, 'male')).toBeCloseTo(108.0954, 3);
  });

  it('uses 0.86 e^(1.67 r) for women', () => {
    expect(banisterTrimp(3600, 150, 50, 190, 'female')).toBeCloseTo(121.4991, 3);
  });

  it('takes the mean of both formulas when sex is unknown', () => {
    expect(banisterTrimp(3600, 150, 50, 190, null)).toBeCloseTo((108.0954 + 121.4991) / 2, 3);
  });

  it('clamps the reserve fraction to 0..1', () => {
    expect(banisterTrimp(1800, 45, 50, 190, 'male')).toBe(0);
    expect(banisterTrimp(1800, 210, 50, 190, 'male')).toBeCloseTo(30 * 0.64 * Math.exp(1.92), 6);
  });
});

describe('pace-based load', () => {
  it('is 100 for one hour at threshold', () => {
    // 12 km in 3600 s at a 300 s/km threshold: IF = 1
    expect(paceLoad(3600, 12000, 300)).toBeCloseTo(100, 10);
  });

  it('scales with the square of intensity', () => {
    // 30 min at 10 km/h against a 4:00/km (15 km/h) threshold: IF = 2/3, 0.5 h x 4/9 x 100
    expect(paceLoad(1800, 5000, 240)).toBeCloseTo(22.2222, 3);
  });
});

describe('trainingLoad method choice', () => {
  const run = { movingS: 3600, distanceM: 12000, avgHr: 150 };
  const full = { sex: 'male' as const, hrMax: 190, hrRest: 50, thresholdPaceSPerKm: 300 };

  it('prefers TRIMP when HR and the athlete’s HR max and rest are known', () => {
    expect(trainingLoad(run, full)).toEqual({ load: expect.closeTo(108.0954, 3), method: 'trimp' });
  });

  it('falls back to pace when the run has no HR', () => {
    expect(trainingLoad({ ...run, avgHr: null }, full)).toEqual({ load: expect.closeTo(100, 6), method: 'pace' });
  });

  it('falls back to pace when the athlete has no HR rest', () => {
    expect(trainingLoad(run, { ...full, hrRest: null }).method).toBe('pace');
  });

  it('takes session RPE without HR data or a threshold pace: 60 min × RPE 6 = 360', () => {
    expect(trainingLoad({ ...run, avgHr: null, rpe: 6 }, { ...full, thresholdPaceSPerKm: null })).toEqual({ load: 360, method: 'session_rpe' });
  });

  it('prefers HR and pace to RPE', () => {
    expect(trainingLoad({ ...run, rpe: 6 }, full).method).toBe('trimp');
    expect(trainingLoad({ ...run, avgHr: null, rpe: 6 }, full).method).toBe('pace');
  });

  it('ends in the duration estimate, never in no load', () => {
    // 60 min × ((0.6·0.64·e^(1.152) + 0.6·0.86·e^(1.002)) / 2) = 60 × 1.310308
    expect(trainingLoad({ ...run, avgHr: null }, { ...full, thresholdPaceSPerKm: null })).toEqual({ load: expect.closeTo(78.6185, 3), method: 'duration' });
    expect(trainingLoad({ movingS: 0, distanceM: 0, avgHr: null }, full)).toEqual({ load: 0, method: 'duration' });
  });
});

describe("Foster's session RPE and the duration estimate", () => {
  it('session RPE is minutes × RPE (45 min at 7 = 315; RPE 0 = 0)', () => {
    expect(sessionRpeLoad(2700, 7)).toBe(315);
    expect(sessionRpeLoad(2700, 0)).toBe(0);
  });

  it('the duration estimate is 1.310308 per minute: the TRIMP of 60% of reserve, sex unknown', () => {
    expect(durationLoad(60)).toBeCloseTo(1.310308, 5);
    expect(durationLoad(60)).toBeCloseTo(banisterTrimp(60, 50 + 0.6 * 140, 50, 190, null), 9);
  });
});

describe('published TRIMP vector', () => {
  it('30 min at 130 bpm, rest 40, max 200, male = 31.80', () => {
    expect(banisterTrimp(1800, 130, 40, 200, 'male')).toBeCloseTo(31.8, 2);
  });
});
