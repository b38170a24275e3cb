/**
 * Numbers within this relative distance are equal: a float sum taken in another row order
 * (another plan, another statement) differs in the last bits, e.g. 414.65549928011194 and
 * 414.655499280112.
 */
const RELATIVE_TOLERANCE = 1e-9;

const sameNumber = (a: number, b: number) => a === b || Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));

/** The first paths where two JSON values differ, as "path: api … floor …" lines; none when equal. */
export function firstDifferences(api: unknown, floor: unknown, limit: number, path = '$'): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, at: string) => {
    if (out.length >= limit) return;
    if (typeof a === 'number' && typeof b === 'number') {
      if (!sameNumber(a, b)) out.push(`${at}: api ${a} floor ${b}`);
      return;
    }
    if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys) walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${at}: api ${JSON.stringify(a)} floor ${JSON.stringify(b)}`);
  };
  walk(api, floor, path);
  return out;
}
