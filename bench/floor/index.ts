import type { FloorHandler } from './handler';
import { athletesListFloor } from './athletes-list';
import { athleteProfileFloor } from './athlete-profile';
import { activityStatsFloor, runningStatsFloor } from './athlete-stats';
import { groupDashboardFloor } from './group-dashboard';

/** Floor handlers by the benchmark operation's name (bench/operations.ts). */
export const floorHandlers: Record<string, FloorHandler> = {
  AthletesList: athletesListFloor,
  AthleteProfile: athleteProfileFloor,
  ActivityStats400: activityStatsFloor,
  RunningStatsWeekly: runningStatsFloor,
  GroupDashboard: groupDashboardFloor,
};
