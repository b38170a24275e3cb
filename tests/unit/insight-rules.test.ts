import {
  activitySentences, groupSentences, weeklySentences, WEEKLY_RULES, GROUP_RULES, ACTIVITY_RULES, INSIGHT_RULES,
  type ActivityFacts, type GroupWeekFacts, type InsightSentence, type KeyWorkout, type WeeklyFacts,
} from '../../src/domain/insights';

// Each rule of the insight library with its exact text (docs/metrics.md, Insights).

// Week of Monday 16 to Sunday 22 November 2026: 5 runs, no ramp, an ordinary long run.
const base: WeeklyFacts = {
  weekStart: '2026-11-16',
  units: 'metric',
  week: { runs: 5, distanceM: 42_300, longestRunM: 15_000, load: 310, loadedRuns: 5 },
  previousWeek: { runs: 5, distanceM: 40_000, load: 300, loadedRuns: 5 },
  average: { runs: 4.5, distanceM: 37_800, longestRunM: 15_200, load: 287, loadedRuns: 4.5 },
  restingHrChange: null,
  hrv: { weekMs: null, weekReadings: 0, baselineMs: null, baselineSd: null, baselineReadings: 0 },
  keyWorkouts: [],
  form: null,
  race: null,
  streak: null,
};

const weekly = (patch: Partial<WeeklyFacts>) => weeklySentences({ ...base, ...patch });
const textOf = (sentences: InsightSentence[]) => sentences.map((s) => s.text).join(' ');
/** The one sentence of a rule, or undefined. */
const ruleOf = (sentences: InsightSentence[], rule: InsightSentence['rule']) => sentences.find((s) => s.rule === rule);

it('names every rule once, each in one of the libraries', () => {
  const named = [...WEEKLY_RULES, ...ACTIVITY_RULES, ...GROUP_RULES].map((r) => r.rule);
  expect([...named].sort()).toEqual([...INSIGHT_RULES].sort());
});

