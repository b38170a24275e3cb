import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { createDatabase } from '../src/db/client';
import { migrateToLatest } from '../db/migrate';
import { importFile } from '../src/ingest/import-file';
import { addDays } from '../src/domain/time';
import { zipOf } from '../tests/helpers/zip';

// Import throughput of a whole Strava bulk export: activities.csv with `runs` runs (default
// 5,000), each joined to its gzipped GPX file (a 50-minute run, a point every 5 s with HR),
// imported in one transaction for a throwaway athlete, with every rollup and cache kept.
// BENCH_DATABASE_URL=postgres://... npx tsx bench/import-zip.ts [runs]
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function gpxOf(start: Date, points: number): string {
  let body = '';
  for (let i = 0; i < points; i++) {
    const time = new Date(start.getTime() + i * 5000).toISOString();
    // About 3.3 m/s north, so the track is 10 km.
    body += `<trkpt lat="${(51.5 + i * 0.00015).toFixed(6)}" lon="-0.120000"><ele>${20 + (i % 30)}</ele><time>${time}</time>`
      + `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${140 + (i % 25)}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`;
  }
  return '<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="bench" xmlns="http://www.topografix.com/GPX/1/1" '
    + 'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><name>Bench run</name><type>running</type><trkseg>'
    + `${body}</trkseg></trk></gpx>`;
}

function exportOf(runs: number): Buffer {
  const header = 'Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Elapsed Time,Moving Time,Distance,Average Heart Rate,Max Heart Rate,Calories';
  const rows: string[] = [header];
  const files: [string, Uint8Array][] = [];
  for (let n = 0; n < runs; n++) {
    const start = new Date(`${addDays('2010-01-01', n)}T07:30:00Z`);
    const file = `activities/${10_000_000 + n}.gpx.gz`;
    const date = `${MONTHS[start.getUTCMonth()]} ${start.getUTCDate()}, ${start.getUTCFullYear()}, 7:30:00 AM`;
    rows.push(`${10_000_000 + n},"${date}",Run ${n},Run,3000,10.0,${file},3000.0,2995.0,10000.0,152.0,170.0,700`);
    files.push([file, gzipSync(gpxOf(start, 600))]);
  }
  return zipOf([['activities.csv', Buffer.from(`${rows.join('\n')}\n`)], ...files]);
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('set BENCH_DATABASE_URL to a PostgreSQL database (it gets a throwaway organization)');
  const runs = Number(process.argv[2] ?? 5000);
  const dir = await mkdtemp(path.join(tmpdir(), 'stride-zip-'));
  const zipPath = path.join(dir, 'export.zip');
  const bytes = exportOf(runs);
  writeFileSync(zipPath, bytes);
  const handle = await createDatabase({ databaseUrl: url, dataDir: 'memory', poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    const { id: orgId } = await handle.db.insertInto('organizations').values({ name: `bench zip ${new Date().toISOString()}`, timezone: 'UTC' }).returning('id').executeTakeFirstOrThrow();
    const { id: athleteId } = await handle.db.insertInto('users').values({ org_id: orgId, role: 'athlete', name: 'Bench', email: `zip.${orgId}@bench.invalid` }).returning('id').executeTakeFirstOrThrow();
    const started = performance.now();
    const result = await importFile(handle.db, orgId, athleteId, zipPath);
    const seconds = (performance.now() - started) / 1000;
    const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
    console.log(`${result.format} of ${runs} runs (${mib(bytes.length)}): ${result.inserted} new in ${seconds.toFixed(1)} s, ${(runs / seconds).toFixed(0)} runs/s, ${(bytes.length / 2 ** 20 / seconds).toFixed(1)} MiB/s`);
    console.log(`peak RSS ${mib(process.resourceUsage().maxRSS * 1024)} (the zip is built in memory first)`);
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
