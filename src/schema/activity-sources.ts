import { builder } from './builder';
import { Activity } from './activity';
import { Athlete } from './athlete';
import { batched, groupBy } from './loaders';
import { AppError, badInput, notFound } from '../errors';
import { requirePlainText } from './args';
import { withdrawActivitySource } from '../ingest/activities';
import { findKnownIdentities, findRunSources } from '../repositories/activity-copies';
import type { Context } from '../context';

// The sources a run came from (docs/api.md, Runs from several sources): the copy it shows
// and the other sources' copies of it, and the way a source withdraws its copy.

interface RunSource {
  source: string;
  external_id: string;
  shown: boolean;
  deleted: boolean;
}

const ActivitySource = builder.objectRef<RunSource>('ActivitySource').implement({
  description: 'One source\'s copy of a run: a run seen from Strava and from the watch\'s file has two.',
  fields: (t) => ({
    source: t.exposeString('source', { description: 'Where the copy came from (strava, fit, garmin, ...).' }),
    externalId: t.exposeString('external_id', { description: "The source's own id of the copy." }),
    shown: t.exposeBoolean('shown', { description: "True for the copy whose numbers the run shows: the richest (per-second zone times, then HR, elevation, calories), the first to arrive on a tie." }),
    withdrawn: t.exposeBoolean('deleted', { description: 'True when the source withdrew the copy (withdrawActivitySource): resending it changes nothing.' }),
  }),
});

const loadSources = batched('loadSources', async (activityIds: number[], ctx: Context) => {
  const bySource = groupBy(await findRunSources(ctx.db, ctx.viewer.orgId, activityIds), (r) => r.activity_id);
  return activityIds.map((id) => bySource.get(id) ?? []);
});

builder.objectField(Activity, 'sources', (t) =>
  t.field({
    type: [ActivitySource],
    description: 'Every source that sent this run, the shown copy first: one statement for a page of runs.',
    resolve: (a, _args, ctx) => loadSources(Number(a.id), ctx),
  }),
);

const WithdrawnSource = builder.objectRef<{ id: number; athleteId: number; localDate: string; runDeleted: boolean }>('WithdrawnSource').implement({
  description: 'What withdrawing a copy did to its run.',
  fields: (t) => ({
    activityId: t.exposeID('id', { description: 'The run the copy belonged to.' }),
    runDeleted: t.exposeBoolean('runDeleted', { description: 'True when it was the run\'s last copy, so the run is deleted; false when another source still has it (the run then shows the richest copy left).' }),
    localDate: t.expose('localDate', { type: 'Date', description: "The run's local date, whose rollup was rebuilt." }),
    athlete: t.field({ type: Athlete, description: "The run's athlete, with the new numbers.", resolve: (w) => w.athleteId }),
  }),
});

builder.mutationField('withdrawActivitySource', (t) =>
  t.field({
    type: WithdrawnSource,
    description: "A source deleted its copy of a run (the athlete deleted it on Strava, say): the run stays while another source still has it, and is deleted with its last copy (coaches, admins, or the athlete for their own runs). deleteActivity deletes the run whatever its sources.",
    args: {
      source: t.arg.string({ required: true, description: 'The copy\'s source, as sent (a-z, 0-9, _ and -).' }),
      externalId: t.arg.string({ required: true, description: "The source's id of the copy; an identity the organization does not have is NOT_FOUND." }),
    },
    resolve: async (_root, args, ctx) => {
      if (!/^[a-z0-9_-]{1,32}$/.test(args.source)) throw badInput(`source must be 1..32 of a-z, 0-9, _ and -; got ${JSON.stringify(args.source.slice(0, 40))}`);
      if (args.externalId.length < 1 || args.externalId.length > 128) throw badInput(`externalId must be 1..128 characters; got ${args.externalId.length}`);
      requirePlainText('externalId', args.externalId);
      const [owner] = await findKnownIdentities(ctx.db, ctx.viewer.orgId, [{ source: args.source, external_id: args.externalId }]);
      if (!owner) throw notFound('activity source', `${args.source}/${args.externalId}`);
      if (ctx.viewer.role === 'ATHLETE' && owner.athlete_id !== ctx.viewer.userId) {
        throw new AppError('FORBIDDEN', "Mutation.withdrawActivitySource is not available to athletes for another athlete's run");
      }
      const result = await withdrawActivitySource(ctx.db, ctx.viewer.orgId, args.source, args.externalId, { now: ctx.now, generator: ctx.insightGenerator });
      if (!result) throw notFound('activity source', `${args.source}/${args.externalId}`);
      return result;
    },
  }),
);
