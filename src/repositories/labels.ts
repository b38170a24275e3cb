import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';

export interface AthleteLabelRow {
  athlete_id: number;
  id: number;
  name: string;
}

export async function findLabelsByAthleteIds(db: Kysely<Database>, orgId: number, athleteIds: readonly number[]): Promise<AthleteLabelRow[]> {
  return db
    .selectFrom('athlete_labels as al')
    .innerJoin('labels as l', (j) => j.onRef('l.org_id', '=', 'al.org_id').onRef('l.id', '=', 'al.label_id'))
    .select(['al.athlete_id', 'l.id', 'l.name'])
    .where('al.org_id', '=', orgId)
    .where(sql<boolean>`al.athlete_id = any(${[...athleteIds]}::int[])`)
    .orderBy('l.name')
    .execute();
}
