import { builder } from './builder';
import { Athlete, Sex, UnitSystem } from './athlete';
import { Role } from './viewer';
import { parseId } from './ids';
import { argsKey, batched, loadByArgs, rowsInKeyOrder } from './loaders';
import { decodeCursor, isCursorId, pageSize, toConnection } from './pagination';
import { badInput } from '../errors';
import { assertEditsAthlete } from '../auth/permissions';
import { SETTINGS_RANGES, settingsPatchProblem, type SettingsValues } from '../domain/athlete-settings';
import { ZONE_BOUNDS } from '../domain/zones';
import { findSettings, findSettingsHistories, type SettingsChangeRow, type SettingsRow } from '../repositories/athlete-settings';
import { changeAthleteSettings } from '../ingest/settings-change';

// Athlete settings: the values load, zones and predictions read, editable by an admin, the
// athlete's assigned coach or the athlete themself; every change is logged with its author.

const R = SETTINGS_RANGES;
const ROLE_OF = { admin: 'ADMIN', coach: 'COACH', athlete: 'ATHLETE' } as const;

interface Author { id: number; name: string | null; role: 'admin' | 'coach' | 'athlete' | null }

const SettingsAuthor = builder.objectRef<Author>('SettingsAuthor').implement({
  description: 'Who changed a setting: an admin, a coach or the athlete.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The user's id." }),
    name: t.string({ nullable: true, description: "The user's name; null if the user was removed.", resolve: (a) => a.name }),
    role: t.field({ type: Role, nullable: true, description: "The user's role; null if the user was removed.", resolve: (a) => (a.role ? ROLE_OF[a.role] : null) }),
  }),
});

const authorOf = (id: number | null, name: string | null, role: Author['role']): Author | null => (id === null ? null : { id, name, role });

const AthleteSettings = builder.objectRef<SettingsRow>('AthleteSettings').implement({
  description: "An athlete's settings as they are now; null where not set. Change them with updateAthleteSettings.",
  fields: (t) => ({
    hrMax: t.int({ nullable: true, description: `Maximum heart rate, bpm (${R.hrMax.min}..${R.hrMax.max}).`, resolve: (s) => s.hrMax }),
    restingHr: t.int({ nullable: true, description: `Resting heart rate, bpm (${R.restingHr.min}..${R.restingHr.max}, below hrMax).`, resolve: (s) => s.restingHr }),
    thresholdHr: t.int({ nullable: true, description: `Lactate-threshold heart rate, bpm (${R.thresholdHr.min}..${R.thresholdHr.max}, between restingHr and hrMax).`, resolve: (s) => s.thresholdHr }),
    thresholdPace: t.float({ nullable: true, description: `Threshold pace, s/km (${R.thresholdPace.min}..${R.thresholdPace.max}); pace load and derived pace zones use it.`, resolve: (s) => s.thresholdPace }),
    paceZones: t.floatList({ nullable: true, description: 'Where pace zones 1..5 start, s/km, slowest first; null means derived from thresholdPace.', resolve: (s) => s.paceZones }),
    hrZones: t.floatList({ nullable: true, description: 'Where HR zones 1..5 start, bpm, ascending; null means derived from hrMax and restingHr.', resolve: (s) => s.hrZones }),
    vdot: t.float({ nullable: true, description: `VDOT override (${R.vdot.min}..${R.vdot.max}); race predictions use it before any run.`, resolve: (s) => s.vdot }),
    sex: t.field({ type: Sex, nullable: true, description: 'Sex, for TRIMP.', resolve: (s) => s.sex }),
    birthYear: t.int({ nullable: true, description: `Year of birth (${R.birthYear.min}..this year).`, resolve: (s) => s.birthYear }),
    unitSystem: t.field({ type: UnitSystem, nullable: true, description: 'Display units.', resolve: (s) => s.unitSystem }),
    timezone: t.field({ type: 'TimeZone', nullable: true, description: "The athlete's own zone; null means the organization's (Athlete.timezone answers the zone in use).", resolve: (s) => s.timezone }),
    version: t.int({ description: 'Increments with every change; pass it as expectedVersion to refuse a stale update. 1 before any change.', resolve: (s) => s.version }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the settings last changed; null when never stored.', resolve: (s) => s.updated_at }),
    updatedBy: t.field({
      type: SettingsAuthor,
      nullable: true,
      description: 'Who made the latest logged change; null when no change was made through the API.',
      resolve: (s) => authorOf(s.changed_by_id, s.changed_by_name, s.changed_by_role),
    }),
  }),
});

const loadSettings = batched('loadSettings', async (ids: number[], ctx) =>
  rowsInKeyOrder(ids, await findSettings(ctx.db, ctx.viewer.orgId, ids), (row) => row.athlete_id, 'athlete'));

builder.objectField(Athlete, 'settings', (t) =>
  t.field({
    type: AthleteSettings,
    description: 'Current settings, their version, and when and by whom they last changed.',
    resolve: (athlete, _args, ctx) => loadSettings(athlete.id, ctx),
  }),
);

const SettingsChangeRef = builder.objectRef<SettingsChangeRow>('SettingsChange').implement({
  description: 'One setting changed: its old and new value, who changed it and when.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Increases with every change.' }),
    field: t.string({ description: 'The AthleteSettings field, e.g. "hrMax" or "timezone".', resolve: (c) => c.field }),
    oldValue: t.string({ nullable: true, description: 'The value before, as JSON text (e.g. "185", "[120,140,155,168,180]", "\\"Europe/London\\""); null when unset.', resolve: (c) => (c.old_value === null ? null : JSON.stringify(c.old_value)) }),
    newValue: t.string({ nullable: true, description: 'The value after, as JSON text; null when cleared.', resolve: (c) => (c.new_value === null ? null : JSON.stringify(c.new_value)) }),
    changedAt: t.field({ type: 'DateTime', description: 'When the change was written (its transaction).', resolve: (c) => c.changed_at }),
    changedBy: t.field({ type: SettingsAuthor, description: 'Who made it.', resolve: (c) => authorOf(c.changed_by_id, c.changed_by_name, c.changed_by_role)! }),
  }),
});

