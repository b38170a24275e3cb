// Data quality score, 0-100: what a coach should fill in so the numbers can be trusted. Pure.

export type QualityItemKey = 'PACE_ZONES' | 'HR_ZONES' | 'VDOT' | 'INTEGRATION' | 'TIMEZONE' | 'UNIT_SYSTEM';

export const QUALITY_WEIGHTS: Record<QualityItemKey, number> = {
  PACE_ZONES: 20,
  HR_ZONES: 20,
  VDOT: 15,
  INTEGRATION: 20,
  TIMEZONE: 15,
  UNIT_SYSTEM: 10,
};

export interface QualityInputs {
  hasPaceZones: boolean;
  hasHrZones: boolean;
  hasVdot: boolean;
  hasConnectedIntegration: boolean;
  hasTimezone: boolean;
  hasUnitSystem: boolean;
}

export interface QualityItem {
  key: QualityItemKey;
  weight: number;
  met: boolean;
}

export function dataQuality(inputs: QualityInputs): { score: number; items: QualityItem[] } {
  const met: Record<QualityItemKey, boolean> = {
    PACE_ZONES: inputs.hasPaceZones,
    HR_ZONES: inputs.hasHrZones,
    VDOT: inputs.hasVdot,
    INTEGRATION: inputs.hasConnectedIntegration,
    TIMEZONE: inputs.hasTimezone,
    UNIT_SYSTEM: inputs.hasUnitSystem,
  };
  const items = (Object.keys(QUALITY_WEIGHTS) as QualityItemKey[]).map((key) => ({ key, weight: QUALITY_WEIGHTS[key], met: met[key] }));
  return { score: items.reduce((sum, i) => sum + (i.met ? i.weight : 0), 0), items };
}
