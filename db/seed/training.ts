import { fromZonedTime } from 'date-fns-tz';
import type { ActivityRecord } from '../../src/ingest/activities';
import type { HealthDayRecord } from '../../src/ingest/health';
import { addDays, isoWeekday } from '../../src/domain/time';
import type { Random } from './random';

export interface RunnerProfile {
  timezone: string;
  weeklyKm: number;
  /** Easy pace, seconds per km. */
  easyPace: number;
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

type RunKind = 'easy' | 'workout' | 'long' | 'race';

// Share of the week's distance by ISO weekday (Mon..Sun) and the kind of run; 0 = rest day.
const WEEK_TEMPLATE: { share: number; kind: RunKind }[] = [
  { share: 0, kind: 'easy' },
  { share: 0.17, kind: 'workout' },
  { share: 0.13, kind: 'easy' },
  { share: 0.17, kind: 'workout' },
  { share: 0, kind: 'easy' },
  { share: 0.15, kind: 'easy' },
  { share: 0.38, kind: 'long' },
];

const RACE_DISTANCES = [5000, 10000, 21097.5, 42195];

const INTENSITY: Record<RunKind, { pace: number; reserve: number; zones: number[] }> = {
  easy: { pace: 1.0, reserve: 0.62, zones: [0.35, 0.55, 0.1, 0, 0] },
  long: { pace: 1.04, reserve: 0.66, zones: [0.2, 0.6, 0.18, 0.02, 0] },
  workout: { pace: 0.86, reserve: 0.78, zones: [0.15, 0.25, 0.2, 0.3, 0.1] },
  race: { pace: 0.8, reserve: 0.88, zones: [0.02, 0.05, 0.13, 0.45, 0.35] },
};

function splitIntoZones(movingS: number, shares: number[], rng: Random): number[] {
  const jittered = shares.map((s) => (s > 0 ? s * rng.between(0.8, 1.2) : 0));
  const total = jittered.reduce((a, b) => a + b, 0);
  return jittered.map((s) => Math.round((movingS * s) / total));
}

/**
 * A runner's history ending on `endDate` (their local date): a weekly rhythm of rest days,
 * workouts and a Sunday long run, a race every couple of months, missed weeks, and an
 * injury break for some; HR on most runs; health readings on most days.
 */
export function generateHistory(
  rng: Random,
  profile: RunnerProfile,
  externalPrefix: string,
  endDate: string,
  days: number,
): { activities: ActivityRecord[]; health: HealthDayRecord[] } {
  const activities: ActivityRecord[] = [];
  const health: HealthDayRecord[] = [];
  const startDate = addDays(endDate, -(days - 1));
  const injuryStart = rng.chance(0.4) ? rng.int(0, days) : -1;
  const injuryDays = rng.int(14, 35);
  let skipWeek = false;
  let fitness = 1;

  for (let d = 0; d < days; d++) {
    const date = addDays(startDate, d);
    const weekday = isoWeekday(date);
    if (weekday === 1) skipWeek = rng.chance(0.05);
    const injured = injuryStart >= 0 && d >= injuryStart && d < injuryStart + injuryDays;
    fitness = Math.min(1.15, Math.max(0.8, fitness + rng.normal(0.0005, 0.004)));

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

    const slot = WEEK_TEMPLATE[weekday - 1];
    if (injured || skipWeek || slot.share === 0 || rng.chance(0.08)) continue;

    const isRace = weekday === 6 && rng.chance(1 / 9);
    const kind: RunKind = isRace ? 'race' : slot.kind;
    const distanceM = isRace
      ? rng.pick(RACE_DISTANCES.filter((m) => m <= profile.weeklyKm * 700))
      : Math.round(profile.weeklyKm * 1000 * slot.share * rng.between(0.85, 1.15) * fitness);
    if (!distanceM || distanceM < 1500) continue;

    const intensity = INTENSITY[kind];
    const pace = (profile.easyPace * intensity.pace * rng.between(0.96, 1.04)) / fitness;
    const movingS = Math.round((distanceM / 1000) * pace);
    const hour = kind === 'long' || isRace ? rng.between(7, 9) : profile.prefersEvening ? rng.between(17.5, 20.5) : rng.between(5.5, 8);
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
