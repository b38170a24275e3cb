import { builder } from './builder';
import { argsKey, batched, groupBy, loadByArgs } from './loaders';
import { Athlete } from './athlete';
import { badInput } from '../errors';
import { DEFAULT_SIGNAL_THRESHOLDS, type AttentionSignal } from '../domain/signals';
import {
  DEFAULT_ACWR_METHOD, EMPTY_RISK_STATE, RAMP_RATE_UNIT, advanceRiskState, riskIndicators, riskStates, type RiskDay, type RiskIndicators,
} from '../domain/risk';
import { addDays } from '../domain/time';
import { daysBetween } from '../domain/buckets';
import { attentionSignalsOf, findAttentionInputs, findRiskStates } from '../repositories/attention';
import { findRiskDays } from '../repositories/risk';
import { findSignalReadings } from '../repositories/health';
import { cachedBasis, MetricBasisRef } from './metric-basis';

// Attention signals and the load-risk indicators they read. Both come from one statement per
// batch of athletes (repositories/attention.ts), so the Athletes list grows none for either.

export const SignalMetric = builder.enumType('SignalMetric', {
  description: 'What an attention signal is about.',
  values: {
    HRV: { description: 'HRV (ln RMSSD) changed week over week.' },
    RECOVERY_SCORE: { description: 'Recovery score changed week over week.' },
    VO2MAX: { description: 'VO2max changed week over week.' },
    ACWR_HIGH: { description: "Today's acute:chronic workload ratio (EWMA) is above the organization's acwrMax." },
    MONOTONY_HIGH: { description: "Foster's monotony over the last 7 days is above the organization's monotonyMax." },
    RAMP_HIGH: { description: "CTL rose over the last 7 days by more than the organization's weeklyRampMax (a share of CTL 7 days ago)." },
  } as const,
});
export const Direction = builder.enumType('Direction', {
  description: 'Which way an attention signal moved, current against previous.',
  values: {
    UP: { description: 'current ≥ previous (a rise, or a load-risk value at or above its threshold).' },
    DOWN: { description: 'current < previous (a fall).' },
  } as const,
});
export const Severity = builder.enumType('Severity', {
  description: 'How urgent an attention signal is (docs/metrics.md, Attention signals).',
  values: {
    HIGH: { description: 'Health: a fall of at least twice the threshold. Load risk: at least 1.25 times the threshold.' },
    MEDIUM: { description: 'Health: a smaller fall past the threshold. Load risk: above the threshold, below 1.25 times it.' },
    LOW: { description: 'Health: a rise past the threshold. Not used for load risk.' },
  } as const,
});

/** A signal with the athlete and day it was raised for, so its readings can be fetched, and the end of its mute. */
type SignalOfAthlete = AttentionSignal & { athleteId: number; today: string; mutedUntil: Date | null };

interface SignalReading {
  date: string;
  value: number;
  week: 'PREVIOUS' | 'CURRENT';
}

const SignalWeek = builder.enumType('SignalWeek', {
  description: 'Which of the two compared weeks a reading belongs to.',
  values: {
    PREVIOUS: { description: 'The 7 local days before the current week (today − 13 .. today − 7).' },
    CURRENT: { description: 'The last 7 local days, today included (today − 6 .. today).' },
  } as const,
});

const SignalReadingRef = builder.objectRef<SignalReading>('SignalReading').implement({
  description: 'One daily reading behind a health signal.',
  fields: (t) => ({
    date: t.expose('date', { type: 'Date', description: "The athlete's local day of the reading." }),
    value: t.exposeFloat('value', { description: 'HRV RMSSD in ms, recovery score 0..100, or VO2max in ml/kg/min.' }),
    week: t.expose('week', { type: SignalWeek, description: 'The week the reading was averaged into.' }),
  }),
});

const READING_COLUMN = { HRV: 'hrv_rmssd_ms', RECOVERY_SCORE: 'recovery_score', VO2MAX: 'vo2max' } as const;

