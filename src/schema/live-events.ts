import { builder } from './builder';
import { Direction, Severity, SignalMetric } from './attention';
import { parseId } from './ids';
import { badInput, forbidden, notFound } from '../errors';
import { readOnlyAsTenant } from '../db/tenant';
import { findAthletesByIds } from '../repositories/athletes';
import type { Context } from '../context';
import type { HubMessage } from '../live/event-hub';
import {
  type ComplianceChangedPayload, type HealthRecordedPayload, type ImportFinishedPayload, type LiveEvent as Event,
  type RunsChangedPayload, type SignalPayload,
} from '../domain/live-events';

// The live feed (docs/api.md, Live events): subscriptions over server-sent events, fed from the
// outbox by this process's event hub (src/live/event-hub.ts). Each event carries its number in
// the organization: a client that reconnects passes the last one as `after` (or sends it as
// the Last-Event-ID header) and gets what it missed, up to the retention window.

export const MAX_SUBSCRIBED_ATHLETES = 500;

type FeedItem = { kind: 'event'; event: Event } | { kind: 'resync'; message: Extract<HubMessage, { type: 'resync' }> };

const LiveEventKind = builder.enumType('LiveEventKind', {
  description: 'What a live event reports.',
  values: {
    RUNS_CHANGED: { description: "An athlete's runs were ingested, changed or deleted: `runs` says on which local days." },
    SIGNAL_RAISED: { description: 'An attention signal started, or changed severity or direction: `signal` has its values.' },
    SIGNAL_CLEARED: { description: 'An attention signal no longer holds (or was muted): `signal` has its last published values.' },
    PLAN_COMPLIANCE_CHANGED: { description: 'Planned workouts were matched to runs, or lost their run: `compliance` lists them.' },
    IMPORT_FINISHED: { description: 'A file import (API upload or CLI) committed: `importSummary` counts what it did.' },
    HEALTH_RECORDED: { description: 'Daily health readings were recorded: `health` says for which local days.' },
    RESYNC_NEEDED: { description: 'The `after` event is older than the retention window (7 days) or unknown: events were missed for good; reload, then follow from this event on.' },
  } as const,
});

const RunsChange = builder.objectRef<RunsChangedPayload>('LiveRunsChange').implement({
  description: 'Which days of runs a write touched, and what it did.',
  fields: (t) => ({
    localDates: t.field({ type: ['Date'], description: "The athlete's local days whose runs changed, oldest first.", resolve: (p) => p.localDates }),
    inserted: t.exposeInt('inserted', { description: 'New runs.' }),
    updated: t.exposeInt('updated', { description: 'Runs whose numbers changed.' }),
    deleted: t.exposeInt('deleted', { description: 'Runs deleted.' }),
  }),
});

const SignalChange = builder.objectRef<SignalPayload>('LiveSignalChange').implement({
  description: "An attention signal as published (Athlete.attentionSignals has today's with its readings).",
  fields: (t) => ({
    metric: t.field({ type: SignalMetric, resolve: (s) => s.metric, description: 'What changed.' }),
    severity: t.field({ type: Severity, resolve: (s) => s.severity, description: 'How urgent.' }),
    direction: t.field({ type: Direction, resolve: (s) => s.direction, description: 'Which way it moved.' }),
    previous: t.exposeFloat('previous', { description: "Health: the previous week's value. Load risk: the organization's threshold." }),
    current: t.exposeFloat('current', { description: "The current week's (or today's) value." }),
    change: t.exposeFloat('change', { description: 'current − previous.' }),
    reason: t.exposeString('reason', { description: 'One sentence a coach can read.' }),
  }),
});

const WorkoutCompliance = builder.objectRef<ComplianceChangedPayload['workouts'][number]>('LiveWorkoutCompliance').implement({
  description: "One planned workout's match after the write.",
  fields: (t) => ({
    workoutId: t.exposeID('workoutId', { description: 'The planned workout.' }),
    date: t.field({ type: 'Date', resolve: (w) => w.date, description: 'Its planned local day.' }),
    completedActivityId: t.exposeID('completedActivityId', { nullable: true, description: 'The run that completes it; null when none does any more.' }),
    complianceScore: t.exposeFloat('complianceScore', { nullable: true, description: 'Its compliance now (0..1, docs/metrics.md); null without a run.' }),
    previousComplianceScore: t.exposeFloat('previousComplianceScore', { nullable: true, description: 'Its compliance before the write.' }),
  }),
});

