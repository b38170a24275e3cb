/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AthleteNames($first: Int = 5) {\n  athletes(first: $first) {\n    edges {\n      node {\n        name\n        timezone\n      }\n    }\n  }\n}": typeof types.AthleteNamesDocument,
    "query AthleteSummary($id: ID!) {\n  athlete(id: $id) {\n    id\n    name\n    currentTrainingPlan {\n      name\n      currentWeek\n      totalWeeks\n      progress {\n        ratio\n      }\n    }\n    goalRace {\n      eventName\n      date\n      goalTimeFormatted\n      predictedTime {\n        formatted\n        gapToGoal\n      }\n    }\n    fitness {\n      ctl\n      atl\n      tsb\n      asOf\n    }\n    attentionSignals {\n      metric\n      severity\n      reason\n    }\n    insights {\n      weeklySummary {\n        text\n      }\n    }\n  }\n}": typeof types.AthleteSummaryDocument,
    "query Me {\n  viewer {\n    userId\n    role\n    athlete {\n      id\n      name\n      timezone\n      unitSystem\n    }\n  }\n}": typeof types.MeDocument,
    "query MyWeek {\n  viewer {\n    athlete {\n      id\n      name\n      fitnessStats(days: 7) {\n        totalActivities\n        totalDistance\n        totalDuration\n        avgPace\n      }\n      streak {\n        current {\n          length\n        }\n        longest {\n          length\n        }\n      }\n      charts {\n        dailyDistance(days: 7) {\n          points {\n            date\n            value\n          }\n        }\n      }\n    }\n  }\n}": typeof types.MyWeekDocument,
};
const documents: Documents = {
    "query AthleteNames($first: Int = 5) {\n  athletes(first: $first) {\n    edges {\n      node {\n        name\n        timezone\n      }\n    }\n  }\n}": types.AthleteNamesDocument,
    "query AthleteSummary($id: ID!) {\n  athlete(id: $id) {\n    id\n    name\n    currentTrainingPlan {\n      name\n      currentWeek\n      totalWeeks\n      progress {\n        ratio\n      }\n    }\n    goalRace {\n      eventName\n      date\n      goalTimeFormatted\n      predictedTime {\n        formatted\n        gapToGoal\n      }\n    }\n    fitness {\n      ctl\n      atl\n      tsb\n      asOf\n    }\n    attentionSignals {\n      metric\n      severity\n      reason\n    }\n    insights {\n      weeklySummary {\n        text\n      }\n    }\n  }\n}": types.AthleteSummaryDocument,
    "query Me {\n  viewer {\n    userId\n    role\n    athlete {\n      id\n      name\n      timezone\n      unitSystem\n    }\n  }\n}": types.MeDocument,
    "query MyWeek {\n  viewer {\n    athlete {\n      id\n      name\n      fitnessStats(days: 7) {\n        totalActivities\n        totalDistance\n        totalDuration\n        avgPace\n      }\n      streak {\n        current {\n          length\n        }\n        longest {\n          length\n        }\n      }\n      charts {\n        dailyDistance(days: 7) {\n          points {\n            date\n            value\n          }\n        }\n      }\n    }\n  }\n}": types.MyWeekDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AthleteNames($first: Int = 5) {\n  athletes(first: $first) {\n    edges {\n      node {\n        name\n        timezone\n      }\n    }\n  }\n}"): (typeof documents)["query AthleteNames($first: Int = 5) {\n  athletes(first: $first) {\n    edges {\n      node {\n        name\n        timezone\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AthleteSummary($id: ID!) {\n  athlete(id: $id) {\n    id\n    name\n    currentTrainingPlan {\n      name\n      currentWeek\n      totalWeeks\n      progress {\n        ratio\n      }\n    }\n    goalRace {\n      eventName\n      date\n      goalTimeFormatted\n      predictedTime {\n        formatted\n        gapToGoal\n      }\n    }\n    fitness {\n      ctl\n      atl\n      tsb\n      asOf\n    }\n    attentionSignals {\n      metric\n      severity\n      reason\n    }\n    insights {\n      weeklySummary {\n        text\n      }\n    }\n  }\n}"): (typeof documents)["query AthleteSummary($id: ID!) {\n  athlete(id: $id) {\n    id\n    name\n    currentTrainingPlan {\n      name\n      currentWeek\n      totalWeeks\n      progress {\n        ratio\n      }\n    }\n    goalRace {\n      eventName\n      date\n      goalTimeFormatted\n      predictedTime {\n        formatted\n        gapToGoal\n      }\n    }\n    fitness {\n      ctl\n      atl\n      tsb\n      asOf\n    }\n    attentionSignals {\n      metric\n      severity\n      reason\n    }\n    insights {\n      weeklySummary {\n        text\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me {\n  viewer {\n    userId\n    role\n    athlete {\n      id\n      name\n      timezone\n      unitSystem\n    }\n  }\n}"): (typeof documents)["query Me {\n  viewer {\n    userId\n    role\n    athlete {\n      id\n      name\n      timezone\n      unitSystem\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyWeek {\n  viewer {\n    athlete {\n      id\n      name\n      fitnessStats(days: 7) {\n        totalActivities\n        totalDistance\n        totalDuration\n        avgPace\n      }\n      streak {\n        current {\n          length\n        }\n        longest {\n          length\n        }\n      }\n      charts {\n        dailyDistance(days: 7) {\n          points {\n            date\n            value\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query MyWeek {\n  viewer {\n    athlete {\n      id\n      name\n      fitnessStats(days: 7) {\n        totalActivities\n        totalDistance\n        totalDuration\n        avgPace\n      }\n      streak {\n        current {\n          length\n        }\n        longest {\n          length\n        }\n      }\n      charts {\n        dailyDistance(days: 7) {\n          points {\n            date\n            value\n          }\n        }\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;