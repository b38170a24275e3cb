import { sql, type Kysely } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import type { Database } from './types';
import { parseWalPosition, replicaLagMs, type PrimarySample, type WalPosition } from './wal';
import { isDatabaseUnavailable } from './availability';
import { AppError } from '../errors';
import { createDatabase, type DatabaseOptions } from './client';

export interface ReplicaConnection {
  /** host:port, for /ready and the metrics' label. */
  name: string;
  db: Kysely<Database>;
}

export interface ReadRoutingOptions {
  /** A replica further behind than this is taken out until it catches up (REPLICA_MAX_LAG_MS). */
  maxLagMs: number;
  /** How often each replica's replay position and the primary's write position are read. */
  checkEveryMs: number;
  /** How long a read with a consistency token waits for a replica to replay it (REPLICA_WAIT_MS). */
  waitMs: number;
  /** Then: read on the primary, or refuse with CONSISTENCY_NOT_REACHED (REPLICA_FALLBACK). */
  fallback: 'primary' | 'error';
  /** Told when a replica leaves or rejoins the rotation. */
  onChange?: (replica: string, state: ReplicaState, reason: string) => void;
}

export type ReplicaState = 'starting' | 'healthy' | 'lagging' | 'down';

interface Replica extends ReplicaConnection {
  state: ReplicaState;
  lagMs: number | null;
  replayed: WalPosition | null;
  /** Not in recovery: a promoted standby, or the primary itself; it holds every write it serves. */
  writable: boolean;
  reason: string;
}

/** Where one request reads: a replica, or the primary (replica null). */
export interface ReadTarget {
  db: Kysely<Database>;
  replica: string | null;
}

const SAMPLES_KEPT = 240;
const REPLAY_POLL_MS = 10;

/**
 * Sends read-only requests to streaming replicas, round-robin among the healthy ones, and to
 * the primary when none is (docs/design.md, Read replicas). A request with a consistency
 * token reads where its write has been replayed.
 */
export class ReadRouter {
  private readonly replicas: Replica[];
  private readonly samples: PrimarySample[] = [];
  private readonly chosen = new WeakMap<object, Promise<ReadTarget>>();
  private readonly reads = { primary: 0, replica: 0 };
  private turn = 0;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;

  constructor(
    readonly primary: Kysely<Database>,
    replicas: ReplicaConnection[],
    private readonly options: ReadRoutingOptions,
  ) {
    this.replicas = replicas.map((r) => ({ ...r, state: 'starting', lagMs: null, replayed: null, writable: false, reason: 'not checked yet' }));
  }

  /** Checks every replica now, then every checkEveryMs. */
  async start() {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkEveryMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
  }

  /** The commit position of everything this process has written so far: a consistency token. */
  async primaryPosition(): Promise<WalPosition> {
    const { rows } = await sql<{ position: string }>`select pg_current_wal_insert_lsn()::text as position`.execute(this.primary);
    return parseWalPosition(rows[0].position)!;
  }

  /**
   * The request's read target, chosen once per request (`request` is its context): the
   * response cache's version and the answer must come from the same place.
   */
  targetFor(request: object, after: WalPosition | null): Promise<ReadTarget> {
    let target = this.chosen.get(request);
    if (!target) {
      target = this.choose(after);
      this.chosen.set(request, target);
    }
    return target;
  }

  /**
   * Runs a request's reads on its target. A replica that fails before `work` has begun (it
   * stopped, or its connection broke) is taken out and the work runs on the primary instead:
   * only requests already reading there fail.
   */
  async read<T>(request: object, after: WalPosition | null, work: (db: Kysely<Database>, began: () => void) => Promise<T>): Promise<T> {
    const target = await this.targetFor(request, after);
    if (target.replica === null) return work(target.db, () => {});
    let began = false;
    try {
      return await work(target.db, () => (began = true));
    } catch (error) {
      if (began || !isDatabaseUnavailable(error)) throw error;
      this.takeOut(target.replica, `failed a request: ${(error as Error).message}`);
      const primary = { db: this.primary, replica: null };
      this.chosen.set(request, Promise.resolve(primary));
      this.reads.primary++;
      this.reads.replica--;
      return work(primary.db, () => {});
    }
  }

  status() {
    return {
      reads: { ...this.reads },
      replicas: this.replicas.map((r) => ({ name: r.name, state: r.state, lagMs: r.lagMs, reason: r.state === 'healthy' ? undefined : r.reason })),
    };
  }

