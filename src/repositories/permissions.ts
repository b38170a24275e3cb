import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';

export interface AthleteAccess {
  id: number;
  /** The coach asking is assigned to this athlete. */
  assigned: boolean;
}

/** An athlete of the organization (archived ones too) and whether `coachId` coaches them: one statement. */
export async function findAthleteAccess(db: Kysely<Database>, orgId: number, athleteId: number, coachId: number): Promise<AthleteAccess | undefined> {
  const { rows } = await sql<AthleteAccess>`
    select u.id, exists (select 1 from coach_assignments ca where ca.org_id = u.org_id and ca.athlete_id = u.id and ca.coach_id = ${coachId}) as assigned
    from users u where u.org_id = ${orgId} and u.id = ${athleteId} and u.role = 'athlete'`.execute(db);
  return rows[0];
}
