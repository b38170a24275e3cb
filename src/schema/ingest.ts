import { builder } from './builder';
import { Athlete } from './athlete';
import { parseId } from './ids';
import { AppError, badInput, notFound } from '../errors';
import { deleteActivity, upsertActivities } from '../ingest/activities';
import { upsertHealthDays } from '../ingest/health';
import { MAX_IMPORT_ROWS } from '../ingest/strava-csv';
import { importStream } from '../ingest/import-file';
import type { ImportFormat as ImportFormatName } from '../ingest/sniff';
import { UnitSystem } from './athlete';
import { validateActivities, validateHealthDays, MAX_ACTIVITIES_PER_BATCH, MAX_HEALTH_DAYS_PER_BATCH, type RefusedItem } from '../ingest/validate';
import type { Context } from '../context';

const ActivityInput = builder.inputType('ActivityInput', {
  description: 'One run from a device or service. Idempotent by (source, externalId).',
  fields: (t) => ({
    source: t.string({ required: true, description: 'Where it comes from: a-z, 0-9, _ and -, e.g. "garmin".' }),
    externalId: t.string({ required: true, description: "The source's own id (1..128 characters)." }),
    sport: t.string({ description: 'Only "run" (the default): Stride keeps runs.' }),
    startTime: t.field({ type: 'DateTime', required: true, description: 'The start instant (ISO 8601), from 1990-01-01 to at most a day ahead of now. The run belongs to its local date in the athlete\'s zone.' }),
    timezone: t.field({ type: 'TimeZone', description: 'The zone the device recorded; local dates use the athlete\'s zone.' }),
    distance: t.float({ required: true, description: 'Metres, 0..1,000,000.' }),
    movingTime: t.int({ required: true, description: 'Seconds, 1..604,800.' }),
    elapsedTime: t.int({ description: 'Seconds, at least movingTime.' }),
    avgHeartRate: t.float({ description: 'bpm, 20..250.' }),
    maxHeartRate: t.float({ description: 'bpm, 20..250.' }),
    calories: t.float({ description: 'Kilocalories, 0..50,000.' }),
    elevationGain: t.float({ description: 'Metres.' }),
    paceZoneTimes: t.intList({ description: 'Seconds in pace zones 1..5 (five values).' }),
    hrZoneTimes: t.intList({ description: 'Seconds in heart-rate zones 1..5 (five values).' }),
    rpe: t.float({ description: "Session RPE, 0..10 (Borg CR-10): how hard the athlete rated the run. Load uses it (minutes × RPE) when neither heart rate nor pace can give one (docs/metrics.md, Training load)." }),
    updatedAt: t.field({ type: 'DateTime', description: "The source's version: an older one never replaces a newer one." }),
  }),
});

const SleepIntervalInput = builder.inputType('SleepIntervalInput', {
  description: 'One stretch of sleep, as a device recorded it.',
  fields: (t) => ({
    start: t.field({ type: 'DateTime', required: true, description: 'When it began (ISO 8601).' }),
    end: t.field({ type: 'DateTime', required: true, description: 'When it ended: after start, at most 24 hours later.' }),
  }),
});

const HealthDayInput = builder.inputType('HealthDayInput', {
  description: 'One day of health readings, upserted by the athlete\'s local date; a reading left out keeps the value already recorded for that day.',
  fields: (t) => ({
    date: t.field({ type: 'Date', required: true, description: "The athlete's local day." }),
    restingHeartRate: t.float({ description: 'bpm, 20..150.' }),
    hrv: t.float({ description: 'HRV as RMSSD in ms, 1..500 (Garmin, Oura, Whoop, Polar): what the HRV attention signal reads.' }),
    hrvSdnn: t.float({ description: 'HRV as SDNN in ms, 1..500 (Apple Health): another measure, stored and averaged apart from RMSSD, never compared with it.' }),
    vo2max: t.float({ description: 'ml/kg/min, 10..100.' }),
    recoveryScore: t.float({ description: '0..100.' }),
    sleepSeconds: t.int({ description: 'Seconds asleep, 0..86,400: the total, replacing the day\'s sleep. Or send sleepIntervals.' }),
    sleepIntervals: t.field({ type: [SleepIntervalInput], description: 'Sleep as intervals (at most 200), from one or several sources: the day\'s sleep is the union of these and the intervals already stored for the day, never their sum (docs/api.md, Writing data). Each at most 24 hours, their union at most 24 hours.' }),
    source: t.string({ required: true, description: 'Where the readings come from: 1..32 of a-z, 0-9, _ and -, e.g. "garmin".' }),
  }),
});

