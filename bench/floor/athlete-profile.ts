import type { FloorHandler } from './handler';

export const athleteProfileFloor: FloorHandler = async () => {
  throw new Error('not written yet');
};

