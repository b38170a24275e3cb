import { parse } from 'graphql';
import { schema } from '../../src/schema';
import { costError, dateRangeBuckets, explainCost, queryCost, runningStatsBuckets } from '../../src/plugins/query-cost';

// The cost arithmetic (docs/api.md, Query cost): objects 1, scalars 0, lists by their page
// size or bucket count, bucketed series also by the buckets they build, all multiplied down.
const cost = (query: string, variables?: Record<string, unknown>) => queryCost(schema, parse(query), variables)!.cost;

describe('objects, scalars and lists', () => {
  it('charges 1 per object and nothing for scalars and enums', () => {
    expect(cost('{ organization { id name timezone } }')).toBe(1);
    expect(cost('{ viewer { role userId athlete { id name unitSystem } } }')).toBe(2);
  });

  it('multiplies a connection by its first: edges, nodes and everything under them', () => {
    // 1 connection + 5 edges + 5 nodes + 5 × (10 labels, an assumed size) + pageInfo.
    expect(cost('{ athletes(first: 5) { totalCount pageInfo { hasNextPage } edges { cursor node { id labels { name } } } } }')).toBe(1 + 1 + 5 + 5 + 5 * 10);
  });

  it('charges the default page (20) without first, and at most the maximum page', () => {
    expect(cost('{ athletes { edges { node { id } } } }')).toBe(1 + 20 + 20);
    expect(cost('{ athletes(first: 5000) { edges { node { id } } } }')).toBe(1 + 100 + 100);
    expect(cost('{ coachAthletesMetrics(first: 5000) { edges { node { id } } } }')).toBe(1 + 1000 + 1000);
    expect(cost('{ coachAthletesMetrics(first: 0) { totalCount edges { node { id } } } }')).toBe(1);
  });

  it('reads page sizes from variables and their defaults', () => {
    const query = 'query($first: Int = 7) { coachAthletesMetrics(first: $first) { edges { node { id } } } }';
    expect(cost(query)).toBe(1 + 7 + 7);
    expect(cost(query, { first: 300 })).toBe(1 + 300 + 300);
  });

  it('multiplies nested lists', () => {
    // 1 + 10 edges + 10 nodes + 10 × (recentActivities 1 + 3 edges + 3 nodes).
    expect(cost('{ athletes(first: 10) { edges { node { recentActivities(first: 3) { edges { node { id distance } } } } } } }')).toBe(1 + 10 + 10 + 10 * (1 + 3 + 3));
  });

  it('follows fragments, inline fragments and @skip / @include', () => {
    const query = `query($skip: Boolean!) { athlete(id: "1") { ...F ... on Athlete { fitness { ctl } } coaches @skip(if: $skip) { name } } }
      fragment F on Athlete { labels { name } }`;
    expect(cost(query, { skip: false })).toBe(1 + 10 + 1 + 10);
    expect(cost(query, { skip: true })).toBe(1 + 10 + 1);
  });

  it('leaves introspection free', () => {
    expect(cost('{ __schema { types { name fields { name args { name } } } } __typename }')).toBe(0);
  });

  it('answers null for variables that do not coerce (execution refuses them)', () => {
    expect(queryCost(schema, parse('query($f: Int) { athletes(first: $f) { totalCount } }'), { f: 'ten' })).toBeNull();
  });
});

