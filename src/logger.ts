import pino, { type DestinationStream, type Logger } from 'pino';
import type { YogaLogger } from '@graphql-yoga/logger';

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { service: 'stride' } }, destination);
}

/** Longest error message kept in a log line: a cause, not a dump. */
const MAX_MESSAGE = 300;

/**
 * An error as a log line may carry it: its code (a database error's SQLSTATE, an API error's
 * extensions.code) and the first line of its message, cut short. Never the object: pg's errors
 * carry the connection, GraphQL's the document and variables.
 */
export function errorSummary(error: unknown): { code?: string; message: string } {
  if (typeof error !== 'object' || error === null) return { message: String(error).slice(0, MAX_MESSAGE) };
  const { code, message, extensions, originalError } = error as { code?: unknown; message?: unknown; extensions?: { code?: unknown }; originalError?: unknown };
  const cause = originalError && typeof originalError === 'object' ? errorSummary(originalError) : undefined;
  const ownCode = typeof code === 'string' ? code : typeof extensions?.code === 'string' ? extensions.code : undefined;
  return {
    ...(ownCode ?? cause?.code ? { code: ownCode ?? cause?.code } : {}),
    message: String(message ?? '').split('\n')[0].slice(0, MAX_MESSAGE),
  };
}

/**
 * The logger yoga writes through: its messages, and errors as errorSummary. The objects yoga
 * adds at debug level (the request's parameters, with variables that may hold emails or
 * secrets) are left out.
 */
export function yogaLogger(logger: Logger): YogaLogger {
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    if (!logger.isLevelEnabled(level)) return;
    const message = args.filter((a): a is string => typeof a === 'string').join(' ').slice(0, MAX_MESSAGE);
    const error = args.find((a) => a instanceof Error || (typeof a === 'object' && a !== null && 'message' in a));
    if (error) logger[level]({ error: errorSummary(error) }, message || 'yoga reported an error');
    else logger[level](message || 'yoga');
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
