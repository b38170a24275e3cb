// The live feed's events (docs/api.md, Live events): what a coach would act on, written with
// the data that changed. Pure: the payloads, and which attention signals were raised or cleared.

import type { AttentionSignal, SignalMetric } from './signals';

export const LIVE_EVENT_KINDS = ['RUNS_CHANGED', 'SIGNAL_RAISED', 'SIGNAL_CLEARED', 'PLAN_COMPLIANCE_CHANGED', 'IMPORT_FINISHED', 'HEALTH_RECORDED'] as const;
export type LiveEventKind = (typeof LIVE_EVENT_KINDS)[number];

export interface RunsChangedPayload {
  localDates: string[];
  inserted: number;
  updated: number;
  deleted: number;
}

/** A signal as published: what it was when raised, or its last published values when cleared. */
export interface SignalPayload {
  metric: SignalMetric;
  severity: AttentionSignal['severity'];
  direction: AttentionSignal['direction'];
  previous: number;
  current: number;
  change: number;
  reason: string;
}

export interface ComplianceChangedPayload {
  workouts: { workoutId: number; date: string; completedActivityId: number | null; complianceScore: number | null; previousComplianceScore: number | null }[];
}

export interface ImportFinishedPayload {
  format: string;
  fileName: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  merged: number;
  refused: number;
  healthDays: number;
}

export interface HealthRecordedPayload {
  localDates: string[];
  written: number;
}

export type LiveEventPayload = RunsChangedPayload | SignalPayload | ComplianceChangedPayload | ImportFinishedPayload | HealthRecordedPayload;

export interface NewLiveEvent {
  kind: LiveEventKind;
  athleteId: number;
  payload: LiveEventPayload;
}

/** An event as read from the outbox: `seq` is its number in its organization. */
export interface LiveEvent extends NewLiveEvent {
  seq: number;
  occurredAt: Date;
}

export function signalPayload(signal: AttentionSignal): SignalPayload {
  const { metric, severity, direction, previous, current, change, reason } = signal;
  return { metric, severity, direction, previous, current, change, reason };
}

/**
 * The events between the signals last published for an athlete and those in force now, by
 * metric: a new metric is raised, a gone one cleared, and one whose severity or direction
 * changed is raised again (its values alone moving is not news). Cleared first, then raised,
 * each in metric order.
 */
export function signalEvents(athleteId: number, published: readonly SignalPayload[], now: readonly SignalPayload[]): NewLiveEvent[] {
  const before = new Map(published.map((s) => [s.metric, s]));
  const after = new Map(now.map((s) => [s.metric, s]));
  const byMetric = (a: SignalPayload, b: SignalPayload) => a.metric.localeCompare(b.metric);
  const cleared = published.filter((s) => !after.has(s.metric)).sort(byMetric);
  const raised = now
    .filter((s) => {
      const old = before.get(s.metric);
      return !old || old.severity !== s.severity || old.direction !== s.direction;
    })
    .sort(byMetric);
  return [
    ...cleared.map((payload) => ({ kind: 'SIGNAL_CLEARED' as const, athleteId, payload })),
    ...raised.map((payload) => ({ kind: 'SIGNAL_RAISED' as const, athleteId, payload })),
  ];
}
