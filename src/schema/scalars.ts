import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { badInput } from '../errors';
import { isValidTimeZone } from '../domain/time';
import { MAX_DATE, MAX_TIMESTAMP, MIN_DATE, MIN_TIMESTAMP } from '../domain/input-bounds';

// Scalars whose bad values are BAD_USER_INPUT naming the expected form; graphql-js keeps
// the code when it wraps them for literals ("Expected value of type ...").

function parseDate(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && value >= MIN_DATE && value <= MAX_DATE) {
    const parsed = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value) return value;
  }
  throw badInput(`Date must be a calendar date yyyy-MM-dd between ${MIN_DATE} and ${MAX_DATE}; got ${JSON.stringify(value)}`);
}

function parseTimeZone(value: unknown): string {
  // IANA names only (Area/Location, or UTC): PostgreSQL and the runtime agree on those.
  if (typeof value === 'string' && /^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+)+)$/.test(value) && isValidTimeZone(value)) return value;
  throw badInput(`TimeZone must be an IANA zone name such as Europe/London; got ${JSON.stringify(value)}`);
}

function parseTimestamp(value: unknown): Date {
  if (typeof value === 'number' && Number.isInteger(value) && value >= MIN_TIMESTAMP && value <= MAX_TIMESTAMP) return new Date(value * 1000);
  throw badInput(
    `Timestamp must be whole unix seconds between ${MIN_TIMESTAMP} and ${MAX_TIMESTAMP} (${MIN_DATE}T00:00:00Z..${MAX_DATE}T23:59:59Z); got ${JSON.stringify(value)}`,
  );
}

const literal = (parse: (v: unknown) => unknown, kinds: Kind[]) => (node: ValueNode) => {
  if (!kinds.includes(node.kind)) return parse({ kind: node.kind });
  return parse(node.kind === Kind.INT ? Number((node as { value: string }).value) : (node as { value: string }).value);
};

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: `A local calendar date, yyyy-MM-dd, with no time zone, from ${MIN_DATE} to ${MAX_DATE}.`,
  serialize: (value) => value as string,
  parseValue: parseDate,
  parseLiteral: literal(parseDate, [Kind.STRING]) as (node: ValueNode) => string,
});

export const TimeZoneScalar = new GraphQLScalarType<string, string>({
  name: 'TimeZone',
  description: 'An IANA time zone name, e.g. Europe/London.',
  serialize: (value) => value as string,
  parseValue: parseTimeZone,
  parseLiteral: literal(parseTimeZone, [Kind.STRING]) as (node: ValueNode) => string,
});

export const TimestampScalar = new GraphQLScalarType<Date, number>({
  name: 'Timestamp',
  description: `Unix time in whole seconds, ${MIN_TIMESTAMP}..${MAX_TIMESTAMP} (${MIN_DATE}T00:00:00Z to ${MAX_DATE}T23:59:59Z).`,
  serialize: (value) => Math.floor((value as Date).getTime() / 1000),
  parseValue: parseTimestamp,
  parseLiteral: literal(parseTimestamp, [Kind.INT]) as (node: ValueNode) => Date,
});
