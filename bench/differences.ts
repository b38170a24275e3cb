/** The first paths where two JSON values differ, as "path: api … floor …" lines. */
export function firstDifferences(api: unknown, floor: unknown, limit: number, path = '$'): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, at: string) => {
    if (out.length >= limit) return;
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
