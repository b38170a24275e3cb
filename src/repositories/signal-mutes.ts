import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { SignalMetric } from '../domain/signals';

// Per-athlete mutes of attention signals (athlete_signal_mutes). The signals and the ATTENTION
// order read the active ones inside their own statements (repositories/attention.ts,
// athlete-list.ts); these are the writes and Athlete.signalMutes' read.

export interface SignalMuteRow {
  athlete_id: number;
  metric: SignalMetric;
  muted_until: Date;
  note: string | null;
  muted_by: number | null;
  muted_by_name: string | null;
  created_at: Date;
}

/** The mutes of a batch of athletes still in force at `now`, with the name of who set each: one statement. */
export async function findActiveSignalMutes(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], now: Date): Promise<SignalMuteRow[]> {
  const { rows } = await sql<SignalMuteRow>`
    select m.athlete_id, m.metric, m.muted_until, m.note, m.muted_by, u.name as muted_by_name, m.created_at
    from athlete_signal_mutes m
    left join users u on u.org_id = m.org_id and u.id = m.muted_by
    where m.org_id = ${orgId} and m.athlete_id = any(${[...athleteIds]}::int[]) and m.muted_until > ${now.toISOString()}::timestamptz
    order by m.athlete_id, m.muted_until, m.metric`.execute(db);
  return rows;
}

/**
 * Mutes one metric of one athlete until `until`, replacing a mute already there (its end,
 * note and author): setting the same mute twice is one mute. The caller checked the athlete.
 */
export async function upsertSignalMute(
  db: Kysely<Database>,
  orgId: number,
  mute: { athleteId: number; metric: SignalMetric; until: Date; note: string | null; by: number; now: Date },
): Promise<void> {
  await db.insertInto('athlete_signal_mutes')
    .values({ org_id: orgId, athlete_id: mute.athleteId, metric: mute.metric, muted_until: mute.until, note: mute.note, muted_by: mute.by, created_at: mute.now })
    .onConflict((oc) => oc.columns(['org_id', 'athlete_id', 'metric']).doUpdateSet({
      muted_until: mute.until, note: mute.note, muted_by: mute.by, created_at: mute.now,
    }))
    .execute();
}

/** Removes the athlete's mute of a metric; answers whether one was still in force at `now`. */
export async function deleteSignalMute(db: Kysely<Database>, orgId: number, athleteId: number, metric: SignalMetric, now: Date): Promise<boolean> {
  const row = await db.deleteFrom('athlete_signal_mutes')
    .where('org_id', '=', orgId).where('athlete_id', '=', athleteId).where('metric', '=', metric)
    .returning('muted_until')
    .executeTakeFirst();
  return row !== undefined && row.muted_until > now;
}
