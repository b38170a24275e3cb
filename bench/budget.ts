import type { BenchReport } from './report';

export interface BudgetCheck {
  check: string;
  ok: boolean;
  measured: string;
  /** Deterministic (statements, rows): a miss fails the run. Timings are reported only. */
  exact: boolean;
}

const STATEMENT_LIMITS: Record<string, number> = { 'Athletes list': 10, 'Group dashboard': 12 };

/** The performance budget of bench/README.md, checked against one run's figures. */
export function checkBudget(r: BenchReport, sizes: number[]): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const operation of [...new Set(r.statements.map((s) => s.operation))]) {
    const counts = r.statements.filter((s) => s.operation === operation);
    const distinct = [...new Set(counts.map((s) => s.statements))];
    const limit = STATEMENT_LIMITS[operation];
    checks.push({
      check: `${operation}: statements${limit ? ` at most ${limit},` : ''} the same at ${sizes.join(', ')} athletes`,
      ok: distinct.length === 1 && (!limit || distinct[0] <= limit),
      measured: counts.map((s) => `${s.statements} at ${s.athletes}`).join(', '),
      exact: true,
    });
    const largest = counts[counts.length - 1];
    checks.push({
      check: `${operation}: rows fetched at most 2x the objects returned (${largest.athletes} athletes)`,
      ok: largest.rowsFetched <= 2 * largest.objectsReturned,
      measured: `${largest.rowsFetched} rows for ${largest.objectsReturned} objects`,
      exact: true,
    });
  }
  const list = (connections: number) => r.timing.find((t) => t.operation === 'Athletes list' && t.connections === connections);
  const one = list(1);
  const four = list(4);
  checks.push({
    check: 'Athletes list: p50 at most 1.5x the floor at 1 connection',
    ok: !!one && one.api.p50Ms <= 1.5 * one.floor.p50Ms,
    measured: one ? `${(one.api.p50Ms / one.floor.p50Ms).toFixed(2)}x (${one.api.p50Ms.toFixed(2)} / ${one.floor.p50Ms.toFixed(2)} ms)` : 'not timed',
    exact: false,
  });
  checks.push({
    check: "Athletes list: at least 0.7x the floor's requests per second at 4 connections",
    ok: !!four && four.api.requestsPerSecond >= 0.7 * four.floor.requestsPerSecond,
    measured: four ? `${(four.api.requestsPerSecond / four.floor.requestsPerSecond).toFixed(2)}x (${four.api.requestsPerSecond.toFixed(1)} / ${four.floor.requestsPerSecond.toFixed(1)})` : 'not timed',
    exact: false,
  });
  // A repeat the response cache answers is meant to beat the floor computing it tenfold.
  for (const c of r.cached) {
    const times = c.api.requestsPerSecond / c.floor.requestsPerSecond;
    checks.push({
      check: `${c.operation}, cached repeat: at least 10x the floor's requests per second at ${c.connections} connections`,
      ok: times >= 10,
      measured: `${times.toFixed(2)}x (${c.api.requestsPerSecond.toFixed(1)} / ${c.floor.requestsPerSecond.toFixed(1)})`,
      exact: false,
    });
  }
  // The SQL-time budget is set at 1,000 athletes x 400 days; other sizes report their times only.
  for (const s of r.size.athletes === 1000 ? r.sqlTime : []) {
    checks.push({ check: `SQL time: ${s.name} at most ${s.budgetMs} ms`, ok: s.slowestMs <= s.budgetMs, measured: `${s.slowestMs.toFixed(2)} ms`, exact: false });
  }
  return checks;
}
