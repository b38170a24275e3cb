import type { FloorHandler } from './handler';
import { athletesListFloor } from './athletes-list';
import { athleteProfileFloor } from './athlete-profile';
import { activityStatsFloor, runningStatsFloor } from './athlete-stats';
import { groupDashboardFloor } from './group-dashboard';
import { athletesPageFloor } from './athletes-page';
import { athleteRunsFloor } from './athlete-runs';

/** Floor handlers by the benchmark operation's name (bench/operations.ts). */
export const floorHandlers: Record<string, FloorHandler> = {
  AthletesList: athletesListFloor,
  AthletesPage100: athletesPageFloor,
  AthleteRuns100: athleteRunsFloor,
  AthleteRuns400Days: athleteRunsFloor,
  AthleteProfile: athleteProfileFloor,
  ActivityStats400: activityStatsFloor,
  RunningStatsWeekly: runningStatsFloor,
  GroupDashboard: groupDashboardFloor,
};
