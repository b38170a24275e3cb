import {
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_PAGE_SIZE, maxFirstOf } from '../schema/pagination';
import { countBuckets, type Granularity } from '../domain/buckets';
import { isValidTimeZone, localDateOf } from '../domain/time';

/**
 * The query cost (docs/api.md, Query cost): an upper bound of the work a request asks for,
 * computed from the document and its variables before anything runs.
 *
 * - every object the answer can hold costs 1; scalars and enums cost 0 (property reads);
 * - a list holds as many objects as its arguments allow: a connection's `edges` its `first`
 *   (default 20, at most the field's maximum), a stats field's buckets or points the buckets its
 *   range and granularity make, a calendar its days; other lists an assumed size (below);
 * - a field that builds a bucketed series (activityStats, healthMetrics, runningStats, the
 *   chart series) also costs its bucket count, whether or not the buckets are asked for;
 * - everything is multiplied by the sizes of the lists above it, so a field under the
 *   Athletes list is charged once per athlete of the page;
 * - introspection (`__schema`, `__type`, `__typename`) is free.
 */

/** Sizes of lists whose arguments say nothing: what an organization plausibly holds. */
const ASSUMED_LIST_SIZES: Record<string, number> = {
  'Athlete.attentionSignals': 6, // one per SignalMetric
  'AttentionSignal.readings': 14, // a reading a day over the two weeks compared
  'Athlete.signalMutes': 6, // at most one per SignalMetric
  'Athlete.integrations': 3, // one per provider
  'DataQuality.items': 6, // one per DataQualityItemKey
  'AthleteInsights.recentActivities': 3, // the 3 latest runs
  'MemberWeek.days': 7, // Monday to Sunday
  'GroupOverview.groups': 20,
  'GroupComparison.groups': 20,
  'GroupTrainingPlans.byGroup': 20,
  'GroupComparison.members': 100, // one group's members
  'TrainingPlan.weeks': 52, // a plan is 1..52 weeks
  'TrainingPlan.thisWeek': 14, // at most 14 workouts a week
  'TrainingPlan.workouts': 728,
};
/** Any other list of objects (labels, coaches...). */
export const DEFAULT_LIST_SIZE = 10;

type Args = Record<string, unknown>;

interface FieldRule {
  /** Buckets the field builds, charged even when they are not asked for. */
  buckets?: (args: Args) => number;
  /** This field's own list size. */
  size?: (args: Args) => number;
  /** Sizes of lists below this field, by coordinate (Type.field), given its return type's name. */
  lists?: (args: Args, returnType: string) => Record<string, number>;
}

const whole = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.floor(value)) : null);

/** A page: `first` (default 20) up to the field's maximum (more is BAD_USER_INPUT before any SQL). */
const page = (field: string) => (args: Args) => Math.min(whole(args.first) ?? DEFAULT_PAGE_SIZE, maxFirstOf(field));

const connection = (field: string): FieldRule => ({ lists: (args, type) => ({ [`${type}.edges`]: page(field)(args) }) });

/** A local date from a Date argument ('yyyy-MM-dd', or a Date should the scalar parse to one). */
function localDate(value: unknown): string | null {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return null;
}

/** An instant from a Timestamp argument (a Date, or unix seconds). */
function instant(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000);
  return null;
}

/** A bucket count, or 0 for a range the field refuses before its SQL (reversed, unreadable). */
const bucketCount = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0);

/** Buckets of from..to (inclusive) at a granularity; 0 when the range is unreadable or reversed (refused before SQL). */
export function dateRangeBuckets(from: unknown, to: unknown, granularity: Granularity): number {
  const a = localDate(from);
  const b = localDate(to);
  return a && b ? bucketCount(countBuckets(a, b, granularity)) : 0;
}

const RANGE_GRANULARITY: Record<string, Granularity> = { DAILY: 'DAY', WEEKLY: 'WEEK', MONTHLY: 'MONTH', YEARLY: 'YEAR' };

