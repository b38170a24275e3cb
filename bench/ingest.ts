import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createDatabase } from '../src/db/client';
import { upsertActivities } from '../src/ingest/activities';
import { importFile } from '../src/ingest/import-file';
import { addDays } from '../src/domain/time';
import { generateHistory } from '../db/seed/training';
import { Random } from '../db/seed/random';
import { progressBar } from '../db/seed/progress';

// Bulk ingestion throughput with every rollup and derived cache kept, and the memory
// high-water mark. BENCH_DATABASE_URL=postgres://... npx tsx bench/ingest.ts [athletes] [days]
async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('set BENCH_DATABASE_URL to a PostgreSQL database (it gets a throwaway organization)');
  const athletes = Number(process.argv[2] ?? 1000);
  const days = Number(process.argv[3] ?? 365);
  const handle = await createDatabase({ databaseUrl: url, dataDir: 'memory', poolSize: 2 });
  const db = handle.db;
  const { id: orgId } = await db.insertInto('organizations').values({ name: `bench ingest ${new Date().toISOString()}`, timezone: 'UTC' }).returning('id').executeTakeFirstOrThrow();
  try {
    const ids: number[] = [];
    for (let i = 0; i < athletes; i += 1000) {
      const rows = await db.insertInto('users')
        .values(Array.from({ length: Math.min(1000, athletes - i) }, (_, k) => ({ org_id: orgId, role: 'athlete' as const, name: `Bench ${i + k}`, email: `bench${i + k}@bench.invalid`, timezone: 'Europe/London', sex: 'female' as const })))
        .returning('id').execute();
      ids.push(...rows.map((r) => r.id));
    }
    await db.insertInto('athlete_settings').values(ids.map((id) => ({ org_id: orgId, athlete_id: id, hr_max: 190, hr_rest: 50, threshold_pace_s_per_km: 300 }))).execute();
    const endDate = new Date().toISOString().slice(0, 10);
    const profile = { timezone: 'Europe/London', weeklyKm: 50, easyPace: 330, hrMax: 190, hrRest: 50, restingHr: 52, hrv: 60, vo2max: 50, hrShare: 0.9, healthSource: null, prefersEvening: false };

    let activities = 0;
    const progress = progressBar('ingesting');
    const started = performance.now();
    for (const [i, id] of ids.entries()) {
      const history = generateHistory(Random.derive(7, i), profile, `bench${id}`, endDate, days);
      activities += history.activities.length;
      await upsertActivities(db, orgId, id, history.activities);
      progress(i + 1, ids.length);
    }
    const seconds = (performance.now() - started) / 1000;

    // A Strava export of 10,000 runs (the most one file may hold) imported from disk: parsed as a stream.
    const dir = await mkdtemp(path.join(tmpdir(), 'stride-bench-'));
    const csv = path.join(dir, 'activities.csv');
    const out = createWriteStream(csv);
    out.write('Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Elapsed Time,Moving Time,Distance,Average Heart Rate,Max Heart Rate,Calories\n');
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    // Two runs a day up to yesterday: one a day from 2000 would reach past today, which the import refuses.
    for (let n = 0; n < 10_000; n++) {
      const date = new Date(`${addDays(endDate, -1 - Math.floor(n / 2))}T00:00:00Z`);
      const time = n % 2 === 0 ? '7:30:00 AM' : '5:30:00 PM';
      out.write(`${9_000_000 + n},"${months[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ${time}",Run ${n},Run,3000,10.0,3000.0,2950.0,10000.0,150.0,170.0,700\n`);
    }
    await new Promise((resolve) => out.end(resolve));
    const csvStarted = performance.now();
    const imported = await importFile(db, orgId, ids[0], csv);
    const csvSeconds = (performance.now() - csvStarted) / 1000;
    await rm(dir, { recursive: true });

    const { rows } = await sql<{ n: number }>`select count(*)::int as n from activity_daily where org_id = ${orgId}`.execute(db);
    console.log(`\n| figure | value |\n|---|---|`);
    console.log(`| athletes x days | ${athletes} x ${days} |`);
    console.log(`| activities written (one transaction per athlete, rollup + fitness + insights kept) | ${activities} |`);
    console.log(`| activity_daily rows | ${rows[0].n} |`);
    console.log(`| wall time | ${seconds.toFixed(1)} s |`);
    console.log(`| throughput | ${Math.round(activities / seconds)} activities/s |`);
    console.log(`| Strava CSV, 10,000 runs streamed from disk in one transaction | ${imported.written} written in ${csvSeconds.toFixed(1)} s (${Math.round(imported.written / csvSeconds)}/s) |`);
    console.log(`| peak RSS of the process | ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB |`);
  } finally {
    await db.deleteFrom('organizations').where('id', '=', orgId).execute();
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
