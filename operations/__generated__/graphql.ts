/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Who joins which group, and when. */
export type AddGroupMemberInput = {
  /** The athlete. */
  athleteId: string | number;
  /** The group. */
  groupId: string | number;
  /** The date they joined, in the organization's zone (1970-01-01..2100-12-31). */
  joinedOn: string;
};

/** The dates a group comparison covers, in the organization's zone; today included (docs/metrics.md, Groups). */
export type AnalyticsPeriod =
  /** from..to, at most 400 days. */
  | 'CUSTOM'
  /** The 7 local days ending today (organization zone). */
  | 'LAST_7_DAYS'
  /** The 14 local days ending today (organization zone). */
  | 'LAST_14_DAYS'
  /** The 30 local days ending today (organization zone). */
  | 'LAST_30_DAYS';

/** Whom to archive. */
export type ArchiveAthleteInput = {
  /** The athlete. */
  id: string | number;
};

/** Which coach takes which athlete. */
export type AssignCoachInput = {
  /** The athlete (archived ones too). */
  athleteId: string | number;
  /** A coach of the organization (see the coaches lookup). */
  coachId: string | number;
};

/** Filters of the Athletes list; they combine with AND. */
export type AthleteFilter = {
  /** Athletes assigned to this coach. */
  coachId?: string | number | null | undefined;
  /** Members of this group. */
  groupId?: string | number | null | undefined;
  /** Athletes with any of these labels (at most 50). */
  labelIds?: Array<string | number> | null | undefined;
  /** Part of the name or email, any case (at most 100 characters, no control characters). */
  search?: string | null | undefined;
};

/** Sort orders of the Athletes list (coachAthletesMetrics); ties go by id, and a cursor belongs to the order it was written in. */
export type AthleteOrder =
  /** Highest acute:chronic workload ratio (EWMA, as riskIndicators.acwr shows today) first; athletes without one last. */
  | 'ACWR'
  /** Most attention signals first. */
  | 'ATTENTION'
  /** Most recent run first; athletes without runs last. */
  | 'LAST_ACTIVITY'
  /** Highest Foster's monotony over the last 7 days (as riskIndicators.monotony) first; athletes without one last. */
  | 'MONOTONY'
  /** By name, A to Z. */
  | 'NAME'
  /** Most distance over the last 7 local days (each athlete's zone) first. */
  | 'WEEKLY_DISTANCE';

/** Which label goes on which athlete. */
export type AttachLabelInput = {
  /** The athlete. */
  athleteId: string | number;
  /** The label. */
  labelId: string | number;
};

/** How a planned workout went (docs/metrics.md, Plans): the matched run's score within 80–120% of the plan is COMPLETED, 50–80% or above 120% PARTIAL, below 50% MISSED. */
export type ComplianceStatus =
  /** A run within 80–120% of the plan (or any run, when nothing was planned). */
  | 'COMPLETED'
  /** The day is over without a run, or the run was below 50% of the plan. */
  | 'MISSED'
  /** A run at 50–80% or above 120% of the plan. */
  | 'PARTIAL'
  /** Today or later, no run yet. */
  | 'PENDING'
  /** A rest day kept. */
  | 'REST'
  /** A rest day with a run. */
  | 'UNPLANNED_RUN';

/** A new athlete of the organization. */
export type CreateAthleteInput = {
  /** 1900 to the current year. */
  birthYear?: number | null | undefined;
  /** An email address, unique in the organization (any case); stored in lower case. */
  email: string;
  /** 1..100 characters, no control characters. */
  name: string;
  /** For training-load formulas. */
  sex?: Sex | null | undefined;
  /** IANA zone (e.g. Europe/London); left out or null means the organization's zone. Local days (stats, plans) are counted in it. */
  timezone?: string | null | undefined;
  /** Units the athlete's clients show. */
  unitSystem?: UnitSystem | null | undefined;
};

/** A new coach. */
export type CreateCoachInput = {
  /** An email address, unique in the organization (any case); stored in lower case. */
  email: string;
  /** 1..100 characters, no control characters. */
  name: string;
  /** IANA zone (e.g. Europe/London); left out or null means the organization's zone. */
  timezone?: string | null | undefined;
};

/** A new goal race for an athlete. */
export type CreateGoalRaceInput = {
  /** The athlete. */
  athleteId: string | number;
  /** The race day (the athlete's local date). */
  date: string;
  /** Metres, 100..1000000. */
  distance: number;
  /** 1..100 characters; a name with "5K", "10K", "Half Marathon", "Half" or "Marathon" in it must be within 1% of that distance; any other name is free. */
  eventName: string;
  /** Seconds, 60..604800; left out means no goal time. */
  goalTime?: number | null | undefined;
};

/** The new group. */
export type CreateGroupInput = {
  /** 1..60 characters, no control characters; unique in the organization (any case). */
  name: string;
};

/** The new label. */
export type CreateLabelInput = {
  /** 1..60 characters, no control characters; unique in the organization (any case). */
  name: string;
};

/** A plan from a start date and a week-by-week template, for one athlete or for each current member of a group. */
export type CreateTrainingPlanInput = {
  /** The athlete the plan is for (give this or groupId). */
  athleteId?: string | number | null | undefined;
  /** A group: one plan per current (not archived) member, each with the group recorded (give this or athleteId). */
  groupId?: string | number | null | undefined;
  /** The plan's name, 1..100 characters. */
  name: string;
  /** Day 1 of week 1, in the athletes' local dates; any weekday (plan weeks are 7 days from it). */
  startDate: string;
  /** Week by week (1..52 weeks, at most 14 workouts a week; a week may be empty): totalWeeks is its length. */
  template: Array<Array<WorkoutTemplateDay>>;
};

/** What the data-quality score checks (docs/metrics.md, Data quality). */
export type DataQualityItemKey =
  /** HR max and resting HR both set (estimates stand in for load, but are not settings). */
  | 'HR_MAX_REST'
  /** Heart-rate zones set. */
  | 'HR_ZONES'
  /** A connected integration. */
  | 'INTEGRATION'
  /** Pace zones set. */
  | 'PACE_ZONES'
  /** A run in the last 28 local days. */
  | 'RECENT_RUNS'
  /** Threshold pace set. */
  | 'THRESHOLD_PACE'
  /** A time zone of their own. */
  | 'TIMEZONE'
  /** A unit system chosen. */
  | 'UNIT_SYSTEM'
  /** A VDOT set. */
  | 'VDOT';

/** The endpoint to delete. */
export type DeleteWebhookEndpointInput = {
  /** The endpoint. */
  id: string | number;
};

/** Which way an attention signal moved, current against previous. */
export type Direction =
  /** current < previous (a fall). */
  | 'DOWN'
  /** current ≥ previous (a rise, or a load-risk value at or above its threshold). */
  | 'UP';

/** A service an athlete connects. */
export type IntegrationProvider =
  /** Apple Health. */
  | 'APPLE_HEALTH'
  /** Garmin Connect. */
  | 'GARMIN'
  /** Strava. */
  | 'STRAVA';