/**
 * runningStats' buckets, counted as its own check counts them: in the requested zone, or
 * across the widest zones (UTC-12 to UTC+14) when the athlete's own zone is used.
 */
export function runningStatsBuckets(args: Args): number {
  const granularityOfDates = RANGE_GRANULARITY[String(args.rangeType)];
  if (args.from !== undefined || args.to !== undefined) return granularityOfDates ? dateRangeBuckets(args.from, args.to, granularityOfDates) : 0;
  const from = instant(args.fromTimestamp);
  const to = instant(args.toTimestamp);
  const granularity = RANGE_GRANULARITY[String(args.rangeType)];
  if (!from || !to || !granularity) return 0;
  try {
    if (typeof args.timezone === 'string' && isValidTimeZone(args.timezone)) {
      return bucketCount(countBuckets(localDateOf(from, args.timezone), localDateOf(to, args.timezone), granularity));
    }
    const HOUR = 3_600_000;
    const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    return bucketCount(countBuckets(utcDate(from.getTime() - 12 * HOUR), utcDate(to.getTime() + 14 * HOUR), granularity));
  } catch {
    return 0; // an instant outside the calendar: the field refuses it before its SQL
  }
}

/** A field that builds `count` buckets and answers them in the list `list`. */
const series = (count: (args: Args) => number, list: string): FieldRule => ({ buckets: count, lists: (args) => ({ [list]: count(args) }) });

const RULES: Record<string, FieldRule> = {
  'Query.athletes': connection('athletes'),
  'Query.coachAthletesMetrics': connection('coachAthletesMetrics'),
  'Athlete.recentActivities': connection('recentActivities'),
  'Athlete.settingsHistory': connection('settingsHistory'),
  'Query.labels': connection('labels'),
  'Query.coaches': connection('coaches'),
  'Query.groups': connection('groups'),
  'Query.webhookEndpoints': { size: () => 20 }, // at most MAX_WEBHOOK_ENDPOINTS per organization
  'WebhookEndpoint.deliveries': connection('deliveries'),
  'Athlete.activityStats': series((a) => dateRangeBuckets(a.from, a.to, a.granularity as Granularity), 'ActivityStats.buckets'),
  'Athlete.healthMetrics': series((a) => dateRangeBuckets(a.from, a.to, a.granularity as Granularity), 'HealthMetrics.buckets'),
  'Athlete.runningStats': series(runningStatsBuckets, 'RunningStats.points'),
  'Charts.dailyDistance': series((a) => whole(a.days) ?? 0, 'ChartSeries.points'),
  'Charts.weeklyTrainingLoad': series((a) => whole(a.weeks) ?? 0, 'ChartSeries.points'),
  'Charts.restingHeartRate': series((a) => whole(a.days) ?? 0, 'ChartSeries.points'),
  'Charts.fitness': series((a) => whole(a.days) ?? 0, 'ChartSeries.points'),
  'Athlete.fitnessHistory': series((a) => dateRangeBuckets(a.from, a.to, 'DAY'), 'FitnessHistory.points'),
  'Athlete.riskHistory': { size: (a) => dateRangeBuckets(a.from, a.to, 'DAY'), buckets: (a) => dateRangeBuckets(a.from, a.to, 'DAY') },
  // Active days only, at most one per day of the range.
  'Streak.calendar': { size: (a) => dateRangeBuckets(a.from, a.to, 'DAY') },
  'GroupDashboard.overview': { lists: (a) => ({ 'GroupWeek.topMembers': whole(a.top) ?? 0 }) },
  'GroupDashboard.trainingPlans': { lists: (a) => ({ 'GroupTrainingPlans.athletes': whole(a.first) ?? 0 }) },
};

