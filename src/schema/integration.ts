import { builder } from './builder';
import { Athlete } from './athlete';
import { groupBy } from './loaders';
import { findIntegrations } from '../repositories/profile';
import type { IntegrationProvider } from '../db/types';
import { tracedBatch } from '../observability/tracing';

const PROVIDERS: IntegrationProvider[] = ['strava', 'garmin', 'apple_health'];

export const Provider = builder.enumType('IntegrationProvider', {
  description: 'A service an athlete connects.',
  values: {
    STRAVA: { value: 'strava', description: 'Strava.' },
    GARMIN: { value: 'garmin', description: 'Garmin Connect.' },
    APPLE_HEALTH: { value: 'apple_health', description: 'Apple Health.' },
  } as const,
});
const IntegrationStatus = builder.enumType('IntegrationStatus', {
  description: 'The state of a connection; NOT_CONNECTED where none was ever recorded.',
  values: {
    CONNECTED: { value: 'connected', description: 'Recorded as connected.' },
    DISCONNECTED: { value: 'disconnected', description: 'Recorded as disconnected: no longer syncing.' },
    ERROR: { value: 'error', description: 'Recorded as failing; error says why.' },
    NOT_CONNECTED: { value: 'not_connected', description: 'Never recorded for this athlete (read only: recordIntegrationStatus does not take it).' },
  } as const,
});

interface IntegrationShape {
  provider: IntegrationProvider;
  status: 'connected' | 'disconnected' | 'error' | 'not_connected';
  last_sync_at: Date | null;
  error: string | null;
  /** 0 for a provider never recorded. */
  version: number;
}

export const Integration = builder.objectRef<IntegrationShape>('Integration').implement({
  description: "An athlete's connection to one provider, as a sync service last recorded it (recordIntegrationStatus).",
  fields: (t) => ({
    provider: t.expose('provider', { type: Provider, description: 'The service.' }),
    status: t.expose('status', { type: IntegrationStatus, description: 'The connection\'s state; NOT_CONNECTED where none was ever recorded.' }),
    lastSyncAt: t.expose('last_sync_at', { type: 'DateTime', nullable: true, description: 'The instant of the last sync, as recorded; null when none was.' }),
    error: t.exposeString('error', { nullable: true, description: 'Why the last sync failed (1..1,000 characters), with status ERROR only; null otherwise.' }),
    version: t.exposeInt('version', { description: 'Increments with every recordIntegrationStatus; 0 before the first. Pass it as expectedVersion.' }),
  }),
});

builder.objectField(Athlete, 'integrations', (t) =>
  t.loadableList({
    type: Integration,
    description: 'One entry per provider (Strava, Garmin, Apple Health), NOT_CONNECTED where the athlete never connected it.',
    load: tracedBatch('integrations', async (athleteIds: number[], ctx) => {
      const byAthlete = groupBy(await findIntegrations(ctx.db, ctx.viewer.orgId, athleteIds), (r) => r.athlete_id);
      return athleteIds.map((id) =>
        PROVIDERS.map(
          (provider) =>
            byAthlete.get(id)?.find((r) => r.provider === provider) ?? { provider, status: 'not_connected' as const, last_sync_at: null, error: null, version: 0 },
        ),
      );
    }),
    resolve: (athlete) => athlete.id,
  }),
);
