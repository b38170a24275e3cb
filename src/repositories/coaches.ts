import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';

export interface AthleteCoachRow {
  athlete_id: number;
  id: number;
  name: string;
  email: string;
}

export async function findCoachesByAthleteIds(db: Kysely<Database>, orgId: number, athleteIds: readonly number[]): Promise<AthleteCoachRow[]> {
  return db
    .selectFrom('coach_assignments as ca')
    .innerJoin('users as c', (j) => j.onRef('c.org_id', '=', 'ca.org_id').onRef('c.id', '=', 'ca.coach_id'))
    .select(['ca.athlete_id', 'c.id', 'c.name', 'c.email'])
    .where('ca.org_id', '=', orgId)
    .where(sql<boolean>`ca.athlete_id = any(${[...athleteIds]}::int[])`)
    .orderBy('c.name')
    .execute();
}