/** The two weeks' readings of a batch's athletes: one statement, only when a client asks for them. */
const loadSignalReadings = batched('loadSignalReadings', async (athleteIds: number[], ctx) => {
  const byAthlete = groupBy(await findSignalReadings(ctx.db, ctx.viewer.orgId, athleteIds, ctx.now), (r) => r.athlete_id);
  return athleteIds.map((id) => byAthlete.get(id) ?? []);
});

const AttentionSignalRef = builder.objectRef<SignalOfAthlete>('AttentionSignal').implement({
  description: "A change worth a coach's look: health week over week (the last 7 local days against the 7 before), or load risk today above a threshold.",
  fields: (t) => ({
    metric: t.expose('metric', { type: SignalMetric, description: 'What changed.' }),
    previous: t.exposeFloat('previous', { description: "Health: the previous week's value (HRV as the geometric mean in ms, the others as means). Risk: the organization's threshold." }),
    current: t.exposeFloat('current', { description: "Health: this week's value. Risk: today's value (RAMP_HIGH as a share, 0.12 = 12%)." }),
    change: t.exposeFloat('change', { description: 'current − previous.' }),
    direction: t.expose('direction', { type: Direction, description: 'UP when current ≥ previous.' }),
    severity: t.expose('severity', { type: Severity, description: 'Health: a fall of twice the threshold or more is HIGH, a smaller fall MEDIUM, a rise LOW. Risk: HIGH from 1.25 times the threshold, else MEDIUM.' }),
    reason: t.exposeString('reason', { description: 'A sentence with the numbers.' }),
    mutedUntil: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the mute on this metric for this athlete ends (muteAttentionSignal); null when the signal is not muted. Only attentionSignals(includeMuted: true) answers muted signals.',
      resolve: (s) => s.mutedUntil,
    }),
    readings: t.field({
      type: [SignalReadingRef],
      description: "The daily readings the two weeks' values come from, oldest first (docs/metrics.md, Attention signals); empty for the load-risk signals, which read the training load (riskIndicators). One statement for a page of athletes.",
      resolve: async (s, _args, ctx) => {
        if (!(s.metric in READING_COLUMN)) return [];
        const column = READING_COLUMN[s.metric as keyof typeof READING_COLUMN];
        const currentFrom = addDays(s.today, -6);
        return (await loadSignalReadings(s.athleteId, ctx)).flatMap((r) => {
          const value = r[column];
          return value === null ? [] : [{ date: r.date, value, week: r.date >= currentFrom ? 'CURRENT' as const : 'PREVIOUS' as const }];
        });
      },
    }),
  }),
});

/** athleteId is absent on riskHistory's days, which carry no basis. */
type RiskToday = RiskIndicators & { asOf: string; athleteId?: number };

const loadAttention = batched('loadAttention', async (athleteIds: number[], ctx): Promise<SignalOfAthlete[][]> => {
  const rows = new Map((await findAttentionInputs(ctx.db, ctx.viewer.orgId, athleteIds, ctx.now)).map((r) => [r.athlete_id, r]));
  // Every row carries its organization's thresholds, and a batch is one organization's.
  const first = rows.values().next().value;
  const thresholds = first?.thresholds ?? DEFAULT_SIGNAL_THRESHOLDS;
  return athleteIds.map((id) => {
    const r = rows.get(id);
    if (!r) return [];
    return attentionSignalsOf(r, thresholds, true).map((signal) => Object.assign(signal, { athleteId: id, today: r.today }));
  });
});

/** Today's indicators from the cache written on the last write, later days counting as rest days: one statement, only when asked for. */
const loadRiskToday = batched('loadRiskToday', async (athleteIds: number[], ctx): Promise<(RiskToday | null)[]> => {
  const rows = new Map((await findRiskStates(ctx.db, ctx.viewer.orgId, athleteIds, ctx.now)).map((r) => [r.athlete_id, r]));
  return athleteIds.map((id) => {
    const r = rows.get(id);
    return r ? Object.assign(riskIndicators(advanceRiskState(r.risk_state, daysBetween(r.as_of, r.today))), { asOf: r.today, athleteId: id }) : null;
  });
});

