/**
 * A statement's name for traces, slow-statement logs and metric labels: its first keyword
 * and the first table it names ('select activity_daily', 'insert activities', 'commit').
 * From the code's own SQL, so the set of names is bounded (a list of ids changes the text,
 * never the name).
 */
export function statementName(sql: string): string {
  // Leading comments go, and a union's first part may open with a parenthesis.
  const text = sql.replace(/^(?:\s+|\(|--[^\n]*\n?|\/\*[\s\S]*?\*\/)+/, '');
  const keyword = /^[a-z]+/i.exec(text)?.[0]?.toLowerCase() ?? 'statement';
  if (keyword === 'start' || keyword === 'begin') return 'begin';
  if (keyword === 'commit' || keyword === 'rollback') return keyword;
  const table = /\b(?:from|into|update|join)\s+(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/i.exec(text)?.[1]?.toLowerCase();
  return table ? `${keyword} ${table}` : keyword;
}
