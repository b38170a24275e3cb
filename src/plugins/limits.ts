/**
 * Query limits enforced by graphql-armor before execution (numbers documented in
 * docs/api.md). They leave room for every operation in operations/ and for GraphiQL's
 * introspection query (introspection is exempt from depth).
 */
export const QUERY_LIMITS = {
  maxDepth: { n: 10 },
  maxAliases: { n: 15 },
  maxTokens: { n: 2_000 },
  maxDirectives: { n: 10 },
  costLimit: { maxCost: 5_000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 },
} as const;
