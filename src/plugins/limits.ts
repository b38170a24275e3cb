import { GraphQLError, type ValidationContext } from 'graphql';

/**
 * Query limits enforced by graphql-armor before execution (numbers documented in
 * docs/api.md). They leave room for every operation in operations/ and for GraphiQL's
 * introspection query (introspection is exempt from the depth limit).
 */
export const QUERY_LIMITS = {
  maxDepth: { n: 10 },
  maxAliases: { n: 15 },
  maxTokens: { n: 2_000 },
  maxDirectives: { n: 10 },
  costLimit: { maxCost: 250_000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 },
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
    costLimit: { ...limits.costLimit, ...reportWithCode },
    maxTokens: limits.maxTokens,
    blockFieldSuggestion: { enabled: blockFieldSuggestions },
  };
}
