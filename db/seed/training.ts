import { fromZonedTime } from 'date-fns-tz';
import type { ActivityRecord } from '../../src/ingest/activities';
import type { HealthDayRecord } from '../../src/ingest/health';
import { addDays, isoWeekday } from '../../src/domain/time';
import { levelFromEasyPace, type AthleteLevel } from './club';
import type { Random } from './random';

export interface RunnerProfile {
  timezone: string;
  /** Level, week and paces (db/seed/club.ts): the runs follow the same week as the plans. */
  level: AthleteLevel;
  /** The top of the group's long-run range, km: no run but a race goes further. */
  longMaxKm: number;
  /** Distances raced on a Saturday now and then, metres. */
  raceDistances: readonly number[];
  hrMax: number;
  hrRest: number;
  restingHr: number;
  hrv: number;
  vo2max: number;
  /** Share of runs recorded with a heart-rate strap or watch. */
  hrShare: number;
  healthSource: 'garmin' | 'apple_health' | null;
  prefersEvening: boolean;
}

/** The profile bench/ingest.ts passes: weekly distance and easy pace, no group. */
export interface VolumeRunnerProfile extends Omit<RunnerProfile, 'level' | 'longMaxKm' | 'raceDistances'> {
  weeklyKm: number;
  easyPace: number;
}

const RACE_DISTANCES = [5000, 10000, 21097.5, 42195];

function fullProfile(profile: RunnerProfile | VolumeRunnerProfile): RunnerProfile {
  if ('level' in profile) return profile;
  return {
    ...profile,
    level: levelFromEasyPace(profile.weeklyKm, profile.easyPace),
    longMaxKm: Infinity,
    raceDistances: RACE_DISTANCES.filter((m) => m <= profile.weeklyKm * 700),
  };
}

type RunKind = 'easy' | 'long' | 'tempo' | 'intervals' | 'race';

const INTENSITY: Record<RunKind, { reserve: number; zones: number[] }> = {
  easy: { reserve: 0.62, zones: [0.35, 0.55, 0.1, 0, 0] },
  long: { reserve: 0.66, zones: [0.2, 0.6, 0.18, 0.02, 0] },
  tempo: { reserve: 0.8, zones: [0.15, 0.2, 0.3, 0.3, 0.05] },
  intervals: { reserve: 0.78, zones: [0.2, 0.25, 0.1, 0.25, 0.2] },
  race: { reserve: 0.88, zones: [0.02, 0.05, 0.13, 0.45, 0.35] },
};

function splitIntoZones(movingS: number, shares: number[], rng: Random): number[] {
  const jittered = shares.map((s) => (s > 0 ? s * rng.between(0.8, 1.2) : 0));
  const total = jittered.reduce((a, b) => a + b, 0);
  return jittered.map((s) => Math.round((movingS * s) / total));
}

/**
 * A runner's history ending on `endDate` (their local date), following their week (the
 * plan's: rest days, intervals, tempo, easy runs and a Sunday long run): most runs close to
 * the planned distance, some cut short, some missed (8% of days, a missed week in twenty,
 * an injury break of 2 to 5 weeks for 40% of runners), a Saturday race now and then (the
 * long run the day after is skipped), now and then a short run on a rest day. Paces come
 * from the runner's VDOT, so their best efforts (races) predict what their level runs.
 * HR on most runs; health readings on most days.
 */
