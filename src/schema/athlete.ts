import { builder } from './builder';
import { Label } from './label';
import { Coach } from './coach';
import { parseId } from './ids';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decodeCursor, isCursorId, isCursorText, pageSize, toConnection } from './pagination';
import { batched, rowsInKeyOrder } from './loaders';
import { selectionAsker } from './selection';
import { countAthletes, findAthletesByIds, listAthletes, type AthletePageCursor, type AthleteRow } from '../repositories/athletes';
import { findLabelsAndCoaches } from '../repositories/athlete-links';
import { tracedBatch } from '../observability/tracing';
import { lookupFolded } from './athlete-fold';
import { notFound } from '../errors';
import type { Context } from '../context';

export const UnitSystem = builder.enumType('UnitSystem', {
  description: 'Units a client shows (the API always answers in metres and seconds).',
  values: {
    METRIC: { value: 'metric', description: 'Kilometres, metres, min/km.' },
    IMPERIAL: { value: 'imperial', description: 'Miles, feet, min/mile (display only: the API still answers in metres and seconds).' },
  } as const,
});

export const Sex = builder.enumType('Sex', {
  description: 'Sex, as training-load formulas (TRIMP) use it.',
  values: {
    MALE: { value: 'male', description: 'TRIMP constants k = 0.64, b = 1.92 (docs/metrics.md, Training load of a run).' },
    FEMALE: { value: 'female', description: 'TRIMP constants k = 0.86, b = 1.67 (docs/metrics.md, Training load of a run).' },
  } as const,
});

/** One loader per request behind both labels and coaches: one statement for the two fields. */
const loadLinks = batched('loadLinks', async (ids: number[], ctx) =>
  rowsInKeyOrder(ids, await findLabelsAndCoaches(ctx.db, ctx.viewer.orgId, ids), (row) => row.athlete_id, 'athlete'));

export const Athlete = builder.loadableObjectRef<AthleteRow, number>('Athlete', {
  load: tracedBatch('athletes', async (ids: number[], ctx: Context) =>
    rowsInKeyOrder(ids, await findAthletesByIds(ctx.db, ctx.viewer.orgId, ids), (row) => row.id, 'athlete'),
  ),
});

Athlete.implement({
  description: 'A runner of the organization.',
  // Defence in depth (whatever field returns an Athlete, an athlete viewer sees only
  // themselves) is the OwnDataPlugin's check around every field (own-data-plugin.ts).
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The athlete\'s id (the database number as a string).' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    email: t.exposeString('email', { description: 'Email address, unique in the organization, stored in lower case.' }),
    timezone: t.expose('timezone', {
      type: 'TimeZone',
      description: "The athlete's zone (the organization's when they have not set one); local days are counted in it.",
    }),
    unitSystem: t.field({
      type: UnitSystem,
      nullable: true,
      description: 'Preferred units for display; the API always answers in metres and seconds.',
      resolve: (athlete) => athlete.unit_system,
    }),
    sex: t.field({
      type: Sex,
      nullable: true,
      description: 'Sex, for training-load formulas; null when not given.',
      resolve: (athlete) => athlete.sex,
    }),
    birthYear: t.int({ nullable: true, description: 'Year of birth; null when not given.', resolve: (athlete) => athlete.birth_year }),
    archivedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the athlete was archived (archiveAthlete): archived athletes leave the roster, the Athletes list and group dashboards, keep their history, and still answer athlete(id). Null when on the roster.',
      resolve: (athlete) => athlete.archived_at,
    }),
    version: t.exposeInt('version', {
      description: 'Increments on every change of the athlete (updateAthlete, archive, unarchive); pass it as expectedVersion to updateAthlete to refuse a stale edit.',
    }),
    labels: t.field({
      type: [Label],
      description: 'Labels on the athlete, by name.',
      resolve: async (athlete, _args, ctx) => (await loadLinks(athlete.id, ctx)).labels,
    }),
    coaches: t.field({
      type: [Coach],
      description: 'Coaches assigned to the athlete, by name.',
      resolve: async (athlete, _args, ctx) => (await loadLinks(athlete.id, ctx)).coaches,
    }),
  }),
});

builder.queryField('athlete', (t) =>
  t.field({
    type: Athlete,
    nullable: true,
    description: 'One athlete of the viewer\'s organization; an unknown id (or one from another organization) is NOT_FOUND.',
    args: { id: t.arg.id({ required: true, description: 'The athlete\'s id: a positive integer up to 2147483647, else BAD_USER_INPUT.' }) },
    // Checked before any lookup, so an athlete learns nothing about other ids.
    authScopes: (_root, args) => ({ $any: { staff: true, self: parseId(args.id, 'id') } }),
    resolve: async (_root, args, ctx, info) => {
      const id = parseId(args.id, 'id');
      const folded = await lookupFolded(id, ctx, info);
      if (folded === undefined) return id;
      if (folded === null) throw notFound('athlete', String(id));
      Athlete.getDataloader(ctx).prime(id, folded);
      return folded;
    },
  }),
);

const isAthleteCursor = (v: unknown): v is AthletePageCursor =>
  typeof v === 'object' && v !== null && isCursorText((v as AthletePageCursor).name) && isCursorId((v as AthletePageCursor).id);

const asksForTotal = selectionAsker((name) => name === 'totalCount', 'directly');

const AthleteConnection = builder.connectionObject({
  type: Athlete,
  name: 'AthleteConnection',
  description: "A page of the organization's roster (archived athletes left out), by name then id.",
  fields: (c) => ({
    totalCount: c.int({
      description: 'Number of athletes on the roster (archived ones left out).',
      // Counted by the page's own statement when the query asks for it (`athletes` below).
      resolve: (conn, _args, ctx) => (conn as { totalCount?: number | null }).totalCount ?? countAthletes(ctx.db, ctx.viewer.orgId),
    }),
  }),
}, { description: 'One athlete of the roster page, with its cursor.' });

builder.queryField('athletes', (t) =>
  t.field({
    type: AthleteConnection,
    nullable: true,
    authScopes: { staff: true },
    description: `The organization's athletes (archived ones left out) ordered by name, then id; \`first\` is 0..${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
    args: {
      first: t.arg.int({ description: `Page size, 0..${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}); anything else is BAD_USER_INPUT.` }),
      after: t.arg.string({ description: 'An endCursor from the previous page of this connection; omit for the first page.' }),
    },
    resolve: async (_root, args, ctx, info) => {
      const limit = pageSize(args.first);
      const after = decodeCursor(args.after, isAthleteCursor);
      const page = await listAthletes(ctx.db, ctx.viewer.orgId, { after, limit: limit + 1, withTotal: asksForTotal(info) });
      return Object.assign(toConnection<AthleteRow>(page.rows, limit, args.after, (row) => ({ name: row.name, id: row.id })), { totalCount: page.total });
    },
  }),
);