const ImportSummary = builder.objectRef<ImportFinishedPayload>('LiveImportSummary').implement({
  description: 'What one committed file import did.',
  fields: (t) => ({
    format: t.exposeString('format', { description: 'The format detected (FIT, GPX, TCX, STRAVA_CSV, GARMIN_CSV, APPLE_HEALTH, ZIP …).' }),
    fileName: t.exposeString('fileName', { nullable: true, description: "The file's name, without folders; null when none was given." }),
    inserted: t.exposeInt('inserted', { description: 'New runs.' }),
    updated: t.exposeInt('updated', { description: 'Runs whose numbers changed.' }),
    unchanged: t.exposeInt('unchanged', { description: 'Runs resent as they were.' }),
    merged: t.exposeInt('merged', { description: "Copies of runs the athlete already had from another source." }),
    refused: t.exposeInt('refused', { description: 'Items left out (unreadable rows or files).' }),
    healthDays: t.exposeInt('healthDays', { description: 'Days of health readings (Apple Health exports).' }),
  }),
});

const HealthChange = builder.objectRef<HealthRecordedPayload>('LiveHealthChange').implement({
  description: 'Which days of health readings a write recorded.',
  fields: (t) => ({
    localDates: t.field({ type: ['Date'], description: 'The local days written, oldest first.', resolve: (p) => p.localDates }),
    written: t.exposeInt('written', { description: 'Days inserted or changed.' }),
  }),
});

const detail = <K extends Event['kind'], P>(kinds: K[]) => (item: FeedItem) =>
  item.kind === 'event' && (kinds as string[]).includes(item.event.kind) ? (item.event.payload as P) : null;

const LiveEvent = builder.objectRef<FeedItem>('LiveEvent').implement({
  description: 'One event of the live feed. The detail field of its kind is set, the others are null.',
  fields: (t) => ({
    id: t.id({
      description: "The event's number in the organization, increasing without gaps: pass the last one seen as `after` to resume. For RESYNC_NEEDED, the last event's number (resume after it).",
      resolve: (item) => String(item.kind === 'event' ? item.event.seq : item.message.lastSeq),
    }),
    kind: t.field({ type: LiveEventKind, description: 'What the event reports; its detail field is the one set.', resolve: (item) => (item.kind === 'event' ? item.event.kind : 'RESYNC_NEEDED') }),
    occurredAt: t.field({ type: 'DateTime', description: 'When the write was made (RESYNC_NEEDED: now).', resolve: (item) => (item.kind === 'event' ? item.event.occurredAt : new Date()) }),
    athleteId: t.id({ nullable: true, description: 'The athlete the event is about; null for RESYNC_NEEDED.', resolve: (item) => (item.kind === 'event' ? String(item.event.athleteId) : null) }),
    runs: t.field({ type: RunsChange, nullable: true, description: 'RUNS_CHANGED.', resolve: detail<'RUNS_CHANGED', RunsChangedPayload>(['RUNS_CHANGED']) }),
    signal: t.field({ type: SignalChange, nullable: true, description: 'SIGNAL_RAISED and SIGNAL_CLEARED.', resolve: detail<'SIGNAL_RAISED' | 'SIGNAL_CLEARED', SignalPayload>(['SIGNAL_RAISED', 'SIGNAL_CLEARED']) }),
    compliance: t.field({ type: [WorkoutCompliance], nullable: true, description: 'PLAN_COMPLIANCE_CHANGED.', resolve: (item) => detail<'PLAN_COMPLIANCE_CHANGED', ComplianceChangedPayload>(['PLAN_COMPLIANCE_CHANGED'])(item)?.workouts ?? null }),
    importSummary: t.field({ type: ImportSummary, nullable: true, description: 'IMPORT_FINISHED.', resolve: detail<'IMPORT_FINISHED', ImportFinishedPayload>(['IMPORT_FINISHED']) }),
    health: t.field({ type: HealthChange, nullable: true, description: 'HEALTH_RECORDED.', resolve: detail<'HEALTH_RECORDED', HealthRecordedPayload>(['HEALTH_RECORDED']) }),
  }),
});

/** `after`, else the Last-Event-ID header (sent by the client: the stream has no SSE `id:` lines); null: from now on. */
function resumePoint(after: string | null | undefined, ctx: Context): number | null {
  const value = after ?? ctx.lastEventId ?? null;
  if (value === null) return null;
  if (!/^\d{1,15}$/.test(value)) throw badInput(`after must be an event id (a whole number 0..999999999999999) as received in LiveEvent.id; got ${JSON.stringify(value)}`);
  return Number(value);
}