interface WriteResultShape {
  athleteId: number;
  written: number;
  /** Run writes only (RunCounts); health writes have none. */
  inserted?: number;
  updated?: number;
  unchanged?: number;
  merged?: number;
  otherAthlete?: number;
  otherAthleteIds?: number[];
  /** Health days refused one by one under skipInvalid. */
  refused?: RefusedItem[];
  /** Local days of health readings an Apple Health import wrote. */
  healthDays?: number;
  localDates: string[];
  format?: ImportFormatName;
}

const ImportFormat = builder.enumType('ImportFormat', {
  description: 'The kind of file importActivities read (recognised by its first bytes, also inside a gzip).',
  values: {
    STRAVA_CSV: { description: "A Strava bulk export's activities.csv: runs, trail runs and virtual runs; start times read as UTC; no zone times." },
    FIT: { description: 'One FIT activity file: session totals, zone times from the per-second records.' },
    GPX: { description: 'One GPX 1.1 track as a run: distance by haversine between points, moving time without pauses over 10 s, heart rate from the Garmin TrackPointExtension, zone times from the points.' },
    TCX: { description: 'One Garmin TCX running activity: distance, timer time, calories and heart rate from its laps; zone times and elevation gain from its trackpoints; externalId is its Id.' },
    GARMIN_CSV: { description: "A Garmin Connect Activities.csv: running types only; Date read as the athlete's local time; distances in the units argument's km or miles; no zone times." },
    STRAVA_EXPORT: { description: "A Strava bulk export zip: activities.csv's runs, each joined to the activity file its Filename column names (.fit, .gpx, .tcx, gzipped or not), whose records give its zone times and max HR; one transaction." },
    ACTIVITY_ZIP: { description: 'A zip of FIT, GPX or TCX activity files (gzipped or not), such as a Garmin export: each run file is one run, files of other sports are skipped; one transaction.' },
    APPLE_HEALTH: { description: "An Apple Health export.xml, or the Health app's export.zip holding it: resting HR, HRV (SDNN), VO2max and sleep per local day, and running workouts as runs; read as a stream whatever its size (docs/api.md, Import formats)." },
  } as const,
});

const RefusedItemRef = builder.objectRef<RefusedItem>('RefusedItem').implement({
  description: 'One item of a batch that was not written, and why.',
  fields: (t) => ({
    index: t.exposeInt('index', { description: "Where it was: its index in the list sent (from 0); for a CSV row, its line in the file (from 1); for a zip's activity file, its place in the zip (from 0; the message names it)." }),
    date: t.expose('date', { type: 'Date', nullable: true, description: 'Its date, when it had a readable one.' }),
    message: t.exposeString('message', { description: 'The field and its allowed range, as a BAD_USER_INPUT error would say it.' }),
  }),
});

