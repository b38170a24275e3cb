import { builder } from './builder';
import { Athlete } from './athlete';
import { Label } from './label';
import { Coach } from './coach';
import { Group } from './group';
import { parseId } from './ids';
import { decodeCursor, isCursorId, isCursorText, pageSize, toConnection, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination';
import { requireName, MAX_TAG_NAME } from './setup-input';
import { assertAdmin, assertManagesAthlete } from '../auth/permissions';
import { AppError, checkVersion, notFound } from '../errors';
import {
  attachLabelRow, countLookup, deleteGroupMember, deleteGroupRow, deleteLabelRow, detachLabelRow, findGroupWithCount, findNamed, findNamedByName,
  insertNamed, listCoaches, listGroups, listLabels, renameNamed, upsertGroupMember, type LookupTable, type NameCursor, type NamedRow,
} from '../repositories/roster';
import type { Context } from '../context';

// Labels and groups (docs/api.md, Setting up an organization): admins and coaches create
// them; renames and deletes are for admins; a coach attaches labels and adds to groups only
// the athletes assigned to them. And the lookups behind the coach's filter menus.

type Kind = 'label' | 'group';
const TABLE = { label: 'labels', group: 'groups' } as const;
const TITLE = { label: 'Label', group: 'Group' } as const;

const nameTaken = (kind: Kind, name: string, holder: NamedRow) =>
  new AppError('CONFLICT', `a ${kind} named ${JSON.stringify(holder.name)} (id ${holder.id}) already exists in this organization; ${kind} names are unique, any case (asked for ${JSON.stringify(name)})`);

/** The label or group of the organization, else NOT_FOUND. */
async function requireNamed(ctx: Context, kind: Kind, id: number, lock = false): Promise<NamedRow> {
  const row = await findNamed(ctx.db, TABLE[kind], ctx.viewer.orgId, id, lock);
  if (!row) throw notFound(kind, id);
  return row;
}

/** A group row as the Group type reads it (with its member count). */
async function groupOf(ctx: Context, id: number) {
  const row = await findGroupWithCount(ctx.db, ctx.viewer.orgId, id);
  if (!row) throw notFound('group', id);
  return row;
}

const nameDescription = `1..${MAX_TAG_NAME} characters, no control characters; unique in the organization (any case).`;

for (const kind of ['label', 'group'] as const) {
  const title = TITLE[kind];
  const Type = kind === 'label' ? Label : Group;
  const answer = async (ctx: Context, row: NamedRow) => (kind === 'group' ? groupOf(ctx, row.id) : row);

  builder.relayMutationField(
    `create${title}`,
    { description: `The new ${kind}.`, inputFields: (t) => ({ name: t.string({ required: true, description: nameDescription }) }) },
    {
      description: `Creates a ${kind} (admins and coaches). A name in use is CONFLICT.`,
      authScopes: { staff: true },
      resolve: async (_root, { input }, ctx) => {
        const name = requireName('input.name', input.name, MAX_TAG_NAME);
        const taken = await findNamedByName(ctx.db, TABLE[kind], ctx.viewer.orgId, name);
        const created = taken ? undefined : await insertNamed(ctx.db, TABLE[kind], ctx.viewer.orgId, name);
        if (!created) throw nameTaken(kind, name, taken ?? { id: 0, name, version: 0 });
        return answer(ctx, created);
      },
    },
    { description: `The ${kind} created.`, outputFields: (t) => ({ [kind]: t.field({ type: Type as typeof Group, description: `The new ${kind}.`, resolve: (r) => r as never }) }) },
  );

  builder.relayMutationField(
    `rename${title}`,
    {
      description: `The ${kind} and its new name.`,
      inputFields: (t) => ({
        id: t.id({ required: true, description: `The ${kind}.` }),
        name: t.string({ required: true, description: nameDescription }),
        expectedVersion: t.int({ description: 'The version last read: a newer one is CONFLICT. Left out, the rename applies whatever the version.' }),
      }),
    },
    {
      description: `Renames a ${kind} (admins only); the version increments.`,
      resolve: async (_root, { input }, ctx) => {
        const id = parseId(input.id, 'input.id');
        const name = requireName('input.name', input.name, MAX_TAG_NAME);
        assertAdmin(ctx.viewer, `rename${title}`);
        const current = await requireNamed(ctx, kind, id, true);
        checkVersion(`${kind} ${id}`, current.version, input.expectedVersion);
        const holder = await findNamedByName(ctx.db, TABLE[kind], ctx.viewer.orgId, name, id);
        if (holder) throw nameTaken(kind, name, holder);
        return answer(ctx, await renameNamed(ctx.db, TABLE[kind], ctx.viewer.orgId, id, name));
      },
    },
    { description: `The ${kind} renamed.`, outputFields: (t) => ({ [kind]: t.field({ type: Type as typeof Group, description: `The ${kind}, with its new version.`, resolve: (r) => r as never }) }) },
  );

  builder.relayMutationField(
    `delete${title}`,
    { description: `The ${kind} to delete.`, inputFields: (t) => ({ id: t.id({ required: true, description: `The ${kind}.` }) }) },
    {
      description: kind === 'label'
        ? 'Deletes a label and takes it off every athlete (admins only).'
        : "Deletes a group and its memberships (admins only); the members' history and plans stay (a plan made for the group keeps its workouts).",
      resolve: async (_root, { input }, ctx) => {
        const id = parseId(input.id, 'input.id');
        assertAdmin(ctx.viewer, `delete${title}`);
        await requireNamed(ctx, kind, id, true);
        if (kind === 'label') await deleteLabelRow(ctx.db, ctx.viewer.orgId, id);
        else await deleteGroupRow(ctx.db, ctx.viewer.orgId, id);
        return { id };
      },
    },
    { description: `The ${kind} deleted.`, outputFields: (t) => ({ [`deleted${title}Id`]: t.id({ description: `The id the ${kind} had.`, resolve: (r: { id: number }) => r.id }) }) },
  );
}

// ---- attaching labels, group members -----------------------------------------------------

for (const [name, attach] of [['attachLabel', true], ['detachLabel', false]] as const) {
  builder.relayMutationField(
    name,
    {
      description: attach ? 'Which label goes on which athlete.' : 'Which label comes off which athlete.',
      inputFields: (t) => ({ athleteId: t.id({ required: true, description: 'The athlete.' }), labelId: t.id({ required: true, description: 'The label.' }) }),
    },
    {
      description: `${attach ? 'Puts a label on' : 'Takes a label off'} an athlete (admins, or the athlete's coaches). Harmless when ${attach ? 'already there' : 'not there'}.`,
      resolve: async (_root, { input }, ctx) => {
        const athleteId = parseId(input.athleteId, 'input.athleteId');
        const labelId = parseId(input.labelId, 'input.labelId');
        await assertManagesAthlete(ctx.db, ctx.viewer, athleteId, name);
        await requireNamed(ctx, 'label', labelId);
        if (attach) await attachLabelRow(ctx.db, ctx.viewer.orgId, athleteId, labelId);
        else await detachLabelRow(ctx.db, ctx.viewer.orgId, athleteId, labelId);
        return { athleteId };
      },
    },
    { description: 'The athlete with their labels.', outputFields: (t) => ({ athlete: t.field({ type: Athlete, description: 'The athlete (see labels).', resolve: (r) => r.athleteId }) }) },
  );
}

builder.relayMutationField(
  'addGroupMember',
  {
    description: 'Who joins which group, and when.',
    inputFields: (t) => ({
      groupId: t.id({ required: true, description: 'The group.' }),
      athleteId: t.id({ required: true, description: 'The athlete.' }),
      joinedOn: t.field({ type: 'Date', required: true, description: "The date they joined, in the organization's zone (1970-01-01..2100-12-31)." }),
    }),
  },
  {
    description: "Adds an athlete to a group (admins, or the athlete's coaches); adding a member again changes their join date.",
    resolve: async (_root, { input }, ctx) => {
      const groupId = parseId(input.groupId, 'input.groupId');
      const athleteId = parseId(input.athleteId, 'input.athleteId');
      await assertManagesAthlete(ctx.db, ctx.viewer, athleteId, 'addGroupMember');
      await requireNamed(ctx, 'group', groupId);
      await upsertGroupMember(ctx.db, ctx.viewer.orgId, groupId, athleteId, input.joinedOn);
      return { groupId, athleteId, joinedOn: input.joinedOn };
    },
  },
  {
    description: 'The membership.',
    outputFields: (t) => ({
      group: t.field({ type: Group, description: 'The group, with its member count.', resolve: (r, _a, ctx) => groupOf(ctx, r.groupId) }),
      athlete: t.field({ type: Athlete, description: 'The member.', resolve: (r) => r.athleteId }),
      joinedOn: t.field({ type: 'Date', description: 'The join date stored.', resolve: (r) => r.joinedOn }),
    }),
  },
);

builder.relayMutationField(
  'removeGroupMember',
  {
    description: 'Who leaves which group.',
    inputFields: (t) => ({ groupId: t.id({ required: true, description: 'The group.' }), athleteId: t.id({ required: true, description: 'The athlete.' }) }),
  },
  {
    description: "Removes an athlete from a group (admins, or the athlete's coaches); their history stays. Harmless when not a member.",
    resolve: async (_root, { input }, ctx) => {
      const groupId = parseId(input.groupId, 'input.groupId');
      const athleteId = parseId(input.athleteId, 'input.athleteId');
      await assertManagesAthlete(ctx.db, ctx.viewer, athleteId, 'removeGroupMember');
      await requireNamed(ctx, 'group', groupId);
      await deleteGroupMember(ctx.db, ctx.viewer.orgId, groupId, athleteId);
      return { groupId, athleteId };
    },
  },
  {
    description: 'The group and the athlete after the removal.',
    outputFields: (t) => ({
      group: t.field({ type: Group, description: 'The group, with its member count.', resolve: (r, _a, ctx) => groupOf(ctx, r.groupId) }),
      athlete: t.field({ type: Athlete, description: 'The former member.', resolve: (r) => r.athleteId }),
    }),
  },
);

// ---- lookups: the coach's filter menus ----------------------------------------------------

const isNameCursor = (v: unknown): v is NameCursor =>
  typeof v === 'object' && v !== null && isCursorText((v as NameCursor).name) && isCursorId((v as NameCursor).id);

function lookup<T extends { id: number; name: string }>(
  field: LookupTable,
  type: typeof Label | typeof Coach | typeof Group,
  description: string,
  list: (ctx: Context, page: { after: NameCursor | null; limit: number }) => Promise<T[]>,
) {
  const connection = builder.connectionObject({
    type: type as typeof Label,
    name: `${{ labels: 'Label', coaches: 'Coach', groups: 'Group' }[field]}Connection`,
    description: `A page of the organization's ${field}, by name then id.`,
    fields: (c) => ({
      totalCount: c.int({ description: `Number of ${field} in the organization.`, resolve: (_conn, _args, ctx) => countLookup(ctx.db, ctx.viewer.orgId, field) }),
    }),
  }, { description: `One of the organization's ${field}, with its cursor.` });
  builder.queryField(field, (t) =>
    t.field({
      type: connection,
      nullable: true,
      authScopes: { staff: true },
      description: `${description} By name, then id; \`first\` is 0..${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}). Coaches and admins.`,
      args: { first: t.arg.int({ description: `Page size, 0..${MAX_PAGE_SIZE}.` }), after: t.arg.string({ description: 'The endCursor of the previous page.' }) },
      resolve: async (_root, args, ctx) => {
        const limit = pageSize(args.first);
        const after = decodeCursor(args.after, isNameCursor);
        const rows = await list(ctx, { after, limit: limit + 1 });
        return toConnection<T>(rows, limit, args.after, (row) => ({ name: row.name, id: row.id })) as never;
      },
    }),
  );
}

lookup('labels', Label, "The organization's labels (the Athletes list's labelIds filter).", (ctx, page) => listLabels(ctx.db, ctx.viewer.orgId, page));
lookup('coaches', Coach, "The organization's coaches (the Athletes list's coachId filter, assignCoach).", (ctx, page) => listCoaches(ctx.db, ctx.viewer.orgId, page));
lookup('groups', Group, "The organization's groups with their member counts, archived athletes left out (the Athletes list's groupId filter).", (ctx, page) => listGroups(ctx.db, ctx.viewer.orgId, page));
