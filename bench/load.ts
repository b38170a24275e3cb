import type { Kysely } from 'kysely';
import type { Database } from '../src/db/types';
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
