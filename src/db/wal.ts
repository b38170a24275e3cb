/**
 * Positions in PostgreSQL's write-ahead log ('16/B374D848', as pg_lsn prints them) and a
 * replica's lag measured against them: the consistency token of read-your-writes is one
 * (docs/api.md, Read-your-writes), and replicas are routed by their lag (docs/design.md,
 * Read replicas).
 */
export type WalPosition = bigint;

const LSN = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

/** The position, or null for anything that is not a pg_lsn's text. */
export function parseWalPosition(text: string): WalPosition | null {
  const match = LSN.exec(text.trim());
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

export function formatWalPosition(position: WalPosition): string {
  return `${(position >> 32n).toString(16).toUpperCase()}/${(position & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** The primary's write position, read at a time (milliseconds since the epoch). */
export interface PrimarySample {
  at: number;
  position: WalPosition;
}

/**
 * How far behind the primary a replica is, in milliseconds: the time since the primary was
 * last seen at a position the replica has replayed. Zero once it has replayed the newest
 * sample. Unlike now() - pg_last_xact_replay_timestamp(), an idle primary does not make a
 * caught-up replica look late. `samples` are oldest first. A replica behind every sample is
 * at least as late as the oldest one; with no samples nothing is known (null).
 */
export function replicaLagMs(samples: readonly PrimarySample[], replayed: WalPosition, now: number): number | null {
  if (samples.length === 0) return null;
  const newest = samples[samples.length - 1];
  if (replayed >= newest.position) return 0;
  for (let i = samples.length - 2; i >= 0; i--) {
    // The replica holds everything written up to samples[i], and not all of samples[i + 1]:
    // it has been behind since just after samples[i] was taken.
    if (replayed >= samples[i].position) return Math.max(0, now - samples[i + 1].at);
  }
  return Math.max(0, now - samples[0].at);
}
