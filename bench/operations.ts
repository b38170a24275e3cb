import { print } from 'graphql';
import { addDays } from '../src/domain/time';
import { MAX_ACTIVITY_PAGE_SIZE, MAX_BATCH_PAGE_SIZE } from '../src/schema/pagination';
import { AthletesListDocument, AthleteProfileDocument, GroupDashboardDocument } from '../operations/__generated__/graphql';
import { athleteRunsPeer, athletesPagePeer, type PeerQuery } from './peer/queries';

/** The operations the benchmark times, as the clients send them. */
export interface BenchOperation {
  /** The label in reports. */
  name: string;
  /** The GraphQL operation's name, sent in the body; the floor dispatches on it. */
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  /** The same question as PostGraphile (bench/peer/) is asked it; none where it needs computed fields. */
  peer?: PeerQuery;
}

export interface BenchTargets {
  orgId: number;
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

// Plain columns only, so PostGraphile can answer the same (bench/peer/queries.ts).
const ATHLETES_PAGE = /* GraphQL */ `
  query AthletesPage100($first: Int!) {
    athletes(first: $first) {
      totalCount
      pageInfo { hasNextPage }
      edges { node { id name email timezone unitSystem sex birthYear version } }
    }
  }`;

// One document under two names: the floor dispatches on the operation's name.
const athleteRuns = (name: string) => /* GraphQL */ `
  query ${name}($id: ID!, $first: Int!) {
    athlete(id: $id) {
      id
      recentActivities(first: $first) {
        pageInfo { hasNextPage }
        edges {
          node {
            id startTime localDate timezone source sport distance movingTime elapsedTime
            avgHeartRate maxHeartRate calories elevationGain trainingLoad loadMethod rpe
          }
        }
      }
    }
  }`;

/** The page size of the roster page; also the largest Stride's athletes(first:) takes. */
const ATHLETES_PAGE_SIZE = 100;
const NEWEST_RUNS = 100;

/** A zone no seeded athlete lives in, with a 45-minute offset. */
export const FOREIGN_ZONE = 'Pacific/Chatham';

export function benchOperations(t: BenchTargets): BenchOperation[] {
  const id = String(t.athleteId);
  return [
    { name: 'Athletes list', operationName: 'AthletesList', query: print(AthletesListDocument), variables: { first: Math.min(t.athleteCount, MAX_BATCH_PAGE_SIZE) } },
    {
      name: 'Athletes list, page of 100 (plain fields)',
      operationName: 'AthletesPage100',
      query: ATHLETES_PAGE,
      variables: { first: ATHLETES_PAGE_SIZE },
      peer: athletesPagePeer(t.orgId, ATHLETES_PAGE_SIZE),
    },
    {
      name: "one athlete's newest 100 runs",
      operationName: 'AthleteRuns100',
      query: athleteRuns('AthleteRuns100'),
      variables: { id, first: NEWEST_RUNS },
      peer: athleteRunsPeer(t.orgId, t.athleteId, NEWEST_RUNS),
    },
    {
      // A benchmark organization holds 400 days of history (30 with --smoke) and its busiest
      // athlete far fewer than 1,000 runs, so the one page of the largest size is all of them
      // (hasNextPage false): the one request an analyst sends for them.
      name: "one athlete's 400 days of runs",
      operationName: 'AthleteRuns400Days',
      query: athleteRuns('AthleteRuns400Days'),
      variables: { id, first: MAX_ACTIVITY_PAGE_SIZE },
      peer: athleteRunsPeer(t.orgId, t.athleteId, MAX_ACTIVITY_PAGE_SIZE),
    },
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