const SettingsChangeConnection = builder.connectionObject({
  type: SettingsChangeRef,
  name: 'SettingsChangeConnection',
  description: "A page of an athlete's logged settings changes, newest first.",
  fields: (c) => ({
    totalCount: c.int({ description: 'Changes logged for the athlete.', resolve: (conn) => (conn as unknown as { totalCount: number }).totalCount }),
  }),
}, { description: 'One logged settings change, with its cursor.' });

const isHistoryCursor = (v: unknown): v is { id: number } => typeof v === 'object' && v !== null && isCursorId((v as { id: number }).id);

const loadHistory = batched('loadHistory', async (keys: string[], ctx) =>
  loadByArgs(keys, async ({ afterId, limit }: { afterId: number | null; limit: number }, athleteIds) =>
    new Map((await findSettingsHistories(ctx.db, ctx.viewer.orgId, athleteIds, { afterId, limit })).map((h) => [h.athlete_id, h]))));

builder.objectField(Athlete, 'settingsHistory', (t) =>
  t.field({
    type: SettingsChangeConnection,
    nullable: true,
    description: 'Every logged settings change, newest first; `first` is 0..100 (default 20).',
    args: { first: t.arg.int({ description: 'Page size, 0..100.' }), after: t.arg.string({ description: 'An endCursor of the previous page.' }) },
    resolve: async (athlete, args, ctx) => {
      const limit = pageSize(args.first);
      const after = decodeCursor(args.after, isHistoryCursor);
      const history = await loadHistory(argsKey(athlete.id, { afterId: after?.id ?? null, limit: limit + 1 }), ctx);
      return { ...toConnection<SettingsChangeRow>(history?.rows ?? [], limit, args.after, (row) => ({ id: row.id })), totalCount: history?.total ?? 0 };
    },
  }),
);

const SETTINGS_INPUT_DESCRIPTION =
  'What to change: a field left out keeps its value, an explicit null clears it. Every change is logged with who made it.';

