// When a failed delivery is tried again: exponential backoff from `baseMs` (base, 2 base,
// 4 base...) capped at `maxMs`, with "equal jitter" (between half and all of that delay) so
// that the deliveries an outage failed together do not all come back at the same instant.

/** The wait after the `attempt`-th failed attempt (1 for the first). */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