describe('weekly summary', () => {
  it('writes an ordinary week: volume, long run and load against the 4-week average', () => {
    const sentences = weeklySentences(base);
    expect(sentences.map((s) => [s.rule, s.severity])).toEqual([['WEEK_VOLUME', 'INFO'], ['LONG_RUN', 'INFO'], ['WEEK_LOAD', 'INFO']]);
    expect(textOf(sentences)).toBe(
      'Week of 16 Nov: 42.3 km over 5 runs, 12% more than the 4-week average of 37.8 km. Longest run 15.0 km, 35% of the week (4-week average 15.2 km). Training load 310, 8% more than the 4-week average of 287.',
    );
    expect(sentences[0].inputs).toEqual([
      { name: 'runs', value: 5, unit: 'COUNT' }, { name: 'distance', value: 42_300, unit: 'METRES' },
      { name: 'averageRuns', value: 4.5, unit: 'COUNT' }, { name: 'averageDistance', value: 37_800, unit: 'METRES' },
    ]);
  });

  describe('WEEK_VOLUME', () => {
    it('says a week without runs against the weeks before, and nothing about load or the long run', () => {
      const none = { runs: 0, distanceM: 0, longestRunM: 0, load: null, loadedRuns: 0 };
      expect(textOf(weekly({ week: none }))).toBe('Week of 16 Nov: no runs, against 4.5 runs and 37.8 km a week over the 4 weeks before.');
      expect(weekly({ week: none })[0].severity).toBe('WARNING');
      expect(textOf(weekly({ week: none, previousWeek: { ...none }, average: { ...none } }))).toBe('Week of 16 Nov: no runs, nor in the 4 weeks before.');
    });

    it('says a first week as such, and a level one as level', () => {
      const empty = { runs: 0, distanceM: 0, longestRunM: 0, load: null, loadedRuns: 0 };
      expect(ruleOf(weekly({ average: empty, previousWeek: empty }), 'WEEK_VOLUME')!.text).toBe('Week of 16 Nov: 42.3 km over 5 runs, with no runs in the 4 weeks before.');
      expect(ruleOf(weekly({ average: { ...base.average, distanceM: 42_300 } }), 'WEEK_VOLUME')!.text).toBe('Week of 16 Nov: 42.3 km over 5 runs, level with the 4-week average of 42.3 km.');
    });

    it('writes miles for an imperial athlete', () => {
      expect(textOf(weekly({ units: 'imperial' }))).toBe(
        'Week of 16 Nov: 26.3 mi over 5 runs, 12% more than the 4-week average of 23.5 mi. Longest run 9.3 mi, 35% of the week (4-week average 9.4 mi). Training load 310, 8% more than the 4-week average of 287.',
      );
    });
  });

  describe('DISTANCE_RAMP', () => {
    it('warns above 10% on the week before', () => {
      const s = ruleOf(weekly({ previousWeek: { ...base.previousWeek, distanceM: 35_000 } }), 'DISTANCE_RAMP')!;
      expect(s.text).toBe('Distance up 21% on the week before (35.0 km to 42.3 km), more than the 10% a week usually advised.');
      expect(s.severity).toBe('WARNING');
      expect(s.inputs).toEqual([
        { name: 'previousDistance', value: 35_000, unit: 'METRES' }, { name: 'distance', value: 42_300, unit: 'METRES' }, { name: 'change', value: 0.21, unit: 'RATIO' },
      ]);
    });

    it('flags above 30%', () => {
      const s = ruleOf(weekly({ previousWeek: { ...base.previousWeek, distanceM: 30_000 } }), 'DISTANCE_RAMP')!;
      expect(s.text).toBe('Distance up 41% on the week before (30.0 km to 42.3 km): a jump of more than 30% raises the risk of injury; hold this level or ease back next week.');
      expect(s.severity).toBe('ALERT');
    });

    it('says nothing at 10% or less, after a week without distance, or about a drop', () => {
      const at = (previous: number, current: number) => ruleOf(weekly({ previousWeek: { ...base.previousWeek, distanceM: previous }, week: { ...base.week, distanceM: current } }), 'DISTANCE_RAMP');
      expect(at(40_000, 44_000)).toBeUndefined();
      expect(at(40_000, 44_400)!.severity).toBe('WARNING');
      expect(at(40_000, 52_000)!.severity).toBe('WARNING');
      expect(at(40_000, 52_400)!.severity).toBe('ALERT');
      expect(at(0, 44_000)).toBeUndefined();
      expect(at(50_000, 42_300)).toBeUndefined();
    });
  });

  describe('LONG_RUN', () => {
    it('warns when one run is more than half of a week of 3 runs or more', () => {
      const s = ruleOf(weekly({ week: { ...base.week, longestRunM: 22_000 } }), 'LONG_RUN')!;
      expect(s.text).toBe('Longest run 22.0 km, 52% of the week (4-week average 15.2 km): more than half of the week in one run; spread the distance over the other days.');
      expect(s.severity).toBe('WARNING');
      expect(s.inputs.find((i) => i.name === 'share')!.value).toBeCloseTo(0.5201, 4);
      // Compared as written: 50.4% reads 50%, not more than half.
      expect(ruleOf(weekly({ week: { ...base.week, longestRunM: 21_319 } }), 'LONG_RUN')).toMatchObject({ severity: 'INFO', text: 'Longest run 21.3 km, 50% of the week (4-week average 15.2 km).' });
    });

    it('states the share without a warning for 2 runs, and says nothing for a single run', () => {
      const two = ruleOf(weekly({ week: { ...base.week, runs: 2, distanceM: 25_000, longestRunM: 15_000 }, average: { ...base.average, longestRunM: 0 } }), 'LONG_RUN')!;
      expect([two.text, two.severity]).toEqual(['Longest run 15.0 km, 60% of the week.', 'INFO']);
      expect(ruleOf(weekly({ week: { ...base.week, runs: 1, distanceM: 15_000 } }), 'LONG_RUN')).toBeUndefined();
    });
  });

  describe('WEEK_LOAD', () => {
    it('says nothing about load when no run of the week has one (never "Training load 0")', () => {
      const sentences = weekly({ week: { ...base.week, load: null, loadedRuns: 0 } });
      expect(ruleOf(sentences, 'WEEK_LOAD')).toBeUndefined();
      expect(textOf(sentences)).not.toMatch(/load/i);
    });

    it('says how many runs the load is from, and leaves out an average that could not be computed', () => {
      expect(ruleOf(weekly({ week: { ...base.week, loadedRuns: 4 } }), 'WEEK_LOAD')!.text).toBe('Training load 310 from 4 of 5 runs, 8% more than the 4-week average of 287.');
      expect(ruleOf(weekly({ average: { ...base.average, load: null } }), 'WEEK_LOAD')!.text).toBe('Training load 310.');
    });
  });

  describe('LOAD_RAMP', () => {
    it('warns above 10% and flags above 30% on the week before', () => {
      const warn = ruleOf(weekly({ previousWeek: { ...base.previousWeek, load: 250 } }), 'LOAD_RAMP')!;
      expect([warn.text, warn.severity]).toEqual(['Training load up 24% on the week before (250 to 310), more than the 10% a week usually advised.', 'WARNING']);
      const flag = ruleOf(weekly({ previousWeek: { ...base.previousWeek, load: 200 } }), 'LOAD_RAMP')!;
      expect([flag.text, flag.severity]).toEqual(['Training load up 55% on the week before (200 to 310): a jump of more than 30% raises the risk of injury; hold this level or ease back next week.', 'ALERT']);
    });

    it('says nothing when either week has no load', () => {
      expect(ruleOf(weekly({ previousWeek: { ...base.previousWeek, load: null, loadedRuns: 0 } }), 'LOAD_RAMP')).toBeUndefined();
      expect(ruleOf(weekly({ previousWeek: { ...base.previousWeek, load: 100 }, week: { ...base.week, load: null, loadedRuns: 0 } }), 'LOAD_RAMP')).toBeUndefined();
    });
  });

  describe('KEY_WORKOUTS', () => {
    const tempo: KeyWorkout = { date: '2026-11-17', kind: 'tempo', status: 'COMPLETED', score: 1 };
    const intervals: KeyWorkout = { date: '2026-11-19', kind: 'intervals', status: 'COMPLETED', score: null };
    const long: KeyWorkout = { date: '2026-11-22', kind: 'long', status: 'COMPLETED', score: 0.95 };
    const key = (keyWorkouts: KeyWorkout[]) => ruleOf(weekly({ keyWorkouts }), 'KEY_WORKOUTS');

    it('says all done', () => {
      expect(key([tempo, intervals, long])).toMatchObject({ text: 'Key workouts: all 3 done (tempo run on Tue, intervals on Thu, long run on Sun).', severity: 'POSITIVE' });
      expect(key([tempo])).toMatchObject({ text: 'Key workout done: tempo run on Tue.', severity: 'POSITIVE' });
    });

    it('names the missed and partly done ones', () => {
      const mixed = key([tempo, { ...intervals, status: 'MISSED' }, { ...long, status: 'PARTIAL', score: 0.62 }])!;
      expect([mixed.text, mixed.severity]).toEqual(['Key workouts: 1 of 3 done (tempo run on Tue); intervals on Thu missed; long run on Sun at 62% of the plan.', 'WARNING']);
      expect(mixed.inputs.map((i) => [i.name, i.value])).toEqual([['planned', 3], ['completed', 1], ['partial', 1], ['missed', 1]]);
      expect(key([{ ...tempo, status: 'MISSED', score: null }, { ...long, status: 'MISSED', score: null }])!.text).toBe('Key workouts missed: tempo run on Tue, long run on Sun.');
      expect(key([{ ...tempo, status: 'MISSED', score: null }, { ...long, status: 'PARTIAL', score: 1.35 }])!.text).toBe('Key workouts: none of 2 fully done; tempo run on Tue missed; long run on Sun at 135% of the plan.');
      expect(key([{ ...long, status: 'MISSED', score: 0.3 }])!.text).toBe('Key workout missed: long run on Sun (a run at 30% of the plan).');
      expect(key([{ ...long, status: 'PARTIAL', score: 0.7 }])).toMatchObject({ text: 'Key workout partly done: long run on Sun at 70% of the plan.', severity: 'INFO' });
    });

    it('says nothing without a plan', () => {
      expect(key([])).toBeUndefined();
    });
  });

  describe('FORM', () => {
    const form = { asOf: '2026-11-22', ctl: 62.4, atl: 96.2, tsb: -33.8 };
    it('warns when TSB is -30 or below', () => {
      expect(ruleOf(weekly({ form }), 'FORM')).toMatchObject({
        text: 'Form (TSB) -34 on 22 Nov, with fatigue (ATL 96) well above fitness (CTL 62): easy days now let it recover before the next hard session.',
        severity: 'WARNING',
      });
      expect(ruleOf(weekly({ form: { ...form, tsb: -30 } }), 'FORM')).toBeDefined();
    });

    it('says nothing above -30, without a cache, or from a cache older than the week', () => {
      expect(ruleOf(weekly({ form: { ...form, tsb: -29.6 } }), 'FORM')).toBeUndefined();
      expect(ruleOf(weekly({ form: null }), 'FORM')).toBeUndefined();
      expect(ruleOf(weekly({ form: { ...form, asOf: '2026-11-15' } }), 'FORM')).toBeUndefined();
    });
  });

  it('RESTING_HR: a change of 2 bpm or more, a rise of 5 or more a warning', () => {
    expect(ruleOf(weekly({ restingHrChange: 3.4 }), 'RESTING_HR')).toMatchObject({ text: 'Resting HR 3 bpm higher than the week before.', severity: 'INFO' });
    expect(ruleOf(weekly({ restingHrChange: 5.2 }), 'RESTING_HR')).toMatchObject({ text: 'Resting HR 5 bpm higher than the week before.', severity: 'WARNING' });
    expect(ruleOf(weekly({ restingHrChange: -2 }), 'RESTING_HR')!.text).toBe('Resting HR 2 bpm lower than the week before.');
    expect(ruleOf(weekly({ restingHrChange: 1.9 }), 'RESTING_HR')).toBeUndefined();
  });

  describe('HRV_BASELINE', () => {
    const hrv = { weekMs: 48, weekReadings: 6, baselineMs: 58, baselineSd: 0.15, baselineReadings: 50 };
    it('warns 1 SD or more below the 60-day baseline, and flags 2 SD', () => {
      const s = ruleOf(weekly({ hrv }), 'HRV_BASELINE')!;
      expect([s.text, s.severity]).toEqual(['HRV averaged 48 ms over 6 readings, below the 60-day baseline of 58 ms by 1.3 SD: recovery may be lagging, so keep the easy days easy.', 'WARNING']);
      expect(s.inputs.find((i) => i.name === 'belowBaseline')!.value).toBeCloseTo(1.2616, 4);
      expect(ruleOf(weekly({ hrv: { ...hrv, baselineSd: 0.09 } }), 'HRV_BASELINE')).toMatchObject({ severity: 'ALERT', text: expect.stringContaining('by 2.1 SD') });
    });

    it('says nothing within 1 SD or with too few readings', () => {
      expect(ruleOf(weekly({ hrv: { ...hrv, baselineSd: 0.25 } }), 'HRV_BASELINE')).toBeUndefined();
      expect(ruleOf(weekly({ hrv: { ...hrv, weekReadings: 3 } }), 'HRV_BASELINE')).toBeUndefined();
      expect(ruleOf(weekly({ hrv: { ...hrv, baselineReadings: 13 } }), 'HRV_BASELINE')).toBeUndefined();
      expect(ruleOf(weekly({ hrv: { ...hrv, weekMs: null } }), 'HRV_BASELINE')).toBeUndefined();
    });
  });

  it('STREAK: 7 days in a row or more, up to the day it reached', () => {
    expect(ruleOf(weekly({ streak: { current: 12, currentEnd: '2026-11-22', longest: 12 } }), 'STREAK')).toMatchObject({
      text: '12 days in a row with a run up to Sun 22 Nov, the longest streak yet.', severity: 'POSITIVE',
    });
    expect(ruleOf(weekly({ streak: { current: 9, currentEnd: '2026-11-21', longest: 20 } }), 'STREAK')!.text).toBe('9 days in a row with a run up to Sat 21 Nov (longest: 20 days).');
    expect(ruleOf(weekly({ streak: { current: 6, currentEnd: '2026-11-22', longest: 6 } }), 'STREAK')).toBeUndefined();
  });

  describe('GOAL_RACE', () => {
    // VDOT 48.2 predicts 3:16:38 for a marathon, VDOT 52 3:04:28 (src/domain/vdot.ts).
    const race = { name: 'Valencia Marathon', date: '2026-12-06', distanceM: 42_195, goalTimeS: 3 * 3600 + 10 * 60, vdot: 48.2, vdotSource: 'best_effort' as const };
    it('puts the prediction against the goal time', () => {
      const s = ruleOf(weekly({ race }), 'GOAL_RACE')!;
      expect([s.text, s.severity]).toEqual(['Valencia Marathon on 6 Dec: predicted 3:16:38 (VDOT 48.2, the best run of the last 180 days), 6:38 slower than the 3:10:00 goal.', 'INFO']);
      expect(s.inputs.map((i) => [i.name, i.value])).toEqual([['distance', 42_195], ['daysAfterWeek', 14], ['goalTime', 11_400], ['vdot', 48.2], ['predictedTime', 11_798], ['gapToGoal', 398]]);
      expect(ruleOf(weekly({ race: { ...race, vdot: 52, vdotSource: 'settings' } }), 'GOAL_RACE')).toMatchObject({
        text: 'Valencia Marathon on 6 Dec: predicted 3:04:28 (VDOT 52.0 from settings), 5:32 faster than the 3:10:00 goal.', severity: 'POSITIVE',
      });
    });

    it('leaves out what it cannot compute', () => {
      expect(ruleOf(weekly({ race: { ...race, goalTimeS: null } }), 'GOAL_RACE')!.text).toBe('Valencia Marathon on 6 Dec: predicted 3:16:38 (VDOT 48.2, the best run of the last 180 days).');
      expect(ruleOf(weekly({ race: { ...race, vdot: null, vdotSource: null } }), 'GOAL_RACE')!.text).toBe('Coming up: Valencia Marathon on 6 Dec, goal 3:10:00.');
      expect(ruleOf(weekly({ race: { ...race, vdot: null, vdotSource: null, goalTimeS: null } }), 'GOAL_RACE')!.text).toBe('Coming up: Valencia Marathon on 6 Dec.');
    });

    it('speaks of races within 84 days of the week\'s Sunday only', () => {
      expect(ruleOf(weekly({ race: { ...race, date: '2027-02-14' } }), 'GOAL_RACE')).toBeDefined(); // 84 days
      expect(ruleOf(weekly({ race: { ...race, date: '2027-02-15' } }), 'GOAL_RACE')).toBeUndefined();
    });
  });
});

