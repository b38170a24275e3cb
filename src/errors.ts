import { GraphQLError } from 'graphql';

export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'INTERNAL';

/**
 * The one error type that reaches clients: a GraphQLError with extensions.code.
 * Anything else thrown in a resolver is masked by yoga as an unexpected error.
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string) {
    // yoga turns extensions.http into the response status (and leaves it out of the body).
    super(message, { extensions: code === 'UNAUTHENTICATED' ? { code, http: { status: 401 } } : { code } });
  }
}

export const notFound = (what: string, id: number | string) => new AppError('NOT_FOUND', `${what} ${id} not found`);
export const badInput = (message: string) => new AppError('BAD_USER_INPUT', message);
