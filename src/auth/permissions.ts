import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { Viewer } from './viewer';
import { forbidden, notFound } from '../errors';
import { findAthleteAccess } from '../repositories/permissions';

// Who may change what (docs/api.md, Setting up an organization): an ADMIN manages the whole
// organization; a COACH manages the athletes assigned to them (and reads every athlete); an
// ATHLETE edits only their own settings and goal races. An id of another organization is
// NOT_FOUND, exactly like a missing one.

export function assertAdmin(viewer: Viewer, action: string): void {
  if (viewer.role !== 'ADMIN') throw forbidden(`${action} is for admins; role ${viewer.role} may not`);
}

/** Admin, or the athlete's assigned coach. */
export async function assertManagesAthlete(db: Kysely<Database>, viewer: Viewer, athleteId: number, action: string): Promise<void> {
  if (viewer.role === 'ATHLETE') throw forbidden(`${action} is for admins and the athlete's coaches`);
  const access = await findAthleteAccess(db, viewer.orgId, athleteId, viewer.userId);
  if (!access) throw notFound('athlete', athleteId);
  if (viewer.role === 'COACH' && !access.assigned) throw forbidden(`${action}: athlete ${athleteId} is not assigned to you (a coach manages their own athletes)`);
}

/** Admin, the athlete's assigned coach, or the athlete themself (settings and goal races). */
export async function assertEditsAthlete(db: Kysely<Database>, viewer: Viewer, athleteId: number, action: string): Promise<void> {
  if (viewer.role === 'ATHLETE') {
    if (viewer.userId !== athleteId) throw forbidden(`${action}: an athlete edits only their own`);
    return;
  }
  await assertManagesAthlete(db, viewer, athleteId, action);
}
