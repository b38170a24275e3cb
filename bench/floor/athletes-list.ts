import type { FloorHandler } from './handler';
import { attentionSignals, DEFAULT_SIGNAL_THRESHOLDS, type SignalMetric, type SignalThresholds } from '../../src/domain/signals';
import { advanceRiskState, riskIndicators, type RiskState } from '../../src/domain/risk';
import { daysBetween } from '../../src/domain/buckets';
import { dataQuality } from '../../src/domain/quality';
import { planProgress, planWeek } from '../../src/domain/plan';

// AthletesList (orderBy NAME, no filter, no cursor) in one statement: one row holding the
// total and the page as JSON, every per-athlete field a correlated subquery on its index.
// Only what needs the product's pure definitions (plan week, signals, quality) runs in JS.
// The JSON always has a row, so totalCount is right even for `first: 0`.
const SQL = `
with athlete as (
  select u.id, u.name, u.email, coalesce(u.timezone, o.timezone) as timezone,
    ($2::timestamptz at time zone coalesce(u.timezone, o.timezone))::date as today,
    u.timezone is not null as has_timezone, u.unit_system is not null as has_unit_system
  from users u join organizations o on o.id = u.org_id
  where u.org_id = $1 and o.id = $1 and u.role = 'athlete' and u.archived_at is null),
page as (select * from athlete order by name, id limit $3)
select
  (select count(*)::int from athlete) as total,
  (select json_build_object('hrvSd', hrv_sd, 'recoveryPoints', recovery_points, 'vo2max', vo2max_change,
      'acwrMax', acwr_max, 'monotonyMax', monotony_max, 'weeklyRampMax', weekly_ramp_max)
    from organization_signal_thresholds where org_id = $1) as thresholds,
  coalesce((select json_agg(json_build_object(
    'id', p.id, 'name', p.name, 'email', p.email, 'timezone', p.timezone, 'today', p.today,
    'labels', (select coalesce(json_agg(json_build_object('id', l.id::text, 'name', l.name) order by l.name), '[]')
      from athlete_labels al join labels l on l.org_id = al.org_id and l.id = al.label_id
      where al.org_id = $1 and al.athlete_id = p.id),
    'coaches', (select coalesce(json_agg(json_build_object('id', c.id::text, 'name', c.name) order by c.name, c.id), '[]')
      from coach_assignments ca join users c on c.org_id = ca.org_id and c.id = ca.coach_id
      where ca.org_id = $1 and ca.athlete_id = p.id),
    -- The active plan started last and not over, with its workouts (rest days aside) due by the
    -- athlete's today and those completed: a matched run within 80-120% of the plan.
    'plan', (select json_build_object('name', tp.name, 'startDate', tp.start_date, 'totalWeeks', tp.total_weeks, 'due', w.due, 'completed', w.completed)
      from (select * from training_plans where org_id = $1 and athlete_id = p.id and status = 'active'
        and start_date + 7 * total_weeks > p.today order by start_date desc, id desc limit 1) tp
      cross join lateral (select count(*) as due,
          count(*) filter (where completed_activity_id is not null and (compliance_score is null or compliance_score between 0.8 and 1.2)) as completed
        from planned_workouts where org_id = $1 and plan_id = tp.id and kind <> 'rest' and date <= p.today) w),
    -- Formatted like JSON.stringify of a Date (UTC, milliseconds), whatever the session zone.
    'lastActivity', (select json_build_object(
        'startTime', to_char(a.start_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'localDate', a.local_date, 'distance', a.distance_m, 'movingTime', a.moving_s)
      from activities a where a.org_id = $1 and a.athlete_id = p.id and a.deleted_at is null
      order by a.start_time desc, a.id desc limit 1),
    -- Both windows in one scan of the rollup; float sums add the days in date order like the API's.
    'windows', (select json_build_object(
        'runs7', coalesce(sum(d.runs) filter (where d.local_date >= p.today - 6), 0),
        'distance7', coalesce(sum(d.distance_m) filter (where d.local_date >= p.today - 6), 0),
        'load7', coalesce(sum(d.training_load) filter (where d.local_date >= p.today - 6), 0),
        'runs28', coalesce(sum(d.runs), 0), 'distance28', coalesce(sum(d.distance_m), 0), 'load28', coalesce(sum(d.training_load), 0))
      from activity_daily d where d.org_id = $1 and d.athlete_id = p.id and d.local_date between p.today - 27 and p.today),
    -- The signals muted for the athlete now: left out of attentionSignals (null without any).
    'muted', (select json_agg(m.metric) from athlete_signal_mutes m
      where m.org_id = $1 and m.athlete_id = p.id and m.muted_until > $2::timestamptz),
    'fitness', (select json_build_object('ctl', f.ctl, 'atl', f.atl, 'tsb', f.tsb, 'vo2max', f.vo2max, 'hrv7d', f.hrv_7d, 'asOf', f.as_of, 'riskState', f.risk_state)
      from athlete_fitness f where f.org_id = $1 and f.athlete_id = p.id),
    -- The signal inputs: this week (today-6..today), the week before, and the 60-day HRV baseline before this week.
    'health', (select json_build_object(
        'hrvPreviousLn', avg(x.ln_hrv) filter (where h.local_date between p.today - 13 and p.today - 7),
        'hrvPreviousCount', count(x.ln_hrv) filter (where h.local_date between p.today - 13 and p.today - 7),
        'hrvCurrentLn', avg(x.ln_hrv) filter (where h.local_date between p.today - 6 and p.today),
        'hrvCurrentCount', count(x.ln_hrv) filter (where h.local_date between p.today - 6 and p.today),
        'hrvBaselineSd', stddev_samp(x.ln_hrv) filter (where h.local_date between p.today - 66 and p.today - 7),
        'recoveryPrevious', avg(h.recovery_score) filter (where h.local_date between p.today - 13 and p.today - 7),
        'recoveryCurrent', avg(h.recovery_score) filter (where h.local_date between p.today - 6 and p.today),
        'vo2maxPrevious', avg(h.vo2max) filter (where h.local_date between p.today - 13 and p.today - 7),
        'vo2maxCurrent', avg(h.vo2max) filter (where h.local_date between p.today - 6 and p.today))
      from health_daily h cross join lateral (select case when h.hrv_rmssd_ms > 0 then ln(h.hrv_rmssd_ms) end as ln_hrv) x
      where h.org_id = $1 and h.athlete_id = p.id and h.local_date between p.today - 66 and p.today),
    'quality', (select json_build_object(
        'hasPaceZones', coalesce(s.pace_zones is not null, false), 'hasHrZones', coalesce(s.hr_zones is not null, false),
        'hasVdot', coalesce(s.vdot is not null, false),
        'hasConnectedIntegration', exists (select 1 from integrations i where i.org_id = $1 and i.athlete_id = p.id and i.status = 'connected'),
        'hasTimezone', p.has_timezone, 'hasUnitSystem', p.has_unit_system,
        'hasHrMaxAndRest', coalesce(s.hr_max is not null and s.hr_rest is not null, false),
        'hasThresholdPace', coalesce(s.threshold_pace_s_per_km is not null, false),
        'hasRecentRuns', exists (select 1 from activity_daily d where d.org_id = $1 and d.athlete_id = p.id and d.local_date between p.today - 27 and p.today),
        'hasAnyRun', exists (select 1 from activity_daily d where d.org_id = $1 and d.athlete_id = p.id))
      from (select 1) one left join athlete_settings s on s.org_id = $1 and s.athlete_id = p.id)
  ) order by p.name, p.id) from page p), '[]') as athletes`;

