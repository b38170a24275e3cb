import { badInput } from '../errors';

const MAX_ID = 2_147_483_647;

/** Parses a GraphQL ID argument into a database id, naming the argument and range when it is not one. */
export function parseId(value: string | number, argument: string): number {
  const id = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(id) || id < 1 || id > MAX_ID) {
    throw badInput(`${argument} must be a positive integer id (1..${MAX_ID}); got ${JSON.stringify(value)}`);
  }
  return id;
}
