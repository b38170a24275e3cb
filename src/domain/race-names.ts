// Race names that promise a distance. Pure: no db, no graphql.

/** How far a distance may be from the one a standard name promises: ±1%. */
export const RACE_DISTANCE_TOLERANCE = 0.01;

export interface StandardDistance {
  /** How the rule names it in messages. */
  name: string;
  metres: number;
}

// Tried in order; a match is blanked before the next pattern runs, so "Half Marathon" is
// not also a "Marathon" nor a "Half". Whole words, any case; a number may not follow a
// digit, a point or a comma ("15K" and "2.5K" are not "5K").
const PATTERNS: { pattern: RegExp; distance: StandardDistance | null }[] = [
  { pattern: /\bhalf[\s-]*marathon\b/gi, distance: { name: 'a half marathon', metres: 21_097.5 } },
  // An ultra is longer than a marathon by definition: free, like a custom name.
  { pattern: /\bultra[\s-]*marathon\b/gi, distance: null },
  { pattern: /\bmarathon\b/gi, distance: { name: 'a marathon', metres: 42_195 } },
  { pattern: /\bhalf\b/gi, distance: { name: 'a half marathon', metres: 21_097.5 } },
  { pattern: /(?<![\d.,])\b10[\s-]*k(?:m)?\b/gi, distance: { name: 'a 10K', metres: 10_000 } },
  { pattern: /(?<![\d.,])\b5[\s-]*k(?:m)?\b/gi, distance: { name: 'a 5K', metres: 5_000 } },
];

/** The standard distances an event name promises, in the order of the rules (none for a custom name). */
export function standardDistancesOf(eventName: string): StandardDistance[] {
  let rest = eventName;
  const found: StandardDistance[] = [];
  for (const { pattern, distance } of PATTERNS) {
    rest = rest.replace(pattern, () => {
      if (distance && !found.some((d) => d.metres === distance.metres)) found.push(distance);
      return ' ';
    });
  }
  return found;
}

const metres = (m: number) => `${m.toLocaleString('en-US', { maximumFractionDigits: 1 })} m`;

/**
 * Why `distanceM` contradicts the event name, or null when it fits: a name with a standard
 * distance in it ("5K", "5 km", "10K", "Half Marathon", "Half", "Marathon") must be within
 * ±1% of that distance (of one of them, when it names several); any other name is free.
 */
export function raceDistanceProblem(eventName: string, distanceM: number): string | null {
  const promised = standardDistancesOf(eventName);
  if (promised.length === 0) return null;
  if (promised.some((d) => Math.abs(distanceM - d.metres) <= d.metres * RACE_DISTANCE_TOLERANCE)) return null;
  const expected = promised
    .map((d) => `${d.name} is ${metres(d.metres)} (±1%: ${metres(Math.ceil(d.metres * (1 - RACE_DISTANCE_TOLERANCE)))}..${metres(Math.floor(d.metres * (1 + RACE_DISTANCE_TOLERANCE)))})`)
    .join(', ');
  return `distance ${metres(distanceM)} contradicts the event name ${JSON.stringify(eventName)}: ${expected}; a name without a standard distance takes any distance`;
}

/** What a goal race may hold (docs/api.md, Goal races). */
export const GOAL_RACE_BOUNDS = {
  eventNameLength: 100,
  distanceM: { min: 100, max: 1_000_000 },
  goalTimeS: { min: 60, max: 604_800 },
} as const;

/** The first problem of a goal race's distance and goal time (and of the distance against its name), or null. */
export function goalRaceProblem(race: { eventName: string; distanceM: number; goalTimeS: number | null }): string | null {
  const { distanceM, goalTimeS } = GOAL_RACE_BOUNDS;
  if (!Number.isFinite(race.distanceM) || race.distanceM < distanceM.min || race.distanceM > distanceM.max) {
    return `distance must be ${distanceM.min}..${distanceM.max.toLocaleString('en-US')} metres; got ${race.distanceM}`;
  }
  if (race.goalTimeS !== null && (!Number.isInteger(race.goalTimeS) || race.goalTimeS < goalTimeS.min || race.goalTimeS > goalTimeS.max)) {
    return `goalTime must be whole seconds, ${goalTimeS.min}..${goalTimeS.max.toLocaleString('en-US')}; got ${race.goalTimeS}`;
  }
  return raceDistanceProblem(race.eventName, race.distanceM);
}
