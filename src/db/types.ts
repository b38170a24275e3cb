import type { ColumnType, Generated } from 'kysely';
import type { RiskState } from '../domain/risk';
import type { CachedBasis } from '../domain/metric-basis';

// Kysely table types; no runtime code. `date` columns are plain 'yyyy-MM-dd' strings
// (see the type parsers in client.ts), timestamptz columns are Date instants.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type LocalDate = string;

export type Role = 'admin' | 'coach' | 'athlete';
export type UnitSystem = 'metric' | 'imperial';
export type Sex = 'male' | 'female';
export type PlanStatus = 'active' | 'completed' | 'archived';
export type IntegrationProvider = 'strava' | 'garmin' | 'apple_health';
export type IntegrationStatus = 'connected' | 'disconnected' | 'error';
export type LoadMethod = 'trimp' | 'pace' | 'session_rpe' | 'duration';

export interface OrganizationsTable {
  id: Generated<number>;
  name: string;
  timezone: Generated<string>;
  settings: Generated<Record<string, unknown>>;
  created_at: Generated<Date>;
}

export interface UsersTable {
  org_id: number;
  id: Generated<number>;
  role: Role;
  name: string;
  email: string;
  timezone: string | null;
  unit_system: UnitSystem | null;
  sex: Sex | null;
  birth_year: number | null;
  created_at: Generated<Date>;
  /** Archived athletes keep their history but leave lists and dashboards. */
  archived_at: Date | null;
  version: Generated<number>;
}

export interface CoachAssignmentsTable {
  org_id: number;
  coach_id: number;
  athlete_id: number;
}

export interface LabelsTable {
  org_id: number;
  id: Generated<number>;
  name: string;
  version: Generated<number>;
}

export interface AthleteLabelsTable {
  org_id: number;
  athlete_id: number;
  label_id: number;
}

export interface GroupsTable {
  org_id: number;
  id: Generated<number>;
  name: string;
  version: Generated<number>;
}

export interface GroupMembersTable {
  org_id: number;
  group_id: number;
  athlete_id: number;
  joined_at: Generated<Date>;
}

