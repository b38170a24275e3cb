import type { Kysely } from 'kysely';
import type { Database } from './db/types';
import type { Viewer } from './auth/viewer';
import type { InsightGenerator } from './domain/insights';

/** Per-request context. Pothos keeps each request's DataLoaders keyed on this object. */
export interface Context {
  db: Kysely<Database>;
  viewer: Viewer;
  /** The request's clock: "today" in any zone is the local date of this instant. */
  now: Date;
  /** Writes insight text; chosen by configuration (INSIGHT_GENERATOR). */
  insightGenerator: InsightGenerator;
}