builder.objectField(Athlete, 'attentionSignals', (t) =>
  t.field({
    type: [AttentionSignalRef],
    nullable: true,
    description: "Signals that fired: HRV, recovery score and VO2max week over week, and ACWR, monotony and weekly CTL ramp today, against the organization's thresholds (Organization.signalThresholds; defaults 1.0 SD, 15 points, 1.5 ml/kg/min, 1.5, 2.0, 10%). A metric muted for the athlete (Athlete.signalMutes) is left out unless includeMuted is true. Read in the Athletes list's own statement.",
    args: {
      includeMuted: t.arg.boolean({ defaultValue: false, description: 'true answers muted signals too, each with its mutedUntil; false (the default) leaves them out, as the ATTENTION order does.' }),
    },
    resolve: async (athlete, args, ctx) => {
      const signals = await loadAttention(athlete.id, ctx);
      return args.includeMuted ? signals : signals.filter((s) => s.mutedUntil === null);
    },
  }),
);

const AcwrMethod = builder.enumType('AcwrMethod', {
  description: 'How the acute:chronic workload ratio is computed.',
  values: {
    EWMA: { description: 'Exponentially weighted means (Williams et al. 2017), λ = 2/(7+1) acute and 2/(28+1) chronic.' },
    ROLLING: { description: '7-day mean load over 28-day mean load (the 28 days include the 7).' },
  } as const,
});

const RiskIndicatorsRef = builder.objectRef<RiskToday>('RiskIndicators').implement({
  description: 'Load-risk indicators of one local day in the athlete\'s zone, over rolling windows ending that day (docs/metrics.md, Risk indicators).',
  fields: (t) => ({
    asOf: t.expose('asOf', { type: 'Date', description: "The athlete's local day the values are for." }),
    acwr: t.exposeFloat('acwr', { nullable: true, description: 'Acute:chronic workload ratio in the default form (acwrMethod). Null before 28 days of history or without load in the last 28 days.' }),
    acwrMethod: t.field({ type: AcwrMethod, description: 'The form acwr uses: EWMA (the rolling form couples acute and chronic mathematically).', resolve: () => DEFAULT_ACWR_METHOD }),
    acwrRolling: t.exposeFloat('acwrRolling', { nullable: true, description: 'Mean daily load of the last 7 days / of the last 28 days; null as acwr, or when the 28-day mean is 0.' }),
    acwrEwma: t.exposeFloat('acwrEwma', { nullable: true, description: 'Acute EWMA / chronic EWMA of daily load (λ 2/8 and 2/29, from 0 before the first day with data); null as acwr.' }),
    monotony: t.exposeFloat('monotony', { nullable: true, description: "Foster's monotony: mean daily load of the last 7 days / their population SD; null when the SD is 0." }),
    strain: t.exposeFloat('strain', { nullable: true, description: "Foster's strain: the last 7 days' load × monotony; null with monotony." }),
    weeklyLoad: t.exposeFloat('weeklyLoad', { description: 'Training load of the last 7 days.' }),
    rampRate: t.exposeFloat('rampRate', { description: 'CTL today − CTL 7 days ago, in rampRateUnit.' }),
    rampRateUnit: t.string({ description: `The unit of rampRate: "${RAMP_RATE_UNIT}".`, resolve: () => RAMP_RATE_UNIT }),
    weeklyRamp: t.exposeFloat('weeklyRamp', { nullable: true, description: 'rampRate / CTL 7 days ago (0.1 = 10%); null when that CTL is 0.' }),
    weeklyDistance: t.exposeFloat('weeklyDistanceM', { description: 'Distance of the last 7 days, metres.' }),
    weeklyDistanceChange: t.exposeFloat('weeklyDistanceChange', { nullable: true, description: "(Last 7 days' distance − the 7 days before's) / the 7 days before's; null when that is 0." }),
    longRunShare: t.exposeFloat('longRunShare', { nullable: true, description: "The longest single run of the last 7 days / their distance; null without distance." }),
    historyDays: t.exposeInt('historyDays', { description: 'Local days from the first with data to asOf, both included; 0 without data.' }),
    basis: t.field({
      type: MetricBasisRef,
      nullable: true,
      description: 'How sure the indicators are: the runs of the 28 days ending on the last write, their load methods and HR share, and the estimated inputs. Null in riskHistory, and before the first write after the upgrade.',
      resolve: (r, _args, ctx) => (r.athleteId === undefined ? null : cachedBasis(r.athleteId, 'risk', ctx)),
    }),
  }),
});

