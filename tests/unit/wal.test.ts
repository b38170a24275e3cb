import { formatWalPosition, parseWalPosition, replicaLagMs } from '../../src/db/wal';

describe('WAL positions', () => {
  it('reads and prints pg_lsn text', () => {
    expect(parseWalPosition('0/16B3748')).toBe(0x16b3748n);
    expect(parseWalPosition('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(parseWalPosition(' 16/b374d848 ')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(formatWalPosition((0x16n << 32n) | 0xb374d848n)).toBe('16/B374D848');
    expect(formatWalPosition(0n)).toBe('0/0');
  });

  it('refuses anything else', () => {
    for (const text of ['', '16', '16/', '/1', 'G/1', '123456789/1', '1/123456789', '1/2/3', '-1/2']) {
      expect(parseWalPosition(text)).toBeNull();
    }
  });
});

describe('replica lag', () => {
  const samples = [
    { at: 1_000, position: 100n },
    { at: 1_500, position: 200n },
    { at: 2_000, position: 300n },
  ];

  it('is zero once the newest sample is replayed, however old it is', () => {
    expect(replicaLagMs(samples, 300n, 60_000)).toBe(0);
    expect(replicaLagMs(samples, 301n, 2_100)).toBe(0);
  });

  it('counts from the first sample the replica has not replayed', () => {
    expect(replicaLagMs(samples, 250n, 2_100)).toBe(100);
    expect(replicaLagMs(samples, 200n, 2_100)).toBe(100);
    expect(replicaLagMs(samples, 199n, 2_100)).toBe(600);
  });

  it('is at least the oldest sample\'s age for a replica behind them all, and unknown without samples', () => {
    expect(replicaLagMs(samples, 50n, 2_100)).toBe(1_100);
    expect(replicaLagMs([], 50n, 2_100)).toBeNull();
  });
});
