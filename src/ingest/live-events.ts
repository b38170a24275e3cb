import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { attentionSignalsOf, findAttentionInputs } from '../repositories/attention';
import { appendEvents } from '../repositories/events';
import { lockAthletesDerived } from '../repositories/athlete-lock';
import { findPublishedSignals, savePublishedSignals } from '../repositories/signal-states';
import { DEFAULT_SIGNAL_THRESHOLDS } from '../domain/signals';
import { signalEvents, signalPayload } from '../domain/live-events';

/**
 * After a write, publishes each athlete's attention signals that were raised or cleared since
 * the last publication (muted ones count as cleared), in the caller's transaction, under the
 * athletes' locks. Four statements for any number of athletes, six when something changed.
 */
export async function publishSignalChanges(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], now: Date): Promise<void> {
  if (athleteIds.length === 0) return;
  // Two writers publishing for one athlete at once would diff against the same old set (an
  // ingest holds the lock already; a mute or a threshold change takes it here).
  await lockAthletesDerived(db, orgId, athleteIds);
  const [rows, published] = [await findAttentionInputs(db, orgId, athleteIds, now), await findPublishedSignals(db, orgId, athleteIds)];
  const changed = rows.flatMap((row) => {
    const current = attentionSignalsOf(row, row.thresholds ?? DEFAULT_SIGNAL_THRESHOLDS, false).map(signalPayload);
    const events = signalEvents(row.athlete_id, published.get(row.athlete_id) ?? [], current);
    return events.length > 0 ? [{ athleteId: row.athlete_id, current, events }] : [];
  });
  if (changed.length === 0) return;
  await appendEvents(db, orgId, changed.flatMap((c) => c.events));
  await savePublishedSignals(db, orgId, changed.map(({ athleteId, current }) => ({ athleteId, signals: current })));
}