const WriteResult = builder.objectRef<WriteResultShape>('WriteResult').implement({
  description: 'What a write changed; every rollup, the fitness cache and the insights are already up to date.',
  fields: (t) => ({
    written: t.exposeInt('written', { description: 'Runs (or health days) whose numbers changed: for runs, inserted + updated + the merged copies that took a run over as its richer copy; an unchanged, deleted or older version counts 0.' }),
    merged: t.int({ description: "Runs recognised as another source's copy of a run the athlete already has (start within 2 minutes, distance within 3%): kept as a copy of that run, or taking it over when richer, never counted twice (docs/api.md, Runs from several sources). 0 for health writes.", resolve: (r) => r.merged ?? 0 }),
    otherAthlete: t.int({ description: "Runs whose (source, externalId) belongs to another athlete of the organization: not written, so a file imported for the wrong athlete says so instead of answering written: 0. 0 for health writes.", resolve: (r) => r.otherAthlete ?? 0 }),
    otherAthleteIds: t.idList({
      description: 'The athletes those runs belong to, each once, for coaches and admins (who may read them); empty for an athlete, who is told only how many.',
      resolve: (r, _args, ctx) => (ctx.viewer.role === 'ATHLETE' ? [] : (r.otherAthleteIds ?? [])),
    }),
    inserted: t.int({ description: 'New runs. 0 for health writes.', resolve: (r) => r.inserted ?? 0 }),
    updated: t.int({ description: "Runs whose shown copy came in a newer version. 0 for health writes. Each run sent lands in exactly one of inserted, updated, unchanged, merged and otherAthlete.", resolve: (r) => r.updated ?? 0 }),
    unchanged: t.int({ description: 'Runs sent as they were already stored, an older version, a deleted run, or another source\'s copy of a run resent. 0 for health writes.', resolve: (r) => r.unchanged ?? 0 }),
    refused: t.field({ type: [RefusedItemRef], description: 'Items refused one by one (recordHealthMetrics, or an Apple Health import, with skipInvalid: true), each with its index, date and reason; empty otherwise, since without skipInvalid one invalid item refuses the whole batch or file.', resolve: (r) => r.refused ?? [] }),
    healthDays: t.int({ description: 'Local days of health readings an Apple Health import wrote; 0 for every other write (recordHealthMetrics counts its days in written).', resolve: (r) => r.healthDays ?? 0 }),
    localDates: t.expose('localDates', { type: ['Date'], description: "The athlete's local days whose rollups were rebuilt." }),
    format: t.expose('format', { type: ImportFormat, nullable: true, description: 'The file format importActivities read; null for ingestActivities and recordHealthMetrics.' }),
    athlete: t.field({ type: Athlete, description: 'The athlete written for, with the new numbers.', resolve: (r) => r.athleteId }),
  }),
});

const DeletedActivity = builder.objectRef<{ id: number; athleteId: number; localDate: string }>('DeletedActivity').implement({
  description: 'A deleted run (a tombstone); the rollup of its day, the fitness cache and the insights are already up to date.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The deleted run\'s id.' }),
    localDate: t.expose('localDate', { type: 'Date', description: 'The run\'s local date in the athlete\'s zone, whose rollup was rebuilt.' }),
    athlete: t.field({ type: Athlete, description: 'The run\'s athlete, with the new numbers.', resolve: (d) => d.athleteId }),
  }),
});

const writeOptions = (ctx: Context) => ({ now: ctx.now, generator: ctx.insightGenerator });
const writerOf = (args: { athleteId: string | number }) => ({ $any: { staff: true, self: parseId(args.athleteId, 'athleteId') } });

builder.mutationField('ingestActivities', (t) =>
  t.field({
    type: WriteResult,
    description: `Upserts up to ${MAX_ACTIVITIES_PER_BATCH} runs of one athlete, all or nothing (coaches, admins, or the athlete).`,
    args: {
      athleteId: t.arg.id({ required: true, description: 'The athlete the runs belong to; an athlete may write only for themself.' }),
      activities: t.arg({ type: [ActivityInput], required: true, description: `At most ${MAX_ACTIVITIES_PER_BATCH} runs, each (source, externalId) once; one invalid item rejects the batch with its index and field.` }),
    },
    authScopes: (_root, args) => writerOf(args),
    resolve: async (_root, args, ctx) => {
      const athleteId = parseId(args.athleteId, 'athleteId');
      const records = validateActivities(args.activities as never, ctx.now);
      const result = await upsertActivities(ctx.db, ctx.viewer.orgId, athleteId, records, writeOptions(ctx));
      return { athleteId, ...result };
    },
  }),
);

