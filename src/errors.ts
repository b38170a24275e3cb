import { GraphQLError } from 'graphql';

export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL' | 'DATABASE_UNAVAILABLE' | 'CONSISTENCY_NOT_REACHED';

// yoga turns extensions.http into the response's status and headers (and leaves it out of the body).
const HTTP_OF: Partial<Record<ErrorCode, { http: { status: number; headers?: Record<string, string> } }>> = {
  UNAUTHENTICATED: { http: { status: 401 } },
  DATABASE_UNAVAILABLE: { http: { status: 503, headers: { 'Retry-After': '1' } } },
  CONSISTENCY_NOT_REACHED: { http: { status: 503, headers: { 'Retry-After': '1' } } },
};

/**
 * The one error type that reaches clients: a GraphQLError with extensions.code.
 * Anything else thrown in a resolver is masked by yoga as an unexpected error.
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string) {
    super(message, { extensions: { code, ...HTTP_OF[code] } });
  }
}

export const notFound = (what: string, id: number | string) => new AppError('NOT_FOUND', `${what} ${id} not found`);
export const badInput = (message: string) => new AppError('BAD_USER_INPUT', message);
export const databaseUnavailable = () =>
  new AppError('DATABASE_UNAVAILABLE', 'the database is unavailable (restarting or unreachable); retry the request in a moment');
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);

/** Optimistic concurrency: an update naming the version it read fails once another update landed. */
export function checkVersion(what: string, current: number, expected: number | null | undefined): void {
  if (expected !== null && expected !== undefined && expected !== current) {
    throw new AppError('CONFLICT', `${what} is at version ${current}, not the expectedVersion ${expected}: read it again and retry`);
  }
}