export interface AthleteSettingsTable {
  org_id: number;
  athlete_id: number;
  vdot: number | null;
  hr_max: number | null;
  hr_rest: number | null;
  threshold_pace_s_per_km: number | null;
  pace_zones: unknown | null;
  hr_zones: unknown | null;
  threshold_hr: number | null;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface TrainingPlansTable {
  org_id: number;
  id: Generated<number>;
  athlete_id: number;
  group_id: number | null;
  name: string;
  start_date: LocalDate;
  total_weeks: number;
  status: PlanStatus;
  version: Generated<number>;
}

export interface PlannedWorkoutsTable {
  org_id: number;
  id: Generated<number>;
  plan_id: number;
  date: LocalDate;
  kind: string;
  planned_distance_m: number | null;
  planned_duration_s: number | null;
  completed_activity_id: number | null;
  /** Done / planned of the matched run (src/domain/plan-matching.ts); null without one, or with nothing planned. */
  compliance_score: number | null;
  description: string | null;
  version: Generated<number>;
}

export interface GoalRacesTable {
  org_id: number;
  id: Generated<number>;
  athlete_id: number;
  event_name: string;
  race_date: LocalDate;
  distance_m: number;
  goal_time_s: number | null;
  version: Generated<number>;
}

export interface IntegrationsTable {
  org_id: number;
  athlete_id: number;
  provider: IntegrationProvider;
  status: IntegrationStatus;
  last_sync_at: Timestamp | null;
  error: string | null;
  version: Generated<number>;
}

export interface ZoneTimes {
  pace_z1_s: number;
  pace_z2_s: number;
  pace_z3_s: number;
  pace_z4_s: number;
  pace_z5_s: number;
  hr_z1_s: number;
  hr_z2_s: number;
  hr_z3_s: number;
  hr_z4_s: number;
  hr_z5_s: number;
}

export interface ActivitiesTable extends ZoneTimes {
  org_id: number;
  id: Generated<number>;
  athlete_id: number;
  source: string;
  external_id: string;
  sport: string;
  start_time: Timestamp;
  timezone: string | null;
  local_date: LocalDate;
  distance_m: number;
  moving_s: number;
  elapsed_s: number;
  avg_hr: number | null;
  max_hr: number | null;
  calories: number | null;
  elevation_gain_m: number | null;
  training_load: number | null;
  load_method: LoadMethod | null;
  /** Session RPE, 0..10, as the athlete rated the run. */
  rpe: number | null;
  source_updated_at: Timestamp | null;
  deleted_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Estimates standing in for missing load settings, with what they rest on (src/domain/load-basis.ts). */
export interface AthleteLoadEstimatesTable {
  org_id: number;
  athlete_id: number;
  hr_max: number | null;
  hr_max_readings: number | null;
  hr_max_since: LocalDate | null;
  hr_rest: number | null;
  hr_rest_readings: number | null;
  hr_rest_since: LocalDate | null;
  vdot: number | null;
  vdot_readings: number | null;
  vdot_since: LocalDate | null;
  updated_at: Generated<Date>;
}

/** ISO weeks (Monday `week_start`) of the athlete's local dates, summed from activity_daily. */
export interface ActivityWeeklyTable {
  org_id: number;
  athlete_id: number;
  week_start: LocalDate;
  runs: number;
  distance_m: number;
  moving_s: number;
  training_load: number;
  calories: number;
  hr_sum: number;
  hr_s: number;
}

export interface ActivityDailyTable extends ZoneTimes {
  org_id: number;
  athlete_id: number;
  local_date: LocalDate;
  runs: number;
  distance_m: number;
  moving_s: number;
  elapsed_s: number;
  training_load: number;
  calories: number;
  elevation_gain_m: number;
  longest_run_m: number;
  hr_sum: number;
  hr_s: number;
}

export interface HealthDailyTable {
  org_id: number;
  athlete_id: number;
  local_date: LocalDate;
  resting_hr: number | null;
  hrv_rmssd_ms: number | null;
  /** HRV as SDNN (Apple Health): another measure than RMSSD, kept and averaged apart. */
  hrv_sdnn_ms: number | null;
  vo2max: number | null;
  recovery_score: number | null;
  sleep_s: number | null;
  /** The day's sleep as [start, end) unix-second pairs, when sent as intervals: sleep_s is their union. */
  sleep_intervals: ColumnType<[number, number][] | null, string | null, string | null>;
  source: string;
  updated_at: Generated<Date>;
}

export interface AthleteFitnessTable {
  org_id: number;
  athlete_id: number;
  as_of: LocalDate;
  ctl: number;
  atl: number;
  tsb: number;
  ctl_days: Generated<number>;
  atl_days: Generated<number>;
  ramp_rate: number | null;
  vo2max: number | null;
  resting_hr: number | null;
  hrv_7d: number | null;
  /** The risk indicators' windows as of as_of (src/domain/risk.ts RiskState); null until the first write after migration 007. */
  risk_state: ColumnType<RiskState | null, string | null, string | null>;
  /** What the cached numbers stand on, per window (src/domain/metric-basis.ts); null until the first write after migration 009. */
  basis: ColumnType<CachedBasis | null, string | null, string | null>;
  updated_at: Generated<Date>;
}

/** Thresholds of the attention signals; an organization without a row uses the defaults. */
export interface OrganizationSignalThresholdsTable {
  org_id: number;
  acwr_max: Generated<number>;
  monotony_max: Generated<number>;
  weekly_ramp_max: Generated<number>;
  /** HRV: |Δ mean ln(RMSSD)| in SDs of the 60-day baseline. */
  hrv_sd: Generated<number>;
  /** Recovery score: |Δ| in points. */
  recovery_points: Generated<number>;
  /** VO2max: |Δ| in ml/kg/min. */
  vo2max_change: Generated<number>;
  version: Generated<number>;
  updated_at: Generated<Date>;
  updated_by: number | null;
}

/** One signal of one athlete muted until a moment (a later moment, the signal shows again). */
export interface AthleteSignalMutesTable {
  org_id: number;
  athlete_id: number;
  metric: string;
  muted_until: Date;
  note: string | null;
  muted_by: number | null;
  created_at: Generated<Date>;
}

/** Another source's copy of a run (activities holds the copy the run shows). */
export interface ActivityCopiesTable {
  org_id: number;
  source: string;
  external_id: string;
  activity_id: number;
  athlete_id: number;
  /** The ActivityRecord as the source sent it (dates as ISO strings). */
  record: ColumnType<Record<string, unknown>, string, string>;
  source_updated_at: Date | null;
  deleted_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface InsightsTable {
  org_id: number;
  id: Generated<number>;
  subject: 'athlete' | 'group';
  subject_id: number;
  kind: 'activity' | 'weekly' | 'group';
  period_start: LocalDate;
  activity_id: number | null;
  text: string;
  generator: string;
  generator_version: string;
  input_hash: string;
  created_at: Generated<Date>;
}

export interface AthleteSettingsChangesTable {
  org_id: number;
  id: Generated<number>;
  athlete_id: number;
  changed_by: number;
  changed_at: Generated<Date>;
  field: string;
  old_value: unknown | null;
  new_value: unknown | null;
}

/** Raised once by every transaction that writes the organization's rows (migration 013). */
export interface OrganizationDataVersionsTable {
  org_id: number;
  version: number;
  /** The organization's last event number (migration 014). */
  event_seq: Generated<number>;
}

/** The outbox of the live feed: numbered per organization at COMMIT (migration 014). */
export interface OrganizationEventsTable {
  org_id: number;
  id: Generated<number>;
  seq: number | null;
  kind: string;
  athlete_id: number;
  payload: unknown;
  occurred_at: Generated<Date>;
}

/** The attention signals last published per athlete, to tell raised from cleared. */
export interface AthleteSignalStatesTable {
  org_id: number;
  athlete_id: number;
  signals: unknown;
}

export interface WebhookEndpointsTable {
  org_id: number;
  id: Generated<number>;
  url: string;
  kinds: string[];
  secret: string;
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  consecutive_failures: Generated<number>;
  event_cursor: number;
  created_at: Generated<Date>;
}

export interface WebhookDeliveriesTable {
  org_id: number;
  id: Generated<number>;
  endpoint_id: number;
  event_seq: number;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Generated<Date>;
  delivered_at: Date | null;
}

export interface Database {
  organizations: OrganizationsTable;
  organization_data_versions: OrganizationDataVersionsTable;
  organization_events: OrganizationEventsTable;
  athlete_signal_states: AthleteSignalStatesTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  users: UsersTable;
  coach_assignments: CoachAssignmentsTable;
  labels: LabelsTable;
  athlete_labels: AthleteLabelsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  athlete_settings: AthleteSettingsTable;
  athlete_settings_changes: AthleteSettingsChangesTable;
  training_plans: TrainingPlansTable;
  planned_workouts: PlannedWorkoutsTable;
  goal_races: GoalRacesTable;
  integrations: IntegrationsTable;
  activities: ActivitiesTable;
  activity_copies: ActivityCopiesTable;
  activity_daily: ActivityDailyTable;
  activity_weekly: ActivityWeeklyTable;
  health_daily: HealthDailyTable;
  athlete_fitness: AthleteFitnessTable;
  organization_signal_thresholds: OrganizationSignalThresholdsTable;
  athlete_signal_mutes: AthleteSignalMutesTable;
  athlete_load_estimates: AthleteLoadEstimatesTable;
  insights: InsightsTable;
}