/** The state of a connection; NOT_CONNECTED where none was ever recorded. */
export type IntegrationStatus =
  /** Recorded as connected. */
  | 'CONNECTED'
  /** Recorded as disconnected: no longer syncing. */
  | 'DISCONNECTED'
  /** Recorded as failing; error says why. */
  | 'ERROR'
  /** Never recorded for this athlete (read only: recordIntegrationStatus does not take it). */
  | 'NOT_CONNECTED';

/** What a live event reports. */
export type LiveEventKind =
  /** Daily health readings were recorded: `health` says for which local days. */
  | 'HEALTH_RECORDED'
  /** A file import (API upload or CLI) committed: `importSummary` counts what it did. */
  | 'IMPORT_FINISHED'
  /** Planned workouts were matched to runs, or lost their run: `compliance` lists them. */
  | 'PLAN_COMPLIANCE_CHANGED'
  /** The `after` event is older than the retention window (7 days) or unknown: events were missed for good; reload, then follow from this event on. */
  | 'RESYNC_NEEDED'
  /** An athlete's runs were ingested, changed or deleted: `runs` says on which local days. */
  | 'RUNS_CHANGED'
  /** An attention signal no longer holds (or was muted): `signal` has its last published values. */
  | 'SIGNAL_CLEARED'
  /** An attention signal started, or changed severity or direction: `signal` has its values. */
  | 'SIGNAL_RAISED';

/** How a run's training load was computed, best first (docs/metrics.md, Training load). */
export type LoadMethod =
  /** The crude last resort: minutes × 1.31, the TRIMP of an easy run (60% of heart-rate reserve), when there is no HR basis, no threshold pace and no RPE. */
  | 'DURATION'
  /** hours × IF² × 100 against the threshold pace (set, or derived from the VDOT). */
  | 'PACE'
  /** Foster's session RPE: minutes × the RPE (0..10) the athlete gave the run. */
  | 'SESSION_RPE'
  /** Banister TRIMP from average heart rate. */
  | 'TRIMP';

/** Where a plan stands. An ACTIVE plan whose last week is over reads as COMPLETED (docs/metrics.md, Training plan). */
export type PlanStatus =
  /** Being followed: the latest started active plan is the athlete's currentTrainingPlan. */
  | 'ACTIVE'
  /** Put away by a coach; its workouts and their matching stay. */
  | 'ARCHIVED'
  /** Marked completed, or over: its last week (start + 7 × totalWeeks) has passed. */
  | 'COMPLETED';

/** Where the VDOT behind a prediction comes from. */
export type PredictionMethod =
  /** The best Daniels-Gilbert VDOT of a run of 3 km or more in the last 180 days. */
  | 'VDOT_FROM_BEST_EFFORT'
  /** The athlete's VDOT in their settings. */
  | 'VDOT_FROM_SETTINGS';

/** The URL and the event kinds. */
export type RegisterWebhookEndpointInput = {
  /** The event kinds to receive: one or more of RUNS_CHANGED, SIGNAL_RAISED, SIGNAL_CLEARED, PLAN_COMPLIANCE_CHANGED, IMPORT_FINISHED, HEALTH_RECORDED. */
  kinds: Array<string>;
  /** An https URL of at most 2000 characters (stored normalized: percent-encoded, host in lower case) whose host is public: private, loopback, link-local and metadata addresses are refused, also when the name resolves to one (http and loopback only in development). */
  url: string;
};

/** The delivery to send again. */
export type ReplayWebhookDeliveryInput = {
  /** The delivery (WebhookDelivery.id). */
  id: string | number;
};

/** A user's role in the organization, from the token's `role` claim (docs/api.md, Identity and roles). */
export type Role =
  /** Reads everything in the organization and manages everyone. */
  | 'ADMIN'
  /** Reads and writes only their own data. */
  | 'ATHLETE'
  /** Reads every athlete of the organization; manages only the athletes assigned to them. */
  | 'COACH';

/** The endpoint and whether it should receive events. */
export type SetWebhookEndpointEnabledInput = {
  /** true to enable (resetting its failure count), false to disable. */
  enabled: boolean;
  /** The endpoint. */
  id: string | number;
};

/** How urgent an attention signal is (docs/metrics.md, Attention signals). */
export type Severity =
  /** Health: a fall of at least twice the threshold. Load risk: at least 1.25 times the threshold. */
  | 'HIGH'
  /** Health: a rise past the threshold. Not used for load risk. */
  | 'LOW'
  /** Health: a smaller fall past the threshold. Load risk: above the threshold, below 1.25 times it. */
  | 'MEDIUM';

/** Sex, as training-load formulas (TRIMP) use it. */
export type Sex =
  /** TRIMP constants k = 0.86, b = 1.67 (docs/metrics.md, Training load of a run). */
  | 'FEMALE'
  /** TRIMP constants k = 0.64, b = 1.92 (docs/metrics.md, Training load of a run). */
  | 'MALE';

/** What an attention signal is about. */
export type SignalMetric =
  /** Today's acute:chronic workload ratio (EWMA) is above the organization's acwrMax. */
  | 'ACWR_HIGH'
  /** HRV (ln RMSSD) changed week over week. */
  | 'HRV'
  /** Foster's monotony over the last 7 days is above the organization's monotonyMax. */
  | 'MONOTONY_HIGH'
  /** CTL rose over the last 7 days by more than the organization's weeklyRampMax (a share of CTL 7 days ago). */
  | 'RAMP_HIGH'
  /** Recovery score changed week over week. */
  | 'RECOVERY_SCORE'
  /** VO2max changed week over week. */
  | 'VO2MAX';

/** Units a client shows (the API always answers in metres and seconds). */
export type UnitSystem =
  /** Miles, feet, min/mile (display only: the API still answers in metres and seconds). */
  | 'IMPERIAL'
  /** Kilometres, metres, min/km. */
  | 'METRIC';

/** What to change: a field left out keeps its value, an explicit null clears it. Every change is logged with who made it. */
export type UpdateAthleteSettingsInput = {
  /** The athlete. */
  athleteId: string | number;
  /** 1900..this year. */
  birthYear?: number | null | undefined;
  /** AthleteSettings.version as read; a stale one is CONFLICT and nothing changes. */
  expectedVersion?: number | null | undefined;
  /** bpm, 100..230, above restingHr and thresholdHr. */
  hrMax?: number | null | undefined;
  /** Five bpm values where zones 1..5 start, strictly ascending, each 30..250, above restingHr and up to hrMax. */
  hrZones?: Array<number> | null | undefined;
  /** Five s/km values where zones 1..5 start, slowest first (strictly descending), each 120..1200. */
  paceZones?: Array<number> | null | undefined;
  /** bpm, 25..120, below hrMax. */
  restingHr?: number | null | undefined;
  /** For TRIMP; a change recomputes stored loads. */
  sex?: Sex | null | undefined;
  /** bpm, 80..225, above restingHr and below hrMax. */
  thresholdHr?: number | null | undefined;
  /** s/km, 120..900 (2:00 to 15:00 per km). */
  thresholdPace?: number | null | undefined;
  /** IANA zone; null falls back to the organization's. A change re-dates the athlete's runs. */
  timezone?: string | null | undefined;
  /** Display units. */
  unitSystem?: UnitSystem | null | undefined;
  /** VDOT override, 15..90. */
  vdot?: number | null | undefined;
};

