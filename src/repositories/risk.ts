import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/types';
import { ACUTE_DAYS, ACUTE_LAMBDA, CHRONIC_DAYS, CHRONIC_LAMBDA, SD_ROUNDING } from '../domain/risk';
import { CTL_DAYS } from '../domain/fitness';
import { equalsAny } from './params';
import { jsonRows } from './json-rows';

/**
 * Today's ACWR (EWMA), monotony and weekly ramp of one athlete, from the cached risk state
 * shifted to `today` as src/domain/risk.ts advanceRiskState does (days after the write are
 * rest days): a one-row select, none without a cache. The weekly ramp is left null more
 * than 7 days after the write, where it can only be a fall (CTL decays) and never fires. The Athletes list sorts and counts
 * signals with it, so paging never pulls every athlete into Node; a test checks it against
 * the API's riskIndicators.
 */
export function riskToday(orgId: number, athleteId: RawBuilder<unknown>, today: RawBuilder<unknown>): RawBuilder<unknown> {
  const load = (index: RawBuilder<unknown>) => sql`(x.s -> 'loads' ->> ${index})::float8`;
  const ctl = (index: RawBuilder<unknown>) => sql`(x.s -> 'ctl' ->> ${index})::float8`;
  const last = CHRONIC_DAYS - 1;
  return sql`
    select x.history_days,
      case when x.history_days >= ${CHRONIC_DAYS} and x.k < ${CHRONIC_DAYS} and (x.s ->> 'chronicEwma')::float8 > 0
        and exists (select 1 from jsonb_array_elements_text(x.s -> 'loads') with ordinality e(v, i) where e.i > x.k and e.v::float8 > 0)
      then (x.s ->> 'acuteEwma')::float8 * power(${1 - ACUTE_LAMBDA}::float8, x.k)
        / ((x.s ->> 'chronicEwma')::float8 * power(${1 - CHRONIC_LAMBDA}::float8, x.k)) end as acwr,
      (select case when stddev_pop(w.v) > ${SD_ROUNDING} * avg(w.v) then avg(w.v) / stddev_pop(w.v) end
        from (select case when ${last - ACUTE_DAYS + 1} + j + x.k <= ${last} then ${load(sql`${last - ACUTE_DAYS + 1} + j + x.k`)} else 0 end as v
          from generate_series(0, ${ACUTE_DAYS - 1}) j) w) as monotony,
      case when x.k <= 7 and ${ctl(sql`x.k`)} > 0
        then (${ctl(sql`7`)} * exp(-x.k::float8 / ${CTL_DAYS}) - ${ctl(sql`x.k`)}) / ${ctl(sql`x.k`)} end as weekly_ramp,
      (select coalesce(sum(${load(sql`${last - ACUTE_DAYS + 1} + j + x.k`)}), 0) from generate_series(0, ${ACUTE_DAYS - 1}) j
        where ${last - ACUTE_DAYS + 1} + j + x.k <= ${last}) as weekly_load,
      case when x.k <= 7 then ${ctl(sql`7`)} * exp(-x.k::float8 / ${CTL_DAYS}) - ${ctl(sql`x.k`)} end as ramp_rate,
      case when x.k <= 7 then ${ctl(sql`x.k`)} end as ctl_week_ago
    from athlete_fitness rf,
      lateral (select rf.risk_state as s, greatest(${today} - rf.as_of, 0) as k,
        case when (rf.risk_state ->> 'historyDays')::int > 0 then (rf.risk_state ->> 'historyDays')::int + greatest(${today} - rf.as_of, 0) else 0 end as history_days) x
    where rf.org_id = ${orgId} and rf.athlete_id = ${athleteId} and rf.risk_state is not null`;
}

export interface RiskDayRow {
  athlete_id: number;
  local_date: string;
  training_load: number;
  distance_m: number;
  longest_run_m: number;
}

/**
 * Every rollup day up to `to` of a batch of athletes, oldest first: the exponential forms
 * (ACWR, CTL) run from each athlete's first day with data, so a series needs all of it.
 */
export async function findRiskDays(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], to: string): Promise<RiskDayRow[]> {
  return jsonRows<RiskDayRow>(db, sql`
    select athlete_id, local_date, training_load, distance_m, longest_run_m from activity_daily
    where org_id = ${orgId} and athlete_id ${equalsAny(athleteIds)} and local_date <= ${to}::date
    order by athlete_id, local_date`,
    ['athlete_id', 'local_date', 'training_load', 'distance_m', 'longest_run_m']);
}
