import type { FloorHandler } from './handler';

// AthleteRuns100 and AthleteRuns400Days: the athlete's live runs, newest first, one more than
// the page, in one statement. A row with a null run is an athlete without runs; no row at
// all, an id that is not an athlete of the organization.
const SQL = `
select u.id as athlete_id, a.id, a.start_time, a.local_date, a.timezone, a.source, a.sport, a.distance_m, a.moving_s,
  a.elapsed_s, a.avg_hr, a.max_hr, a.calories, a.elevation_gain_m, a.training_load, a.load_method, a.rpe
from users u
left join lateral (
  select * from activities a
  where a.org_id = $1 and a.athlete_id = u.id and a.deleted_at is null
  order by a.start_time desc, a.id desc limit $3) a on true
where u.org_id = $1 and u.id = $2 and u.role = 'athlete'
order by a.start_time desc, a.id desc`;

interface Row {
  athlete_id: number; id: number | null; start_time: Date; local_date: string; timezone: string | null; source: string; sport: string;
  distance_m: number; moving_s: number; elapsed_s: number; avg_hr: number | null; max_hr: number | null; calories: number | null;
  elevation_gain_m: number | null; training_load: number | null; load_method: string | null; rpe: number | null;
}

export const athleteRunsFloor: FloorHandler = async (client, { orgId, variables }) => {
  const limit = variables.first as number;
  const { rows } = await client.query<Row>(SQL, [orgId, Number(variables.id), limit + 1]);
  if (rows.length === 0) return { athlete: null };
  const runs = rows.filter((r) => r.id !== null);
  return {
    athlete: {
      id: String(rows[0].athlete_id),
      recentActivities: {
        pageInfo: { hasNextPage: runs.length > limit },
        edges: runs.slice(0, limit).map((r) => ({
          node: {
            id: String(r.id), startTime: r.start_time, localDate: r.local_date, timezone: r.timezone, source: r.source, sport: r.sport,
            distance: r.distance_m, movingTime: r.moving_s, elapsedTime: r.elapsed_s, avgHeartRate: r.avg_hr, maxHeartRate: r.max_hr,
            calories: r.calories, elevationGain: r.elevation_gain_m, trainingLoad: r.training_load, loadMethod: r.load_method?.toUpperCase() ?? null, rpe: r.rpe,
          },
        })),
      },
    },
  };
};
