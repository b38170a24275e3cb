import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDatabase } from '../src/db/client';
import { migrateToLatest } from '../db/migrate';
import { importAppleHealth } from '../src/ingest/apple-health-import';
import { addDays } from '../src/domain/time';

// Memory of an Apple Health import: real exports run to gigabytes, mostly per-minute heart
// rate. Writes a synthetic export.xml of the size asked for (default 500 MB) in the export's
// own shape, imports it for a throwaway athlete and prints the throughput and the peak RSS
// against the file's size. BENCH_DATABASE_URL=postgres://... npx tsx bench/apple-health.ts [MB]
const record = (type: string, unit: string, value: number | string, start: string, end = start) =>
  ` <Record type="${type}" sourceName="Bench’s Apple Watch" sourceVersion="10.3" device="&lt;&lt;HKDevice: 0x0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:10.3&gt;" unit="${unit}" creationDate="${end}" startDate="${start}" endDate="${end}" value="${value}"/>\n`;
const stamp = (date: string, hour: number, minute = 0) => `${date} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00 +0000`;

async function writeExport(file: string, megabytes: number): Promise<{ days: number; runs: number }> {
  const out = createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate,Me,(Record|Workout)*)>\n]>\n<HealthData locale="en_GB">\n');
  let day = 0;
  let runs = 0;
  const target = megabytes * 1_000_000;
  for (let date = '2020-01-01'; out.bytesWritten + out.writableLength < target; date = addDays(date, 1), day++) {
    let chunk = '';
    for (let minute = 0; minute < 24 * 60; minute += 2) chunk += record('HKQuantityTypeIdentifierHeartRate', 'count/min', 55 + (minute % 40), stamp(date, Math.floor(minute / 60), minute % 60));
    chunk += record('HKQuantityTypeIdentifierRestingHeartRate', 'count/min', 50 + (day % 5), stamp(date, 0, 5), stamp(date, 23, 55));
    chunk += record('HKQuantityTypeIdentifierHeartRateVariabilitySDNN', 'ms', 40 + (day % 20), stamp(date, 3, 10));
    chunk += record('HKQuantityTypeIdentifierVO2Max', 'mL/min·kg', 48 + (day % 3) / 10, stamp(date, 18, 30));
    for (let stage = 0; stage < 8; stage++) {
      chunk += record('HKCategoryTypeIdentifierSleepAnalysis', '', stage % 3 === 2 ? 'HKCategoryValueSleepAnalysisAwake' : 'HKCategoryValueSleepAnalysisAsleepCore', stamp(date, stage, 0), stamp(date, stage, 55));
    }
    if (day % 2 === 0) {
      runs++;
      chunk += ` <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="50" durationUnit="min" sourceName="Bench’s Apple Watch" startDate="${stamp(date, 17)}" endDate="${stamp(date, 17, 55)}">\n`
        + `  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" sum="${(9 + (day % 7) / 2).toFixed(2)}" unit="km"/>\n`
        + '  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" average="148" maximum="172" unit="count/min"/>\n </Workout>\n';
    }
    await write(chunk);
  }
  await write('</HealthData>\n');
  await new Promise((resolve) => out.end(resolve));
  return { days: day, runs };
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('set BENCH_DATABASE_URL to a PostgreSQL database (it gets a throwaway organization)');
  const megabytes = Number(process.argv[2] ?? 500);
  const dir = await mkdtemp(path.join(tmpdir(), 'stride-apple-'));
  const file = path.join(dir, 'export.xml');
  const handle = await createDatabase({ databaseUrl: url, dataDir: 'memory', poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    const written = await writeExport(file, megabytes);
    const bytes = statSync(file).size;
    const { id: orgId } = await handle.db.insertInto('organizations').values({ name: `bench apple ${new Date().toISOString()}`, timezone: 'UTC' }).returning('id').executeTakeFirstOrThrow();
    const { id: athleteId } = await handle.db.insertInto('users').values({ org_id: orgId, role: 'athlete', name: 'Bench', email: `apple.${orgId}@bench.invalid` }).returning('id').executeTakeFirstOrThrow();
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const result = await importAppleHealth(handle.db, orgId, athleteId, createReadStream(file, { highWaterMark: 1 << 20 }));
    const seconds = (performance.now() - started) / 1000;
    const peak = process.resourceUsage().maxRSS * 1024;
    const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
    console.log(`export.xml ${mib(bytes)} (${written.days} days, ${written.runs} runs): ${seconds.toFixed(1)} s, ${(bytes / 2 ** 20 / seconds).toFixed(1)} MiB/s`);
    console.log(`wrote ${result.healthDays} health days and ${result.written} runs; RSS before ${mib(rssBefore)}, peak ${mib(peak)} (${(peak / bytes).toFixed(3)} of the file's size)`);
    await handle.db.deleteFrom('organizations').where('id', '=', orgId).execute();
  } finally {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