/** Changes to a workout: a field left out keeps its value; null clears distance, duration or description. */
export type UpdatePlannedWorkoutInput = {
  /** Move it to this local date, within the plan's weeks. */
  date?: string | null | undefined;
  /** Notes, at most 500 characters; null for none. */
  description?: string | null | undefined;
  /** Planned metres, 0..100000; null for none. */
  distance?: number | null | undefined;
  /** Planned seconds, 1..36000; null for none. */
  duration?: number | null | undefined;
  /** The version read; a newer one makes the update fail with CONFLICT. */
  expectedVersion?: number | null | undefined;
  /** The workout. */
  id: string | number;
  /** What is planned; REST clears distance and duration unless given. */
  kind?: WorkoutKind | null | undefined;
};

/** Where a webhook delivery stands. */
export type WebhookDeliveryStatus =
  /** The endpoint answered 2xx. */
  | 'DELIVERED'
  /** Every attempt failed (or the event left the outbox); replayWebhookDelivery starts it over. */
  | 'FAILED'
  /** Not delivered yet: waiting for its next attempt (nextAttemptAt), or for its endpoint to be enabled again. */
  | 'PENDING';

/** What a planned day is. Every kind but REST is matched to the best run of its local day (docs/metrics.md, Training plan); a REST day plans nothing, and a run on it is an unplanned run. */
export type WorkoutKind =
  /** Cross-training; matched against the day's run like any kind other than REST. */
  | 'CROSS'
  /** An easy run. */
  | 'EASY'
  /** An interval session. */
  | 'INTERVALS'
  /** A long run. */
  | 'LONG'
  /** A race. */
  | 'RACE'
  /** A rest day: nothing planned, no run matched; a run that day is an UNPLANNED_RUN. */
  | 'REST'
  /** A tempo (threshold) run. */
  | 'TEMPO';

/** One workout of a template week. */
export type WorkoutTemplateDay = {
  /** Day of the plan week, 1..7: day 1 is the start date's weekday (with a Monday start, 1 = Monday ... 7 = Sunday). */
  day: number;
  /** Notes for the day, at most 500 characters. */
  description?: string | null | undefined;
  /** Planned metres, 0..100000. */
  distance?: number | null | undefined;
  /** Planned seconds, 1..36000 (10 h). */
  duration?: number | null | undefined;
  /** What is planned; a REST day plans nothing. */
  kind: WorkoutKind;
};

export type AddGroupMemberMutationVariables = Exact<{
  input: AddGroupMemberInput;
}>;


export type AddGroupMemberMutation = { addGroupMember: { joinedOn: string, group: { id: string, name: string, memberCount: number } } };

export type ArchiveAthleteMutationVariables = Exact<{
  input: ArchiveAthleteInput;
}>;


export type ArchiveAthleteMutation = { archiveAthlete: { athlete: { id: string, archivedAt: string | null } } };

export type AssignCoachMutationVariables = Exact<{
  input: AssignCoachInput;
}>;


export type AssignCoachMutation = { assignCoach: { changed: boolean, athlete: { id: string, coaches: Array<{ name: string }> } } };

export type AttachLabelMutationVariables = Exact<{
  input: AttachLabelInput;
}>;


export type AttachLabelMutation = { attachLabel: { athlete: { id: string, labels: Array<{ name: string }> } } };

export type CreateCoachMutationVariables = Exact<{
  input: CreateCoachInput;
}>;


export type CreateCoachMutation = { createCoach: { coach: { id: string, name: string, email: string } } };

export type CreateGroupMutationVariables = Exact<{
  input: CreateGroupInput;
}>;


export type CreateGroupMutation = { createGroup: { group: { id: string, name: string, memberCount: number } } };

export type CreateLabelMutationVariables = Exact<{
  input: CreateLabelInput;
}>;


export type CreateLabelMutation = { createLabel: { label: { id: string, name: string, version: number } } };

export type DeleteWebhookEndpointMutationVariables = Exact<{
  input: DeleteWebhookEndpointInput;
}>;


export type DeleteWebhookEndpointMutation = { deleteWebhookEndpoint: { deletedWebhookEndpointId: string } };

export type RegisterWebhookEndpointMutationVariables = Exact<{
  input: RegisterWebhookEndpointInput;
}>;


export type RegisterWebhookEndpointMutation = { registerWebhookEndpoint: { secret: string, webhookEndpoint: { id: string, url: string, kinds: Array<string>, enabled: boolean, createdAt: string } } };

export type ReplayWebhookDeliveryMutationVariables = Exact<{
  input: ReplayWebhookDeliveryInput;
}>;


export type ReplayWebhookDeliveryMutation = { replayWebhookDelivery: { webhookDelivery: { id: string, status: WebhookDeliveryStatus, attempts: number, nextAttemptAt: string | null }, webhookEndpoint: { id: string, enabled: boolean } } };

export type SetWebhookEndpointEnabledMutationVariables = Exact<{
  input: SetWebhookEndpointEnabledInput;
}>;


export type SetWebhookEndpointEnabledMutation = { setWebhookEndpointEnabled: { webhookEndpoint: { id: string, enabled: boolean, disabledReason: string | null, consecutiveFailures: number } } };

export type WebhookEndpointsQueryVariables = Exact<{
  first?: number | null | undefined;
  status?: WebhookDeliveryStatus | null | undefined;
}>;


export type WebhookEndpointsQuery = { webhookEndpoints: Array<{ id: string, url: string, kinds: Array<string>, enabled: boolean, disabledReason: string | null, consecutiveFailures: number, createdAt: string, deliveries: { edges: Array<{ node: { id: string, eventId: string, kind: string | null, status: WebhookDeliveryStatus, attempts: number, lastStatusCode: number | null, lastError: string | null, createdAt: string, nextAttemptAt: string | null, deliveredAt: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null }> | null };

export type AthleteRosterQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AthleteRosterQuery = { athletes: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, email: string, timezone: string, unitSystem: UnitSystem | null, labels: Array<{ id: string, name: string }>, coaches: Array<{ id: string, name: string }> } }> } | null };

export type OrganizationQueryVariables = Exact<{ [key: string]: never; }>;


export type OrganizationQuery = { organization: { id: string, name: string, timezone: string }, athletes: { totalCount: number } | null };

export type AthleteNamesQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type AthleteNamesQuery = { athletes: { edges: Array<{ node: { name: string, timezone: string } }> } | null };

export type AthleteSummaryQueryVariables = Exact<{
  id: string | number;
}>;


export type AthleteSummaryQuery = { athlete: { id: string, name: string, currentTrainingPlan: { name: string, currentWeek: number, totalWeeks: number, progress: { ratio: number | null } } | null, goalRace: { eventName: string, date: string, goalTimeFormatted: string | null, predictedTime: { formatted: string, gapToGoal: number | null } | null } | null, fitness: { ctl: number, atl: number, tsb: number, asOf: string } | null, attentionSignals: Array<{ metric: SignalMetric, severity: Severity, reason: string }> | null, insights: { weeklySummary: { text: string } | null } } | null };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { viewer: { userId: string, role: Role, athlete: { id: string, name: string, timezone: string, unitSystem: UnitSystem | null } | null } };

