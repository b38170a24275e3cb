// Training load of one run, as the design defines it. Pure: no db, no graphql.

export type Sex = 'male' | 'female' | null;
export type LoadMethod = 'trimp' | 'pace';

export interface RunEffort {
  movingS: number;
  distanceM: number;
  avgHr: number | null;
}

export interface AthletePhysiology {
  sex: Sex;
  hrMax: number | null;
  hrRest: number | null;
  thresholdPaceSPerKm: number | null;
}

export interface TrainingLoad {
  load: number | null;
  method: LoadMethod | null;
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
  const minutes = movingS / 60;
  const weighted = ({ k, b }: { k: number; b: number }) => minutes * reserve * k * Math.exp(b * reserve);
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

/**
 * TRIMP when the run has average HR and the athlete has HR max and rest; otherwise
 * pace-based when a threshold pace is known; otherwise no load (null, null).
 */
export function trainingLoad(run: RunEffort, athlete: AthletePhysiology): TrainingLoad {
  if (run.movingS <= 0) return { load: 0, method: null };
  const { hrMax, hrRest } = athlete;
  if (run.avgHr != null && hrMax != null && hrRest != null && hrMax > hrRest) {
    return { load: banisterTrimp(run.movingS, run.avgHr, hrRest, hrMax, athlete.sex), method: 'trimp' };
  }
  if (athlete.thresholdPaceSPerKm != null && athlete.thresholdPaceSPerKm > 0 && run.distanceM > 0) {
    return { load: paceLoad(run.movingS, run.distanceM, athlete.thresholdPaceSPerKm), method: 'pace' };
  }
  return { load: null, method: null };
}
