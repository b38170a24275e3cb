import { builder } from './builder';
import { publishSignalChanges } from '../ingest/live-events';
import { findAthleteIds } from '../repositories/athletes';
import { Organization } from './organization';
import { badInput, checkVersion } from '../errors';
import { assertAdmin } from '../auth/permissions';
import {
  DEFAULT_SIGNAL_THRESHOLDS, SIGNAL_THRESHOLD_KEYS, SIGNAL_THRESHOLD_RANGES, signalThresholdsProblem, type SignalThresholds,
} from '../domain/signals';
import { findSignalThresholds, lockSignalThresholds, writeSignalThresholds, type SignalThresholdsRow } from '../repositories/organization-settings';

// The organization's thresholds of the attention signals: the health ones (HRV, RECOVERY_SCORE,
// VO2MAX) and the load-risk ones (ACWR_HIGH, MONOTONY_HIGH, RAMP_HIGH). Read by anyone of the
// organization, changed by admins only.

const R = SIGNAL_THRESHOLD_RANGES;
const D = DEFAULT_SIGNAL_THRESHOLDS;
const range = (key: keyof SignalThresholds) => `default ${D[key]}, ${R[key].min}..${R[key].max}`;

const SignalThresholds = builder.objectRef<SignalThresholdsRow>('SignalThresholds').implement({
  description: 'When the attention signals fire (docs/metrics.md, Attention signals); the defaults until an admin changes them.',
  fields: (t) => ({
    hrvSd: t.exposeFloat('hrvSd', { description: `HRV fires when the week-over-week change of mean ln(RMSSD) is more than this many SDs of the 60-day baseline (${range('hrvSd')}).` }),
    recoveryPoints: t.exposeFloat('recoveryPoints', { description: `RECOVERY_SCORE fires when the week-over-week change of the mean recovery score is at least this many points (${range('recoveryPoints')}).` }),
    vo2max: t.exposeFloat('vo2max', { description: `VO2MAX fires when the week-over-week change of mean VO2max is at least this many ml/kg/min (${range('vo2max')}).` }),
    acwrMax: t.exposeFloat('acwrMax', { description: `ACWR_HIGH fires when today's ACWR (EWMA) is above this (${range('acwrMax')}).` }),
    monotonyMax: t.exposeFloat('monotonyMax', { description: `MONOTONY_HIGH fires when Foster's monotony is above this (${range('monotonyMax')}).` }),
    weeklyRampMax: t.exposeFloat('weeklyRampMax', { description: `RAMP_HIGH fires when CTL rose over 7 days by more than this share of CTL 7 days ago (${range('weeklyRampMax')}; 0.1 = 10%).` }),
    version: t.exposeInt('version', { description: 'Increments with every change; pass it as expectedVersion to refuse a stale update. 1 before any change.' }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'When they were last changed; null while they are the defaults never changed.', resolve: (r) => r.updatedAt }),
  }),
});

builder.objectField(Organization, 'signalThresholds', (t) =>
  t.field({
    type: SignalThresholds,
    description: 'Thresholds of the attention signals: HRV, recovery score and VO2max week over week, ACWR, monotony and weekly ramp today.',
    resolve: (_org, _args, ctx) => findSignalThresholds(ctx.db, ctx.viewer.orgId),
  }),
);

const valueDescription = (key: keyof SignalThresholds) =>
  `${R[key].min}..${R[key].max}; left out keeps the value, null restores the default (${D[key]}).`;

const updateOrganizationSignalThresholds = builder.relayMutationField(
  'updateOrganizationSignalThresholds',
  {
    description: 'New thresholds of the attention signals; fields left out keep their values.',
    inputFields: (t) => ({
      hrvSd: t.float({ description: `SDs of the 60-day ln(RMSSD) baseline that the week-over-week HRV change must exceed for HRV to fire: ${valueDescription('hrvSd')}` }),
      recoveryPoints: t.float({ description: `Points of week-over-week recovery-score change at which RECOVERY_SCORE fires: ${valueDescription('recoveryPoints')}` }),
      vo2max: t.float({ description: `ml/kg/min of week-over-week VO2max change at which VO2MAX fires: ${valueDescription('vo2max')}` }),
      acwrMax: t.float({ description: `ACWR above which ACWR_HIGH fires: ${valueDescription('acwrMax')}` }),
      monotonyMax: t.float({ description: `Monotony above which MONOTONY_HIGH fires: ${valueDescription('monotonyMax')}` }),
      weeklyRampMax: t.float({ description: `Weekly CTL ramp (a share: 0.1 = 10%) above which RAMP_HIGH fires: ${valueDescription('weeklyRampMax')}` }),
      expectedVersion: t.int({ description: 'SignalThresholds.version as read; a stale one is CONFLICT and nothing changes.' }),
    }),
  },
  {
    description: "Changes the organization's attention-signal thresholds (admins only); signals and the Athletes list's ATTENTION order read them from the next request on.",
    resolve: async (_root, { input }, ctx) => {
      assertAdmin(ctx.viewer, 'updateOrganizationSignalThresholds');
      const sent: Partial<SignalThresholds> = {};
      for (const key of SIGNAL_THRESHOLD_KEYS) {
        if (input[key] !== undefined) sent[key] = input[key] ?? D[key];
      }
      const problem = signalThresholdsProblem(sent);
      if (problem) throw badInput(problem);
      const current = await lockSignalThresholds(ctx.db, ctx.viewer.orgId);
      checkVersion('the signal thresholds', current.version, input.expectedVersion);
      // Like the settings updates: sending the values already stored is no change and no version step.
      const next = { ...current, ...sent };
      if (SIGNAL_THRESHOLD_KEYS.every((key) => next[key] === current[key])) return current;
      await writeSignalThresholds(ctx.db, ctx.viewer.orgId, next, ctx.viewer.userId);
      await publishSignalChanges(ctx.db, ctx.viewer.orgId, await findAthleteIds(ctx.db, ctx.viewer.orgId), ctx.now);
      return findSignalThresholds(ctx.db, ctx.viewer.orgId);
    },
  },
  {
    description: 'The thresholds as stored now.',
    outputFields: (t) => ({
      signalThresholds: t.field({ type: SignalThresholds, description: 'The thresholds after the change, with the new version.', resolve: (r) => r }),
    }),
  },
);
void updateOrganizationSignalThresholds;
