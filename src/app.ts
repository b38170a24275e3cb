import { createYoga, useReadinessCheck } from 'graphql-yoga';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { Registry } from 'prom-client';
import type { Kysely } from 'kysely';
import type { Database } from './db/types';
import type { Context } from './context';
import { demoAdminViewer, type ResolveViewer } from './auth/viewer';
import { isMigrated } from '../db/migrate';
import { exampleTabs } from './graphiql';
import { schema } from './schema';
import type { Logger } from './logger';

export interface AppOptions {
  db: Kysely<Database>;
  /** Who a request runs as; defaults to the demo organization's admin (see auth/viewer.ts). */
  resolveViewer?: ResolveViewer;
  graphiql?: boolean;
  logger?: Logger;
}

export function createApp({ db, resolveViewer = demoAdminViewer(db), graphiql = true, logger }: AppOptions) {
  // One registry per app, so several apps (tests) never collide on metric names.
  const registry = new Registry();
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: logger ?? false,
    context: async ({ request }) => ({ db, viewer: await resolveViewer(request) }),
    graphiql: graphiql ? () => ({ title: 'Stride API', defaultTabs: exampleTabs() }) : false,
    renderGraphiQL,
    plugins: [
      usePrometheus({ registry, endpoint: '/metrics' }),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          try {
            return await isMigrated(db);
          } catch {
            return false;
          }
        },
      }),
    ],
  });
}

export type App = ReturnType<typeof createApp>;
