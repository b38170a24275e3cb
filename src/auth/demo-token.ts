import type { Kysely } from 'kysely';
import type { AuthConfig } from '../config';
import type { Database, Role } from '../db/types';
import { signToken } from './tokens';
import type { ViewerRole } from './viewer';

/** The first user of a role in the first organization (the demo organization on seeded data). */
export async function findFirstUser(db: Kysely<Database>, role: Role, orgId?: number) {
  let query = db.selectFrom('users').select(['org_id', 'id', 'name']).where('role', '=', role);
  if (orgId !== undefined) query = query.where('org_id', '=', orgId);
  return query.orderBy('org_id').orderBy('id').limit(1).executeTakeFirst();
}

/** A development token for the demo organization's first user of a role, or null when there is none. */
export async function demoToken(db: Kysely<Database>, auth: AuthConfig, role: Role, expiresIn = '12h') {
  if (!auth.secret) return null;
  const user = await findFirstUser(db, role);
  if (!user) return null;
  const token = await signToken(auth, {
    orgId: user.org_id,
    userId: user.id,
    role: role.toUpperCase() as ViewerRole,
    audience: auth.audiences[0],
    expiresIn,
  });
  return { token, user };
}
