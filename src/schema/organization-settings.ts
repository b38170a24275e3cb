import { builder } from './builder';
import { Organization } from './organization';
import { badInput, checkVersion } from '../errors';
import { assertAdmin } from '../auth/permissions';
import { DEFAULT_RISK_THRESHOLDS, RISK_THRESHOLD_RANGES, riskThresholdsProblem, type RiskThresholds } from '../domain/signals';
import { findSignalThresholds, lockSignalThresholds, writeSignalThresholds, type SignalThresholdsRow } from '../repositories/organization-settings';

// The organization's thresholds of the load-risk attention signals (ACWR_HIGH, MONOTONY_HIGH,
// RAMP_HIGH): read by anyone of the organization, changed by admins only.

const R = RISK_THRESHOLD_RANGES;
const D = DEFAULT_RISK_THRESHOLDS;

const SignalThresholds = builder.objectRef<SignalThresholdsRow>('SignalThresholds').implement({
  description: 'When the load-risk attention signals fire; the defaults until an admin changes them.',
  fields: (t) => ({
    acwrMax: t.exposeFloat('acwrMax', { description: `ACWR_HIGH fires when today's ACWR (EWMA) is above this (default ${D.acwrMax}, ${R.acwrMax.min}..${R.acwrMax.max}).` }),
    monotonyMax: t.exposeFloat('monotonyMax', { description: `MONOTONY_HIGH fires when Foster's monotony is above this (default ${D.monotonyMax}, ${R.monotonyMax.min}..${R.monotonyMax.max}).` }),
    weeklyRampMax: t.exposeFloat('weeklyRampMax', { description: `RAMP_HIGH fires when CTL rose over 7 days by more than this share of CTL 7 days ago (default ${D.weeklyRampMax} = 10%, ${R.weeklyRampMax.min}..${R.weeklyRampMax.max}).` }),
    version: t.exposeInt('version', { description: 'Increments with every change; pass it as expectedVersion to refuse a stale update. 1 before any change.' }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'When an admin last changed them; null while they are the defaults never changed.', resolve: (r) => r.updatedAt }),
  }),
});

builder.objectField(Organization, 'signalThresholds', (t) =>
  t.field({
    type: SignalThresholds,
    description: 'Thresholds of the ACWR, monotony and weekly-ramp attention signals.',
    resolve: (_org, _args, ctx) => findSignalThresholds(ctx.db, ctx.viewer.orgId),
  }),
);

const valueDescription = (key: keyof RiskThresholds) =>
  `${R[key].min}..${R[key].max}; left out keeps the value, null restores the default (${D[key]}).`;

const updateOrganizationSignalThresholds = builder.relayMutationField(
  'updateOrganizationSignalThresholds',
  {
    description: 'New thresholds of the load-risk signals.',
    inputFields: (t) => ({
      acwrMax: t.float({ description: `ACWR above which ACWR_HIGH fires: ${valueDescription('acwrMax')}` }),
      monotonyMax: t.float({ description: `Monotony above which MONOTONY_HIGH fires: ${valueDescription('monotonyMax')}` }),
      weeklyRampMax: t.float({ description: `Weekly CTL ramp (a share: 0.1 = 10%) above which RAMP_HIGH fires: ${valueDescription('weeklyRampMax')}` }),
      expectedVersion: t.int({ description: 'SignalThresholds.version as read; a stale one is CONFLICT and nothing changes.' }),
    }),
  },
  {
    description: "Changes the organization's load-risk signal thresholds (admins only); signals read them from the next request on.",
    resolve: async (_root, { input }, ctx) => {
      assertAdmin(ctx.viewer, 'updateOrganizationSignalThresholds');
      const sent: Partial<RiskThresholds> = {};
      for (const key of ['acwrMax', 'monotonyMax', 'weeklyRampMax'] as const) {
        if (input[key] !== undefined) sent[key] = input[key] ?? D[key];
      }
      const problem = riskThresholdsProblem(sent);
      if (problem) throw badInput(problem);
      const current = await lockSignalThresholds(ctx.db, ctx.viewer.orgId);
      checkVersion('the signal thresholds', current.version, input.expectedVersion);
      // Like the settings updates: sending the values already stored is no change and no version step.
      const next = { ...current, ...sent };
      if (next.acwrMax === current.acwrMax && next.monotonyMax === current.monotonyMax && next.weeklyRampMax === current.weeklyRampMax) return current;
      await writeSignalThresholds(ctx.db, ctx.viewer.orgId, next, ctx.viewer.userId);
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
