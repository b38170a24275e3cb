import type { FloorHandler } from './handler';

// AthletesPage100: a page of the roster (archived athletes left out) by name, then id, with
// the total, in one statement; one row more than the page tells whether there is a next one.
const SQL = `
with athlete as (
  select u.id, u.name, u.email, coalesce(u.timezone, o.timezone) as timezone, u.unit_system, u.sex, u.birth_year, u.version
  from users u join organizations o on o.id = u.org_id
  where u.org_id = $1 and o.id = $1 and u.role = 'athlete' and u.archived_at is null)
select (select count(*)::int from athlete) as total,
  coalesce((select json_agg(p order by p.name, p.id) from (select * from athlete order by name, id limit $2) p), '[]') as page`;

interface Row { id: number; name: string; email: string; timezone: string; unit_system: string | null; sex: string | null; birth_year: number | null; version: number }

const upper = (value: string | null) => value?.toUpperCase() ?? null;

export const athletesPageFloor: FloorHandler = async (client, { orgId, variables }) => {
  const limit = variables.first as number;
  const { rows } = await client.query<{ total: number; page: Row[] }>(SQL, [orgId, limit + 1]);
  const { total, page } = rows[0];
  return {
    athletes: {
      totalCount: total,
      pageInfo: { hasNextPage: page.length > limit },
      edges: page.slice(0, limit).map((a) => ({
        node: { id: String(a.id), name: a.name, email: a.email, timezone: a.timezone, unitSystem: upper(a.unit_system), sex: upper(a.sex), birthYear: a.birth_year, version: a.version },
      })),
    },
  };
};