/** One field of the answer with what it costs in all (its subtree, times the lists above it). */
export interface CostNode {
  key: string;
  coordinate: string;
  /** Objects per parent object (1 for a single object, the list size for a list; 0 for leaves). */
  size: number;
  /** The name of the field whose argument gives `size` (a connection's, for its edges). */
  sizeFrom?: string;
  /** Buckets the field builds per parent object. */
  buckets: number;
  cost: number;
  children: CostNode[];
}

export interface QueryCost {
  cost: number;
  /** The walk stopped far past the limit: `cost` is a lower bound. */
  partial?: boolean;
  fields: CostNode[];
}

/** The walk counts up to this many times the limit, then stops (the cost is then "at least"). */
const WALK_STOPS_AT = 100;

interface FieldInfo {
  coordinate: string;
  returnType: GraphQLNamedType;
  leaf: boolean;
  list: boolean;
}

// What the schema says about a field, once per field: the type checks are not free.
const fieldInfos = new WeakMap<GraphQLField<unknown, unknown>, FieldInfo>();

function fieldInfo(parentType: GraphQLNamedType, field: GraphQLField<unknown, unknown>): FieldInfo {
  let info = fieldInfos.get(field);
  if (!info) {
    const nullable: GraphQLOutputType = isNonNullType(field.type) ? field.type.ofType : field.type;
    const returnType = getNamedType(field.type);
    info = { coordinate: `${parentType.name}.${field.name}`, returnType, leaf: isLeafType(returnType), list: isListType(nullable) };
    fieldInfos.set(field, info);
  }
  return info;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Cost counted so far over the whole walk; counting stops once it passes `limit`. */
  budget: { spent: number; limit: number };
}

/** Whether @skip / @include leave the selection in. */
function included(walk: Walk, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (!node.directives?.length) return true;
  return getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if !== true && getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false;
}

function walkSelection(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parentType: GraphQLNamedType,
  multiplier: number,
  scope: Record<string, { size: number; from: string }>,
  into: CostNode[],
  visitedFragments: Set<string>,
  spreadHere: Set<string> = new Set(),
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    // Far past the limit nothing more needs counting: a document built to multiply its nodes
    // would otherwise make the walk itself the denial of service it guards against.
    if (walk.budget.spent > walk.budget.limit) break;
    if (!included(walk, selection)) continue;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) ?? parentType : parentType;
      total += walkSelection(walk, selection.selectionSet, type, multiplier, scope, into, visitedFragments, spreadHere);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      // A fragment spread twice into one selection set selects its fields once (graphql-js's collectFields).
      const fragment = walk.fragments.get(selection.name.value);
      if (!fragment || visitedFragments.has(fragment.name.value) || spreadHere.has(fragment.name.value)) continue;
      spreadHere.add(fragment.name.value);
      const type = walk.schema.getType(fragment.typeCondition.name.value) ?? parentType;
      total += walkSelection(walk, fragment.selectionSet, type, multiplier, scope, into, new Set([...visitedFragments, fragment.name.value]), spreadHere);
      continue;
    }
    const name = selection.name.value;
    if (name.startsWith('__')) continue;
    if (!(isObjectType(parentType) || isInterfaceType(parentType))) continue;
    const field: GraphQLField<unknown, unknown> | undefined = parentType.getFields()[name];
    if (!field) continue;
    const { coordinate, returnType, leaf, list } = fieldInfo(parentType, field);
    const key = selection.alias?.value ?? name;
    const rule = RULES[coordinate];
    let args: Args = {};
    if (rule) {
      try {
        args = getArgumentValues(field, selection, walk.variables);
      } catch {
        args = {}; // refused when the field runs, before its SQL
      }
    }
    const buckets = rule?.buckets?.(args) ?? 0;
    const node: CostNode = { key, coordinate, size: 0, buckets, cost: multiplier * buckets, children: [] };
    if (!leaf) {
      if (list) {
        const given = scope[coordinate];
        node.size = rule?.size?.(args) ?? given?.size ?? ASSUMED_LIST_SIZES[coordinate] ?? DEFAULT_LIST_SIZE;
        node.sizeFrom = rule?.size ? key : given?.from;
      } else {
        node.size = 1;
      }
      node.cost += multiplier * node.size;
      if (selection.selectionSet) {
        const lists = rule?.lists?.(args, returnType.name);
        const childScope = lists ? { ...scope, ...Object.fromEntries(Object.entries(lists).map(([c, size]) => [c, { size, from: key }])) } : scope;
        node.cost += walkSelection(walk, selection.selectionSet, returnType, multiplier * node.size, childScope, node.children, visitedFragments);
      }
    }
    into.push(node);
    total += node.cost;
    walk.budget.spent += multiplier * (buckets + (leaf ? 0 : node.size));
  }
  return total;
}

