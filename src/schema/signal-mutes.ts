import { builder } from './builder';
import { Athlete } from './athlete';
import { SignalMetric } from './attention';
import { parseId } from './ids';
import { requirePlainText } from './args';
import { batched, groupBy } from './loaders';
import { badInput } from '../errors';
import { assertManagesAthlete } from '../auth/permissions';
import { MAX_MUTE_DAYS, MAX_MUTE_NOTE_LENGTH, muteUntilProblem } from '../domain/signals';
import { deleteSignalMute, findActiveSignalMutes, upsertSignalMute, type SignalMuteRow } from '../repositories/signal-mutes';
import { publishSignalChanges } from '../ingest/live-events';

// Per-athlete mutes of attention signals: an admin or the athlete's assigned coach mutes one
// metric of one athlete until a moment (at most MAX_MUTE_DAYS ahead), with an optional note,
// and may unmute it earlier. A muted signal is left out of attentionSignals (unless
// includeMuted) and of the ATTENTION order; from its end on it shows again by itself.

const SignalMuteAuthor = builder.objectRef<{ id: number; name: string }>('SignalMuteAuthor').implement({
  description: 'The coach or admin who set a mute.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The user's id (the database number as a string)." }),
    name: t.exposeString('name', { description: 'Display name.' }),
  }),
});

const SignalMute = builder.objectRef<SignalMuteRow>('SignalMute').implement({
  description: "One attention signal of one athlete muted until a moment: left out of attentionSignals and of the Athletes list's ATTENTION order until then (docs/api.md, Signal thresholds and mutes).",
  fields: (t) => ({
    metric: t.field({ type: SignalMetric, description: 'The muted metric.', resolve: (m) => m.metric }),
    until: t.field({ type: 'DateTime', description: 'When the mute ends: from this instant on the signal shows again.', resolve: (m) => m.muted_until }),
    note: t.exposeString('note', { nullable: true, description: 'Why it was muted, as the coach wrote it; null without one.' }),
    mutedAt: t.field({ type: 'DateTime', description: 'When the mute was set (or last replaced).', resolve: (m) => m.created_at }),
    mutedBy: t.field({
      type: SignalMuteAuthor,
      nullable: true,
      description: 'Who set it; null when that user no longer exists.',
      resolve: (m) => (m.muted_by === null || m.muted_by_name === null ? null : { id: m.muted_by, name: m.muted_by_name }),
    }),
  }),
});

/** The active mutes of a page of athletes: one statement, only when a client asks for them. */
const loadSignalMutes = batched('loadSignalMutes', async (athleteIds: number[], ctx) => {
  const byAthlete = groupBy(await findActiveSignalMutes(ctx.db, ctx.viewer.orgId, athleteIds, ctx.now), (r) => r.athlete_id);
  return athleteIds.map((id) => byAthlete.get(id) ?? []);
});

builder.objectField(Athlete, 'signalMutes', (t) =>
  t.field({
    type: [SignalMute],
    description: 'The mutes of this athlete still in force (ending after now), soonest end first; expired ones are not listed. One statement for a page of athletes, only when asked for.',
    resolve: (athlete, _args, ctx) => loadSignalMutes(athlete.id, ctx),
  }),
);

/** A note: trimmed, no control characters, at most MAX_MUTE_NOTE_LENGTH characters; empty means none. */
function muteNote(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const note = requirePlainText('input.note', value).trim();
  if (note.length > MAX_MUTE_NOTE_LENGTH) throw badInput(`input.note must be at most ${MAX_MUTE_NOTE_LENGTH} characters (trimmed); got ${note.length}`);
  return note || null;
}

builder.relayMutationField(
  'muteAttentionSignal',
  {
    description: 'The athlete, the metric and until when; muting a metric already muted replaces its end and note.',
    inputFields: (t) => ({
      athleteId: t.id({ required: true, description: 'The athlete.' }),
      metric: t.field({ type: SignalMetric, required: true, description: 'The signal to mute.' }),
      until: t.field({ type: 'DateTime', required: true, description: `When the mute ends: after now and at most ${MAX_MUTE_DAYS} days ahead.` }),
      note: t.string({ description: `Why, for the other coaches: at most ${MAX_MUTE_NOTE_LENGTH} characters, no control characters; left out or empty means none.` }),
    }),
  },
  {
    description: "Mutes one attention signal of one athlete until a moment (admins and the athlete's assigned coaches): it leaves attentionSignals and the ATTENTION order until then.",
    resolve: async (_root, { input }, ctx) => {
      const athleteId = parseId(input.athleteId, 'input.athleteId');
      const until = input.until as Date;
      const problem = muteUntilProblem(until, ctx.now);
      if (problem) throw badInput(problem);
      const note = muteNote(input.note);
      await assertManagesAthlete(ctx.db, ctx.viewer, athleteId, 'muteAttentionSignal');
      await upsertSignalMute(ctx.db, ctx.viewer.orgId, { athleteId, metric: input.metric, until, note, by: ctx.viewer.userId, now: ctx.now });
      await publishSignalChanges(ctx.db, ctx.viewer.orgId, [athleteId], ctx.now);
      const mutes = await findActiveSignalMutes(ctx.db, ctx.viewer.orgId, [athleteId], ctx.now);
      return { athleteId, mute: mutes.find((m) => m.metric === input.metric)! };
    },
  },
  {
    description: 'The mute as stored.',
    outputFields: (t) => ({
      signalMute: t.field({ type: SignalMute, description: 'The mute, with its author.', resolve: (r) => r.mute }),
      athlete: t.field({ type: Athlete, description: 'Its athlete.', resolve: (r) => r.athleteId }),
    }),
  },
);

builder.relayMutationField(
  'unmuteAttentionSignal',
  {
    description: 'The athlete and the metric to show again.',
    inputFields: (t) => ({
      athleteId: t.id({ required: true, description: 'The athlete.' }),
      metric: t.field({ type: SignalMetric, required: true, description: 'The muted signal.' }),
    }),
  },
  {
    description: "Ends a mute now (admins and the athlete's assigned coaches); the signal shows again when it fires. Unmuting a metric that is not muted changes nothing.",
    resolve: async (_root, { input }, ctx) => {
      const athleteId = parseId(input.athleteId, 'input.athleteId');
      await assertManagesAthlete(ctx.db, ctx.viewer, athleteId, 'unmuteAttentionSignal');
      const unmuted = await deleteSignalMute(ctx.db, ctx.viewer.orgId, athleteId, input.metric, ctx.now);
      if (unmuted) await publishSignalChanges(ctx.db, ctx.viewer.orgId, [athleteId], ctx.now);
      return { athleteId, unmuted };
    },
  },
  {
    description: 'What the unmute did.',
    outputFields: (t) => ({
      unmuted: t.boolean({ description: 'true when a mute was in force and is now ended; false when the metric was not muted.', resolve: (r) => r.unmuted }),
      athlete: t.field({ type: Athlete, description: 'The athlete.', resolve: (r) => r.athleteId }),
    }),
  },
);
