import type { FloorHandler } from './handler';

export const groupDashboardFloor: FloorHandler = async () => {
  throw new Error('not written yet');
};

