import { GraphQLError, type ValidationContext } from 'graphql';

/**
 * Query limits enforced before execution (numbers documented in docs/api.md): depth,
 * aliases, tokens and directives by graphql-armor, the cost by query-cost.ts (armor's cost
 * limit is off: it read `first` only when written literally, and no date range at all).
 * They leave room for every operation in operations/ (at most a third of the cost limit at
 * their largest pages) and for GraphiQL's introspection query (exempt from depth and cost).
 */
export const QUERY_LIMITS = {
  maxDepth: { n: 10 },
  maxAliases: { n: 15 },
  maxTokens: { n: 2_000 },
  maxDirectives: { n: 10 },
  maxCost: { n: 150_000 },
};

export type QueryLimits = typeof QUERY_LIMITS;

// armor throws a code-less "Syntax Error" by default; report a validation error with
// yoga's code instead, like any other invalid query.
const reportWithCode = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(
        new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      ),
  ],
};

/** graphql-armor options for the given limits. */
export function armorOptions(limits: QueryLimits, blockFieldSuggestions: boolean) {
  return {
    maxDepth: { ...limits.maxDepth, ...reportWithCode },
    maxAliases: { ...limits.maxAliases, ...reportWithCode },
    maxDirectives: { ...limits.maxDirectives, ...reportWithCode },
    costLimit: { enabled: false },
    maxTokens: limits.maxTokens,
    blockFieldSuggestion: { enabled: blockFieldSuggestions },
  };
}
