import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { RiskState } from '../domain/risk';
import { attentionSignals, withMutes, type AttentionSignal, type RiskForSignals, type SignalMetric, type SignalThresholds } from '../domain/signals';
import { riskToday } from './risk';
import { athleteTodays } from './activity-daily';
import { jsonRows, toDate } from './json-rows';

// What the attention signals and the risk indicators read, in one statement for a batch of
// athletes: the Athletes list selects both and must not grow a statement for either.

export interface AttentionInputsRow {
  athlete_id: number;
  today: string;
  hrv_previous_ln: number | null;
  hrv_previous_count: number;
  hrv_current_ln: number | null;
  hrv_current_count: number;
  hrv_baseline_sd: number | null;
  recovery_previous: number | null;
  recovery_current: number | null;
  vo2max_previous: number | null;
  vo2max_current: number | null;
  /** Today's load risk from the cached state (repositories/risk.ts riskToday); nulls before the first write. */
  risk_history_days: number | null;
  risk_acwr: number | null;
  risk_monotony: number | null;
  risk_weekly_ramp: number | null;
  risk_weekly_load: number | null;
  risk_ramp_rate: number | null;
  risk_ctl_week_ago: number | null;
  /** The organization's row of organization_signal_thresholds; null keeps the defaults. */
  thresholds: SignalThresholds | null;
  /** The athlete's mutes that still apply at `now`: metric to muted_until (ISO text); null without any. */
  mutes: Record<string, string> | null;
}

/**
 * Health week over week (the last 7 local days against the 7 before; the HRV baseline is the
 * SD of daily ln(RMSSD) over the 60 days that end where the current week begins), today's
 * load risk as numbers (riskToday: the state itself is JSON a thousand athletes pay for in
 * parsing, and the signals need seven numbers of it), the organization's thresholds (read
 * once: an uncorrelated subquery), and the athlete's mutes still in force at `now`.
 */
export async function findAttentionInputs(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], now: Date): Promise<AttentionInputsRow[]> {
  return jsonRows<AttentionInputsRow>(db, sql`
    with today as materialized (${athleteTodays(orgId, athleteIds, now)})
    select t.athlete_id, t.today, s.*, r.history_days as risk_history_days, r.acwr as risk_acwr, r.monotony as risk_monotony,
      r.weekly_ramp as risk_weekly_ramp, r.weekly_load as risk_weekly_load, r.ramp_rate as risk_ramp_rate, r.ctl_week_ago as risk_ctl_week_ago,
      (select jsonb_build_object('hrvSd', th.hrv_sd, 'recoveryPoints', th.recovery_points, 'vo2max', th.vo2max_change,
          'acwrMax', th.acwr_max, 'monotonyMax', th.monotony_max, 'weeklyRampMax', th.weekly_ramp_max)
        from organization_signal_thresholds th where th.org_id = ${orgId}) as thresholds,
      (select jsonb_object_agg(m.metric, m.muted_until) from athlete_signal_mutes m
        where m.org_id = ${orgId} and m.athlete_id = t.athlete_id and m.muted_until > ${now.toISOString()}::timestamptz) as mutes
    from today t
    left join lateral (${riskToday(orgId, sql`t.athlete_id`, sql`t.today`)}) r on true
    cross join lateral (
      select
        avg(x.ln_hrv) filter (where h.local_date between t.today - 13 and t.today - 7) as hrv_previous_ln,
        count(x.ln_hrv) filter (where h.local_date between t.today - 13 and t.today - 7)::int as hrv_previous_count,
        avg(x.ln_hrv) filter (where h.local_date between t.today - 6 and t.today) as hrv_current_ln,
        count(x.ln_hrv) filter (where h.local_date between t.today - 6 and t.today)::int as hrv_current_count,
        stddev_samp(x.ln_hrv) filter (where h.local_date between t.today - 66 and t.today - 7) as hrv_baseline_sd,
        avg(h.recovery_score) filter (where h.local_date between t.today - 13 and t.today - 7) as recovery_previous,
        avg(h.recovery_score) filter (where h.local_date between t.today - 6 and t.today) as recovery_current,
        avg(h.vo2max) filter (where h.local_date between t.today - 13 and t.today - 7) as vo2max_previous,
        avg(h.vo2max) filter (where h.local_date between t.today - 6 and t.today) as vo2max_current
      from health_daily h
      cross join lateral (select case when h.hrv_rmssd_ms > 0 then ln(h.hrv_rmssd_ms) end as ln_hrv) x
      where h.org_id = ${orgId} and h.athlete_id = t.athlete_id and h.local_date between t.today - 66 and t.today) s`, [
    'athlete_id', 'today', 'hrv_previous_ln', 'hrv_previous_count', 'hrv_current_ln', 'hrv_current_count', 'hrv_baseline_sd',
    'recovery_previous', 'recovery_current', 'vo2max_previous', 'vo2max_current', 'risk_history_days', 'risk_acwr', 'risk_monotony', 'risk_weekly_ramp', 'risk_weekly_load', 'risk_ramp_rate', 'risk_ctl_week_ago', 'thresholds', 'mutes',
  ]);
}

/** Each athlete's cached risk state with the day it is for and their today: what riskIndicators shifts to today. */
export async function findRiskStates(db: Kysely<Database>, orgId: number, athleteIds: readonly number[], now: Date): Promise<{ athlete_id: number; today: string; as_of: string; risk_state: RiskState }[]> {
  return jsonRows(db, sql`
    with today as materialized (${athleteTodays(orgId, athleteIds, now)})
    select t.athlete_id, t.today, f.as_of, f.risk_state from today t
    join athlete_fitness f on f.org_id = ${orgId} and f.athlete_id = t.athlete_id and f.risk_state is not null`,
    ['athlete_id', 'today', 'as_of', 'risk_state']);
}

/** What the signals read of today's risk, computed in SQL from the cache (repositories/risk.ts riskToday). */
function riskForSignals(row: AttentionInputsRow): RiskForSignals | null {
  if (row.risk_history_days === null) return null;
  return {
    historyDays: row.risk_history_days, acwr: row.risk_acwr, monotony: row.risk_monotony, weeklyRamp: row.risk_weekly_ramp,
    strain: row.risk_monotony === null ? null : (row.risk_weekly_load ?? 0) * row.risk_monotony,
    rampRate: row.risk_ramp_rate ?? 0, ctlWeekAgo: row.risk_ctl_week_ago ?? 0,
  };
}

/** An athlete's attention signals from their row, with each one's mute (muted ones left out unless includeMuted). */
export function attentionSignalsOf(r: AttentionInputsRow, thresholds: SignalThresholds, includeMuted: boolean): (AttentionSignal & { mutedUntil: Date | null })[] {
  const mutes = new Map(Object.entries(r.mutes ?? {}).map(([metric, until]) => [metric as SignalMetric, toDate(until)]));
  return withMutes(attentionSignals(
    {
      hrv: { previousLnMean: r.hrv_previous_ln, previousCount: r.hrv_previous_count, currentLnMean: r.hrv_current_ln, currentCount: r.hrv_current_count, baselineSd: r.hrv_baseline_sd },
      recovery: { previous: r.recovery_previous, current: r.recovery_current },
      vo2max: { previous: r.vo2max_previous, current: r.vo2max_current },
      risk: riskForSignals(r),
    },
    thresholds,
    thresholds,
  ), mutes, includeMuted);
}