builder.mutationField('recordHealthMetrics', (t) =>
  t.field({
    type: WriteResult,
    description: `Upserts up to ${MAX_HEALTH_DAYS_PER_BATCH} daily health readings of one athlete, all or nothing.`,
    args: {
      athleteId: t.arg.id({ required: true, description: 'The athlete the readings belong to; an athlete may write only for themself.' }),
      days: t.arg({ type: [HealthDayInput], required: true, description: `At most ${MAX_HEALTH_DAYS_PER_BATCH} days; one invalid item rejects the batch with its index and field, unless skipInvalid.` }),
      skipInvalid: t.arg.boolean({ defaultValue: false, description: 'False (the default): one invalid day refuses the whole batch, nothing is written. True: each invalid day is refused alone and listed in refused; the valid days are written.' }),
    },
    authScopes: (_root, args) => writerOf(args),
    resolve: async (_root, args, ctx) => {
      const athleteId = parseId(args.athleteId, 'athleteId');
      const { days, refused } = validateHealthDays(args.days as never, { skipInvalid: args.skipInvalid ?? false });
      const written = days.length ? await upsertHealthDays(ctx.db, ctx.viewer.orgId, athleteId, days, writeOptions(ctx)) : 0;
      return { athleteId, written, refused, localDates: days.map((d) => d.localDate).sort() };
    },
  }),
);

builder.mutationField('deleteActivity', (t) =>
  t.field({
    type: DeletedActivity,
    description: 'Deletes a run for good: a later update of the same external id does not bring it back.',
    args: { id: t.arg.id({ required: true, description: 'The run\'s id (Activity.id); an unknown id is NOT_FOUND. Deleting twice is harmless.' }) },
    resolve: async (_root, args, ctx) => {
      const id = parseId(args.id, 'id');
      const owner = await ctx.db.selectFrom('activities').select('athlete_id').where('org_id', '=', ctx.viewer.orgId).where('id', '=', id).executeTakeFirst();
      if (!owner) throw notFound('activity', id);
      if (ctx.viewer.role === 'ATHLETE' && owner.athlete_id !== ctx.viewer.userId) {
        throw new AppError('FORBIDDEN', 'Mutation.deleteActivity is not available to athletes for another athlete\'s run');
      }
      return deleteActivity(ctx.db, ctx.viewer.orgId, id, writeOptions(ctx));
    },
  }),
);

builder.scalarType('File', {
  description: 'A file sent as a GraphQL multipart request part.',
  serialize: () => {
    throw new Error('File is an input only');
  },
  parseValue: (value) => value as File,
});

/** The upload's bytes as they arrive (the server's File may not be Node's own stream class). */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

builder.mutationField('importActivities', (t) =>
  t.field({
    type: WriteResult,
    description: `Imports one file for an athlete, all or nothing: a Strava bulk export's activities.csv or a Garmin Connect Activities.csv (runs only, at most ${MAX_IMPORT_ROWS} rows), or one FIT, GPX or TCX activity, any of them gzipped (docs/api.md, Import formats); the request is at most MAX_UPLOAD_BYTES (20 MB by default).`,
    args: {
      athleteId: t.arg.id({ required: true, description: 'The athlete the runs belong to; an athlete may import only for themself.' }),
      file: t.arg({ type: 'File', required: true, description: `The multipart file part: a Strava activities.csv or Garmin Activities.csv (at most ${MAX_IMPORT_ROWS} rows after the header, 100,000 bytes per row), or one FIT, GPX or TCX activity file; recognised by its content, not its name.` }),
      units: t.arg({ type: UnitSystem, description: "What a Garmin Activities.csv's numbers are in (Garmin writes none): METRIC km and metres, IMPERIAL miles and feet. Default: the athlete's unit system, else METRIC. Other formats ignore it." }),
      skipInvalid: t.arg.boolean({ defaultValue: false, description: 'False (the default): the file is all or nothing, and one row, activity file, day or workout outside the ranges refuses it. True: each such CSV row (Strava, Garmin), activity file of a zip, or Apple Health day or workout is left out and listed in refused, and the rest is written. A file that cannot be read at all (not its format, a broken CSV quote, over a cap) is still refused.' }),
    },
    authScopes: (_root, args) => writerOf(args),
    resolve: async (_root, args, ctx) => {
      const athleteId = parseId(args.athleteId, 'athleteId');
      const file = args.file as File;
      if (!file || typeof file.stream !== 'function') throw badInput('file must be a file part of a multipart request');
      // The upload is read as it arrives; sniffing and every format are shared with npm run import.
      const result = await importStream(ctx.db, ctx.viewer.orgId, athleteId, chunksOf(file.stream()), { ...writeOptions(ctx), units: args.units ?? undefined, skipInvalid: args.skipInvalid ?? false });
      return { athleteId, ...result };
    },
  }),
);
