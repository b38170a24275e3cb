import type { Kysely } from 'kysely';
import { createApp, type App, type AppOptions } from '../../src/app';
import type { Database } from '../../src/db/types';
import { signToken } from '../../src/auth/tokens';
import type { Viewer } from '../../src/auth/viewer';

export const TEST_AUTH = {
  secret: 'stride-test-secret-0123456789abcdef0123456789',
  issuer: 'stride',
  audiences: ['stride-api', 'stride-mobile'],
  persistedOnlyAudiences: [] as string[],
};

/** A signed HS256 token for the viewer, as the identity provider would issue it. */
export function tokenFor(viewer: Viewer, audience = 'stride-api', expiresIn = '1h'): Promise<string> {
  return signToken(TEST_AUTH, { ...viewer, audience, expiresIn });
}

export function createTestApp(db: Kysely<Database>, options: Partial<AppOptions> = {}): App {
  return createApp({ db, auth: TEST_AUTH, ...options });
}