describe('RUN_LINE', () => {
  const run: ActivityFacts = { date: '2026-11-20', units: 'metric', distanceM: 10_200, movingS: 3130, avgHr: 148.4, load: 85.2, loadMethod: 'trimp', usualPace: 316 };
  const line = (patch: Partial<ActivityFacts>) => textOf(activitySentences({ ...run, ...patch }));

  it('summarises a run against the usual pace, in km or miles', () => {
    expect(line({})).toBe('20 Nov: 10.2 km in 0:52:10 (5:07/km), 9 s/km faster than the 28-day average, average HR 148, load 85 (TRIMP).');
    expect(line({ units: 'imperial' })).toBe('20 Nov: 6.3 mi in 0:52:10 (8:14/mi), 15 s/mi faster than the 28-day average, average HR 148, load 85 (TRIMP).');
    expect(activitySentences(run)[0].inputs.map((i) => i.name)).toEqual(['distance', 'movingTime', 'pace', 'usualPace', 'averageHr', 'load']);
  });

  it('rounds a pace to whole seconds before splitting minutes (never 4:60)', () => {
    expect(line({ distanceM: 10_000, movingS: 2996, avgHr: null, load: null, loadMethod: null, usualPace: null })).toBe('20 Nov: 10.0 km in 0:49:56 (5:00/km).');
  });

  it('leaves out a load that could not be computed, and a pace without distance', () => {
    expect(line({ load: null, loadMethod: null })).toBe('20 Nov: 10.2 km in 0:52:10 (5:07/km), 9 s/km faster than the 28-day average, average HR 148.');
    expect(line({ load: 0, loadMethod: 'duration' })).not.toMatch(/load/);
    expect(line({ distanceM: 0, movingS: 1800, avgHr: 140, load: 39.3, loadMethod: 'duration' })).toBe('20 Nov: a run with no distance recorded in 0:30:00, average HR 140, load 39 (estimated from duration only).');
  });
});