describe('stats fields: their buckets, and the buckets in the answer', () => {
  it('charges activityStats its buckets whether or not they are asked for', () => {
    // January: 31 days.
    expect(cost('{ athlete(id: "1") { activityStats(from: "2026-01-01", to: "2026-01-31", granularity: DAY) { totals { totalDistance } } } }')).toBe(1 + 1 + 31 + 1);
    // ... and each bucket object (with its stats) when they are.
    expect(cost('{ athlete(id: "1") { activityStats(from: "2026-01-01", to: "2026-01-31", granularity: DAY) { buckets { start stats { totalDistance } } } } }')).toBe(1 + 1 + 31 + 31 * 2);
    // 15 January to 2 March by month: January, February, March.
    expect(cost('{ athlete(id: "1") { activityStats(from: "2026-01-15", to: "2026-03-02", granularity: MONTH) { buckets { start } } } }')).toBe(1 + 1 + 3 + 3);
  });

  it('counts ISO weeks for healthMetrics by WEEK', () => {
    // Sunday 1 March 2026 to Tuesday 31 March: the weeks of 23 Feb, 2, 9, 16, 23 and 30 March.
    expect(dateRangeBuckets('2026-03-01', '2026-03-31', 'WEEK')).toBe(6);
    expect(cost('{ athlete(id: "1") { healthMetrics(from: "2026-03-01", to: "2026-03-31", granularity: WEEK) { buckets { hrv } } } }')).toBe(1 + 1 + 6 + 6);
  });

  it('counts runningStats buckets in the zone asked for, or across the widest zones', () => {
    const from = Date.parse('2026-03-01T00:00:00Z') / 1000;
    const to = Date.parse('2026-03-07T23:59:59Z') / 1000;
    expect(runningStatsBuckets({ fromTimestamp: new Date(from * 1000), toTimestamp: new Date(to * 1000), rangeType: 'DAILY', timezone: 'UTC' })).toBe(7);
    // UTC-12 starts on 28 February, UTC+14 ends on 8 March.
    expect(runningStatsBuckets({ fromTimestamp: new Date(from * 1000), toTimestamp: new Date(to * 1000), rangeType: 'DAILY', timezone: null })).toBe(9);
    expect(runningStatsBuckets({ fromTimestamp: new Date(from * 1000), toTimestamp: new Date(to * 1000), rangeType: 'WEEKLY', timezone: 'UTC' })).toBe(2);
    const query = 'query($from: Timestamp!, $to: Timestamp!) { athlete(id: "1") { runningStats(fromTimestamp: $from, toTimestamp: $to, rangeType: DAILY, metricType: DISTANCE, timezone: "UTC") { points { value } totals { runs: totalActivities } } } }';
    expect(cost(query, { from, to })).toBe(1 + 1 + 7 + 7 + 1);
  });

  it('counts 0 buckets for a range the field refuses before its SQL, never NaN', () => {
    expect(dateRangeBuckets('2026-03-10', '2026-03-01', 'DAY')).toBe(0);
    expect(dateRangeBuckets('not a date', '2026-03-01', 'DAY')).toBe(0);
    expect(runningStatsBuckets({ fromTimestamp: new Date(0), toTimestamp: new Date(8.64e15), rangeType: 'DAILY', timezone: null })).toBe(0);
    expect(runningStatsBuckets({ fromTimestamp: new Date(0), toTimestamp: new Date(86_400_000), rangeType: 'HOURLY', timezone: 'UTC' })).toBe(0);
  });

  it('charges chart series their points, with the schema defaults', () => {
    expect(cost('{ athlete(id: "1") { charts { dailyDistance { points { value } } } } }')).toBe(1 + 1 + 1 + 30 + 30);
    expect(cost('{ athlete(id: "1") { charts { weeklyTrainingLoad(weeks: 52) { slope } } } }')).toBe(1 + 1 + 1 + 52);
  });

  it('charges a calendar one object per day of its range (active days, at most)', () => {
    expect(cost('{ athlete(id: "1") { streak { calendar(from: "2026-03-01", to: "2026-03-31") { date } } } }')).toBe(1 + 1 + 31);
  });

  it('multiplies a stats field by the athletes of the page above it', () => {
    const query = '{ coachAthletesMetrics(first: 60) { edges { node { activityStats(from: "2026-01-01", to: "2026-01-31", granularity: DAY) { buckets { start } } } } } }';
    expect(cost(query)).toBe(1 + 60 * (1 + 1 + 1 + 31 + 31));
  });

  it('takes the top members of the group overview from its argument', () => {
    // overview 1 + 20 groups × (1 + top 8 × (member 1 + athlete 1 + 7 days)).
    expect(cost('{ groupDashboard { overview(top: 8) { groups { topMembers { athlete { id } days { date } } } } } }')).toBe(1 + 1 + 20 + 20 * 8 * (1 + 1 + 7));
  });
});

describe('the refusal message', () => {
  it('names the heaviest part and its factors', () => {
    const result = queryCost(
      schema,
      parse('{ small: athletes(first: 2) { edges { node { id } } } big: coachAthletesMetrics(first: 500) { edges { node { activityStats(from: "2026-01-01", to: "2026-03-31", granularity: DAY) { totals { totalDistance } } } } } }'),
    )!;
    // 1 + 500 × (edge + node + activityStats + 90 buckets + totals).
    expect(explainCost(result)).toBe('the largest part is big at 47,001 (big: 500 × activityStats: 90 buckets)');
    const error = costError(result, 10_000);
    expect(error.message).toBe(
      'query cost 47,006 exceeds the limit of 10,000; the largest part is big at 47,001 (big: 500 × activityStats: 90 buckets). Ask for fewer items, shorter ranges or a coarser granularity',
    );
    expect(error.extensions).toEqual({ code: 'QUERY_TOO_COSTLY', cost: 47_006, limit: 10_000, http: { status: 400 } });
  });
});
