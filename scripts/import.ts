import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { openScriptDatabase } from './database';
import { importFile } from '../src/ingest/import-file';
import { progressBar } from '../db/seed/progress';

// npm run import -- --athlete <id> [--units metric|imperial] [--skip-invalid] <files, zips or folders...>
// Each file (a zip is one file) lands whole or not at all; a folder stands for the files in it; the athlete's organization is looked up. Formats are
// recognised by content (FIT, GPX, TCX, Strava or Garmin CSV, gzipped or not); --units says
// what a Garmin Activities.csv's numbers are in (the athlete's unit system by default);
// --skip-invalid leaves out (and lists) what is out of range instead of refusing the file: CSV
// rows, a zip's unreadable activity files, an Apple Health export's days and workouts. With
// the embedded database, stop the server first (one PGlite data folder serves one process).
/** The files named, with each folder replaced by the files under it (dot files left out), in name order. */
function filesOf(paths: string[]): string[] {
  return paths.flatMap((p) => (statSync(p).isDirectory()
    ? filesOf(readdirSync(p).filter((name) => !name.startsWith('.')).sort().map((name) => path.join(p, name)))
    : [p]));
}

/** One file's outcome: every run counted once, in the words of docs/api.md. */
function describeResult(r: Awaited<ReturnType<typeof importFile>>): string {
  const parts = [`${r.inserted} new`, `${r.updated} updated`, `${r.unchanged} unchanged`];
  if (r.merged) parts.push(`${r.merged} merged as another source's copy`);
  if (r.otherAthlete) parts.push(`${r.otherAthlete} belonging to another athlete (${r.otherAthleteIds.join(', ')})`);
  if (r.healthDays !== undefined) parts.push(`${r.healthDays} health days`);
  return `${r.format}, ${parts.join(', ')}`;
}

async function main() {
  const { values, positionals } = parseArgs({ options: { athlete: { type: 'string' }, units: { type: 'string' }, 'skip-invalid': { type: 'boolean', default: false } }, allowPositionals: true });
  const athleteId = Number(values.athlete);
  if (!Number.isInteger(athleteId) || athleteId < 1) throw new Error('--athlete must be an athlete id');
  if (values.units !== undefined && values.units !== 'metric' && values.units !== 'imperial') throw new Error('--units must be metric or imperial');
  const units = values.units as 'metric' | 'imperial' | undefined;
  if (positionals.length === 0) throw new Error('name at least one file: a Strava activities.csv, a Garmin Activities.csv, or FIT, GPX or TCX activity files');
  const files = filesOf(positionals);
  const config = loadConfig();
  const handle = await openScriptDatabase(config);
  try {
    const athlete = await handle.db.selectFrom('users').select(['org_id', 'name']).where('id', '=', athleteId).where('role', '=', 'athlete').executeTakeFirst();
    if (!athlete) throw new Error(`no athlete with id ${athleteId}`);
    const progress = progressBar(`importing for ${athlete.name}`);
    let written = 0;
    const failures: string[] = [];
    const summary: string[] = [];
    for (const [index, file] of files.entries()) {
      try {
        const result = await importFile(handle.db, athlete.org_id, athleteId, file, { units, skipInvalid: values['skip-invalid'] });
        written += result.written;
        summary.push(`${file}: ${describeResult(result)}`);
        for (const r of result.refused ?? []) summary.push(`  left out: ${r.message}`);
      } catch (error) {
        failures.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      progress(index + 1, files.length);
    }
    for (const line of summary) console.log(line);
    console.log(`${written} activities written from ${files.length - failures.length} of ${files.length} files`);
    for (const failure of failures) console.error(`not imported: ${failure}`);
    if (failures.length) process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
