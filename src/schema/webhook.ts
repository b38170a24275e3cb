import { builder } from './builder';
import { parseId } from './ids';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decodeCursor, isCursorBigId, pageSize, toConnection } from './pagination';
import { badInput, notFound } from '../errors';
import { assertAdmin } from '../auth/permissions';
import type { Context } from '../context';
import { LIVE_EVENT_KINDS } from '../domain/live-events';
import { MAX_WEBHOOK_URL_LENGTH, webhookUrlProblem } from '../live/webhooks/address-guard';
import { MAX_WEBHOOK_ENDPOINTS, newWebhookSecret, webhookKinds } from '../live/webhooks/endpoint-rules';
import {
  countWebhookEndpoints, deleteWebhookEndpoint, findWebhookDeliveries, findWebhookDelivery, findWebhookEndpoint, findWebhookEndpoints,
  insertWebhookEndpoint, lockWebhookEndpointsOf, replayWebhookDelivery, setWebhookEndpointEnabled,
  type WebhookDeliveryRow, type WebhookEndpointRow,
} from '../repositories/webhooks';

// Webhooks (docs/api.md, Webhooks): an admin registers URLs that receive the organization's
// live events, signed, at least once (src/live/webhooks/dispatcher.ts sends them), reads each
// endpoint's delivery log and replays a delivery. Admins only, every field and mutation.

const KINDS = LIVE_EVENT_KINDS.join(', ');

const WebhookDeliveryStatus = builder.enumType('WebhookDeliveryStatus', {
  description: 'Where a webhook delivery stands.',
  values: {
    PENDING: { description: 'Not delivered yet: waiting for its next attempt (nextAttemptAt), or for its endpoint to be enabled again.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Every attempt failed (or the event left the outbox); replayWebhookDelivery starts it over.' },
  } as const,
});

const WebhookDelivery = builder.objectRef<WebhookDeliveryRow>('WebhookDelivery').implement({
  description: 'One event sent (or to be sent) to one endpoint, with how its attempts went.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The delivery (the Stride-Delivery-Id header); replayWebhookDelivery takes it.' }),
    eventId: t.id({ description: 'The event (the body\'s `id` and the Stride-Event-Id header; LiveEvent.id of the subscriptions): the same event replayed keeps it.', resolve: (d) => String(d.event_seq) }),
    kind: t.string({ nullable: true, description: `The event's kind (${KINDS}); null once the event has left the outbox (kept 7 days).`, resolve: (d) => d.kind }),
    status: t.field({ type: WebhookDeliveryStatus, description: 'PENDING, DELIVERED or FAILED.', resolve: (d) => d.status }),
    attempts: t.exposeInt('attempts', { description: 'Attempts made since it was created or last replayed.' }),
    lastStatusCode: t.int({ nullable: true, description: "The HTTP status of the last attempt's answer; null before any attempt, or when none came (refused address, connection error, timeout).", resolve: (d) => d.last_status_code }),
    lastError: t.string({ nullable: true, description: 'Why the last attempt failed (the status and the start of the answer, a timeout, a refused address); null when it succeeded or none was made.', resolve: (d) => d.last_error }),
    createdAt: t.field({ type: 'DateTime', description: 'When the event became this delivery.', resolve: (d) => d.created_at }),
    nextAttemptAt: t.field({ type: 'DateTime', nullable: true, description: 'When it is tried next (PENDING only; null otherwise).', resolve: (d) => (d.status === 'PENDING' ? d.next_attempt_at : null) }),
    deliveredAt: t.field({ type: 'DateTime', nullable: true, description: 'When the endpoint accepted it (DELIVERED only).', resolve: (d) => d.delivered_at }),
  }),
});

const WebhookDeliveryConnection = builder.connectionObject(
  { type: WebhookDelivery, name: 'WebhookDeliveryConnection', description: "A page of an endpoint's delivery log, newest first." },
  { description: 'One delivery, with its cursor.' },
);

const isDeliveryCursor = (v: unknown): v is { id: number } => typeof v === 'object' && v !== null && isCursorBigId((v as { id: number }).id);

