import type { ActivityRecord } from './activities';

// GPX, TCX, Garmin's Activities.csv and Apple Health give a run no id of its own: Stride
// derives one from the run (its start time, with its name or distance). Two athletes of a club
// who start a group run in the same second would then share an id, and the second athlete's
// run would read as the first's (otherAthlete). A derived id therefore carries the athlete;
// resending the file for the same athlete still finds the same id.
export const DERIVED_ID_SOURCES: ReadonlySet<string> = new Set(['gpx', 'tcx', 'garmin_csv', 'apple_health']);

export function ownedBy<T extends ActivityRecord>(athleteId: number, record: T): T {
  return DERIVED_ID_SOURCES.has(record.source) ? { ...record, externalId: `${athleteId}/${record.externalId}` } : record;
}

/** The same chunks, each derived id carrying the athlete. */
export async function* ownedChunks(athleteId: number, chunks: AsyncIterable<ActivityRecord[]>): AsyncGenerator<ActivityRecord[]> {
  for await (const chunk of chunks) yield chunk.map((r) => ownedBy(athleteId, r));
}
