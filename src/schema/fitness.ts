import { builder } from './builder';
import { Athlete } from './athlete';
import { batched, rowPerAthlete } from './loaders';
import { findFitness, type FitnessRow } from '../repositories/profile';
import { cachedBasis, MetricBasisRef } from './metric-basis';

const Fitness = builder.objectRef<FitnessRow>('Fitness').implement({
  description: 'Cached fitness, refreshed in the same transaction as every write of activities or health.',
  fields: (t) => ({
    asOf: t.expose('as_of', { type: 'Date', description: "The athlete's local day the values are for (the day of the last write)." }),
    ctl: t.exposeFloat('ctl', { description: 'Fitness: daily load weighted with λ = 1 − e^(−1/ctlDays).' }),
    atl: t.exposeFloat('atl', { description: 'Fatigue: daily load weighted with λ = 1 − e^(−1/atlDays).' }),
    tsb: t.exposeFloat('tsb', { description: 'Form: CTL yesterday − ATL yesterday.' }),
    ctlDays: t.exposeInt('ctl_days', { description: 'Time constant N of CTL, in days (42), stored with the values (docs/metrics.md, Fitness, fatigue, form).' }),
    atlDays: t.exposeInt('atl_days', { description: 'Time constant N of ATL, in days (7), stored with the values (docs/metrics.md, Fitness, fatigue, form).' }),
    rampRate: t.exposeFloat('ramp_rate', { nullable: true, description: 'CTL today − CTL seven days earlier.' }),
    vo2max: t.exposeFloat('vo2max', { nullable: true, description: 'Latest reading, ml/kg/min.' }),
    restingHeartRate: t.exposeFloat('resting_hr', { nullable: true, description: 'Latest reading, bpm.' }),
    hrv7d: t.exposeFloat('hrv_7d', { nullable: true, description: 'Mean RMSSD (ms) over the last 7 local days.' }),
    basis: t.field({
      type: MetricBasisRef,
      nullable: true,
      description: 'How sure CTL/ATL/TSB are: the runs of the 42 days ending asOf, their load methods and HR share, and the estimated inputs; null until the first write after the upgrade.',
      resolve: (f, _args, ctx) => cachedBasis(f.athlete_id, 'fitness', ctx),
    }),
  }),
});

const loadFitness = batched('loadFitness', async (athleteIds: number[], ctx) => rowPerAthlete(athleteIds, await findFitness(ctx.db, ctx.viewer.orgId, athleteIds)));

builder.objectField(Athlete, 'fitness', (t) =>
  t.field({
    type: Fitness,
    nullable: true,
    description: 'Cached CTL/ATL/TSB and health figures; null before the first write.',
    resolve: (athlete, _args, ctx) => loadFitness(athlete.id, ctx),
  }),
);
