import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { SignalPayload } from '../domain/live-events';

/** The attention signals last published per athlete (SIGNAL_RAISED and SIGNAL_CLEARED tell the difference). */
export async function findPublishedSignals(db: Kysely<Database>, orgId: number, athleteIds: readonly number[]): Promise<Map<number, SignalPayload[]>> {
  const rows = await db
    .selectFrom('athlete_signal_states')
    .select(['athlete_id', 'signals'])
    .where('org_id', '=', orgId)
    .where(sql<boolean>`athlete_id = any(${[...athleteIds]}::int[])`)
    .execute();
  return new Map(rows.map((r) => [r.athlete_id, r.signals as SignalPayload[]]));
}

export async function savePublishedSignals(db: Kysely<Database>, orgId: number, states: readonly { athleteId: number; signals: SignalPayload[] }[]): Promise<void> {
  if (states.length === 0) return;
  await db
    .insertInto('athlete_signal_states')
    .values(states.map((s) => ({ org_id: orgId, athlete_id: s.athleteId, signals: JSON.stringify(s.signals) })))
    .onConflict((oc) => oc.columns(['org_id', 'athlete_id']).doUpdateSet({ signals: sql`excluded.signals` }))
    .execute();
}