interface Totals { runs7: number; distance7: number; load7: number; runs28: number; distance28: number; load28: number }

interface AthleteJson {
  id: number;
  name: string;
  email: string;
  timezone: string;
  today: string;
  labels: { id: string; name: string }[];
  coaches: { id: string; name: string }[];
  plan: { name: string; startDate: string; totalWeeks: number; due: number; completed: number } | null;
  lastActivity: { startTime: string; localDate: string; distance: number; movingTime: number } | null;
  windows: Totals;
  muted: SignalMetric[] | null;
  fitness: { ctl: number; atl: number; tsb: number; vo2max: number | null; hrv7d: number | null; asOf: string; riskState: RiskState | null } | null;
  health: {
    hrvPreviousLn: number | null; hrvPreviousCount: number; hrvCurrentLn: number | null; hrvCurrentCount: number; hrvBaselineSd: number | null;
    recoveryPrevious: number | null; recoveryCurrent: number | null; vo2maxPrevious: number | null; vo2maxCurrent: number | null;
  };
  quality: Parameters<typeof dataQuality>[0];
}

// The document declares `$first: Int = 50`; an explicit null falls to the API's page size, 20.
const DOCUMENT_FIRST = 50;
const DEFAULT_PAGE_SIZE = 20;
const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export const athletesListFloor: FloorHandler = async (client, { orgId, variables, now }) => {
  const first = variables.first === undefined ? DOCUMENT_FIRST : variables.first;
  const limit = typeof first === 'number' ? first : DEFAULT_PAGE_SIZE;
  // One row more than the page tells whether there is a next page.
  const { rows } = await client.query<{ total: number; thresholds: SignalThresholds | null; athletes: AthleteJson[] }>(
    SQL, [orgId, now.toISOString(), limit + 1]);
  const { total, athletes } = rows[0];
  // The organization's row of organization_signal_thresholds, the defaults without one.
  const thresholds = rows[0].thresholds ?? DEFAULT_SIGNAL_THRESHOLDS;
  const page = athletes.slice(0, limit);
  const last = page[page.length - 1];
  return {
    coachAthletesMetrics: {
      totalCount: total,
      pageInfo: {
        hasNextPage: athletes.length > limit,
        // Key order as the API's cursorOf builds it; NAME has no sort key.
        endCursor: last ? encodeCursor({ order: 'NAME', key: null, name: last.name, id: last.id }) : null,
      },
      edges: page.map((a) => {
        const { plan, lastActivity: run, windows: w, fitness: f, health: h } = a;
        return {
          node: {
            id: String(a.id),
            name: a.name,
            email: a.email,
            timezone: a.timezone,
            labels: a.labels,
            coaches: a.coaches,
            currentTrainingPlan: plan && {
              name: plan.name,
              currentWeek: planWeek(plan.startDate, a.today, plan.totalWeeks),
              totalWeeks: plan.totalWeeks,
              progress: { ratio: planProgress(plan.completed, plan.due) },
            },
            lastActivity: run && {
              startTime: run.startTime,
              localDate: run.localDate,
              distance: run.distance,
              movingTime: run.movingTime,
              avgPace: run.distance > 0 ? run.movingTime / (run.distance / 1000) : null,
            },
            last7: { totalDistance: w.distance7, trainingLoad: w.load7, totalActivities: w.runs7 },
            last28: { totalDistance: w.distance28, trainingLoad: w.load28, totalActivities: w.runs28 },
            fitness: f && { ctl: f.ctl, atl: f.atl, tsb: f.tsb, vo2max: f.vo2max, hrv7d: f.hrv7d, asOf: f.asOf },
            attentionSignals: attentionSignals(
              {
                hrv: { previousLnMean: h.hrvPreviousLn, previousCount: h.hrvPreviousCount, currentLnMean: h.hrvCurrentLn, currentCount: h.hrvCurrentCount, baselineSd: h.hrvBaselineSd },
                recovery: { previous: h.recoveryPrevious, current: h.recoveryCurrent },
                vo2max: { previous: h.vo2maxPrevious, current: h.vo2maxCurrent },
                // The cached risk state of the last write, shifted to today over rest days (as the API reads it).
                risk: f?.riskState ? riskIndicators(advanceRiskState(f.riskState, daysBetween(f.asOf, a.today))) : null,
              },
              thresholds,
              thresholds,
            ).filter((s) => !a.muted?.includes(s.metric)).map((s) => ({ metric: s.metric, direction: s.direction, severity: s.severity, reason: s.reason })),
            dataQuality: { score: dataQuality(a.quality).score },
          },
        };
      }),
    },
  };
};