  registerMetrics(registry: Registry) {
    const router = this;
    new Gauge({
      name: 'stride_replica_lag_ms',
      help: 'How far each read replica is behind the primary (-1 while unknown)',
      labelNames: ['replica'] as const,
      registers: [registry],
      collect() {
        for (const r of router.replicas) this.set({ replica: r.name }, r.lagMs ?? -1);
      },
    });
    new Gauge({
      name: 'stride_replica_up',
      help: 'Whether each read replica is in the rotation (1) or taken out (0)',
      labelNames: ['replica'] as const,
      registers: [registry],
      collect() {
        for (const r of router.replicas) this.set({ replica: r.name }, r.state === 'healthy' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'stride_reads_routed',
      help: 'Read requests sent to the primary or to a replica since start-up',
      labelNames: ['target'] as const,
      registers: [registry],
      collect() {
        this.set({ target: 'primary' }, router.reads.primary);
        this.set({ target: 'replica' }, router.reads.replica);
      },
    });
  }

  private async choose(after: WalPosition | null): Promise<ReadTarget> {
    const healthy = this.inRotation();
    const caughtUp = after === null ? healthy : healthy.filter((r) => r.writable || (r.replayed !== null && r.replayed >= after));
    let replica: Replica | undefined = caughtUp[0];
    if (!replica && healthy.length > 0 && after !== null) replica = await this.waitForReplay(healthy, after);
    if (!replica) {
      if (after !== null && healthy.length > 0 && this.options.fallback === 'error') {
        throw new AppError('CONSISTENCY_NOT_REACHED', `no replica replayed the consistency token's write within ${this.options.waitMs} ms (REPLICA_WAIT_MS); retry in a moment`);
      }
      this.reads.primary++;
      return { db: this.primary, replica: null };
    }
    this.reads.replica++;
    return { db: replica.db, replica: replica.name };
  }

  /** Healthy replicas, starting with the next one's turn. */
  private inRotation(): Replica[] {
    const healthy = this.replicas.filter((r) => r.state === 'healthy');
    if (healthy.length < 2) return healthy;
    const start = this.turn++ % healthy.length;
    return [...healthy.slice(start), ...healthy.slice(0, start)];
  }

  /** Asks the replicas for their replay position until one passes `after`, or the wait ends. */
  private async waitForReplay(replicas: Replica[], after: WalPosition): Promise<Replica | undefined> {
    const deadline = Date.now() + this.options.waitMs;
    while (Date.now() < deadline) {
      const replayed = await Promise.all(replicas.map((r) => this.replayPosition(r).catch(() => null)));
      const index = replayed.findIndex((position) => position !== null && position >= after);
      if (index >= 0) return replicas[index];
      await new Promise((resolve) => setTimeout(resolve, REPLAY_POLL_MS));
    }
    return undefined;
  }

  private async replayPosition(replica: Replica): Promise<WalPosition | null> {
    const { rows } = await sql<{ replayed: string | null }>`select pg_last_wal_replay_lsn()::text as replayed`.execute(replica.db);
    const replayed = rows[0].replayed === null ? null : parseWalPosition(rows[0].replayed);
    if (replayed !== null && (replica.replayed === null || replayed > replica.replayed)) replica.replayed = replayed;
    return replayed;
  }

  private check(): Promise<void> {
    this.checking ??= this.checkAll().finally(() => (this.checking = null));
    return this.checking;
  }

  private async checkAll() {
    try {
      const { rows } = await sql<{ position: string }>`select pg_current_wal_lsn()::text as position`.execute(this.primary);
      this.samples.push({ at: Date.now(), position: parseWalPosition(rows[0].position)! });
      if (this.samples.length > SAMPLES_KEPT) this.samples.shift();
    } catch {
      // The primary is away: replicas keep their last state, and their lag grows from the old samples.
    }
    await Promise.all(this.replicas.map((r) => this.checkReplica(r)));
  }

  private async checkReplica(replica: Replica) {
    try {
      const { rows } = await sql<{ recovering: boolean; replayed: string | null }>`
        select pg_is_in_recovery() as recovering, pg_last_wal_replay_lsn()::text as replayed`.execute(replica.db);
      replica.writable = !rows[0].recovering;
      replica.replayed = rows[0].replayed === null ? null : parseWalPosition(rows[0].replayed);
      replica.lagMs = replica.writable ? 0 : replica.replayed === null ? null : replicaLagMs(this.samples, replica.replayed, Date.now());
      if (replica.lagMs === null) this.setState(replica, 'lagging', 'has not replayed anything yet');
      else if (replica.lagMs > this.options.maxLagMs) this.setState(replica, 'lagging', `${replica.lagMs} ms behind, more than REPLICA_MAX_LAG_MS=${this.options.maxLagMs}`);
      else this.setState(replica, 'healthy', 'caught up');
    } catch (error) {
      replica.lagMs = null;
      this.setState(replica, 'down', (error as Error).message);
    }
  }

  private takeOut(name: string, reason: string) {
    const replica = this.replicas.find((r) => r.name === name);
    if (replica) this.setState(replica, 'down', reason);
  }

  private setState(replica: Replica, state: ReplicaState, reason: string) {
    const changed = replica.state !== state;
    replica.state = state;
    replica.reason = reason;
    if (changed) this.options.onChange?.(replica.name, state, reason);
  }
}

/**
 * Connects to each replica (a pool each, as large as the primary's) and starts routing reads;
 * `close` stops the checks and ends the pools.
 */
export async function openReadRouter(
  primary: Kysely<Database>,
  urls: string[],
  options: ReadRoutingOptions,
  connection: Omit<DatabaseOptions, 'databaseUrl' | 'dataDir'>,
): Promise<{ router: ReadRouter; close(): Promise<void> }> {
  const handles = await Promise.all(urls.map((url) => createDatabase({ ...connection, databaseUrl: url, dataDir: 'unused' })));
  const router = new ReadRouter(
    primary,
    handles.map((h) => ({ name: new URL(h.location).host, db: h.db })),
    options,
  );
  await router.start();
  return {
    router,
    async close() {
      await router.stop();
      await Promise.all(handles.map((h) => h.close()));
    },
  };
}
