import type { WorkoutKind } from '../../src/domain/plan-matching';
import { predictRaceTime, vdotFromRace } from '../../src/domain/vdot';
import type { Random } from './random';

// What makes the demo look like a real club (docs/design.md, Demo data): each training
// group's level (VDOT), weekly volume and long run, the races its members run, and the
// goal races and plans a coach of that group would set. Pure: no database.

export type Range = readonly [number, number];

export interface GroupProfile {
  /** Planned weekly distance, km (an athlete's level picks a point in it). */
  weeklyKm: Range;
  /** Planned Sunday long run, km; no long run goes beyond the top of it. */
  longKm: Range;
  /** VDOT of the group's athletes (an Elite-labelled athlete: ELITE_VDOT). */
  vdot: Range;
  /** Beginners run four days a week (no Wednesday run); the others five. */
  runDays: 4 | 5;
  /** Distances the group's athletes race on a Saturday now and then, metres. */
  races: readonly number[];
  /** Goal races: names that fit their distances (src/domain/race-names.ts). */
  goals: readonly { name: string; distanceM: number }[];
  /** Names of the group's training plans. */
  plans: readonly string[];
}

const FIVE_K = 5000;
const TEN_K = 10000;
const HALF = 21097.5;
const MARATHON = 42195;

export const GROUP_PROFILES: Record<string, GroupProfile> = {
  'Marathon Squad': {
    weeklyKm: [50, 90], longKm: [25, 35], vdot: [42, 58], runDays: 5,
    races: [TEN_K, HALF, MARATHON],
    goals: [{ name: 'City Marathon', distanceM: MARATHON }, { name: 'Coastal Marathon', distanceM: MARATHON }, { name: 'Harbour Half Marathon', distanceM: HALF }],
    plans: ['Marathon build', 'Half marathon block'],
  },
  '5K Beginners': {
    weeklyKm: [15, 30], longKm: [6, 10], vdot: [27, 38], runDays: 4,
    races: [FIVE_K],
    goals: [{ name: 'Spring 5K', distanceM: FIVE_K }, { name: 'Park 5K', distanceM: FIVE_K }, { name: 'Autumn 10K', distanceM: TEN_K }],
    plans: ['First 5K', '5K foundations'],
  },
  'Trail Crew': {
    weeklyKm: [35, 70], longKm: [15, 30], vdot: [40, 55], runDays: 5,
    races: [TEN_K, HALF],
    goals: [{ name: 'Ridge Trail 30 km', distanceM: 30000 }, { name: 'Forest Trail Half Marathon', distanceM: HALF }, { name: 'Fell Race 21 km', distanceM: 21000 }],
    plans: ['Trail base', 'Hill strength block'],
  },
  Masters: {
    weeklyKm: [30, 60], longKm: [12, 22], vdot: [36, 52], runDays: 5,
    races: [FIVE_K, TEN_K, HALF],
    goals: [{ name: 'Park 10K', distanceM: TEN_K }, { name: 'Harbour Half Marathon', distanceM: HALF }, { name: 'Spring 5K', distanceM: FIVE_K }],
    plans: ['10K sharpen', 'Half marathon block'],
  },
  'Harbour Milers': {
    weeklyKm: [30, 60], longKm: [10, 18], vdot: [42, 58], runDays: 5,
    races: [FIVE_K, TEN_K],
    goals: [{ name: 'Harbour 5K', distanceM: FIVE_K }, { name: 'Quayside 10K', distanceM: TEN_K }],
    plans: ['5K speed block', '10K sharpen'],
  },
};

/** An Elite-labelled athlete (never a 5K beginner): a 10K in about 30 to 34 minutes. */
export const ELITE_VDOT: Range = [63, 70];
/** Where an Elite athlete sits in their group's volume ranges (0 = bottom, 1 = top). */
const ELITE_LEVEL: Range = [0.75, 1];

export const lerp = ([lo, hi]: Range, t: number) => lo + (hi - lo) * Math.min(1, Math.max(0, t));

export interface DayPlan {
  kind: WorkoutKind;
  /** Planned distance, km (0 on a rest day). */
  km: number;
}

export interface AthleteLevel {
  vdot: number;
  weeklyKm: number;
  longKm: number;
  /** Monday..Sunday: rest, intervals, easy (or rest for beginners), tempo, rest, easy, long. */
  week: DayPlan[];
  /** Seconds per km by kind of run, and for each race distance of the group. */
  pace: { easy: number; long: number; tempo: number; intervals: number; race: (distanceM: number) => number };
  thresholdPace: number;
}

const round1 = (km: number) => Math.round(km * 10) / 10;

/** An athlete's level in their group: one draw of `rng` decides where they sit. */
export function athleteLevel(group: GroupProfile, elite: boolean, rng: Random): AthleteLevel {
  const t = elite ? rng.between(...ELITE_LEVEL) : rng.next();
  const vdot = Math.round((elite ? lerp(ELITE_VDOT, rng.next()) : lerp(group.vdot, 0.7 * t + 0.3 * rng.next())) * 10) / 10;
  return buildLevel(vdot, round1(lerp(group.weeklyKm, t)), round1(lerp(group.longKm, t + rng.between(-0.15, 0.15))), group.runDays);
}

/** The week and paces of a runner of this VDOT, weekly distance and long run. */
export function buildLevel(vdot: number, weeklyKm: number, longKm: number, runDays: 4 | 5): AthleteLevel {
  const rest = weeklyKm - longKm;
  const shares = runDays === 4 ? [0.35, 0, 0.35, 0.3] : [0.27, 0.23, 0.27, 0.23];
  const week: DayPlan[] = [
    { kind: 'rest', km: 0 },
    { kind: 'intervals', km: round1(rest * shares[0]) },
    shares[1] ? { kind: 'easy', km: round1(rest * shares[1]) } : { kind: 'rest', km: 0 },
    { kind: 'tempo', km: round1(rest * shares[2]) },
    { kind: 'rest', km: 0 },
    { kind: 'easy', km: round1(rest * shares[3]) },
    { kind: 'long', km: longKm },
  ];
  const racePace = new Map<number, number>();
  const race = (distanceM: number) => {
    let p = racePace.get(distanceM);
    if (p === undefined) racePace.set(distanceM, (p = predictRaceTime(vdot, distanceM) / (distanceM / 1000)));
    return p;
  };
  // Daniels' paces, roughly: easy and long slower than marathon pace, tempo near half
  // marathon pace, intervals at 10K pace with recoveries (so the run's average is slower).
  const marathon = race(MARATHON);
  return {
    vdot, weeklyKm, longKm, week,
    pace: { easy: marathon * 1.2, long: marathon * 1.12, tempo: race(HALF) * 1.04, intervals: race(TEN_K) * 1.1, race },
    thresholdPace: Math.round(race(15000)),
  };
}

/** The level of a runner known only by weekly distance and easy pace (bench/ingest.ts): a 38% long run, five days a week. */
export function levelFromEasyPace(weeklyKm: number, easyPaceSPerKm: number): AthleteLevel {
  const marathonS = (MARATHON / 1000) * (easyPaceSPerKm / 1.2);
  return buildLevel(Math.round(vdotFromRace(MARATHON, marathonS) * 10) / 10, weeklyKm, round1(weeklyKm * 0.38), 5);
}
