import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import { intArray } from './params';
import { jsonRows } from './json-rows';

export interface AthleteLinks {
  athlete_id: number;
  /** By name, then id. */
  labels: { id: number; name: string }[];
  /** By name, then id. */
  coaches: { id: number; name: string; email: string }[];
}

interface LinkRow {
  kind: 'label' | 'coach';
  athlete_id: number;
  id: number;
  name: string;
  email: string | null;
}

/**
 * Each athlete's labels and coaches, one entry per requested id (empty lists for an id with
 * none, or of another organization), in one statement: the batch view asks for both. Both
 * come from one join each rather than a JSON list built per athlete, which cost PostgreSQL six
 * times as much for a thousand athletes (bench/README.md).
 */
export async function findLabelsAndCoaches(db: Kysely<Database>, orgId: number, athleteIds: readonly number[]): Promise<AthleteLinks[]> {
  const ids = intArray(athleteIds);
  const rows = await jsonRows<LinkRow>(db, sql`
    select 'label' as kind, al.athlete_id, l.id, l.name, null as email
    from athlete_labels al join labels l on l.org_id = al.org_id and l.id = al.label_id
    where al.org_id = ${orgId} and al.athlete_id = any(${ids}::int[])
    union all
    select 'coach', ca.athlete_id, c.id, c.name, c.email
    from coach_assignments ca join users c on c.org_id = ca.org_id and c.id = ca.coach_id
    where ca.org_id = ${orgId} and ca.athlete_id = any(${ids}::int[])
    order by athlete_id, kind, name, id`, ['kind', 'athlete_id', 'id', 'name', 'email']);
  const links = new Map(athleteIds.map((id) => [id, { athlete_id: id, labels: [], coaches: [] } as AthleteLinks]));
  for (const row of rows) {
    const entry = links.get(row.athlete_id)!;
    if (row.kind === 'label') entry.labels.push({ id: row.id, name: row.name });
    else entry.coaches.push({ id: row.id, name: row.name, email: row.email! });
  }
  return [...links.values()];
}
