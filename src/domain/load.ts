// Training load of one run, as docs/metrics.md defines it. Pure: no db, no graphql.

export type Sex = 'male' | 'female' | null;
export type LoadMethod = 'trimp' | 'pace' | 'session_rpe' | 'duration';

export interface RunEffort {
  movingS: number;
  distanceM: number;
  avgHr: number | null;
  /** Session RPE the athlete gave the run, 0..10 (CR-10 scale). */
  rpe?: number | null;
}

/** What a load is computed from: each value set in settings or estimated (src/domain/load-basis.ts). */
export interface AthletePhysiology {
  sex: Sex;
  hrMax: number | null;
  hrRest: number | null;
  thresholdPaceSPerKm: number | null;
}

export interface TrainingLoad {
  load: number;
  method: LoadMethod;
}

const TRIMP_COEFFICIENTS = {
  male: { k: 0.64, b: 1.92 },
  female: { k: 0.86, b: 1.67 },
} as const;

/**
 * Banister TRIMP: minutes x r x k e^(b r), r the heart-rate reserve fraction.
 * r is clamped to 0..1 so a noisy average below rest or above max cannot give a
 * negative or runaway load. Unknown sex takes the mean of the two formulas.
 */
export function banisterTrimp(movingS: number, avgHr: number, hrRest: number, hrMax: number, sex: Sex): number {
  const reserve = Math.min(1, Math.max(0, (avgHr - hrRest) / (hrMax - hrRest)));
  return (movingS / 60) * trimpWeight(reserve, sex);
}

function trimpWeight(reserve: number, sex: Sex): number {
  const weighted = ({ k, b }: { k: number; b: number }) => reserve * k * Math.exp(b * reserve);
  if (sex === 'male') return weighted(TRIMP_COEFFICIENTS.male);
  if (sex === 'female') return weighted(TRIMP_COEFFICIENTS.female);
  return (weighted(TRIMP_COEFFICIENTS.male) + weighted(TRIMP_COEFFICIENTS.female)) / 2;
}

/** Pace-based score: hours x IF^2 x 100, IF = actual speed / threshold speed. */
export function paceLoad(movingS: number, distanceM: number, thresholdPaceSPerKm: number): number {
  const speed = distanceM / movingS;
  const thresholdSpeed = 1000 / thresholdPaceSPerKm;
  const intensity = speed / thresholdSpeed;
  return (movingS / 3600) * intensity * intensity * 100;
}

/** Foster's session RPE: minutes x RPE (arbitrary units; CR-10 scale). */
export function sessionRpeLoad(movingS: number, rpe: number): number {
  return (movingS / 60) * rpe;
}

/**
 * The last resort, and crude: every minute counts as a minute of an easy run, the TRIMP of
 * 60% of heart-rate reserve for an athlete of unknown sex (1.31 per minute), so the
 * estimate sits on the TRIMP scale the other methods share.
 */
export const DURATION_LOAD_RESERVE = 0.6;
export function durationLoad(movingS: number): number {
  return (movingS / 60) * trimpWeight(DURATION_LOAD_RESERVE, null);
}

/**
 * The method chain, best first: TRIMP when the run has average HR and HR max and rest are
 * known; pace when a threshold pace is known and the run has a distance; session RPE when
 * the athlete gave one; else the duration estimate. Every run gets a load.
 */
export function trainingLoad(run: RunEffort, athlete: AthletePhysiology): TrainingLoad {
  const movingS = Math.max(0, run.movingS);
  const { hrMax, hrRest } = athlete;
  if (movingS > 0 && run.avgHr != null && hrMax != null && hrRest != null && hrMax > hrRest) {
    return { load: banisterTrimp(movingS, run.avgHr, hrRest, hrMax, athlete.sex), method: 'trimp' };
  }
  if (movingS > 0 && athlete.thresholdPaceSPerKm != null && athlete.thresholdPaceSPerKm > 0 && run.distanceM > 0) {
    return { load: paceLoad(movingS, run.distanceM, athlete.thresholdPaceSPerKm), method: 'pace' };
  }
  if (run.rpe != null) return { load: sessionRpeLoad(movingS, run.rpe), method: 'session_rpe' };
  return { load: durationLoad(movingS), method: 'duration' };
}