const updateAthleteSettings = builder.relayMutationField(
  'updateAthleteSettings',
  {
    description: SETTINGS_INPUT_DESCRIPTION,
    inputFields: (t) => ({
      athleteId: t.id({ required: true, description: 'The athlete.' }),
      expectedVersion: t.int({ description: 'AthleteSettings.version as read; a stale one is CONFLICT and nothing changes.' }),
      hrMax: t.int({ description: `bpm, ${R.hrMax.min}..${R.hrMax.max}, above restingHr and thresholdHr.` }),
      restingHr: t.int({ description: `bpm, ${R.restingHr.min}..${R.restingHr.max}, below hrMax.` }),
      thresholdHr: t.int({ description: `bpm, ${R.thresholdHr.min}..${R.thresholdHr.max}, above restingHr and below hrMax.` }),
      thresholdPace: t.float({ description: `s/km, ${R.thresholdPace.min}..${R.thresholdPace.max} (2:00 to 15:00 per km).` }),
      paceZones: t.floatList({ description: `Five s/km values where zones 1..5 start, slowest first (strictly descending), each ${ZONE_BOUNDS.pace.min}..${ZONE_BOUNDS.pace.max}.` }),
      hrZones: t.intList({ description: `Five bpm values where zones 1..5 start, strictly ascending, each ${ZONE_BOUNDS.hr.min}..${ZONE_BOUNDS.hr.max}, above restingHr and up to hrMax.` }),
      vdot: t.float({ description: `VDOT override, ${R.vdot.min}..${R.vdot.max}.` }),
      sex: t.field({ type: Sex, description: 'For TRIMP; a change recomputes stored loads.' }),
      birthYear: t.int({ description: `${R.birthYear.min}..this year.` }),
      unitSystem: t.field({ type: UnitSystem, description: 'Display units.' }),
      timezone: t.field({ type: 'TimeZone', description: "IANA zone; null falls back to the organization's. A change re-dates the athlete's runs." }),
    }),
  },
  {
    description: "Changes an athlete's settings (admins, the athlete's coaches, or the athlete themself); loads, rollups, plan matching and the fitness cache follow in the same transaction.",
    resolve: async (_root, { input }, ctx) => {
      const athleteId = parseId(input.athleteId, 'input.athleteId');
      const patch: Partial<SettingsValues> = {};
      for (const field of ['hrMax', 'restingHr', 'thresholdHr', 'thresholdPace', 'paceZones', 'hrZones', 'vdot', 'sex', 'birthYear', 'unitSystem', 'timezone'] as const) {
        if (input[field] !== undefined) (patch as Record<string, unknown>)[field] = input[field];
      }
      const problem = settingsPatchProblem(patch, ctx.now.getUTCFullYear());
      if (problem) throw badInput(problem);
      await assertEditsAthlete(ctx.db, ctx.viewer, athleteId, 'updateAthleteSettings');
      const update = await changeAthleteSettings(ctx.db, ctx.viewer.orgId, athleteId, ctx.viewer.userId, patch, {
        expectedVersion: input.expectedVersion, now: ctx.now, generator: ctx.insightGenerator,
      });
      return { athleteId, ...update };
    },
  },
  {
    description: 'What the update changed; every derived number is already up to date.',
    outputFields: (t) => ({
      athlete: t.field({ type: Athlete, description: 'The athlete, with settings and settingsHistory as they are now.', resolve: (r) => r.athleteId }),
      changedFields: t.stringList({ description: 'The settings whose value changed (none when every value sent was already stored: nothing is logged and the version stays).', resolve: (r) => r.changedFields }),
      loadsRecomputed: t.int({ description: 'Runs whose training load or load method changed (HR max, resting HR, threshold pace or sex changed).', resolve: (r) => r.loadsChanged }),
      runsRedated: t.int({ description: 'Runs whose local date moved with a new time zone.', resolve: (r) => r.datesMoved }),
      localDates: t.field({ type: ['Date'], description: "The athlete's local days whose rollups were rebuilt.", resolve: (r) => r.localDates }),
    }),
  },
);
void updateAthleteSettings;
