import { GraphQLError, Kind, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { maxFirstOf } from '../schema/pagination';

/**
 * `first: 1000000` written in the query is refused while validating, with the same
 * message the resolver gives for a variable: the argument and its range.
 */
export const pageSizeRule: ValidationRule = (context) => ({
  Argument(node) {
    if (node.name.value !== 'first' || node.value.kind !== Kind.INT) return;
    const first = Number(node.value.value);
    const max = maxFirstOf(context.getFieldDef()?.name);
    if (first < 0 || first > max) {
      context.reportError(
        new GraphQLError(`first must be between 0 and ${max}; got ${node.value.value}`, {
          nodes: [node],
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      );
    }
  },
});

// graphql-js reports these before any resolver runs, without a code.
const REQUEST_ERROR_CODES: [RegExp, string][] = [
  [/^Variable "\$/, 'BAD_USER_INPUT'],
  [/^Schema is not configured to execute/, 'GRAPHQL_VALIDATION_FAILED'],
];

const withCode = (error: GraphQLError): GraphQLError => {
  if (error.extensions?.code || error.path) return error;
  const code = REQUEST_ERROR_CODES.find(([pattern]) => pattern.test(error.message))?.[1];
  return code ? new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code } }) : error;
};

const asRequestError = (error: GraphQLError): GraphQLError =>
  error.extensions?.http
    ? error
    : new GraphQLError(error.message, { nodes: error.nodes, originalError: error.originalError, extensions: { ...error.extensions, http: { status: 400 } } });

/** Every error a client can act on carries extensions.code (docs/api.md, Errors). */
export function useRequestErrorCodes(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(pageSizeRule);
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.length) return;
          // No data at all means the request itself was refused (bad variables): HTTP 400, as
          // graphql-js's executor answers and the compiled one (graphql-jit) does not. An error
          // with a path came from a field, not from the request, and stays as it is.
          if (!('data' in result)) setResult({ errors: result.errors.map((e) => (e.path ? withCode(e) : asRequestError(withCode(e)))) });
          else if (result.errors.some((e) => !e.extensions?.code)) setResult({ ...result, errors: result.errors.map(withCode) });
        },
      };
    },
    onSubscribe() {
      return {
        onSubscribeResult({ result, setResult }) {
          if ('errors' in result && result.errors?.some((e) => !e.extensions?.code)) {
            setResult({ ...result, errors: result.errors.map(withCode) });
          }
        },
      };
    },
  };
}
