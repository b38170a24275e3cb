import { goalRaceProblem, raceDistanceProblem, standardDistancesOf } from '../../src/domain/race-names';
import { zoneBoundsProblem } from '../../src/domain/zones';
import { applySettingsPatch, settingsConflict, settingsPatchProblem, type SettingsValues } from '../../src/domain/athlete-settings';

const metresOf = (name: string) => standardDistancesOf(name).map((d) => d.metres);

describe('standard distances in race names', () => {
  it.each([
    ['Boston Marathon', [42_195]],
    ['BERLIN MARATHON', [42_195]],
    ['Bristol Half Marathon', [21_097.5]],
    ['Great North Half-Marathon', [21_097.5]],
    ['Bath Half', [21_097.5]],
    ['Parkrun 5K', [5_000]],
    ['Park run 5 km', [5_000]],
    ['Turkey Trot 5km', [5_000]],
    ['Bay 10K', [10_000]],
    ['Bay 10 km', [10_000]],
    ['Half Moon Bay 10K', [21_097.5, 10_000]],
    ['Comrades Ultra Marathon', []],
    ['Ultramarathon du Mont', []],
    ['Marathonlauf', []],
    ['15K Classic', []],
    ['2.5K fun run', []],
    ['Club Championship', []],
    ['Track mile', []],
  ])('%s', (name, expected) => {
    expect(metresOf(name)).toEqual(expected);
  });
});

describe('raceDistanceProblem', () => {
  it('accepts the standard distances and anything within ±1%', () => {
    expect(raceDistanceProblem('Marathon', 42_195)).toBeNull();
    expect(raceDistanceProblem('Marathon', 42_195 * 0.99)).toBeNull();
    expect(raceDistanceProblem('Marathon', 42_195 * 1.01)).toBeNull();
    expect(raceDistanceProblem('Half Marathon', 21_097.5)).toBeNull();
    expect(raceDistanceProblem('half', 21_100)).toBeNull();
    expect(raceDistanceProblem('5K', 5_000)).toBeNull();
    expect(raceDistanceProblem('5 km', 4_950)).toBeNull();
    expect(raceDistanceProblem('10K', 10_100)).toBeNull();
    expect(raceDistanceProblem('Half Moon Bay 10K', 10_000)).toBeNull();
  });

  it('refuses a distance that contradicts the name, naming the expected one', () => {
    expect(raceDistanceProblem('Marathon', 21_100)).toBe(
      'distance 21,100 m contradicts the event name "Marathon": a marathon is 42,195 m (±1%: 41,774 m..42,616 m); a name without a standard distance takes any distance',
    );
    expect(raceDistanceProblem('Marathon', 42_195 * 0.989)).not.toBeNull();
    expect(raceDistanceProblem('City 5K', 10_000)).toMatch(/a 5K is 5,000 m \(±1%: 4,950 m\.\.5,050 m\)/);
    expect(raceDistanceProblem('Bath Half', 42_195)).toMatch(/a half marathon is 21,097.5 m \(±1%: 20,887 m\.\.21,308 m\)/);
    expect(raceDistanceProblem('10K', 5_000)).toMatch(/a 10K is 10,000 m/);
  });

  it('leaves custom names free', () => {
    expect(raceDistanceProblem('Comrades Ultra Marathon', 89_000)).toBeNull();
    expect(raceDistanceProblem('Club 15K', 15_000)).toBeNull();
    expect(raceDistanceProblem('Track mile', 1_609)).toBeNull();
  });

  it('checks the distance and goal time ranges first', () => {
    expect(goalRaceProblem({ eventName: 'Marathon', distanceM: 50, goalTimeS: null })).toBe('distance must be 100..1,000,000 metres; got 50');
    expect(goalRaceProblem({ eventName: 'Marathon', distanceM: 42_195, goalTimeS: 30 })).toBe('goalTime must be whole seconds, 60..604,800; got 30');
    expect(goalRaceProblem({ eventName: 'Marathon', distanceM: 42_195, goalTimeS: 3 * 3600 })).toBeNull();
  });
});