export type MyWeekQueryVariables = Exact<{ [key: string]: never; }>;


export type MyWeekQuery = { viewer: { athlete: { id: string, name: string, fitnessStats: { totalActivities: number, totalDistance: number, totalDuration: number, avgPace: number | null } | null, streak: { current: { length: number }, longest: { length: number } }, charts: { dailyDistance: { points: Array<{ date: string, value: number | null }> } | null } } | null } };

export type AthleteProfileQueryVariables = Exact<{
  id: string | number;
}>;


export type AthleteProfileQuery = { athlete: { id: string, name: string, email: string, timezone: string, unitSystem: UnitSystem | null, labels: Array<{ name: string }>, coaches: Array<{ name: string, email: string }>, currentTrainingPlan: { name: string, status: PlanStatus, startDate: string, currentWeek: number, totalWeeks: number, progress: { completed: number, partial: number, missed: number, due: number, total: number, ratio: number | null }, thisWeek: Array<{ date: string, kind: WorkoutKind, status: ComplianceStatus, plannedDistance: number | null, complianceScore: number | null, run: { id: string, distance: number, movingTime: number } | null }> } | null, goalRace: { eventName: string, date: string, distance: number, goalTime: number | null, goalTimeFormatted: string | null, predictedTime: { seconds: number, formatted: string, method: PredictionMethod, vdot: number, gapToGoal: number | null, basedOn: { date: string, distance: number, duration: number } | null } | null } | null, integrations: Array<{ provider: IntegrationProvider, status: IntegrationStatus, lastSyncAt: string | null, error: string | null }>, insights: { weeklySummary: { periodStart: string, text: string, generator: string, generatorVersion: string, storedAt: string | null } | null, recentActivities: Array<{ periodStart: string, activityId: string | null, text: string, storedAt: string | null }> }, attentionSignals: Array<{ metric: SignalMetric, previous: number, current: number, change: number, direction: Direction, severity: Severity, reason: string }> | null, dataQuality: { score: number, items: Array<{ key: DataQualityItemKey, weight: number, met: boolean }> }, recentActivities: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, startTime: string, localDate: string, distance: number, movingTime: number, avgPace: number | null, avgHeartRate: number | null, trainingLoad: number | null, loadMethod: LoadMethod | null, paceZ1Time: number, paceZ2Time: number, paceZ3Time: number, paceZ4Time: number, paceZ5Time: number, hrZ1Time: number, hrZ2Time: number, hrZ3Time: number, hrZ4Time: number, hrZ5Time: number } }> } | null, fitness: { asOf: string, ctl: number, atl: number, tsb: number, ctlDays: number, atlDays: number, rampRate: number | null, vo2max: number | null, restingHeartRate: number | null, hrv7d: number | null } | null } | null };

export type AthleteStatsQueryVariables = Exact<{
  id: string | number;
  from: number;
  to: number;
  timezone?: string | null | undefined;
  monthStart: string;
  monthEnd: string;
}>;


export type AthleteStatsQuery = { athlete: { id: string, name: string, timezone: string, last7: { totalActivities: number, totalDistance: number, totalDuration: number, avgPace: number | null, avgHeartRate: number | null, trainingLoad: number, calories: number } | null, last28: { totalActivities: number, totalDistance: number, totalDuration: number, avgPace: number | null, avgHeartRate: number | null, trainingLoad: number, calories: number } | null, runningStats: { timezone: string, points: Array<{ start: string, end: string, value: number, runs: number, duration: number, trainingLoad: number, calories: number, paceZ1Time: number, paceZ2Time: number, paceZ3Time: number, paceZ4Time: number, paceZ5Time: number }>, totals: { totalActivities: number, totalDistance: number, totalDuration: number, avgPace: number | null, avgHeartRate: number | null, trainingLoad: number, calories: number } } | null, activityStats: { buckets: Array<{ start: string, longestRun: number, elevationGain: number, hrZ1Time: number, hrZ2Time: number, hrZ3Time: number, hrZ4Time: number, hrZ5Time: number, stats: { totalActivities: number, totalDistance: number, totalDuration: number, avgPace: number | null, avgHeartRate: number | null, trainingLoad: number, calories: number } }>, totals: { totalActivities: number, totalDistance: number, totalDuration: number, avgPace: number | null, avgHeartRate: number | null, trainingLoad: number, calories: number } } | null, healthMetrics: { buckets: Array<{ start: string, end: string, restingHeartRate: number | null, restingHeartRateReadings: number, hrv: number | null, hrvReadings: number, vo2max: number | null, vo2maxReadings: number }> } | null, streak: { current: { length: number, start: string | null, end: string | null }, longest: { length: number, start: string | null, end: string | null }, calendar: Array<{ date: string, runs: number, distance: number }> | null }, charts: { dailyDistance: { slope: number | null, slopeUnit: string, trendWindow: number, points: Array<{ date: string, value: number | null, trend: number | null }> } | null, weeklyTrainingLoad: { slope: number | null, slopeUnit: string, points: Array<{ date: string, value: number | null, trend: number | null }> } | null, restingHeartRate: { slope: number | null, slopeUnit: string, points: Array<{ date: string, value: number | null, trend: number | null }> } | null } } | null };

export type StatsFieldsFragment = { totalActivities: number, totalDistance: number, totalDuration: number, avgPace: number | null, avgHeartRate: number | null, trainingLoad: number, calories: number };

export type AthletesListQueryVariables = Exact<{
  filter?: AthleteFilter | null | undefined;
  orderBy?: AthleteOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AthletesListQuery = { coachAthletesMetrics: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, email: string, timezone: string, labels: Array<{ id: string, name: string }>, coaches: Array<{ id: string, name: string }>, currentTrainingPlan: { name: string, currentWeek: number, totalWeeks: number, progress: { ratio: number | null } } | null, lastActivity: { startTime: string, localDate: string, distance: number, movingTime: number, avgPace: number | null } | null, last7: { totalDistance: number, trainingLoad: number, totalActivities: number } | null, last28: { totalDistance: number, trainingLoad: number, totalActivities: number } | null, fitness: { ctl: number, atl: number, tsb: number, vo2max: number | null, hrv7d: number | null, asOf: string } | null, attentionSignals: Array<{ metric: SignalMetric, direction: Direction, severity: Severity, reason: string }> | null, dataQuality: { score: number } } }> } | null };

export type CreateAthleteMutationVariables = Exact<{
  input: CreateAthleteInput;
}>;


export type CreateAthleteMutation = { createAthlete: { athlete: { id: string, name: string, email: string, timezone: string, unitSystem: UnitSystem | null, version: number } } };

export type CreateGoalRaceMutationVariables = Exact<{
  input: CreateGoalRaceInput;
}>;


export type CreateGoalRaceMutation = { createGoalRace: { goalRace: { id: string, eventName: string, date: string, distance: number, goalTime: number | null, version: number, predictedTime: { formatted: string, method: PredictionMethod } | null } } };

