// Athlete settings: ranges, the checks between fields, and what a change is. Pure.
import { zoneBoundsProblem } from './zones';

export type SexValue = 'male' | 'female';
export type UnitSystemValue = 'metric' | 'imperial';

/** Every setting an athlete has, as the API names it; null means not set. */
export interface SettingsValues {
  hrMax: number | null;
  restingHr: number | null;
  thresholdHr: number | null;
  /** Seconds per km. */
  thresholdPace: number | null;
  /** s/km where pace zones 1..5 start, slowest first (src/domain/zones.ts). */
  paceZones: number[] | null;
  /** bpm where HR zones 1..5 start, ascending. */
  hrZones: number[] | null;
  vdot: number | null;
  sex: SexValue | null;
  birthYear: number | null;
  unitSystem: UnitSystemValue | null;
  /** The athlete's own IANA zone; null means the organization's. */
  timezone: string | null;
}

export type SettingsField = keyof SettingsValues;
export const SETTINGS_FIELDS: SettingsField[] = [
  'hrMax', 'restingHr', 'thresholdHr', 'thresholdPace', 'paceZones', 'hrZones', 'vdot', 'sex', 'birthYear', 'unitSystem', 'timezone',
];

/** Inclusive ranges of the numeric settings (docs/api.md, Athlete settings). */
export const SETTINGS_RANGES = {
  hrMax: { min: 100, max: 230, integer: true, unit: 'bpm' },
  restingHr: { min: 25, max: 120, integer: true, unit: 'bpm' },
  thresholdHr: { min: 80, max: 225, integer: true, unit: 'bpm' },
  thresholdPace: { min: 120, max: 900, integer: false, unit: 's/km' },
  vdot: { min: 15, max: 90, integer: false, unit: '' },
  birthYear: { min: 1900, max: null, integer: true, unit: '' },
} as const;

/** Settings whose change moves stored training loads (TRIMP, and pace load with a threshold pace set or derived from the VDOT; src/domain/load.ts). */
export const LOAD_FIELDS: SettingsField[] = ['hrMax', 'restingHr', 'thresholdPace', 'vdot', 'sex'];
/** Settings whose change calls for the derived caches (fitness, insights) to be refreshed. */
export const DERIVED_FIELDS: SettingsField[] = ['hrMax', 'restingHr', 'thresholdPace', 'vdot', 'sex', 'paceZones', 'hrZones', 'timezone'];

/**
 * The first problem of the fields a client sent (each alone), or null. `currentYear` bounds
 * birthYear. Values are checked for range and form, not against each other (settingsConflict).
 */
export function settingsPatchProblem(patch: Partial<SettingsValues>, currentYear: number): string | null {
  for (const field of ['hrMax', 'restingHr', 'thresholdHr', 'thresholdPace', 'vdot', 'birthYear'] as const) {
    const value = patch[field];
    if (value === undefined || value === null) continue;
    const range = SETTINGS_RANGES[field];
    const max = range.max ?? currentYear;
    const unit = range.unit ? ` ${range.unit}` : '';
    if (!Number.isFinite(value) || value < range.min || value > max || (range.integer && !Number.isInteger(value))) {
      return `${field} must be ${range.integer ? 'a whole number ' : ''}${range.min}..${max}${unit}; got ${value}`;
    }
  }
  if (patch.hrZones) {
    const problem = zoneBoundsProblem('hr', patch.hrZones);
    if (problem) return problem;
    if (!patch.hrZones.every(Number.isInteger)) return 'hrZones must be whole bpm values';
  }
  if (patch.paceZones) {
    const problem = zoneBoundsProblem('pace', patch.paceZones);
    if (problem) return problem;
  }
  return null;
}

/**
 * The first contradiction between settings once a patch is applied, or null: resting HR
 * below HR max, threshold HR strictly between them, HR zone starts from above resting HR up
 * to HR max. Only rules that involve a changed field are checked, so an older inconsistency
 * never blocks an unrelated edit.
 */
export function settingsConflict(merged: SettingsValues, changed: ReadonlySet<SettingsField>): string | null {
  const touches = (...fields: SettingsField[]) => fields.some((f) => changed.has(f));
  const { hrMax, restingHr, thresholdHr, hrZones } = merged;
  if (hrMax !== null && restingHr !== null && restingHr >= hrMax && touches('hrMax', 'restingHr')) {
    return `restingHr (${restingHr}) must be below hrMax (${hrMax})`;
  }
  if (thresholdHr !== null && touches('thresholdHr', 'hrMax', 'restingHr')) {
    if (hrMax !== null && thresholdHr >= hrMax) return `thresholdHr (${thresholdHr}) must be below hrMax (${hrMax})`;
    if (restingHr !== null && thresholdHr <= restingHr) return `thresholdHr (${thresholdHr}) must be above restingHr (${restingHr})`;
  }
  if (hrZones !== null && touches('hrZones', 'hrMax', 'restingHr')) {
    if (hrMax !== null && hrZones[4] > hrMax) return `hrZones must start at or below hrMax (${hrMax}); zone 5 starts at ${hrZones[4]}`;
    if (restingHr !== null && hrZones[0] <= restingHr) return `hrZones must start above restingHr (${restingHr}); zone 1 starts at ${hrZones[0]}`;
  }
  return null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface SettingsChange {
  field: SettingsField;
  oldValue: unknown;
  newValue: unknown;
}

/** The patch applied: fields left out keep their value, null clears. */
export function applySettingsPatch(current: SettingsValues, patch: Partial<SettingsValues>): { merged: SettingsValues; changes: SettingsChange[] } {
  const merged = { ...current };
  const changes: SettingsChange[] = [];
  for (const field of SETTINGS_FIELDS) {
    const value = patch[field];
    if (value === undefined || same(value, current[field])) continue;
    (merged as Record<SettingsField, unknown>)[field] = value;
    changes.push({ field, oldValue: current[field], newValue: value });
  }
  return { merged, changes };
}
