import type { FloorHandler } from './handler';

export const activityStatsFloor: FloorHandler = async () => {
  throw new Error('not written yet');
};

export const runningStatsFloor: FloorHandler = async () => {
  throw new Error('not written yet');
};