describe('zone bounds', () => {
  it('accepts five ascending HR starts and five descending pace starts (s/km)', () => {
    expect(zoneBoundsProblem('hr', [120, 140, 155, 168, 180])).toBeNull();
    expect(zoneBoundsProblem('pace', [330, 300, 275, 260, 245])).toBeNull();
  });

  it('refuses the wrong count, out-of-range bounds and overlapping or equal neighbours, stating the rule', () => {
    expect(zoneBoundsProblem('hr', [120, 140, 155, 168])).toBe('hrZones must be five bpm values where zones 1..5 start, strictly ascending, each 30..250; got 4 values');
    expect(zoneBoundsProblem('hr', [120, 140, 140, 168, 180])).toMatch(/strictly ascending.*hrZones\[2\] \(140\) does not follow hrZones\[1\] \(140\)/);
    expect(zoneBoundsProblem('hr', [120, 140, 155, 168, 300])).toMatch(/hrZones\[4\] is 300/);
    expect(zoneBoundsProblem('pace', [245, 260, 275, 300, 330])).toMatch(/slowest first \(strictly descending s\/km.*paceZones\[1\] \(260\) does not follow paceZones\[0\] \(245\)/);
    expect(zoneBoundsProblem('pace', [330, 300, 275, 260, 100])).toMatch(/each 120..1200; paceZones\[4\] is 100/);
  });
});

describe('athlete settings', () => {
  const none: SettingsValues = {
    hrMax: null, restingHr: null, thresholdHr: null, thresholdPace: null, paceZones: null, hrZones: null,
    vdot: null, sex: null, birthYear: null, unitSystem: null, timezone: null,
  };

  it('checks each field against its range', () => {
    expect(settingsPatchProblem({ hrMax: 231 }, 2026)).toBe('hrMax must be a whole number 100..230 bpm; got 231');
    expect(settingsPatchProblem({ restingHr: 24 }, 2026)).toBe('restingHr must be a whole number 25..120 bpm; got 24');
    expect(settingsPatchProblem({ thresholdPace: 100 }, 2026)).toBe('thresholdPace must be 120..900 s/km; got 100');
    expect(settingsPatchProblem({ vdot: 95 }, 2026)).toBe('vdot must be 15..90; got 95');
    expect(settingsPatchProblem({ birthYear: 2027 }, 2026)).toBe('birthYear must be a whole number 1900..2026; got 2027');
    expect(settingsPatchProblem({ hrMax: null, restingHr: 50, hrZones: [120, 140, 155, 168, 180] }, 2026)).toBeNull();
  });

  it('checks fields against each other only where a changed field is involved', () => {
    const stored = { ...none, hrMax: 180, restingHr: 190 };
    expect(settingsConflict(stored, new Set(['vdot']))).toBeNull();
    expect(settingsConflict(stored, new Set(['hrMax']))).toBe('restingHr (190) must be below hrMax (180)');
    expect(settingsConflict({ ...none, hrMax: 180, thresholdHr: 180 }, new Set(['thresholdHr']))).toBe('thresholdHr (180) must be below hrMax (180)');
    expect(settingsConflict({ ...none, restingHr: 60, thresholdHr: 60 }, new Set(['restingHr']))).toBe('thresholdHr (60) must be above restingHr (60)');
    expect(settingsConflict({ ...none, hrMax: 175, hrZones: [120, 140, 155, 168, 180] }, new Set(['hrZones']))).toBe('hrZones must start at or below hrMax (175); zone 5 starts at 180');
  });

  it('applies a patch: left out keeps, null clears, equal values are no change', () => {
    const current = { ...none, hrMax: 190, restingHr: 50, timezone: 'Europe/London' };
    const { merged, changes } = applySettingsPatch(current, { hrMax: 190, restingHr: null, hrZones: [120, 140, 155, 168, 180] });
    expect(merged).toEqual({ ...current, restingHr: null, hrZones: [120, 140, 155, 168, 180] });
    expect(changes).toEqual([
      { field: 'restingHr', oldValue: 50, newValue: null },
      { field: 'hrZones', oldValue: null, newValue: [120, 140, 155, 168, 180] },
    ]);
  });
});