describe('group week', () => {
  const group: GroupWeekFacts = {
    weekStart: '2026-03-09', complete: true, daysElapsed: 7, units: 'metric', groupName: 'Milers', members: 4, engaged: 2, runs: 2, distanceM: 9000,
    average: { runs: 1.5, distanceM: 4750, engaged: 0.5 }, topMember: { name: 'Amy', distanceM: 6000 },
  };
  const text = (patch: Partial<GroupWeekFacts>) => textOf(groupSentences({ ...group, ...patch }));

  it('writes the week against the 4 weeks before, engagement and the top member', () => {
    expect(groupSentences(group).map((s) => s.rule)).toEqual(['GROUP_WEEK', 'GROUP_ENGAGEMENT', 'GROUP_TOP_MEMBER']);
    expect(text({})).toBe('Week of 9 Mar: Milers ran 9.0 km over 2 runs, 89% more than the 4-week average of 4.8 km. 2 of 4 members ran (50%), against 0.5 a week over the 4 weeks before. Most distance: Amy, 6.0 km.');
  });

  it('says "to date" for the current week, compared with the same days of the weeks before', () => {
    expect(text({ complete: false, daysElapsed: 3 })).toBe(
      'Week of 9 Mar to date (3 days): Milers ran 9.0 km over 2 runs, 89% more than the same days of the 4 weeks before (4.8 km on average). 2 of 4 members ran (50%), against 0.5 on average over the same days of the 4 weeks before. Most distance: Amy, 6.0 km.',
    );
  });

  it('gives a group with no history one whole sentence (never "over 0 runs, . 0 of 1")', () => {
    const empty = { engaged: 0, runs: 0, distanceM: 0, average: { runs: 0, distanceM: 0, engaged: 0 }, topMember: null };
    expect(text({ ...empty, members: 1 })).toBe('Week of 9 Mar: no runs in Milers, nor in the 4 weeks before.');
    expect(text({ ...empty, members: 0 })).toBe('Week of 9 Mar: Milers has no members yet.');
    expect(text({ ...empty, average: group.average })).toBe(
      'Week of 9 Mar: no runs in Milers, against 1.5 runs and 4.8 km a week over the 4 weeks before. None of the 4 members ran, against 0.5 a week over the 4 weeks before.',
    );
    expect(text({ average: { runs: 0, distanceM: 0, engaged: 0 } })).toBe('Week of 9 Mar: Milers ran 9.0 km over 2 runs, with no runs in the 4 weeks before. 2 of 4 members ran (50%). Most distance: Amy, 6.0 km.');
  });
});
