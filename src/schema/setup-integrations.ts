import { builder } from './builder';
import { Athlete } from './athlete';
import { Integration, Provider } from './integration';
import { parseId } from './ids';
import { requirePlainText } from './args';
import { badInput, checkVersion } from '../errors';
import { assertManagesAthlete } from '../auth/permissions';
import { MIN_INSTANT } from '../domain/input-bounds';
import { lockIntegration, upsertIntegration } from '../repositories/integrations-write';
import { findIntegrations } from '../repositories/profile';

// Integrations: the state of an athlete's connection to Strava, Garmin or Apple Health, as
// the organization's sync service or a coach records it (admins and the athlete's coaches).

export const MAX_INTEGRATION_ERROR = 1000;

const RecordedIntegrationStatus = builder.enumType('RecordedIntegrationStatus', {
  description: 'A connection state that can be recorded.',
  values: {
    CONNECTED: { value: 'connected', description: 'Connected and syncing.' },
    DISCONNECTED: { value: 'disconnected', description: 'Disconnected by the athlete or the provider.' },
    ERROR: { value: 'error', description: 'Connected but failing; the message says why.' },
  } as const,
});

builder.relayMutationField(
  'recordIntegrationStatus',
  {
    description: 'The state of one connection; lastSyncAt left out keeps the stored instant, null clears it.',
    inputFields: (t) => ({
      athleteId: t.id({ required: true, description: 'The athlete.' }),
      provider: t.field({ type: Provider, required: true, description: 'The service.' }),
      status: t.field({ type: RecordedIntegrationStatus, required: true, description: 'The new state.' }),
      error: t.string({ description: `Why it fails: required (1..${MAX_INTEGRATION_ERROR} characters) with ERROR, refused with any other status.` }),
      lastSyncAt: t.field({ type: 'DateTime', description: 'The last successful sync: from 1970, at most a day ahead of now.' }),
      expectedVersion: t.int({ description: 'Integration.version as read (0 before the first record); a stale one is CONFLICT.' }),
    }),
  },
  {
    description: "Records an athlete's connection state for a provider (admins and the athlete's coaches); the version increments.",
    resolve: async (_root, { input }, ctx) => {
      const athleteId = parseId(input.athleteId, 'input.athleteId');
      let error: string | null = null;
      if (input.status === 'error') {
        if (input.error == null) throw badInput('input.error is required when status is ERROR: say why the connection fails');
        error = requirePlainText('input.error', input.error).trim();
        if (error.length < 1 || error.length > MAX_INTEGRATION_ERROR) throw badInput(`input.error must be 1..${MAX_INTEGRATION_ERROR} characters (trimmed); got ${error.length}`);
      } else if (input.error != null) {
        throw badInput(`input.error is only for status ERROR; leave it out for ${input.status.toUpperCase()}`);
      }
      const latest = new Date(ctx.now.getTime() + 86_400_000);
      const at = input.lastSyncAt;
      if (at != null && (Number.isNaN(at.getTime()) || at < MIN_INSTANT || at > latest)) {
        throw badInput(`input.lastSyncAt must be from ${MIN_INSTANT.toISOString()} to a day ahead of now (${latest.toISOString()})`);
      }
      await assertManagesAthlete(ctx.db, ctx.viewer, athleteId, 'recordIntegrationStatus');
      const stored = await lockIntegration(ctx.db, ctx.viewer.orgId, athleteId, input.provider);
      checkVersion(`athlete ${athleteId}'s ${input.provider} integration`, stored?.version ?? 0, input.expectedVersion);
      await upsertIntegration(ctx.db, ctx.viewer.orgId, athleteId, input.provider, { status: input.status, error, last_sync_at: at === undefined ? undefined : at });
      const rows = await findIntegrations(ctx.db, ctx.viewer.orgId, [athleteId]);
      return { athleteId, integration: rows.find((r) => r.provider === input.provider)! };
    },
  },
  {
    description: 'The connection as recorded.',
    outputFields: (t) => ({
      integration: t.field({ type: Integration, description: 'The connection as it is now.', resolve: (r) => r.integration }),
      athlete: t.field({ type: Athlete, description: 'Its athlete, with all integrations.', resolve: (r) => r.athleteId }),
    }),
  },
);