/**
 * The cost of the operation for these variables; null when the variables do not coerce
 * (execution then refuses them with BAD_USER_INPUT) or there is no such operation.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variableValues?: Record<string, unknown> | null,
  operationName?: string | null,
  limit = Infinity,
): QueryCost | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {});
  if (coerced.errors) return null;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return null;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const fields: CostNode[] = [];
  const budget = { spent: 0, limit: limit * WALK_STOPS_AT };
  const cost = walkSelection({ schema, fragments, variables: coerced.coerced, budget }, operation.selectionSet, rootType, 1, {}, fields, new Set());
  return budget.spent > budget.limit ? { cost, partial: true, fields } : { cost, fields };
}

const number = (n: number) => n.toLocaleString('en-US');

/**
 * The heaviest top-level field and the factors along its heaviest path, e.g.
 * "the largest part is a0 at 1,983,000 (a0: 1,000 × runningStats: 990 buckets)".
 */
export function explainCost(result: QueryCost): string {
  const top = [...result.fields].sort((a, b) => b.cost - a.cost)[0];
  if (!top) return '';
  const factors: string[] = [];
  for (let node: CostNode | undefined = top; node; node = [...node.children].sort((a, b) => b.cost - a.cost)[0]) {
    if (node.size > 1) factors.push(`${node.sizeFrom ?? node.key}: ${number(node.size)}`);
    if (node.buckets > 0) {
      factors.push(`${node.key}: ${number(node.buckets)} buckets`);
      break;
    }
  }
  return `the largest part is ${top.key} at ${number(top.cost)}${factors.length ? ` (${factors.join(' × ')})` : ''}`;
}

export const QUERY_TOO_COSTLY = 'QUERY_TOO_COSTLY';

/** The refusal: the computed cost, the limit and where the cost comes from; HTTP 400. */
export function costError(result: QueryCost, limit: number): GraphQLError {
  return new GraphQLError(
    `query cost ${result.partial ? 'at least ' : ''}${number(result.cost)} exceeds the limit of ${number(limit)}; ${explainCost(result)}. Ask for fewer items, shorter ranges or a coarser granularity`,
    { extensions: { code: QUERY_TOO_COSTLY, cost: result.cost, limit, http: { status: 400 } } },
  );
}

/** The cost of the operation a request executes, by its context (the tenant transaction plans by it). */
export const operationCosts = new WeakMap<object, number>();

/**
 * Refuses an operation whose cost is over the limit before it executes: no transaction is
 * opened and no SQL runs. It needs the variables, so it runs at execution, not validation
 * (yoga caches validation by document).
 */
export function useQueryCost(options: { maxCost: number }): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let result: QueryCost | null;
      try {
        result = queryCost(args.schema, args.document, args.variableValues as Record<string, unknown> | undefined, args.operationName, options.maxCost);
      } catch {
        return; // e.g. @skip(if: $null): execution reports it with its code
      }
      // `!(cost <= limit)`: a cost that is not a number is refused, never let through.
      if (result && !(result.cost <= options.maxCost)) setResultAndStopExecution({ errors: [costError(result, options.maxCost)] });
      else if (result) operationCosts.set(args.contextValue, result.cost);
    },
  };
}