export type CreateTrainingPlanMutationVariables = Exact<{
  input: CreateTrainingPlanInput;
}>;


export type CreateTrainingPlanMutation = { createTrainingPlan: { plans: Array<{ id: string, name: string, startDate: string, totalWeeks: number, progress: { completed: number, partial: number, missed: number, due: number, total: number, ratio: number | null } }> } };

export type FilterMenusQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type FilterMenusQuery = { labels: { totalCount: number, edges: Array<{ node: { id: string, name: string } }> } | null, coaches: { totalCount: number, edges: Array<{ node: { id: string, name: string, email: string } }> } | null, groups: { totalCount: number, edges: Array<{ node: { id: string, name: string, memberCount: number } }> } | null };

export type GroupDashboardQueryVariables = Exact<{
  week?: string | null | undefined;
  top?: number | null | undefined;
  period?: AnalyticsPeriod | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  drillGroupId: string | number;
  planAthletes?: number | null | undefined;
}>;


export type GroupDashboardQuery = { groupDashboard: { available: boolean, reason: string | null, timezone: string, overview: { weekStart: string, weekEnd: string, groups: Array<{ engagedMembers: number, engagementRate: number | null, group: { id: string, name: string, memberCount: number }, stats: { totalActivities: number, totalDistance: number, totalDuration: number, avgPace: number | null }, insight: { text: string, generator: string, generatorVersion: string, storedAt: string | null } | null, topMembers: Array<{ distance: number, runs: number, athlete: { id: string, name: string }, days: Array<{ date: string, distance: number, runs: number }> }> }> } | null, comparison: { period: AnalyticsPeriod, from: string, to: string, groups: Array<{ engagedMembers: number, engagementRate: number | null, group: { id: string, name: string, memberCount: number }, stats: { totalActivities: number, totalDistance: number } }>, members: Array<{ engaged: boolean, athlete: { id: string, name: string }, stats: { totalActivities: number, totalDistance: number } }> | null } | null, trainingPlans: { athletesWithActivePlan: number, byGroup: Array<{ athletesWithPlan: number, completed: number, partial: number, missed: number, due: number, ratio: number | null, group: { id: string, name: string } }>, athletes: Array<{ id: string, name: string, currentTrainingPlan: { name: string, currentWeek: number, totalWeeks: number, progress: { completed: number, partial: number, missed: number, due: number, ratio: number | null } } | null }> } | null } };

export type OrganizationEventsSubscriptionVariables = Exact<{
  kinds?: Array<LiveEventKind> | LiveEventKind | null | undefined;
  after?: string | number | null | undefined;
}>;


export type OrganizationEventsSubscription = { organizationEvents: { id: string, kind: LiveEventKind, occurredAt: string, athleteId: string | null, runs: { localDates: Array<string>, inserted: number, updated: number, deleted: number } | null, signal: { metric: SignalMetric, severity: Severity, direction: Direction, current: number, previous: number, reason: string } | null, compliance: Array<{ workoutId: string, date: string, completedActivityId: string | null, complianceScore: number | null, previousComplianceScore: number | null }> | null, importSummary: { format: string, fileName: string | null, inserted: number, updated: number, unchanged: number, merged: number, refused: number, healthDays: number } | null, health: { localDates: Array<string>, written: number } | null } };

export type UpdateAthleteSettingsMutationVariables = Exact<{
  input: UpdateAthleteSettingsInput;
}>;


export type UpdateAthleteSettingsMutation = { updateAthleteSettings: { changedFields: Array<string>, athlete: { id: string, settings: { hrMax: number | null, restingHr: number | null, thresholdHr: number | null, thresholdPace: number | null, version: number, updatedAt: string | null } } } };

export type UpdatePlannedWorkoutMutationVariables = Exact<{
  input: UpdatePlannedWorkoutInput;
}>;


export type UpdatePlannedWorkoutMutation = { updatePlannedWorkout: { workout: { id: string, date: string, kind: WorkoutKind, plannedDistance: number | null, status: ComplianceStatus, version: number, run: { id: string, distance: number } | null } } };