/**
 * The hub's messages as feed items; closing it closes the hub's iterator at once (no async
 * generator: see EventHub.subscribe). It ends when the token expires: a stream must not
 * outlive the right to read it (the client resumes with a new token and `after`).
 */
/** One item per event for all its subscribers: plugins/shared-subscription-results.ts executes an event once per shape of subscription. */
const itemOfEvent = new WeakMap<Event, FeedItem>();
function itemOf(event: Event): FeedItem {
  let item = itemOfEvent.get(event);
  if (!item) itemOfEvent.set(event, (item = { kind: 'event', event }));
  return item;
}

function feed(ctx: Context, after: number | null, accepts: (event: Event) => boolean): AsyncIterableIterator<FeedItem> {
  const source = ctx.events.subscribe(ctx.viewer.orgId, after, accepts);
  const expiry = setTimeout(() => void source.return?.(), Math.max(0, Math.min(ctx.tokenExpiresAt.getTime() - Date.now(), 2 ** 31 - 1)));
  expiry.unref();
  const items: AsyncIterableIterator<FeedItem> = {
    next: async () => {
      const next = await source.next();
      if (next.done) return { value: undefined, done: true };
      const message = next.value;
      return { value: message.type === 'event' ? itemOf(message.event) : { kind: 'resync', message }, done: false };
    },
    return: async () => {
      clearTimeout(expiry);
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => items,
  };
  return items;
}

const kindFilter = (kinds: readonly string[] | null | undefined) => (kinds?.length ? new Set(kinds) : null);

builder.subscriptionType({ description: 'Live feeds over server-sent events (Accept: text/event-stream) with the same roles and organization as queries (docs/api.md, Live events).' });

builder.subscriptionField('athleteEvents', (t) =>
  t.field({
    type: LiveEvent,
    description: `Events about these athletes (1..${MAX_SUBSCRIBED_ATHLETES}), of these kinds (all when omitted), from after the event \`after\` (or the Last-Event-ID header) or else from now. An athlete may follow only themself.`,
    args: {
      athleteIds: t.arg.idList({ required: true, description: `1..${MAX_SUBSCRIBED_ATHLETES} athletes of the organization.` }),
      kinds: t.arg({ type: [LiveEventKind], required: false, description: 'Only these kinds; all when omitted or empty.' }),
      after: t.arg.id({ required: false, description: 'Resume after this event id (LiveEvent.id).' }),
    },
    subscribe: async (_root, args, ctx) => {
      if (args.athleteIds.length < 1 || args.athleteIds.length > MAX_SUBSCRIBED_ATHLETES) {
        throw badInput(`athleteIds must list 1..${MAX_SUBSCRIBED_ATHLETES} athletes; got ${args.athleteIds.length}`);
      }
      const ids = new Set(args.athleteIds.map((id, i) => parseId(id, `athleteIds[${i}]`)));
      if (ctx.viewer.role === 'ATHLETE' && [...ids].some((id) => id !== ctx.viewer.userId)) {
        throw forbidden('athleteEvents: an athlete follows only their own events');
      }
      const after = resumePoint(args.after, ctx);
      const orgId = ctx.viewer.orgId;
      const found = await readOnlyAsTenant(ctx.db, orgId, 10_000, (db) => findAthletesByIds(db, orgId, [...ids]), () => {});
      const missing = [...ids].find((id) => !found.some((a) => a.id === id));
      if (missing !== undefined) throw notFound('athlete', missing);
      const kinds = kindFilter(args.kinds);
      return feed(ctx, after, (e) => ids.has(e.athleteId) && (!kinds || kinds.has(e.kind)));
    },
    resolve: (item) => item,
  }),
);

builder.subscriptionField('organizationEvents', (t) =>
  t.field({
    type: LiveEvent,
    authScopes: { staff: true },
    description: "Every event of the viewer's organization (admins and coaches), of these kinds (all when omitted), from after `after` (or the Last-Event-ID header) or else from now.",
    args: {
      kinds: t.arg({ type: [LiveEventKind], required: false, description: 'Only these kinds; all when omitted or empty.' }),
      after: t.arg.id({ required: false, description: 'Resume after this event id (LiveEvent.id).' }),
    },
    subscribe: (_root, args, ctx) => {
      const after = resumePoint(args.after, ctx);
      const kinds = kindFilter(args.kinds);
      return feed(ctx, after, (e) => !kinds || kinds.has(e.kind));
    },
    resolve: (item) => item,
  }),
);

