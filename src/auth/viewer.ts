import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import { AppError } from '../errors';

export type ViewerRole = 'ADMIN' | 'COACH' | 'ATHLETE';

/** Who is asking: every repository call takes its organization from here, never from arguments. */
export interface Viewer {
  orgId: number;
  userId: number;
  role: ViewerRole;
}

export type ResolveViewer = (request: Request) => Promise<Viewer>;

/**
 * The single seam for identity until token verification lands: every request runs as
 * the first admin of the first organization (the demo organization on a seeded database).
 */
export function demoAdminViewer(db: Kysely<Database>): ResolveViewer {
  let cached: Viewer | undefined;
  return async () => {
    if (cached) return cached;
    const admin = await db
      .selectFrom('users')
      .select(['org_id', 'id'])
      .where('role', '=', 'admin')
      .orderBy('org_id')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!admin) throw new AppError('UNAUTHENTICATED', 'no organization admin exists yet: seed the database (npm run db:seed)');
    cached = { orgId: admin.org_id, userId: admin.id, role: 'ADMIN' };
    return cached;
  };
}
