import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/types';
import type { AthleteRow } from './athletes';
import { columnArrays, zipColumns } from './json-rows';
import { riskToday } from './risk';
import { CHRONIC_DAYS } from '../domain/risk';
import { DEFAULT_SIGNAL_THRESHOLDS } from '../domain/signals';

export type AthleteOrder = 'NAME' | 'LAST_ACTIVITY' | 'WEEKLY_DISTANCE' | 'ATTENTION' | 'ACWR' | 'MONOTONY';

export interface AthleteListFilter {
  search: string | null;
  labelIds: number[] | null;
  coachId: number | null;
  groupId: number | null;
}

/** Where the previous page ended: the sort key (none for NAME), the name and the id. */
export interface AthleteListCursor {
  order: AthleteOrder;
  key: number | null;
  name: string;
  id: number;
}

export type AthleteListRow = AthleteRow & { sort_key: number | null };

const PAGE_COLUMNS = [
  'org_id', 'id', 'name', 'email', 'unit_system', 'sex', 'birth_year', 'own_timezone', 'timezone', 'archived_at', 'version', 'sort_key',
] as const satisfies readonly (keyof AthleteListRow)[];

const D = DEFAULT_SIGNAL_THRESHOLDS;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The sort key of an athlete `f` (with its zone `f.tz`) for an order, larger first. ATTENTION
 * counts the signals that fire with the same rules as src/domain/signals.ts, and ACWR and
 * MONOTONY are today's values as riskIndicators shows them (repositories/risk.ts; tests
 * check the orders against the API), so paging never pulls every athlete into Node. An
 * athlete without a value sorts last (-1: neither is ever negative). ATTENTION reads the
 * organization's thresholds from `filtered` and leaves out the metrics muted at `now`.
 */
function sortKey(order: AthleteOrder, orgId: number, now: Date): RawBuilder<number> {
  const today = sql`(${now.toISOString()}::timestamptz at time zone f.tz)::date`;
  switch (order) {
    case 'NAME':
      return sql<number>`null::float8`;
    case 'LAST_ACTIVITY':
      return sql<number>`coalesce((select extract(epoch from max(a.start_time)) from activities a
        where a.org_id = ${orgId} and a.athlete_id = f.id and a.deleted_at is null), -1)::float8`;
    case 'WEEKLY_DISTANCE':
      return sql<number>`coalesce((select sum(d.distance_m) from activity_daily d
        where d.org_id = ${orgId} and d.athlete_id = f.id and d.local_date between ${today} - 6 and ${today}), 0)::float8`;
    case 'ACWR':
      return sql<number>`coalesce((select r.acwr from (${riskToday(orgId, sql`f.id`, today)}) r), -1)::float8`;
    case 'MONOTONY':
      return sql<number>`coalesce((select r.monotony from (${riskToday(orgId, sql`f.id`, today)}) r), -1)::float8`;
    case 'ATTENTION':
      return sql<number>`(select
          (case when not mu.hrv and s.hrv_prev_n >= 4 and s.hrv_cur_n >= 4 and s.hrv_sd > 0 and abs(s.hrv_cur - s.hrv_prev) / s.hrv_sd > f.hrv_sd then 1 else 0 end)
        + (case when not mu.recovery and abs(s.rec_cur - s.rec_prev) >= f.recovery_points then 1 else 0 end)
        + (case when not mu.vo2 and abs(s.vo2_cur - s.vo2_prev) >= f.vo2max_change then 1 else 0 end)
        + coalesce((select (case when not mu.acwr and r.acwr > f.acwr_max then 1 else 0 end)
            + (case when not mu.monotony and r.monotony > f.monotony_max then 1 else 0 end)
            + (case when not mu.ramp and r.history_days >= ${CHRONIC_DAYS} and r.weekly_ramp > f.weekly_ramp_max then 1 else 0 end)
          from (${riskToday(orgId, sql`f.id`, today)}) r), 0)
        from (
          select
            avg(x.ln_hrv) filter (where h.local_date between ${today} - 13 and ${today} - 7) as hrv_prev,
            count(x.ln_hrv) filter (where h.local_date between ${today} - 13 and ${today} - 7) as hrv_prev_n,
            avg(x.ln_hrv) filter (where h.local_date between ${today} - 6 and ${today}) as hrv_cur,
            count(x.ln_hrv) filter (where h.local_date between ${today} - 6 and ${today}) as hrv_cur_n,
            stddev_samp(x.ln_hrv) filter (where h.local_date between ${today} - 66 and ${today} - 7) as hrv_sd,
            avg(h.recovery_score) filter (where h.local_date between ${today} - 13 and ${today} - 7) as rec_prev,
            avg(h.recovery_score) filter (where h.local_date between ${today} - 6 and ${today}) as rec_cur,
            avg(h.vo2max) filter (where h.local_date between ${today} - 13 and ${today} - 7) as vo2_prev,
            avg(h.vo2max) filter (where h.local_date between ${today} - 6 and ${today}) as vo2_cur
          from health_daily h
          cross join lateral (select case when h.hrv_rmssd_ms > 0 then ln(h.hrv_rmssd_ms) end as ln_hrv) x
          where h.org_id = ${orgId} and h.athlete_id = f.id and h.local_date between ${today} - 66 and ${today}) s,
        (select
          coalesce(bool_or(m.metric = 'HRV'), false) as hrv, coalesce(bool_or(m.metric = 'RECOVERY_SCORE'), false) as recovery,
          coalesce(bool_or(m.metric = 'VO2MAX'), false) as vo2, coalesce(bool_or(m.metric = 'ACWR_HIGH'), false) as acwr,
          coalesce(bool_or(m.metric = 'MONOTONY_HIGH'), false) as monotony, coalesce(bool_or(m.metric = 'RAMP_HIGH'), false) as ramp
          from athlete_signal_mutes m
          where m.org_id = ${orgId} and m.athlete_id = f.id and m.muted_until > ${now.toISOString()}::timestamptz) mu)::float8`;
  }
}

