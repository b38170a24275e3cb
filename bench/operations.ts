import { print } from 'graphql';
import { addDays } from '../src/domain/time';
import { MAX_BATCH_PAGE_SIZE } from '../src/schema/pagination';
import { AthletesListDocument, AthleteProfileDocument, GroupDashboardDocument } from '../operations/__generated__/graphql';

/** The operations the benchmark times, as the clients send them. */
export interface BenchOperation {
  /** The label in reports. */
  name: string;
  /** The GraphQL operation's name, sent in the body; the floor dispatches on it. */
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface BenchTargets {
  athleteCount: number;
  athleteId: number;
  groupId: number;
  /** The last day of history, 'yyyy-MM-dd'. */
  endDate: string;
}

const unixSeconds = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

const ACTIVITY_STATS = /* GraphQL */ `
  query ActivityStats400($id: ID!, $from: Date!, $to: Date!) {
    athlete(id: $id) {
      id
      activityStats(from: $from, to: $to, granularity: DAY) {
        buckets { start end stats { totalActivities totalDistance totalDuration avgPace avgHeartRate trainingLoad calories } longestRun elevationGain }
        totals { totalActivities totalDistance totalDuration avgPace avgHeartRate trainingLoad calories }
      }
    }
  }`;

const RUNNING_STATS = /* GraphQL */ `
  query RunningStatsWeekly($id: ID!, $from: Timestamp!, $to: Timestamp!, $timezone: TimeZone) {
    athlete(id: $id) {
      id
      runningStats(fromTimestamp: $from, toTimestamp: $to, rangeType: WEEKLY, metricType: DISTANCE, timezone: $timezone) {
        timezone
        points { start end value runs duration trainingLoad }
        totals { totalActivities totalDistance totalDuration avgPace }
      }
    }
  }`;

/** A zone no seeded athlete lives in, with a 45-minute offset. */
export const FOREIGN_ZONE = 'Pacific/Chatham';

export function benchOperations(t: BenchTargets): BenchOperation[] {
  const id = String(t.athleteId);
  return [
    { name: 'Athletes list', operationName: 'AthletesList', query: print(AthletesListDocument), variables: { first: Math.min(t.athleteCount, MAX_BATCH_PAGE_SIZE) } },
    { name: 'Athlete profile', operationName: 'AthleteProfile', query: print(AthleteProfileDocument), variables: { id } },
    { name: 'activityStats 400 days', operationName: 'ActivityStats400', query: ACTIVITY_STATS, variables: { id, from: addDays(t.endDate, -399), to: t.endDate } },
    {
      name: 'runningStats weekly, a year, foreign zone',
      operationName: 'RunningStatsWeekly',
      query: RUNNING_STATS,
      variables: { id, from: unixSeconds(addDays(t.endDate, -364)), to: unixSeconds(addDays(t.endDate, 1)), timezone: FOREIGN_ZONE },
    },
    { name: 'Group dashboard', operationName: 'GroupDashboard', query: print(GroupDashboardDocument), variables: { drillGroupId: String(t.groupId), top: 5 } },
  ];
}
