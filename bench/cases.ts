import type { BenchOperation, BenchTargets } from './operations';
import { addDays } from '../src/domain/time';
import { benchOperations } from './operations';
import { MAX_BATCH_PAGE_SIZE } from '../src/schema/pagination';

/** A request whose SQL is explained, with the budget for its slowest statement. */
export interface SqlTimeCase {
  name: string;
  budgetMs: number;
  op: Pick<BenchOperation, 'query' | 'variables'>;
}


const comparison = (from: string, to: string) => ({
  query: `query Totals($from: Date!, $to: Date!) { groupDashboard { comparison(period: CUSTOM, from: $from, to: $to) { groups { group { id } stats { totalActivities totalDistance totalDuration avgPace } engagedMembers } } } }`,
  variables: { from, to },
});

/**
 * The SQL-time budget of the benchmark issue, each as the API request that runs it: one
 * athlete's 400 days; the organization's 28-day and 400-day totals (per athlete on the
 * Athletes list, per group on the dashboard) and its weekly series (57 ISO weeks of load for
 * every athlete, the charts of the batch view).
 */
export function sqlTimeCases(t: BenchTargets): SqlTimeCase[] {
  const activityStats = benchOperations(t).find((o) => o.operationName === 'ActivityStats400')!;
  const perAthlete = (field: string) => ({
    query: `query Org { coachAthletesMetrics(first: ${Math.min(t.athleteCount, MAX_BATCH_PAGE_SIZE)}) { edges { node { id ${field} } } } }`,
    variables: {},
  });
  return [
    { name: "one athlete's 400-day stats (activityStats, daily)", budgetMs: 1, op: activityStats },
    { name: "organization's 28-day totals per athlete (fitnessStats(days: 28))", budgetMs: 10, op: perAthlete('fitnessStats(days: 28) { totalDistance trainingLoad totalActivities }') },
    { name: "organization's 28-day totals per group (comparison)", budgetMs: 10, op: comparison(addDays(t.endDate, -27), t.endDate) },
    { name: "organization's 400-day totals per group (comparison)", budgetMs: 50, op: comparison(addDays(t.endDate, -399), t.endDate) },
    { name: "organization's weekly series, 57 weeks per athlete (charts.weeklyTrainingLoad)", budgetMs: 50, op: perAthlete('charts { weeklyTrainingLoad(weeks: 57) { points { date value } } }') },
  ];
}
