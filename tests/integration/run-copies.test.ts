import fc from 'fast-check';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { rollupMismatches } from '../helpers/invariants';
import { deleteActivity, ingestActivityChunks, upsertActivities, withdrawActivitySource, type ActivityRecord } from '../../src/ingest/activities';

// One run from two sources (a Strava CSV row without HR, and the watch's file with HR and
// zone times) is one run: counted once, showing the richer copy, kept while a source has it.
const NOW = new Date('2026-03-20T12:00:00Z');
const options = { now: NOW };

let t: TestDatabase;
let orgId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Copies Club', 'Europe/Berlin');
});

afterAll(() => t.close());

const newAthlete = (name: string) => createUser(t.db, orgId, { role: 'athlete', name });

const csvRow = (id: string, start: string, distanceM: number): ActivityRecord => ({
  source: 'strava', externalId: id, startTime: new Date(start), distanceM, movingS: 3000, elapsedS: 3100,
});
const watchFile = (id: string, start: string, distanceM: number): ActivityRecord => ({
  source: 'fit', externalId: id, startTime: new Date(start), distanceM, movingS: 2990, elapsedS: 3090, avgHr: 150, maxHr: 171,
  hrZoneS: [0, 600, 1800, 590, 0], paceZoneS: [0, 1000, 1990, 0, 0],
});

async function shown(athleteId: number) {
  return t.db.selectFrom('activities').select(['source', 'external_id', 'distance_m', 'avg_hr', 'deleted_at'])
    .where('org_id', '=', orgId).where('athlete_id', '=', athleteId).orderBy('start_time').execute();
}
async function counted(athleteId: number) {
  const row = await t.db.selectFrom('activity_daily').select((eb) => [eb.fn.sum<number>('runs').as('runs'), eb.fn.sum<number>('distance_m').as('distance')])
    .where('org_id', '=', orgId).where('athlete_id', '=', athleteId).executeTakeFirstOrThrow();
  return { runs: Number(row.runs ?? 0), distance: Number(row.distance ?? 0) };
}

