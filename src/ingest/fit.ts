import type { ActivityRecord } from './activities';
import { zoneTimes, type Sample, type ZoneSettings } from '../domain/zones';
import { badInput } from '../errors';
import { notARun } from './sniff';

// A gap between records longer than this is a pause, not running time.
const MAX_SAMPLE_SECONDS = 10;

interface FitMessages {
  fileIdMesgs?: { serialNumber?: number; timeCreated?: Date }[];
  sessionMesgs?: {
    startTime: Date; sport?: string; totalDistance?: number; totalTimerTime?: number; totalElapsedTime?: number;
    avgHeartRate?: number; maxHeartRate?: number; totalCalories?: number; totalAscent?: number;
  }[];
  recordMesgs?: { timestamp: Date; heartRate?: number; enhancedSpeed?: number; speed?: number }[];
}

interface FitSdk {
  Stream: { fromBuffer(buffer: Buffer): unknown };
  Decoder: new (stream: unknown) => { isFIT(): boolean; checkIntegrity(): boolean; read(): { messages: unknown; errors: Error[] } };
}

/** @garmin/fitsdk is ESM only; CommonJS reaches it through a dynamic import. */
const loadFitSdk = () => import('@garmin/fitsdk') as unknown as Promise<FitSdk>;

/**
 * One FIT activity file as an activity: totals from the session message, zone times (and
 * average HR when the session lacks it) from the per-second records.
 */
export async function parseFitActivity(bytes: Uint8Array, zones: ZoneSettings): Promise<ActivityRecord> {
  const { Decoder, Stream } = await loadFitSdk();
  const decoder = new Decoder(Stream.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  if (!decoder.isFIT() || !decoder.checkIntegrity()) throw badInput('the file is not a valid FIT file (bad header or CRC)');
  const { messages, errors } = decoder.read() as { messages: FitMessages; errors: Error[] };
  if (errors.length) throw badInput(`the FIT file could not be read: ${errors[0].message}`);
  const session = messages.sessionMesgs?.[0];
  if (!session?.startTime) throw badInput('the FIT file has no session: not an activity file');
  if (session.sport !== undefined && session.sport !== 'running') throw notARun(`the FIT file is a ${session.sport} activity: only runs are imported`);
  if (!session.totalTimerTime && !session.totalElapsedTime) throw badInput('the FIT file has no moving or elapsed time');

  const records = messages.recordMesgs ?? [];
  const samples: Sample[] = records.map((r, i) => {
    const next = records[i + 1];
    const seconds = next ? Math.min(MAX_SAMPLE_SECONDS, (next.timestamp.getTime() - r.timestamp.getTime()) / 1000) : 0;
    return { seconds, heartRate: r.heartRate ?? null, speed: r.enhancedSpeed ?? r.speed ?? null };
  });
  const withHr = samples.filter((s) => s.heartRate !== null && s.heartRate > 0);
  const hrSeconds = withHr.reduce((sum, s) => sum + s.seconds, 0);
  const avgHr = session.avgHeartRate ?? (hrSeconds > 0 ? withHr.reduce((sum, s) => sum + s.heartRate! * s.seconds, 0) / hrSeconds : null);
  const maxHr = session.maxHeartRate ?? (withHr.length ? Math.max(...withHr.map((s) => s.heartRate!)) : null);
  const times = zoneTimes(samples, zones);
  const fileId = messages.fileIdMesgs?.[0];

  return {
    source: 'fit',
    externalId: `${fileId?.serialNumber ?? 'unknown'}-${(fileId?.timeCreated ?? session.startTime).toISOString()}`,
    sport: 'run',
    startTime: session.startTime,
    distanceM: session.totalDistance ?? 0,
    movingS: Math.round(session.totalTimerTime ?? session.totalElapsedTime ?? 0),
    elapsedS: Math.round(session.totalElapsedTime ?? session.totalTimerTime ?? 0),
    avgHr,
    maxHr,
    calories: session.totalCalories ?? null,
    elevationGainM: session.totalAscent ?? null,
    paceZoneS: times.pace,
    hrZoneS: times.hr,
  };
}