export const StatsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Stats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalActivities"}},{"kind":"Field","name":{"kind":"Name","value":"totalDistance"}},{"kind":"Field","name":{"kind":"Name","value":"totalDuration"}},{"kind":"Field","name":{"kind":"Name","value":"avgPace"}},{"kind":"Field","name":{"kind":"Name","value":"avgHeartRate"}},{"kind":"Field","name":{"kind":"Name","value":"trainingLoad"}},{"kind":"Field","name":{"kind":"Name","value":"calories"}}]}}]} as unknown as DocumentNode<StatsFieldsFragment, unknown>;
export const AddGroupMemberDocument = {"__meta__":{"hash":"sha256:5b488abaf7b59da8d0f457cd42598b372a272503015472c7cd017ac16cc2b2f1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddGroupMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddGroupMemberInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addGroupMember"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"joinedOn"}},{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}}]}}]}}]}}]} as unknown as DocumentNode<AddGroupMemberMutation, AddGroupMemberMutationVariables>;
export const ArchiveAthleteDocument = {"__meta__":{"hash":"sha256:b9b7daced975913598fc6cdea571ca03ce14682adc046560f6a1e4c7b3ac435c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ArchiveAthlete"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ArchiveAthleteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archiveAthlete"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"archivedAt"}}]}}]}}]}}]} as unknown as DocumentNode<ArchiveAthleteMutation, ArchiveAthleteMutationVariables>;
export const AssignCoachDocument = {"__meta__":{"hash":"sha256:d13a1c12dfec552f69f358f6c1eb5414e5ac6c71e7e66ddcacea11f70565ae95"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AssignCoach"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssignCoachInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignCoach"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"athlete"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"coaches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AssignCoachMutation, AssignCoachMutationVariables>;
export const AttachLabelDocument = {"__meta__":{"hash":"sha256:b0abb13559390a2360321e496386a4d21bb5878e11758099b72793eaf03641e9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AttachLabel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AttachLabelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attachLabel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"labels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AttachLabelMutation, AttachLabelMutationVariables>;
export const CreateCoachDocument = {"__meta__":{"hash":"sha256:4bd48dac64fd9d6a166938e906d9c295b2b50f980f2176f029c7ea4ddf8966ca"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCoach"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCoachInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCoach"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coach"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<CreateCoachMutation, CreateCoachMutationVariables>;
export const CreateGroupDocument = {"__meta__":{"hash":"sha256:2ebf29c25cc749c532b22b698733505a2604194621d16ca79241987b47173979"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateGroupInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}}]}}]}}]}}]} as unknown as DocumentNode<CreateGroupMutation, CreateGroupMutationVariables>;
export const CreateLabelDocument = {"__meta__":{"hash":"sha256:7552b9af9eaa3a8b192f4229ebb496f9340b1733f392ae309cbcc2de86aa398e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateLabel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateLabelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createLabel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<CreateLabelMutation, CreateLabelMutationVariables>;
export const DeleteWebhookEndpointDocument = {"__meta__":{"hash":"sha256:a852abc263b1840c2e8419623fd4ffaa186c665e2b1e9ac0fa42cc01a8d7cad8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteWebhookEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedWebhookEndpointId"}}]}}]}}]} as unknown as DocumentNode<DeleteWebhookEndpointMutation, DeleteWebhookEndpointMutationVariables>;
export const RegisterWebhookEndpointDocument = {"__meta__":{"hash":"sha256:d7b2c4ba38f8fdd6df63c503b76f7b1b14ee5406c5682edac7b58a47cf32e5cc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterWebhookEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"webhookEndpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"kinds"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterWebhookEndpointMutation, RegisterWebhookEndpointMutationVariables>;
export const ReplayWebhookDeliveryDocument = {"__meta__":{"hash":"sha256:17e81222f98b3f9fefdca46ff991d6b43598d3d5be251a01c35deb606d7e06bc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReplayWebhookDelivery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReplayWebhookDeliveryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayWebhookDelivery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookDelivery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"webhookEndpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}}]}}]}}]} as unknown as DocumentNode<ReplayWebhookDeliveryMutation, ReplayWebhookDeliveryMutationVariables>;
export const SetWebhookEndpointEnabledDocument = {"__meta__":{"hash":"sha256:75f1d1675162a28b941b20839da3156bec48ac46a509b35f09c059ce05b9e698"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetWebhookEndpointEnabled"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetWebhookEndpointEnabledInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setWebhookEndpointEnabled"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookEndpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}}]}}]}}]}}]} as unknown as DocumentNode<SetWebhookEndpointEnabledMutation, SetWebhookEndpointEnabledMutationVariables>;
export const WebhookEndpointsDocument = {"__meta__":{"hash":"sha256:118ff004416652edb9fbb76ba0688a1df05b7583977315d04dc2bf8abc1e516b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebhookEndpoints"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookDeliveryStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookEndpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"kinds"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebhookEndpointsQuery, WebhookEndpointsQueryVariables>;
export const AthleteRosterDocument = {"__meta__":{"hash":"sha256:77120b68fb96321d6893b8af451716101185172cd0b5ab203519f44720f321ea"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AthleteRoster"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athletes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"unitSystem"}},{"kind":"Field","name":{"kind":"Name","value":"labels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coaches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AthleteRosterQuery, AthleteRosterQueryVariables>;
export const OrganizationDocument = {"__meta__":{"hash":"sha256:dd84420ed49b4b828f6bca216ec7e2fc458ac5d05a450ca38b985e3bdf3d26e8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"athletes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<OrganizationQuery, OrganizationQueryVariables>;
export const AthleteNamesDocument = {"__meta__":{"hash":"sha256:b6f96e9a34ec349cb73377362ada60ceb660884e4934b0281102dc8c6536d486"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AthleteNames"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athletes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AthleteNamesQuery, AthleteNamesQueryVariables>;
export const AthleteSummaryDocument = {"__meta__":{"hash":"sha256:3d7a572dd72af9db489ffaa30d96dd8f782c5cd124fd8d3320ca7a53bff987a3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AthleteSummary"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currentTrainingPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currentWeek"}},{"kind":"Field","name":{"kind":"Name","value":"totalWeeks"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ratio"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"goalRace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventName"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"goalTimeFormatted"}},{"kind":"Field","name":{"kind":"Name","value":"predictedTime"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}},{"kind":"Field","name":{"kind":"Name","value":"gapToGoal"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fitness"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ctl"}},{"kind":"Field","name":{"kind":"Name","value":"atl"}},{"kind":"Field","name":{"kind":"Name","value":"tsb"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attentionSignals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"insights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weeklySummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AthleteSummaryQuery, AthleteSummaryQueryVariables>;
export const MeDocument = {"__meta__":{"hash":"sha256:fc7ecb5494b69ee260c07c017f8ca82487be90c6f52256dc79f69036b38cbf00"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"athlete"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"unitSystem"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const MyWeekDocument = {"__meta__":{"hash":"sha256:276911c8da7ed04565d44f78f74a5ea239a543162311febf8d38779826cfb1fc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyWeek"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fitnessStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"IntValue","value":"7"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalActivities"}},{"kind":"Field","name":{"kind":"Name","value":"totalDistance"}},{"kind":"Field","name":{"kind":"Name","value":"totalDuration"}},{"kind":"Field","name":{"kind":"Name","value":"avgPace"}}]}},{"kind":"Field","name":{"kind":"Name","value":"streak"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"current"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"length"}}]}},{"kind":"Field","name":{"kind":"Name","value":"longest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"length"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"charts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dailyDistance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"IntValue","value":"7"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyWeekQuery, MyWeekQueryVariables>;
export const AthleteProfileDocument = {"__meta__":{"hash":"sha256:04a1488907749ef32b0bcbbd31082d67791252ec1690b843ace46a8da3cdac8f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AthleteProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"unitSystem"}},{"kind":"Field","name":{"kind":"Name","value":"labels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coaches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentTrainingPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"currentWeek"}},{"kind":"Field","name":{"kind":"Name","value":"totalWeeks"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completed"}},{"kind":"Field","name":{"kind":"Name","value":"partial"}},{"kind":"Field","name":{"kind":"Name","value":"missed"}},{"kind":"Field","name":{"kind":"Name","value":"due"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"ratio"}}]}},{"kind":"Field","name":{"kind":"Name","value":"thisWeek"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"plannedDistance"}},{"kind":"Field","name":{"kind":"Name","value":"complianceScore"}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"distance"}},{"kind":"Field","name":{"kind":"Name","value":"movingTime"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"goalRace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventName"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"distance"}},{"kind":"Field","name":{"kind":"Name","value":"goalTime"}},{"kind":"Field","name":{"kind":"Name","value":"goalTimeFormatted"}},{"kind":"Field","name":{"kind":"Name","value":"predictedTime"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"vdot"}},{"kind":"Field","name":{"kind":"Name","value":"gapToGoal"}},{"kind":"Field","name":{"kind":"Name","value":"basedOn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"distance"}},{"kind":"Field","name":{"kind":"Name","value":"duration"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"integrations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}},{"kind":"Field","name":{"kind":"Name","value":"insights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weeklySummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"generator"}},{"kind":"Field","name":{"kind":"Name","value":"generatorVersion"}},{"kind":"Field","name":{"kind":"Name","value":"storedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recentActivities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"activityId"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"storedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"attentionSignals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"previous"}},{"kind":"Field","name":{"kind":"Name","value":"current"}},{"kind":"Field","name":{"kind":"Name","value":"change"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataQuality"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"met"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"recentActivities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"localDate"}},{"kind":"Field","name":{"kind":"Name","value":"distance"}},{"kind":"Field","name":{"kind":"Name","value":"movingTime"}},{"kind":"Field","name":{"kind":"Name","value":"avgPace"}},{"kind":"Field","name":{"kind":"Name","value":"avgHeartRate"}},{"kind":"Field","name":{"kind":"Name","value":"trainingLoad"}},{"kind":"Field","name":{"kind":"Name","value":"loadMethod"}},{"kind":"Field","name":{"kind":"Name","value":"paceZ1Time"}},{"kind":"Field","name":{"kind":"Name","value":"paceZ2Time"}},{"kind":"Field","name":{"kind":"Name","value":"paceZ3Time"}},{"kind":"Field","name":{"kind":"Name","value":"paceZ4Time"}},{"kind":"Field","name":{"kind":"Name","value":"paceZ5Time"}},{"kind":"Field","name":{"kind":"Name","value":"hrZ1Time"}},{"kind":"Field","name":{"kind":"Name","value":"hrZ2Time"}},{"kind":"Field","name":{"kind":"Name","value":"hrZ3Time"}},{"kind":"Field","name":{"kind":"Name","value":"hrZ4Time"}},{"kind":"Field","name":{"kind":"Name","value":"hrZ5Time"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fitness"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"ctl"}},{"kind":"Field","name":{"kind":"Name","value":"atl"}},{"kind":"Field","name":{"kind":"Name","value":"tsb"}},{"kind":"Field","name":{"kind":"Name","value":"ctlDays"}},{"kind":"Field","name":{"kind":"Name","value":"atlDays"}},{"kind":"Field","name":{"kind":"Name","value":"rampRate"}},{"kind":"Field","name":{"kind":"Name","value":"vo2max"}},{"kind":"Field","name":{"kind":"Name","value":"restingHeartRate"}},{"kind":"Field","name":{"kind":"Name","value":"hrv7d"}}]}}]}}]}}]} as unknown as DocumentNode<AthleteProfileQuery, AthleteProfileQueryVariables>;
export const AthleteStatsDocument = {"__meta__":{"hash":"sha256:231bf357f288f0ad5a277aa4fdf27e277f4ee95b7bf4ba62e7c58d70148a0f11"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AthleteStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Timestamp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Timestamp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"timezone"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TimeZone"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"monthStart"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"monthEnd"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","alias":{"kind":"Name","value":"last7"},"name":{"kind":"Name","value":"fitnessStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"IntValue","value":"7"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatsFields"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"last28"},"name":{"kind":"Name","value":"fitnessStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"IntValue","value":"28"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"runningStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"fromTimestamp"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"toTimestamp"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"rangeType"},"value":{"kind":"EnumValue","value":"WEEKLY"}},{"kind":"Argument","name":{"kind":"Name","value":"metricType"},"value":{"kind":"EnumValue","value":"DISTANCE"}},{"kind":"Argument","name":{"kind":"Name","value":"timezone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"timezone"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"duration"}},{"kind":"Field","name":{"kind":"Name","value":"trainingLoad"}},{"kind":"Field","name":{"kind":"Name","value":"calories"}},{"kind":"Field","name":{"kind":"Name","value":"paceZ1Time"}},{"kind":"Field","name":{"kind":"Name","value":"paceZ2Time"}},{"kind":"Field","name":{"kind":"Name","value":"paceZ3Time"}},{"kind":"Field","name":{"kind":"Name","value":"paceZ4Time"}},{"kind":"Field","name":{"kind":"Name","value":"paceZ5Time"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatsFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"activityStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"monthStart"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"monthEnd"}}},{"kind":"Argument","name":{"kind":"Name","value":"granularity"},"value":{"kind":"EnumValue","value":"DAY"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"longestRun"}},{"kind":"Field","name":{"kind":"Name","value":"elevationGain"}},{"kind":"Field","name":{"kind":"Name","value":"hrZ1Time"}},{"kind":"Field","name":{"kind":"Name","value":"hrZ2Time"}},{"kind":"Field","name":{"kind":"Name","value":"hrZ3Time"}},{"kind":"Field","name":{"kind":"Name","value":"hrZ4Time"}},{"kind":"Field","name":{"kind":"Name","value":"hrZ5Time"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatsFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"healthMetrics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"monthStart"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"monthEnd"}}},{"kind":"Argument","name":{"kind":"Name","value":"granularity"},"value":{"kind":"EnumValue","value":"WEEK"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"restingHeartRate"}},{"kind":"Field","name":{"kind":"Name","value":"restingHeartRateReadings"}},{"kind":"Field","name":{"kind":"Name","value":"hrv"}},{"kind":"Field","name":{"kind":"Name","value":"hrvReadings"}},{"kind":"Field","name":{"kind":"Name","value":"vo2max"}},{"kind":"Field","name":{"kind":"Name","value":"vo2maxReadings"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"streak"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"current"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"length"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}},{"kind":"Field","name":{"kind":"Name","value":"longest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"length"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}},{"kind":"Field","name":{"kind":"Name","value":"calendar"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"monthStart"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"monthEnd"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"distance"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"charts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dailyDistance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slope"}},{"kind":"Field","name":{"kind":"Name","value":"slopeUnit"}},{"kind":"Field","name":{"kind":"Name","value":"trendWindow"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"trend"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"weeklyTrainingLoad"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"weeks"},"value":{"kind":"IntValue","value":"12"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slope"}},{"kind":"Field","name":{"kind":"Name","value":"slopeUnit"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"trend"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"restingHeartRate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"IntValue","value":"90"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slope"}},{"kind":"Field","name":{"kind":"Name","value":"slopeUnit"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"trend"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Stats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalActivities"}},{"kind":"Field","name":{"kind":"Name","value":"totalDistance"}},{"kind":"Field","name":{"kind":"Name","value":"totalDuration"}},{"kind":"Field","name":{"kind":"Name","value":"avgPace"}},{"kind":"Field","name":{"kind":"Name","value":"avgHeartRate"}},{"kind":"Field","name":{"kind":"Name","value":"trainingLoad"}},{"kind":"Field","name":{"kind":"Name","value":"calories"}}]}}]} as unknown as DocumentNode<AthleteStatsQuery, AthleteStatsQueryVariables>;
export const AthletesListDocument = {"__meta__":{"hash":"sha256:9432940cde22e43d112ce1d5b4ce1f20b83876abea3877727d8ed04490fd1674"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AthletesList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AthleteFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AthleteOrder"}},"defaultValue":{"kind":"EnumValue","value":"NAME"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coachAthletesMetrics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"labels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coaches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentTrainingPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currentWeek"}},{"kind":"Field","name":{"kind":"Name","value":"totalWeeks"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ratio"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastActivity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"localDate"}},{"kind":"Field","name":{"kind":"Name","value":"distance"}},{"kind":"Field","name":{"kind":"Name","value":"movingTime"}},{"kind":"Field","name":{"kind":"Name","value":"avgPace"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"last7"},"name":{"kind":"Name","value":"fitnessStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"IntValue","value":"7"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalDistance"}},{"kind":"Field","name":{"kind":"Name","value":"trainingLoad"}},{"kind":"Field","name":{"kind":"Name","value":"totalActivities"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"last28"},"name":{"kind":"Name","value":"fitnessStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"IntValue","value":"28"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalDistance"}},{"kind":"Field","name":{"kind":"Name","value":"trainingLoad"}},{"kind":"Field","name":{"kind":"Name","value":"totalActivities"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fitness"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ctl"}},{"kind":"Field","name":{"kind":"Name","value":"atl"}},{"kind":"Field","name":{"kind":"Name","value":"tsb"}},{"kind":"Field","name":{"kind":"Name","value":"vo2max"}},{"kind":"Field","name":{"kind":"Name","value":"hrv7d"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attentionSignals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataQuality"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AthletesListQuery, AthletesListQueryVariables>;
export const CreateAthleteDocument = {"__meta__":{"hash":"sha256:a2dd208a8cfe347264684852133bda5d04f88d13ed7a8922864e79dde8201dd5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateAthlete"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateAthleteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAthlete"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"unitSystem"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<CreateAthleteMutation, CreateAthleteMutationVariables>;
export const CreateGoalRaceDocument = {"__meta__":{"hash":"sha256:407479fc4ec8bf2b722d73c4b429f7fcd61bbde0fe20bb27efeb03bbbd65a6f3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateGoalRace"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateGoalRaceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createGoalRace"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goalRace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventName"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"distance"}},{"kind":"Field","name":{"kind":"Name","value":"goalTime"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"predictedTime"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}},{"kind":"Field","name":{"kind":"Name","value":"method"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateGoalRaceMutation, CreateGoalRaceMutationVariables>;
export const CreateTrainingPlanDocument = {"__meta__":{"hash":"sha256:e46a479fe81db1dd25fed3b8c87d42869cafabac8b9b6a5414279ffee739a8cd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTrainingPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTrainingPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTrainingPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"totalWeeks"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completed"}},{"kind":"Field","name":{"kind":"Name","value":"partial"}},{"kind":"Field","name":{"kind":"Name","value":"missed"}},{"kind":"Field","name":{"kind":"Name","value":"due"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"ratio"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateTrainingPlanMutation, CreateTrainingPlanMutationVariables>;
export const FilterMenusDocument = {"__meta__":{"hash":"sha256:e7503480d875674e8ad8edce3c66118a7c0f02000c27e397b8284db31cf34891"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FilterMenus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"labels"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"coaches"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FilterMenusQuery, FilterMenusQueryVariables>;
export const GroupDashboardDocument = {"__meta__":{"hash":"sha256:31b187a3a7584bbc3959c16695e83fb6339a3bec4a52dfb21953b3536eee064f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GroupDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"week"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"top"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"5"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AnalyticsPeriod"}},"defaultValue":{"kind":"EnumValue","value":"LAST_7_DAYS"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"drillGroupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"planAthletes"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"groupDashboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"overview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"week"},"value":{"kind":"Variable","name":{"kind":"Name","value":"week"}}},{"kind":"Argument","name":{"kind":"Name","value":"top"},"value":{"kind":"Variable","name":{"kind":"Name","value":"top"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weekStart"}},{"kind":"Field","name":{"kind":"Name","value":"weekEnd"}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalActivities"}},{"kind":"Field","name":{"kind":"Name","value":"totalDistance"}},{"kind":"Field","name":{"kind":"Name","value":"totalDuration"}},{"kind":"Field","name":{"kind":"Name","value":"avgPace"}}]}},{"kind":"Field","name":{"kind":"Name","value":"engagedMembers"}},{"kind":"Field","name":{"kind":"Name","value":"engagementRate"}},{"kind":"Field","name":{"kind":"Name","value":"insight"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"generator"}},{"kind":"Field","name":{"kind":"Name","value":"generatorVersion"}},{"kind":"Field","name":{"kind":"Name","value":"storedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"topMembers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"distance"}},{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"days"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"distance"}},{"kind":"Field","name":{"kind":"Name","value":"runs"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"comparison"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalActivities"}},{"kind":"Field","name":{"kind":"Name","value":"totalDistance"}}]}},{"kind":"Field","name":{"kind":"Name","value":"engagedMembers"}},{"kind":"Field","name":{"kind":"Name","value":"engagementRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"drillGroupId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalActivities"}},{"kind":"Field","name":{"kind":"Name","value":"totalDistance"}}]}},{"kind":"Field","name":{"kind":"Name","value":"engaged"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"trainingPlans"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"planAthletes"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athletesWithActivePlan"}},{"kind":"Field","name":{"kind":"Name","value":"byGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"athletesWithPlan"}},{"kind":"Field","name":{"kind":"Name","value":"completed"}},{"kind":"Field","name":{"kind":"Name","value":"partial"}},{"kind":"Field","name":{"kind":"Name","value":"missed"}},{"kind":"Field","name":{"kind":"Name","value":"due"}},{"kind":"Field","name":{"kind":"Name","value":"ratio"}}]}},{"kind":"Field","name":{"kind":"Name","value":"athletes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currentTrainingPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currentWeek"}},{"kind":"Field","name":{"kind":"Name","value":"totalWeeks"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completed"}},{"kind":"Field","name":{"kind":"Name","value":"partial"}},{"kind":"Field","name":{"kind":"Name","value":"missed"}},{"kind":"Field","name":{"kind":"Name","value":"due"}},{"kind":"Field","name":{"kind":"Name","value":"ratio"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<GroupDashboardQuery, GroupDashboardQueryVariables>;
export const OrganizationEventsDocument = {"__meta__":{"hash":"sha256:ddfbd3d1ac0eff48b6f702fe46d41cc1566fc367a8fabece8125df94a77e033b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OrganizationEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LiveEventKind"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kinds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"athleteId"}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"localDates"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"signal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"current"}},{"kind":"Field","name":{"kind":"Name","value":"previous"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compliance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workoutId"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"completedActivityId"}},{"kind":"Field","name":{"kind":"Name","value":"complianceScore"}},{"kind":"Field","name":{"kind":"Name","value":"previousComplianceScore"}}]}},{"kind":"Field","name":{"kind":"Name","value":"importSummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"merged"}},{"kind":"Field","name":{"kind":"Name","value":"refused"}},{"kind":"Field","name":{"kind":"Name","value":"healthDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"localDates"}},{"kind":"Field","name":{"kind":"Name","value":"written"}}]}}]}}]}}]} as unknown as DocumentNode<OrganizationEventsSubscription, OrganizationEventsSubscriptionVariables>;
export const UpdateAthleteSettingsDocument = {"__meta__":{"hash":"sha256:fa8c1649ce67fa0e4e7d33e7eb8dca607a7d09b7c7d4d6fc4665c8c04c730095"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateAthleteSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateAthleteSettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAthleteSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changedFields"}},{"kind":"Field","name":{"kind":"Name","value":"athlete"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hrMax"}},{"kind":"Field","name":{"kind":"Name","value":"restingHr"}},{"kind":"Field","name":{"kind":"Name","value":"thresholdHr"}},{"kind":"Field","name":{"kind":"Name","value":"thresholdPace"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpdateAthleteSettingsMutation, UpdateAthleteSettingsMutationVariables>;
export const UpdatePlannedWorkoutDocument = {"__meta__":{"hash":"sha256:3d57c5ce90d8b253e53933fb729f5c2ee32701e75485c5ee3cca900ee89ae89e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePlannedWorkout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePlannedWorkoutInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePlannedWorkout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"plannedDistance"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"distance"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpdatePlannedWorkoutMutation, UpdatePlannedWorkoutMutationVariables>;