describe('one run from two sources', () => {
  it('keeps a later, richer copy as the run it shows, and counts the run once', async () => {
    const athleteId = await newAthlete('Ada');
    expect(await upsertActivities(t.db, orgId, athleteId, [csvRow('s1', '2026-03-10T06:00:00Z', 10_000)], options))
      .toMatchObject({ written: 1, inserted: 1, updated: 0, unchanged: 0, merged: 0, otherAthlete: 0 });
    // 90 s later and 2% longer: the same run, by the rule (±2 min, ±3%).
    expect(await upsertActivities(t.db, orgId, athleteId, [watchFile('f1', '2026-03-10T06:01:30Z', 10_200)], options))
      // Each record in one count: the watch's file is merged (and, richer, takes the run over: written).
      .toMatchObject({ written: 1, inserted: 0, updated: 0, unchanged: 0, merged: 1, otherAthlete: 0 });
    expect(await shown(athleteId)).toEqual([{ source: 'fit', external_id: 'f1', distance_m: 10_200, avg_hr: 150, deleted_at: null }]);
    expect(await counted(athleteId)).toEqual({ runs: 1, distance: 10_200 });
    // Resending either copy changes nothing.
    expect(await upsertActivities(t.db, orgId, athleteId, [csvRow('s1', '2026-03-10T06:00:00Z', 10_000), watchFile('f1', '2026-03-10T06:01:30Z', 10_200)], options))
      .toMatchObject({ written: 0, inserted: 0, updated: 0, unchanged: 2, merged: 0 });
    expect(await counted(athleteId)).toEqual({ runs: 1, distance: 10_200 });
    expect(await rollupMismatches(t.db)).toEqual([]);
  });

  it('keeps the richer copy shown when the poorer one arrives later', async () => {
    const athleteId = await newAthlete('Ben');
    await upsertActivities(t.db, orgId, athleteId, [watchFile('f2', '2026-03-11T06:00:00Z', 8000)], options);
    expect(await upsertActivities(t.db, orgId, athleteId, [csvRow('s2', '2026-03-11T05:58:30Z', 7800)], options))
      .toMatchObject({ written: 0, merged: 1 });
    expect(await shown(athleteId)).toEqual([{ source: 'fit', external_id: 'f2', distance_m: 8000, avg_hr: 150, deleted_at: null }]);
  });

  it('keeps two runs apart when the starts are more than 2 minutes or the distances more than 3% apart', async () => {
    const athleteId = await newAthlete('Cid');
    const result = await upsertActivities(t.db, orgId, athleteId, [
      csvRow('s3', '2026-03-12T06:00:00Z', 10_000),
      watchFile('f3', '2026-03-12T06:02:01Z', 10_000), // 121 s later
      watchFile('f4', '2026-03-12T06:00:00Z', 10_310), // 3.0% of the longer, just past
    ], options);
    expect(result).toMatchObject({ written: 3, merged: 0 });
    expect(await counted(athleteId)).toEqual({ runs: 3, distance: 30_310 });
  });

  it('lets the richest of two new copies take over a run in one batch, keeping the other', async () => {
    const athleteId = await newAthlete('Ola');
    await upsertActivities(t.db, orgId, athleteId, [csvRow('s11', '2026-03-19T06:00:00Z', 9000)], options);
    const hrOnly = { ...csvRow('h11', '2026-03-19T06:00:20Z', 9050), source: 'polar', avgHr: 149 };
    const result = await upsertActivities(t.db, orgId, athleteId, [hrOnly, watchFile('f11', '2026-03-19T06:00:40Z', 9100)], options);
    expect(result).toMatchObject({ written: 1, inserted: 0, updated: 0, merged: 2 });
    expect(await shown(athleteId)).toEqual([{ source: 'fit', external_id: 'f11', distance_m: 9100, avg_hr: 150, deleted_at: null }]);
    const kept = await t.db.selectFrom('activity_copies').select('source').where('athlete_id', '=', athleteId).orderBy('source').execute();
    expect(kept.map((k) => k.source)).toEqual(['polar', 'strava']);
  });

  it('merges copies of one run arriving in the same batch, showing the richest', async () => {
    const athleteId = await newAthlete('Dee');
    const result = await upsertActivities(t.db, orgId, athleteId, [csvRow('s5', '2026-03-13T06:00:00Z', 5000), watchFile('f5', '2026-03-13T06:00:40Z', 5050)], options);
    expect(result).toMatchObject({ written: 1, merged: 1 });
    expect(await shown(athleteId)).toEqual([{ source: 'fit', external_id: 'f5', distance_m: 5050, avg_hr: 150, deleted_at: null }]);
  });

  it('keeps the run while another source still has it, and deletes it with its last copy', async () => {
    const athleteId = await newAthlete('Eve');
    await upsertActivities(t.db, orgId, athleteId, [csvRow('s6', '2026-03-14T06:00:00Z', 12_000), watchFile('f6', '2026-03-14T06:00:30Z', 12_100)], options);
    const first = await withdrawActivitySource(t.db, orgId, 'fit', 'f6', options);
    expect(first).toMatchObject({ athleteId, runDeleted: false });
    expect(await shown(athleteId)).toEqual([{ source: 'strava', external_id: 's6', distance_m: 12_000, avg_hr: null, deleted_at: null }]);
    expect(await counted(athleteId)).toEqual({ runs: 1, distance: 12_000 });
    // The withdrawn copy does not come back when resent.
    expect(await upsertActivities(t.db, orgId, athleteId, [watchFile('f6', '2026-03-14T06:00:30Z', 12_100)], options)).toMatchObject({ written: 0 });
    expect(await counted(athleteId)).toEqual({ runs: 1, distance: 12_000 });
    expect(await withdrawActivitySource(t.db, orgId, 'strava', 's6', options)).toMatchObject({ athleteId, runDeleted: true });
    expect(await counted(athleteId)).toEqual({ runs: 0, distance: 0 });
    expect(await withdrawActivitySource(t.db, orgId, 'strava', 'nope', options)).toBeNull();
    expect(await rollupMismatches(t.db)).toEqual([]);
  });

  it('keeps a run a coach deleted deleted, whichever source sends it again', async () => {
    const athleteId = await newAthlete('Fay');
    await upsertActivities(t.db, orgId, athleteId, [csvRow('s7', '2026-03-15T06:00:00Z', 6000)], options);
    const [run] = await t.db.selectFrom('activities').select('id').where('external_id', '=', 's7').execute();
    await deleteActivity(t.db, orgId, Number(run.id), options);
    expect(await upsertActivities(t.db, orgId, athleteId, [watchFile('f7', '2026-03-15T06:00:10Z', 6000)], options)).toMatchObject({ written: 0, merged: 1 });
    expect(await counted(athleteId)).toEqual({ runs: 0, distance: 0 });
  });

  it("says when a file's runs belong to another athlete instead of writing nothing silently", async () => {
    const owner = await newAthlete('Gus');
    const other = await newAthlete('Hal');
    await upsertActivities(t.db, orgId, owner, [csvRow('s8', '2026-03-16T06:00:00Z', 7000), csvRow('s9', '2026-03-17T06:00:00Z', 7000)], options);
    expect(await upsertActivities(t.db, orgId, other, [csvRow('s8', '2026-03-16T06:00:00Z', 7000), csvRow('s10', '2026-03-18T06:00:00Z', 7000)], options))
      .toMatchObject({ written: 1, inserted: 1, merged: 0, otherAthlete: 1, otherAthleteIds: [owner] });
    expect(await counted(owner)).toEqual({ runs: 2, distance: 14_000 });
    expect(await counted(other)).toEqual({ runs: 1, distance: 7000 });
  });
});

