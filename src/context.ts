import type { Kysely } from 'kysely';
import type { Database } from './db/types';
import type { Viewer } from './auth/viewer';

/** Per-request context. Pothos keeps each request's DataLoaders keyed on this object. */
export interface Context {
  db: Kysely<Database>;
  viewer: Viewer;
}
