import { builder } from './builder';
import { Label } from './label';
import { Coach } from './coach';
import { parseId } from './ids';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decodeCursor, isCursorId, isCursorText, pageSize, toConnection } from './pagination';
import { batched, rowsInKeyOrder } from './loaders';
import { countAthletes, findAthletesByIds, listAthletes, type AthletePageCursor, type AthleteRow } from '../repositories/athletes';
import { findLabelsAndCoaches } from '../repositories/athlete-links';

export const UnitSystem = builder.enumType('UnitSystem', {
  description: 'Units a client shows (the API always answers in metres and seconds).',
  values: { METRIC: { value: 'metric' }, IMPERIAL: { value: 'imperial' } } as const,
});

export const Sex = builder.enumType('Sex', {
  description: 'Sex, as training-load formulas (TRIMP) use it.',
  values: { MALE: { value: 'male' }, FEMALE: { value: 'female' } } as const,
});

/** One loader per request behind both labels and coaches: one statement for the two fields. */
const loadLinks = batched(async (ids: number[], ctx) =>
  rowsInKeyOrder(ids, await findLabelsAndCoaches(ctx.db, ctx.viewer.orgId, ids), (row) => row.athlete_id, 'athlete'));

export const Athlete = builder.loadableObjectRef<AthleteRow, number>('Athlete', {
  load: async (ids, ctx) =>
    rowsInKeyOrder(ids, await findAthletesByIds(ctx.db, ctx.viewer.orgId, ids), (row) => row.id, 'athlete'),
});

Athlete.implement({
  description: 'A runner of the organization.',
  // Defence in depth (whatever field returns an Athlete, an athlete viewer sees only
  // themselves) is the OwnDataPlugin's check around every field (own-data-plugin.ts).
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    email: t.exposeString('email'),
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
    args: { id: t.arg.id({ required: true }) },
    // Checked before any lookup, so an athlete learns nothing about other ids.
    authScopes: (_root, args) => ({ $any: { staff: true, self: parseId(args.id, 'id') } }),
    resolve: (_root, args) => parseId(args.id, 'id'),
  }),
);

const isAthleteCursor = (v: unknown): v is AthletePageCursor =>
  typeof v === 'object' && v !== null && isCursorText((v as AthletePageCursor).name) && isCursorId((v as AthletePageCursor).id);

const AthleteConnection = builder.connectionObject({
  type: Athlete,
  name: 'AthleteConnection',
  fields: (c) => ({
    totalCount: c.int({
      description: 'Number of athletes on the roster (archived ones left out).',
      resolve: (_conn, _args, ctx) => countAthletes(ctx.db, ctx.viewer.orgId),
    }),
  }),
});

builder.queryField('athletes', (t) =>
  t.field({
    type: AthleteConnection,
    authScopes: { staff: true },
    description: `The organization's athletes (archived ones left out) ordered by name, then id; \`first\` is 0..${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
    args: { first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      const limit = pageSize(args.first);
      const after = decodeCursor(args.after, isAthleteCursor);
      const rows = await listAthletes(ctx.db, ctx.viewer.orgId, { after, limit: limit + 1 });
      return toConnection<AthleteRow>(rows, limit, args.after, (row) => ({ name: row.name, id: row.id }));
    },
  }),
);