describe('any interleaving of two sources', () => {
  // Runs on distinct days; each comes from the CSV, the watch or both (the watch copy a few
  // seconds and metres off). Whatever the order and batching, the stats are those of the runs
  // counted once, each with the watch's numbers when the watch has it.
  const runSpec = fc.record({ sources: fc.constantFrom('csv', 'watch', 'both'), startShiftS: fc.integer({ min: -110, max: 110 }), stretch: fc.double({ min: -0.025, max: 0.025, noNaN: true }) });
  it('counts each run once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(runSpec, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 4 }), async (runs, seed, batchSize) => {
        const athleteId = await newAthlete(`P${seed}-${Math.random().toString(36).slice(2, 8)}`);
        const records: ActivityRecord[] = [];
        let expected = 0;
        runs.forEach((spec, i) => {
          const start = new Date(Date.UTC(2026, 1, 1 + i, 7));
          const base = 8000 + i * 500;
          const watchDistance = Math.round(base * (1 + spec.stretch));
          if (spec.sources !== 'watch') records.push(csvRow(`${athleteId}-c${i}`, start.toISOString(), base));
          if (spec.sources !== 'csv') records.push(watchFile(`${athleteId}-w${i}`, new Date(start.getTime() + spec.startShiftS * 1000).toISOString(), watchDistance));
          expected += spec.sources === 'csv' ? base : watchDistance;
        });
        // A deterministic shuffle from the seed, then batches of batchSize.
        const order = records.map((r, i) => ({ r, k: (i * 7919 + seed) % 104_729 })).sort((a, b) => a.k - b.k).map((x) => x.r);
        const batches: ActivityRecord[][] = [];
        for (let i = 0; i < order.length; i += batchSize) batches.push(order.slice(i, i + batchSize));
        for (const batch of batches) await ingestActivityChunks(t.db, orgId, athleteId, [batch], options);
        const totals = await counted(athleteId);
        expect(totals.runs).toBe(runs.length);
        expect(totals.distance).toBeCloseTo(expected, 6);
      }),
      { numRuns: 25 },
    );
    expect(await rollupMismatches(t.db)).toEqual([]);
  });
});