builder.objectField(Athlete, 'riskIndicators', (t) =>
  t.field({
    type: RiskIndicatorsRef,
    nullable: true,
    description: "Today's load-risk indicators, from the fitness cache of the last write with later days counted as rest days; null before the first write. One statement for a page of athletes.",
    resolve: (athlete, _args, ctx) => loadRiskToday(athlete.id, ctx),
  }),
);

export const MAX_RISK_HISTORY_DAYS = 400;

/** Each day's indicators from `from` to `to`, computed from every rollup day up to `to`. */
function riskSeries(days: { local_date: string; training_load: number; distance_m: number; longest_run_m: number }[], from: string, to: string): RiskToday[] {
  const first = days[0]?.local_date;
  const history: RiskDay[] = first && first <= to
    ? Array.from({ length: daysBetween(first, to) + 1 }, () => ({ load: 0, distanceM: 0, longestRunM: 0 }))
    : [];
  for (const d of days) history[daysBetween(first!, d.local_date)] = { load: d.training_load, distanceM: d.distance_m, longestRunM: d.longest_run_m };
  const states = riskStates(history);
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => {
    const date = addDays(from, i);
    const index = first ? daysBetween(first, date) : -1;
    return { ...riskIndicators(index >= 0 ? states[index] : EMPTY_RISK_STATE), asOf: date };
  });
}

const loadRiskHistory = batched('loadRiskHistory', async (keys: string[], ctx) =>
  loadByArgs(keys, async ({ from, to }: { from: string; to: string }, athleteIds) => {
    const byAthlete = groupBy(await findRiskDays(ctx.db, ctx.viewer.orgId, athleteIds, to), (r) => r.athlete_id);
    return new Map(athleteIds.map((id) => [id, riskSeries(byAthlete.get(id) ?? [], from, to)]));
  }));

builder.objectField(Athlete, 'riskHistory', (t) =>
  t.field({
    type: [RiskIndicatorsRef],
    nullable: true,
    description: `The load-risk indicators of every local day from \`from\` to \`to\` (both included, at most ${MAX_RISK_HISTORY_DAYS} days), oldest first: one statement for a page of athletes.`,
    args: {
      from: t.arg({ type: 'Date', required: true, description: "First local day (the athlete's zone)." }),
      to: t.arg({ type: 'Date', required: true, description: `Last local day, on or after from and at most ${MAX_RISK_HISTORY_DAYS - 1} days after it.` }),
    },
    resolve: async (athlete, args, ctx) => {
      const from = args.from as string;
      const to = args.to as string;
      const span = daysBetween(from, to) + 1;
      if (span < 1) throw badInput(`to (${to}) must be on or after from (${from})`);
      if (span > MAX_RISK_HISTORY_DAYS) throw badInput(`from..to spans ${span} days; riskHistory covers 1..${MAX_RISK_HISTORY_DAYS} days`);
      return loadRiskHistory(argsKey(athlete.id, { from, to }), ctx);
    },
  }),
);
