import { Pool } from 'pg';
import { benchOperations, type BenchOperation, type BenchTargets } from './operations';

/**
 * What the operations are asked about in an organization: its athlete count, the heaviest
 * profile (an active plan and a goal race ahead when anyone has both, then the most runs),
 * its largest group and the last day of history.
 */
/** The benchmark operations of an organization, only those named when any are (scripts' arguments). */
export async function operationsOf(databaseUrl: string, orgId: number, names: string[] = []): Promise<BenchOperation[]> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    return benchOperations(await findTargets(pool, orgId)).filter((o) => names.length === 0 || names.includes(o.operationName));
  } finally {
    await pool.end();
  }
}

export async function findTargets(pool: Pool, orgId: number): Promise<BenchTargets> {
  const { rows } = await pool.query<{ athletes: number; athlete_id: number; group_id: number; end_date: string }>(
    `select
       (select count(*)::int from users where org_id = $1 and role = 'athlete') as athletes,
       (select d.athlete_id from activity_daily d where d.org_id = $1 group by d.athlete_id
         order by exists (select 1 from training_plans p where p.org_id = $1 and p.athlete_id = d.athlete_id and p.status = 'active')
           and exists (select 1 from goal_races g where g.org_id = $1 and g.athlete_id = d.athlete_id and g.race_date >= current_date) desc,
           sum(d.runs) desc, d.athlete_id limit 1) as athlete_id,
       (select group_id from group_members where org_id = $1 group by group_id order by count(*) desc, group_id limit 1) as group_id,
       (select max(local_date)::text from activity_daily where org_id = $1) as end_date`,
    [orgId],
  );
  const row = rows[0];
  if (!row.athlete_id || !row.group_id) throw new Error(`organization ${orgId} has no runs or no groups`);
  return { orgId, athleteCount: row.athletes, athleteId: row.athlete_id, groupId: row.group_id, endDate: row.end_date };
}
