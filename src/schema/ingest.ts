import { builder } from './builder';
import { Athlete } from './athlete';
import { parseId } from './ids';
import { AppError, badInput, notFound } from '../errors';
import { deleteActivity, ingestActivityChunks, upsertActivities } from '../ingest/activities';
import { upsertHealthDays } from '../ingest/health';
import { loadIngestAthlete } from '../ingest/athlete';
import { MAX_IMPORT_ROWS, parseStravaActivities } from '../ingest/strava-csv';
import { parseFitActivity } from '../ingest/fit';
import { isFitHeader } from '../ingest/import-file';
import { validateActivities, validateHealthDays, MAX_ACTIVITIES_PER_BATCH, MAX_HEALTH_DAYS_PER_BATCH } from '../ingest/validate';
import type { Context } from '../context';

const ActivityInput = builder.inputType('ActivityInput', {
  description: 'One run from a device or service. Idempotent by (source, externalId).',
  fields: (t) => ({
    source: t.string({ required: true, description: 'Where it comes from: a-z, 0-9, _ and -, e.g. "garmin".' }),
    externalId: t.string({ required: true, description: "The source's own id (1..128 characters)." }),
    sport: t.string({ description: 'Only "run" (the default): Stride keeps runs.' }),
    startTime: t.field({ type: 'DateTime', required: true }),
    timezone: t.field({ type: 'TimeZone', description: 'The zone the device recorded; local dates use the athlete\'s zone.' }),
    distance: t.float({ required: true, description: 'Metres, 0..1,000,000.' }),
    movingTime: t.int({ required: true, description: 'Seconds, 1..604,800.' }),
    elapsedTime: t.int({ description: 'Seconds, at least movingTime.' }),
    avgHeartRate: t.float({ description: 'bpm, 20..250.' }),
    maxHeartRate: t.float({ description: 'bpm, 20..250.' }),
    calories: t.float(),
    elevationGain: t.float({ description: 'Metres.' }),
    paceZoneTimes: t.intList({ description: 'Seconds in pace zones 1..5 (five values).' }),
    hrZoneTimes: t.intList({ description: 'Seconds in heart-rate zones 1..5 (five values).' }),
    rpe: t.float({ description: "Session RPE, 0..10 (Borg CR-10): how hard the athlete rated the run. Load uses it (minutes × RPE) when neither heart rate nor pace can give one (docs/metrics.md, Training load)." }),
    updatedAt: t.field({ type: 'DateTime', description: "The source's version: an older one never replaces a newer one." }),
  }),
});

const HealthDayInput = builder.inputType('HealthDayInput', {
  fields: (t) => ({
    date: t.field({ type: 'Date', required: true, description: "The athlete's local day." }),
    restingHeartRate: t.float({ description: 'bpm, 20..150.' }),
    hrv: t.float({ description: 'RMSSD in ms, 1..500.' }),
    vo2max: t.float({ description: 'ml/kg/min, 10..100.' }),
    recoveryScore: t.float({ description: '0..100.' }),
    sleepSeconds: t.int(),
    source: t.string({ required: true }),
  }),
});

interface WriteResultShape {
  athleteId: number;
  written: number;
  localDates: string[];
  format?: 'STRAVA_CSV' | 'FIT';
}

const ImportFormat = builder.enumType('ImportFormat', { values: ['STRAVA_CSV', 'FIT'] as const });

const WriteResult = builder.objectRef<WriteResultShape>('WriteResult').implement({
  description: 'What a write changed; every rollup, the fitness cache and the insights are already up to date.',
  fields: (t) => ({
    written: t.exposeInt('written', { description: 'Rows inserted or updated (an unchanged, tombstoned or older version counts 0).' }),
    localDates: t.expose('localDates', { type: ['Date'], description: "The athlete's local days whose rollups were rebuilt." }),
    format: t.expose('format', { type: ImportFormat, nullable: true }),
    athlete: t.field({ type: Athlete, resolve: (r) => r.athleteId }),
  }),
});

const DeletedActivity = builder.objectRef<{ id: number; athleteId: number; localDate: string }>('DeletedActivity').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    localDate: t.expose('localDate', { type: 'Date' }),
    athlete: t.field({ type: Athlete, resolve: (d) => d.athleteId }),
  }),
});

const writeOptions = (ctx: Context) => ({ now: ctx.now, generator: ctx.insightGenerator });
const writerOf = (args: { athleteId: string | number }) => ({ $any: { staff: true, self: parseId(args.athleteId, 'athleteId') } });

builder.mutationField('ingestActivities', (t) =>
  t.field({
    type: WriteResult,
    description: `Upserts up to ${MAX_ACTIVITIES_PER_BATCH} runs of one athlete, all or nothing (coaches, admins, or the athlete).`,
    args: { athleteId: t.arg.id({ required: true }), activities: t.arg({ type: [ActivityInput], required: true }) },
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
    args: { athleteId: t.arg.id({ required: true }), days: t.arg({ type: [HealthDayInput], required: true }) },
    authScopes: (_root, args) => writerOf(args),
    resolve: async (_root, args, ctx) => {
      const athleteId = parseId(args.athleteId, 'athleteId');
      const days = validateHealthDays(args.days as never);
      const written = await upsertHealthDays(ctx.db, ctx.viewer.orgId, athleteId, days, writeOptions(ctx));
      return { athleteId, written, localDates: days.map((d) => d.localDate).sort() };
    },
  }),
);

builder.mutationField('deleteActivity', (t) =>
  t.field({
    type: DeletedActivity,
    description: 'Deletes a run for good: a later update of the same external id does not bring it back.',
    args: { id: t.arg.id({ required: true }) },
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
    description: `Imports a Strava bulk export's activities.csv (runs only, at most ${MAX_IMPORT_ROWS} rows) or one FIT activity file for an athlete, all or nothing; the request is at most MAX_UPLOAD_BYTES (20 MB by default).`,
    args: { athleteId: t.arg.id({ required: true }), file: t.arg({ type: 'File', required: true }) },
    authScopes: (_root, args) => writerOf(args),
    resolve: async (_root, args, ctx) => {
      const athleteId = parseId(args.athleteId, 'athleteId');
      const file = args.file as File;
      if (!file || typeof file.stream !== 'function') throw badInput('file must be a file part of a multipart request');
      // Sniff the first bytes as they arrive: a FIT header, or else a CSV streamed to the parser.
      const chunks = chunksOf(file.stream());
      let head: Uint8Array = new Uint8Array();
      while (head.length < 12) {
        const next = await chunks.next();
        if (next.done) break;
        head = Buffer.concat([head, next.value]);
      }
      if (isFitHeader(head)) {
        const parts = [head];
        for await (const part of chunks) parts.push(part);
        const athlete = await loadIngestAthlete(ctx.db, ctx.viewer.orgId, athleteId);
        const record = await parseFitActivity(Buffer.concat(parts), athlete);
        const result = await upsertActivities(ctx.db, ctx.viewer.orgId, athleteId, [record], writeOptions(ctx));
        return { athleteId, format: 'FIT' as const, ...result };
      }
      const rows = parseStravaActivities((async function* () {
        yield head;
        yield* chunks;
      })(), { now: ctx.now });
      const result = await ingestActivityChunks(ctx.db, ctx.viewer.orgId, athleteId, rows, writeOptions(ctx));
      return { athleteId, format: 'STRAVA_CSV' as const, ...result };
    },
  }),
);
