import type { Kysely } from 'kysely';
import { Client, Pool } from 'pg';
import type { Database } from '../src/db/types';
import { createDatabase } from '../src/db/client';
import { migrateToLatest } from '../db/migrate';
import { benchOperations, type BenchOperation } from './operations';
import { findTargets } from './targets';
import { adminToken } from './processes';
import { seedOrganization } from '../db/seed/demo';
import { progressBar } from '../db/seed/progress';

export interface BenchOrganization {
  orgId: number;
  athletes: number;
  /** True when this run loaded it; false when it was already there. */
  loaded: boolean;
}

const nameOf = (athletes: number, days: number) => `Bench ${athletes} athletes x ${days} days`;

/**
 * The benchmark organization of a size, loaded through the ingest code (upsertActivities,
 * as the seed does) unless a previous run loaded it. It is loaded under a "(loading)" name
 * and renamed when complete, so an interrupted load is never mistaken for a finished one.
 */
export async function ensureBenchOrganization(db: Kysely<Database>, athletes: number, days: number, seed = 7): Promise<BenchOrganization> {
  const name = nameOf(athletes, days);
  const existing = await db.selectFrom('organizations').select(['id', 'name']).where('name', 'in', [name, `${name} (loading)`]).executeTakeFirst();
  if (existing?.name === name) return { orgId: existing.id, athletes, loaded: false };
  if (existing) throw new Error(`"${name}" (org ${existing.id}) was left half-loaded by an interrupted run: drop the benchmark database and run again`);
  const progress = progressBar(`loading ${name}`);
  let done = 0;
  const org = await seedOrganization(
    db,
    {
      name: `${name} (loading)`,
      emailDomain: `bench${athletes}.example`,
      timezone: 'America/New_York',
      coaches: 3 + Math.floor(athletes / 100),
      athletes,
      groups: ['Marathon Squad', '5K Beginners', 'Trail Crew', 'Masters'],
      days,
      seedKey: 100 + athletes,
    },
    seed,
    new Date().toISOString().slice(0, 10),
    () => progress(++done, athletes),
  );
  await db.updateTable('organizations').set({ name }).where('id', '=', org.orgId).execute();
  return { orgId: org.orgId, athletes, loaded: true };
}

/**
 * For the benches that run on their own (bench/replicas.ts, bench/tracing.ts): the database
 * (created when missing, migrated), its benchmark organization, the operations asked of it and
 * an admin token.
 */
export async function prepareBenchDatabase(databaseUrl: string, athletes: number, days: number): Promise<{ org: BenchOrganization; operations: BenchOperation[]; token: string }> {
  const server = new URL(databaseUrl);
  const name = server.pathname.slice(1);
  server.pathname = '/postgres';
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  if ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  const handle = await createDatabase({ databaseUrl, dataDir: 'memory', poolSize: 4 });
  await migrateToLatest(handle.db);
  const org = await ensureBenchOrganization(handle.db, athletes, days);
  await handle.close();
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    return { org, operations: benchOperations(await findTargets(pool, org.orgId)), token: await adminToken(pool, org.orgId) };
  } finally {
    await pool.end();
  }
}
