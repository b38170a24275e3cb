import type { FloorHandler } from './handler';

export const athletesListFloor: FloorHandler = async () => {
  throw new Error('not written yet');
};