const WebhookEndpoint = builder.objectRef<WebhookEndpointRow>('WebhookEndpoint').implement({
  description: 'A URL that receives the organization\'s events of some kinds, signed with its secret (shown once, at registration).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The endpoint.' }),
    url: t.exposeString('url', { description: 'Where the events are POSTed.' }),
    kinds: t.exposeStringList('kinds', { description: `The event kinds it receives, among ${KINDS}.` }),
    enabled: t.exposeBoolean('enabled', { description: 'False once disabled, by an admin or after repeated failures: its events wait in the outbox (7 days) until it is enabled again.' }),
    disabledReason: t.string({ nullable: true, description: 'Why it is disabled; null while enabled.', resolve: (e) => (e.enabled ? null : e.disabled_reason) }),
    consecutiveFailures: t.exposeInt('consecutive_failures', { description: 'Failed attempts in a row, across its deliveries; a success resets it, and enough of them disable the endpoint.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was registered (it receives the events from then on).', resolve: (e) => e.created_at }),
    deliveries: t.field({
      type: WebhookDeliveryConnection,
      nullable: true,
      description: `Its delivery log, newest first; \`first\` is 0..${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
      args: {
        first: t.arg.int({ description: `Page size, 0..${MAX_PAGE_SIZE}.` }),
        after: t.arg.string({ description: 'The endCursor of the previous page.' }),
        status: t.arg({ type: WebhookDeliveryStatus, description: 'Only deliveries in this state; all when left out.' }),
      },
      resolve: async (endpoint, args, ctx) => {
        const limit = pageSize(args.first);
        const after = decodeCursor(args.after, isDeliveryCursor);
        const rows = await findWebhookDeliveries(ctx.db, ctx.viewer.orgId, endpoint.id, { status: args.status ?? null, beforeId: after?.id ?? null, limit: limit + 1 });
        return toConnection(rows, limit, args.after, (row) => ({ id: row.id })) as never;
      },
    }),
  }),
});

builder.queryField('webhookEndpoints', (t) =>
  t.field({
    type: [WebhookEndpoint],
    nullable: true,
    authScopes: { admin: true },
    description: `The organization's webhook endpoints (at most ${MAX_WEBHOOK_ENDPOINTS}), oldest first, with their delivery logs; never their secrets. Admins only.`,
    resolve: (_root, _args, ctx) => findWebhookEndpoints(ctx.db, ctx.viewer.orgId),
  }),
);

async function endpointOf(ctx: Context, id: number): Promise<WebhookEndpointRow> {
  const endpoint = await findWebhookEndpoint(ctx.db, ctx.viewer.orgId, id);
  if (!endpoint) throw notFound('webhook endpoint', id);
  return endpoint;
}

builder.relayMutationField(
  'registerWebhookEndpoint',
  {
    description: 'The URL and the event kinds.',
    inputFields: (t) => ({
      url: t.string({
        required: true,
        description: `An https URL of at most ${MAX_WEBHOOK_URL_LENGTH} characters (stored normalized: percent-encoded, host in lower case) whose host is public: private, loopback, link-local and metadata addresses are refused, also when the name resolves to one (http and loopback only in development).`,
      }),
      kinds: t.stringList({ required: true, description: `The event kinds to receive: one or more of ${KINDS}.` }),
    }),
  },
  {
    description: `Registers a webhook endpoint (admins only, at most ${MAX_WEBHOOK_ENDPOINTS} per organization): it receives the events committed from now on, signed with the secret this answer shows once.`,
    resolve: async (_root, { input }, ctx) => {
      assertAdmin(ctx.viewer, 'registerWebhookEndpoint');
      const kinds = webhookKinds(input.kinds);
      if ('problem' in kinds) throw badInput(`input.kinds ${kinds.problem}`);
      const urlProblem = await webhookUrlProblem(input.url, ctx.webhookAddresses ?? { allowLoopback: false });
      if (urlProblem) throw badInput(`input.url ${urlProblem}`);
      await lockWebhookEndpointsOf(ctx.db, ctx.viewer.orgId);
      const count = await countWebhookEndpoints(ctx.db, ctx.viewer.orgId);
      if (count >= MAX_WEBHOOK_ENDPOINTS) {
        throw badInput(`input: an organization has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints and this one has ${count}; delete one first`);
      }
      const secret = newWebhookSecret();
      // Stored normalized: percent-encoded (no control character reaches the database), as requested.
      const endpoint = await insertWebhookEndpoint(ctx.db, ctx.viewer.orgId, { url: new URL(input.url).href, kinds: kinds.kinds, secret });
      return { endpoint, secret };
    },
  },
  {
    description: 'The endpoint and its signing secret.',
    outputFields: (t) => ({
      webhookEndpoint: t.field({ type: WebhookEndpoint, description: 'The endpoint as stored.', resolve: (r) => r.endpoint }),
      secret: t.string({ description: 'The signing secret (`whsec_...`), shown this once: keep it to verify the Stride-Signature header.', resolve: (r) => r.secret }),
    }),
  },
);