export function generateHistory(
  rng: Random,
  runner: RunnerProfile | VolumeRunnerProfile,
  externalPrefix: string,
  endDate: string,
  days: number,
): { activities: ActivityRecord[]; health: HealthDayRecord[] } {
  const profile = fullProfile(runner);
  const activities: ActivityRecord[] = [];
  const health: HealthDayRecord[] = [];
  const startDate = addDays(endDate, -(days - 1));
  const injuryStart = rng.chance(0.4) ? rng.int(0, days) : -1;
  const injuryDays = rng.int(14, 35);
  let skipWeek = false;
  // Form drifts a few per cent around the runner's level.
  let fitness = 1;
  let lastRace = -2;

  for (let d = 0; d < days; d++) {
    const date = addDays(startDate, d);
    const weekday = isoWeekday(date);
    if (weekday === 1) skipWeek = rng.chance(0.05);
    const injured = injuryStart >= 0 && d >= injuryStart && d < injuryStart + injuryDays;
    fitness = Math.min(1.03, Math.max(0.95, fitness + rng.normal(0, 0.003)));

    if (profile.healthSource && rng.chance(0.8)) {
      const fatigue = injured ? 3 : 0;
      health.push({
        localDate: date,
        restingHr: Math.round(rng.normal(profile.restingHr + fatigue, 1.5)),
        hrvRmssdMs: Math.round(rng.normal(profile.hrv - fatigue * 2, profile.hrv * 0.12) * 10) / 10,
        vo2max: weekday === 7 ? Math.round(profile.vo2max * fitness * 10) / 10 : null,
        recoveryScore: Math.round(Math.min(100, Math.max(5, rng.normal(70 - fatigue * 5, 12)))),
        sleepS: Math.round(rng.normal(7.4, 0.6) * 3600),
        source: profile.healthSource,
      });
    }

    if (injured || skipWeek) continue;
    const slot = profile.level.week[weekday - 1];
    const racedYesterday = lastRace === d - 1;
    let kind: RunKind;
    let distanceM: number;
    if (slot.kind === 'rest') {
      // Now and then a short easy run on a rest day (an unplanned run).
      if (!rng.chance(0.03)) continue;
      kind = 'easy';
      distanceM = Math.round(profile.level.week[5].km * 1000 * rng.between(0.6, 0.9));
    } else {
      if (rng.chance(0.08) || (weekday === 7 && racedYesterday)) continue;
      const isRace = weekday === 6 && profile.raceDistances.length > 0 && rng.chance(1 / 9);
      kind = isRace ? 'race' : (slot.kind as RunKind);
      // Most runs are close to the plan; about one in fourteen is cut short.
      const factor = rng.chance(0.07) ? rng.between(0.35, 0.78) : rng.between(0.88, 1.12);
      distanceM = isRace
        ? rng.pick(profile.raceDistances)
        : Math.round(Math.min(slot.km * factor, profile.longMaxKm) * 1000);
      if (isRace) lastRace = d;
    }
    if (distanceM < 1500) continue;

    const intensity = INTENSITY[kind];
    const pace = kind === 'race'
      ? (profile.level.pace.race(distanceM) * rng.between(1.0, 1.04)) / fitness
      : (profile.level.pace[kind] * rng.between(0.97, 1.04)) / fitness;
    const movingS = Math.round((distanceM / 1000) * pace);
    const hour = kind === 'long' || kind === 'race' ? rng.between(7, 9) : profile.prefersEvening ? rng.between(17.5, 20.5) : rng.between(5.5, 8);
    const minute = Math.floor((hour % 1) * 60);
    const localStart = `${date}T${String(Math.floor(hour)).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`;
    const hasHr = rng.chance(profile.hrShare);
    const reserve = intensity.reserve * rng.between(0.95, 1.05);
    const avgHr = hasHr ? Math.round(profile.hrRest + reserve * (profile.hrMax - profile.hrRest)) : null;

    activities.push({
      source: 'demo',
      externalId: `${externalPrefix}-${date}`,
      sport: 'run',
      startTime: fromZonedTime(localStart, profile.timezone),
      timezone: profile.timezone,
      distanceM,
      movingS,
      elapsedS: movingS + rng.int(0, 240),
      avgHr,
      maxHr: avgHr ? Math.min(profile.hrMax, avgHr + rng.int(8, 20)) : null,
      calories: Math.round((distanceM / 1000) * rng.between(58, 72)),
      elevationGainM: Math.round((distanceM / 1000) * rng.between(2, 14)),
      paceZoneS: splitIntoZones(movingS, intensity.zones, rng),
      hrZoneS: avgHr ? splitIntoZones(movingS, intensity.zones, rng) : undefined,
    });
  }
  return { activities, health };
}
