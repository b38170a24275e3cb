import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { intArray } from './params';
import { jsonRows } from './json-rows';

export interface AthleteLinks {
  athlete_id: number;
  /** By name. */
  labels: { id: number; name: string }[];
  /** By name, then id. */
  coaches: { id: number; name: string; email: string }[];
}

/**
 * Each athlete's labels and coaches, one row per athlete, in one statement: both lists are
 * short, and the batch view asks for both, so one round trip serves the two fields.
 */
export async function findLabelsAndCoaches(db: Kysely<Database>, orgId: number, athleteIds: readonly number[]): Promise<AthleteLinks[]> {
  return jsonRows<AthleteLinks>(db, sql`
    select r.athlete_id,
      coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name) order by l.name, l.id)
        from athlete_labels al join labels l on l.org_id = al.org_id and l.id = al.label_id
        where al.org_id = ${orgId} and al.athlete_id = r.athlete_id), '[]') as labels,
      coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name, 'email', c.email) order by c.name, c.id)
        from coach_assignments ca join users c on c.org_id = ca.org_id and c.id = ca.coach_id
        where ca.org_id = ${orgId} and ca.athlete_id = r.athlete_id), '[]') as coaches
    from unnest(${intArray(athleteIds)}::int[]) as r(athlete_id)`, ['athlete_id', 'labels', 'coaches']);
}
