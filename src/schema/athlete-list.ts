import { builder } from './builder';
import { Athlete } from './athlete';
import { parseId } from './ids';
import { MAX_BATCH_PAGE_SIZE, decodeCursor, isCursorId, isCursorKey, isCursorText, pageSize, toConnection } from './pagination';
import { requirePlainText } from './args';
import { badInput } from '../errors';
import { listAthletePage, type AthleteListCursor, type AthleteListRow, type AthleteOrder } from '../repositories/athlete-list';

const MAX_SEARCH = 100;
const MAX_LABELS = 50;

const AthleteFilter = builder.inputType('AthleteFilter', {
  description: 'Filters of the Athletes list; they combine with AND.',
  fields: (t) => ({
    search: t.string({ description: `Part of the name or email, any case (at most ${MAX_SEARCH} characters, no control characters).` }),
    labelIds: t.idList({ description: `Athletes with any of these labels (at most ${MAX_LABELS}).` }),
    coachId: t.id({ description: 'Athletes assigned to this coach.' }),
    groupId: t.id({ description: 'Members of this group.' }),
  }),
});

const AthleteOrderEnum = builder.enumType('AthleteOrder', {
  description: 'Sort orders of the Athletes list (coachAthletesMetrics); ties go by id, and a cursor belongs to the order it was written in.',
  values: {
    NAME: { description: 'By name, A to Z.' },
    LAST_ACTIVITY: { description: 'Most recent run first; athletes without runs last.' },
    WEEKLY_DISTANCE: { description: "Most distance over the last 7 local days (each athlete's zone) first." },
    ATTENTION: { description: 'Most attention signals first.' },
    ACWR: { description: "Highest acute:chronic workload ratio (EWMA, as riskIndicators.acwr shows today) first; athletes without one last." },
    MONOTONY: { description: "Highest Foster's monotony over the last 7 days (as riskIndicators.monotony) first; athletes without one last." },
  } as const,
});

const AthleteMetricsConnection = builder.connectionObject({
  type: Athlete,
  name: 'AthleteMetricsConnection',
  description: 'A page of the Athletes list (coachAthletesMetrics) in the order asked for.',
  fields: (c) => ({
    totalCount: c.int({ description: 'Athletes matching the filters.', resolve: (conn) => (conn as unknown as { totalCount: number }).totalCount }),
  }),
}, { description: 'One athlete of the Athletes list page, with its cursor.' });

const isCursorFor = (order: AthleteOrder) => (v: unknown): v is AthleteListCursor => {
  const c = v as AthleteListCursor;
  return typeof v === 'object' && v !== null && c.order === order && isCursorText(c.name) && isCursorId(c.id) &&
    (order === 'NAME' ? c.key === null : isCursorKey(c.key));
};

builder.queryField('coachAthletesMetrics', (t) =>
  t.field({
    type: AthleteMetricsConnection,
    nullable: true,
    authScopes: { staff: true },
    description: `The coach's batch view: every athlete of the organization matching the filters, each an Athlete whose fields (plan, last run, windows, fitness, signals, data quality) resolve in batches. \`first\` 0..${MAX_BATCH_PAGE_SIZE} (default 20): one page holds an organization of a thousand.`,
    args: {
      filter: t.arg({ type: AthleteFilter, description: 'Which athletes to list; omitted means all athletes on the roster.' }),
      orderBy: t.arg({ type: AthleteOrderEnum, defaultValue: 'NAME', description: 'Sort order (default NAME); a cursor from another order is BAD_USER_INPUT.' }),
      first: t.arg.int({ description: `Page size, 0..${MAX_BATCH_PAGE_SIZE} (default 20); anything else is BAD_USER_INPUT.` }),
      after: t.arg.string({ description: 'An endCursor from the previous page in the same orderBy; omit for the first page.' }),
    },
    resolve: async (_root, args, ctx) => {
      const limit = pageSize(args.first, MAX_BATCH_PAGE_SIZE);
      const order = (args.orderBy ?? 'NAME') as AthleteOrder;
      const search = args.filter?.search?.trim() || null;
      if (search && search.length > MAX_SEARCH) throw badInput(`filter.search may be at most ${MAX_SEARCH} characters; got ${search.length}`);
      if (args.filter?.search) requirePlainText('filter.search', args.filter.search);
      const labelIds = args.filter?.labelIds ?? null;
      if (labelIds && labelIds.length > MAX_LABELS) throw badInput(`filter.labelIds may hold at most ${MAX_LABELS} ids; got ${labelIds.length}`);
      const filter = {
        search,
        labelIds: labelIds ? labelIds.map((id) => parseId(id, 'filter.labelIds')) : null,
        coachId: args.filter?.coachId != null ? parseId(args.filter.coachId, 'filter.coachId') : null,
        groupId: args.filter?.groupId != null ? parseId(args.filter.groupId, 'filter.groupId') : null,
      };
      const after = decodeCursor(args.after, isCursorFor(order));
      const page = await listAthletePage(ctx.db, ctx.viewer.orgId, { filter, order, after, limit: limit + 1, now: ctx.now });
      const cursorOf = (row: AthleteListRow): AthleteListCursor => ({ order, key: row.sort_key, name: row.name, id: row.id });
      return { ...toConnection(page.rows, limit, args.after, cursorOf), totalCount: page.total };
    },
  }),
);