/**
 * One page of the organization's athletes (archived ones left out) matching the filters (AND), in the order asked
 * for (NAME ascending; the others largest first, ties by id), after the cursor, with the
 * total count of matches: one statement whatever the organization's size.
 */
export async function listAthletePage(
  db: Kysely<Database>,
  orgId: number,
  query: { filter: AthleteListFilter; order: AthleteOrder; after: AthleteListCursor | null; limit: number; now: Date },
): Promise<{ rows: AthleteListRow[]; total: number }> {
  const { filter, order, after } = query;
  const conditions: RawBuilder<unknown>[] = [];
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    conditions.push(sql`and (u.name ilike ${pattern} or u.email ilike ${pattern})`);
  }
  if (filter.labelIds) {
    conditions.push(sql`and exists (select 1 from athlete_labels al where al.org_id = u.org_id and al.athlete_id = u.id and al.label_id = any(${filter.labelIds}::int[]))`);
  }
  if (filter.coachId !== null) {
    conditions.push(sql`and exists (select 1 from coach_assignments ca where ca.org_id = u.org_id and ca.athlete_id = u.id and ca.coach_id = ${filter.coachId})`);
  }
  if (filter.groupId !== null) {
    conditions.push(sql`and exists (select 1 from group_members gm where gm.org_id = u.org_id and gm.athlete_id = u.id and gm.group_id = ${filter.groupId})`);
  }
  const orderBy = order === 'NAME' ? sql`k.name, k.id` : sql`k.sort_key desc, k.id`;
  const cursor = !after
    ? sql``
    : order === 'NAME'
      ? sql`where (k.name, k.id) > (${after.name}, ${after.id})`
      : sql`where k.sort_key < ${after.key} or (k.sort_key = ${after.key} and k.id > ${after.id})`;
  // The page comes back as JSON column arrays (json-rows.ts), with the total beside them.
  const { rows } = await sql<Record<string, unknown> & { total: number }>`
    with filtered as (
      select u.org_id, u.id, u.name, u.email, u.unit_system, u.sex, u.birth_year, u.timezone as own_timezone,
        coalesce(u.timezone, o.timezone) as tz, u.archived_at, u.version,
        coalesce(st.acwr_max, ${D.acwrMax}::float8) as acwr_max, coalesce(st.monotony_max, ${D.monotonyMax}::float8) as monotony_max,
        coalesce(st.weekly_ramp_max, ${D.weeklyRampMax}::float8) as weekly_ramp_max,
        coalesce(st.hrv_sd, ${D.hrvSd}::float8) as hrv_sd, coalesce(st.recovery_points, ${D.recoveryPoints}::float8) as recovery_points,
        coalesce(st.vo2max_change, ${D.vo2max}::float8) as vo2max_change
      from users u join organizations o on o.id = u.org_id
      left join organization_signal_thresholds st on st.org_id = o.id
      where u.org_id = ${orgId} and u.role = 'athlete' and u.archived_at is null ${conditions.length ? sql.join(conditions, sql` `) : sql``}),
    keyed as (select f.*, ${sortKey(order, orgId, query.now)} as sort_key from filtered f)
    select (select count(*)::int from filtered) as total, p.*
    from (select ${columnArrays(PAGE_COLUMNS, 'k')} from (
      select k.org_id, k.id, k.name, k.email, k.unit_system, k.sex, k.birth_year, k.own_timezone, k.tz as timezone, k.archived_at, k.version, k.sort_key
      from keyed k ${cursor} order by ${orderBy} limit ${query.limit}) k) p`.execute(db);
  return { rows: zipColumns<AthleteListRow>(rows[0], PAGE_COLUMNS), total: rows[0].total };
}