builder.relayMutationField(
  'setWebhookEndpointEnabled',
  {
    description: 'The endpoint and whether it should receive events.',
    inputFields: (t) => ({
      id: t.id({ required: true, description: 'The endpoint.' }),
      enabled: t.boolean({ required: true, description: 'true to enable (resetting its failure count), false to disable.' }),
    }),
  },
  {
    description: 'Enables or disables a webhook endpoint (admins only). Enabled again, it gets the events it missed that the outbox still keeps (7 days), and its pending deliveries resume.',
    resolve: async (_root, { input }, ctx) => {
      assertAdmin(ctx.viewer, 'setWebhookEndpointEnabled');
      const id = parseId(input.id, 'input.id');
      const endpoint = await setWebhookEndpointEnabled(ctx.db, ctx.viewer.orgId, id, input.enabled);
      if (!endpoint) throw notFound('webhook endpoint', id);
      return endpoint;
    },
  },
  {
    description: 'The endpoint after the change.',
    outputFields: (t) => ({
      webhookEndpoint: t.field({ type: WebhookEndpoint, description: 'The endpoint as stored now.', resolve: (r) => r }),
    }),
  },
);

builder.relayMutationField(
  'deleteWebhookEndpoint',
  {
    description: 'The endpoint to delete.',
    inputFields: (t) => ({ id: t.id({ required: true, description: 'The endpoint.' }) }),
  },
  {
    description: 'Deletes a webhook endpoint and its delivery log (admins only); nothing more is sent to it.',
    resolve: async (_root, { input }, ctx) => {
      assertAdmin(ctx.viewer, 'deleteWebhookEndpoint');
      const id = parseId(input.id, 'input.id');
      if (!(await deleteWebhookEndpoint(ctx.db, ctx.viewer.orgId, id))) throw notFound('webhook endpoint', id);
      return id;
    },
  },
  {
    description: 'What was deleted.',
    outputFields: (t) => ({
      deletedWebhookEndpointId: t.id({ description: 'The deleted endpoint.', resolve: (id) => String(id) }),
    }),
  },
);

builder.relayMutationField(
  'replayWebhookDelivery',
  {
    description: 'The delivery to send again.',
    inputFields: (t) => ({ id: t.id({ required: true, description: 'The delivery (WebhookDelivery.id).' }) }),
  },
  {
    description: 'Starts a delivery over (admins only), whatever its state: PENDING, due now, with the whole retry schedule again. It is sent while its endpoint is enabled.',
    resolve: async (_root, { input }, ctx) => {
      assertAdmin(ctx.viewer, 'replayWebhookDelivery');
      const id = parseId(input.id, 'input.id');
      if (!(await replayWebhookDelivery(ctx.db, ctx.viewer.orgId, id))) throw notFound('webhook delivery', id);
      const delivery = (await findWebhookDelivery(ctx.db, ctx.viewer.orgId, id))!;
      return { delivery, endpoint: await endpointOf(ctx, delivery.endpoint_id) };
    },
  },
  {
    description: 'The delivery, due now.',
    outputFields: (t) => ({
      webhookDelivery: t.field({ type: WebhookDelivery, description: 'The delivery as stored now.', resolve: (r) => r.delivery }),
      webhookEndpoint: t.field({ type: WebhookEndpoint, description: 'Its endpoint (a disabled one sends nothing until enabled).', resolve: (r) => r.endpoint }),
    }),
  },
);
