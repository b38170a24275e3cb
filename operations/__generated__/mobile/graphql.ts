/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A user's role in the organization, from the token's `role` claim (docs/api.md, Identity and roles). */
export type Role =
  /** Reads everything in the organization and manages everyone. */
  | 'ADMIN'
  /** Reads and writes only their own data. */
  | 'ATHLETE'
  /** Reads every athlete of the organization; manages only the athletes assigned to them. */
  | 'COACH';

/** How urgent an attention signal is (docs/metrics.md, Attention signals). */
export type Severity =
  /** Health: a fall of at least twice the threshold. Load risk: at least 1.25 times the threshold. */
  | 'HIGH'
  /** Health: a rise past the threshold. Not used for load risk. */
  | 'LOW'
  /** Health: a smaller fall past the threshold. Load risk: above the threshold, below 1.25 times it. */
  | 'MEDIUM';

/** What an attention signal is about. */
export type SignalMetric =
  /** Today's acute:chronic workload ratio (EWMA) is above the organization's acwrMax. */
  | 'ACWR_HIGH'
  /** HRV (ln RMSSD) changed week over week. */
  | 'HRV'
  /** Foster's monotony over the last 7 days is above the organization's monotonyMax. */
  | 'MONOTONY_HIGH'
  /** CTL rose over the last 7 days by more than the organization's weeklyRampMax (a share of CTL 7 days ago). */
  | 'RAMP_HIGH'
  /** Recovery score changed week over week. */
  | 'RECOVERY_SCORE'
  /** VO2max changed week over week. */
  | 'VO2MAX';

/** Units a client shows (the API always answers in metres and seconds). */
export type UnitSystem =
  /** Miles, feet, min/mile (display only: the API still answers in metres and seconds). */
  | 'IMPERIAL'
  /** Kilometres, metres, min/km. */
  | 'METRIC';

export type AthleteNamesQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type AthleteNamesQuery = { athletes: { edges: Array<{ node: { name: string, timezone: string } }> } | null };

export type AthleteSummaryQueryVariables = Exact<{
  id: string | number;
}>;


export type AthleteSummaryQuery = { athlete: { id: string, name: string, currentTrainingPlan: { name: string, currentWeek: number, totalWeeks: number, progress: { ratio: number | null } } | null, goalRace: { eventName: string, date: string, goalTimeFormatted: string | null, predictedTime: { formatted: string, gapToGoal: number | null } | null } | null, fitness: { ctl: number, atl: number, tsb: number, asOf: string } | null, attentionSignals: Array<{ metric: SignalMetric, severity: Severity, reason: string }> | null, insights: { weeklySummary: { text: string } | null } } | null };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { viewer: { userId: string, role: Role, athlete: { id: string, name: string, timezone: string, unitSystem: UnitSystem | null } | null } };

export type MyWeekQueryVariables = Exact<{ [key: string]: never; }>;


export type MyWeekQuery = { viewer: { athlete: { id: string, name: string, fitnessStats: { totalActivities: number, totalDistance: number, totalDuration: number, avgPace: number | null } | null, streak: { current: { length: number }, longest: { length: number } }, charts: { dailyDistance: { points: Array<{ date: string, value: number | null }> } | null } } | null } };


export const AthleteNamesDocument = {"__meta__":{"hash":"sha256:b6f96e9a34ec349cb73377362ada60ceb660884e4934b0281102dc8c6536d486"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AthleteNames"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athletes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AthleteNamesQuery, AthleteNamesQueryVariables>;
export const AthleteSummaryDocument = {"__meta__":{"hash":"sha256:3d7a572dd72af9db489ffaa30d96dd8f782c5cd124fd8d3320ca7a53bff987a3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AthleteSummary"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currentTrainingPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currentWeek"}},{"kind":"Field","name":{"kind":"Name","value":"totalWeeks"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ratio"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"goalRace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventName"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"goalTimeFormatted"}},{"kind":"Field","name":{"kind":"Name","value":"predictedTime"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}},{"kind":"Field","name":{"kind":"Name","value":"gapToGoal"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fitness"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ctl"}},{"kind":"Field","name":{"kind":"Name","value":"atl"}},{"kind":"Field","name":{"kind":"Name","value":"tsb"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attentionSignals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"insights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weeklySummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AthleteSummaryQuery, AthleteSummaryQueryVariables>;
export const MeDocument = {"__meta__":{"hash":"sha256:fc7ecb5494b69ee260c07c017f8ca82487be90c6f52256dc79f69036b38cbf00"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"athlete"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"unitSystem"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const MyWeekDocument = {"__meta__":{"hash":"sha256:276911c8da7ed04565d44f78f74a5ea239a543162311febf8d38779826cfb1fc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyWeek"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fitnessStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"IntValue","value":"7"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalActivities"}},{"kind":"Field","name":{"kind":"Name","value":"totalDistance"}},{"kind":"Field","name":{"kind":"Name","value":"totalDuration"}},{"kind":"Field","name":{"kind":"Name","value":"avgPace"}}]}},{"kind":"Field","name":{"kind":"Name","value":"streak"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"current"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"length"}}]}},{"kind":"Field","name":{"kind":"Name","value":"longest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"length"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"charts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dailyDistance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"IntValue","value":"7"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyWeekQuery, MyWeekQueryVariables>;