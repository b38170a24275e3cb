// Insights: named rules write sentences from structured facts, and a generator (chosen by
// INSIGHT_GENERATOR) turns them into the text shown (docs/metrics.md, Insights). Pure.
//   insights/types.ts           the facts, the rule names and the sentence shape
//   insights/format.ts          units (km or mi, pace per km or per mile), dates, percentages
//   insights/weekly-rules.ts    the weekly summary's rules and thresholds
//   insights/run-group-rules.ts a run's line and a group's week
//   insights/generator.ts       the generator interface, `stride-plain`, `off`, the hash

export * from './insights/types';
export * from './insights/weekly-rules';
export * from './insights/run-group-rules';
export * from './insights/generator';
export { distance as formatDistance, pace as formatPace, METRES_PER_MILE } from './insights/format';
