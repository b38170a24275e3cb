import { builder } from './builder';
import { batched, rowsInKeyOrder } from './loaders';
import { findLabelVersions } from '../repositories/roster';

/** Versions of labels read without one (Athlete.labels): one statement per request, asked only for `version`. */
const loadVersion = batched('loadVersion', async (ids: number[], ctx) =>
  rowsInKeyOrder(ids, await findLabelVersions(ctx.db, ctx.viewer.orgId, ids), (row) => row.id, 'label'));

export const Label = builder.objectRef<{ id: number; name: string; version?: number }>('Label').implement({
  description: 'A tag a coach puts on athletes (e.g. "Injury watch").',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'What labelIds filters and attachLabel take.' }),
    name: t.exposeString('name', { description: 'Unique in the organization (any case).' }),
    version: t.int({
      description: 'Increments on every rename; pass it as expectedVersion to renameLabel to refuse a stale edit.',
      resolve: async (label, _args, ctx) => label.version ?? (await loadVersion(label.id, ctx)).version,
    }),
  }),
});
