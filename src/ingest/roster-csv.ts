import { Readable } from 'node:stream';
import { describeCsvProblem, isCsvError, MAX_ROW_BYTES } from './csv-problems';
import { parse } from 'csv-parse';
import type { Kysely } from 'kysely';
import type { Database, Sex, UnitSystem } from '../db/types';
import { startTenantTransaction, rollbackUnlessEnded } from '../db/tenant';
import { requireBirthYear, requireEmail, requireName, MAX_PERSON_NAME, MAX_TAG_NAME } from '../schema/setup-input';
import { TimeZoneScalar } from '../schema/scalars';
import {
  attachLabelRow, deleteCoachAssignment, deleteGroupMember, detachLabelRow, findAthleteGroups, findNamedByName, findUserByEmail,
  findImportAuthor, insertCoachAssignment, insertNamed, insertUser, lockAthlete, updateAthleteRow, upsertGroupMember,
} from '../repositories/roster';
import { findLabelsAndCoaches } from '../repositories/athlete-links';
import { findOrganization } from '../repositories/organizations';
import { localDateOf } from '../domain/time';
import type { InsightGenerator } from '../domain/insights';
import { changeAthleteSettings } from './settings-change';
import type { SettingsValues } from '../domain/athlete-settings';

// Bulk onboarding (`npm run roster -- import roster.csv`, docs/api.md "Bulk onboarding"):
// a CSV of athletes, one row each, keyed by email. Parsing checks every row with the rules
// of createAthlete / createLabel (src/schema/setup-input.ts) and collects every problem with
// its line; applying checks what needs the database (staff emails, coaches), then writes
// through the same repository functions the set-up mutations use, in one tenant transaction:
// any bad row and nothing is written.

export const ROSTER_COLUMNS = ['email', 'name', 'timezone', 'unit_system', 'sex', 'birth_year', 'labels', 'groups', 'coach_emails'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
const REQUIRED_COLUMNS: RosterColumn[] = ['email', 'name'];
/** Rows after the header one file may hold. */
export const MAX_ROSTER_ROWS = 10_000;
/** Separator of the labels, groups and coach_emails lists. */
export const LIST_SEPARATOR = ';';

export interface RosterRow {
  /** The line the row starts on (the header is line 1). */
  line: number;
  email: string;
  name: string;
  /** Each optional field is undefined when its column is not in the file: the import then leaves it alone. */
  timezone?: string | null;
  unitSystem?: UnitSystem | null;
  sex?: Sex | null;
  birthYear?: number | null;
  labels?: string[];
  groups?: string[];
  coachEmails?: string[];
}

export interface RowError {
  /** 1 for the header or the file as a whole. */
  line: number;
  email?: string;
  problems: string[];
}

export interface ParsedRoster {
  columns: RosterColumn[];
  rows: RosterRow[];
  errors: RowError[];
}


const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

const ENUMS = { unit_system: ['metric', 'imperial'], sex: ['male', 'female'] } as const;

function splitList(text: string): string[] {
  return text.split(LIST_SEPARATOR).map((item) => item.trim()).filter((item) => item.length > 0);
}

/** One field's check: its value, or its problem added to `problems`. */
function check<T>(problems: string[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    problems.push(message(error));
    return undefined;
  }
}

/** A list's items checked one by one and deduplicated in any case (first spelling kept). */
function checkList(problems: string[], text: string, each: (item: string) => string): string[] {
  const seen = new Map<string, string>();
  for (const item of splitList(text)) {
    const value = check(problems, () => each(item));
    if (value !== undefined && !seen.has(value.toLowerCase())) seen.set(value.toLowerCase(), value);
  }
  return [...seen.values()];
}

function rowOf(line: number, columns: RosterColumn[], fields: string[], now: Date): { row?: RosterRow; problems: string[]; email?: string } {
  const problems: string[] = [];
  if (fields.length !== columns.length) {
    return { problems: [`the row has ${fields.length} fields; the header has ${columns.length} (quote a field holding a comma)`] };
  }
  const cell = new Map(columns.map((column, i) => [column, fields[i]]));
  const has = (column: RosterColumn) => cell.has(column);
  const text = (column: RosterColumn) => (cell.get(column) ?? '').trim();
  const email = check(problems, () => requireEmail('email', cell.get('email')!));
  const name = check(problems, () => requireName('name', cell.get('name')!, MAX_PERSON_NAME));
  const row: RosterRow = { line, email: email ?? '', name: name ?? '' };
  if (has('timezone')) {
    const value = text('timezone');
    if (value === '') row.timezone = null;
    else {
      try {
        row.timezone = TimeZoneScalar.parseValue(value);
      } catch (error) {
        problems.push(message(error).replace(/^TimeZone/, 'timezone'));
      }
    }
  }
  for (const column of ['unit_system', 'sex'] as const) {
    if (!has(column)) continue;
    const value = text(column).toLowerCase();
    const allowed = ENUMS[column] as readonly string[];
    if (value !== '' && !allowed.includes(value)) problems.push(`${column} must be ${allowed.join(' or ')} (any case) or empty; got ${JSON.stringify(text(column))}`);
    const stored = value === '' ? null : allowed.includes(value) ? value : undefined;
    if (column === 'unit_system') row.unitSystem = stored as UnitSystem | null | undefined;
    else row.sex = stored as Sex | null | undefined;
  }
  if (has('birth_year')) {
    const value = text('birth_year');
    if (value === '') row.birthYear = null;
    else if (!/^\d{1,4}$/.test(value)) problems.push(`birth_year must be a year like 1990, or empty; got ${JSON.stringify(value)}`);
    else row.birthYear = check(problems, () => requireBirthYear('birth_year', Number(value), now));
  }
  if (has('labels')) row.labels = checkList(problems, text('labels'), (item) => requireName('labels', item, MAX_TAG_NAME));
  if (has('groups')) row.groups = checkList(problems, text('groups'), (item) => requireName('groups', item, MAX_TAG_NAME));
  if (has('coach_emails')) row.coachEmails = checkList(problems, text('coach_emails'), (item) => requireEmail('coach_emails', item));
  return problems.length ? { problems, email } : { row, problems };
}

function headerOf(fields: string[]): { columns: RosterColumn[]; problems: string[] } {
  const problems: string[] = [];
  const columns = fields.map((field) => field.trim().toLowerCase());
  const unknown = columns.filter((column) => !(ROSTER_COLUMNS as readonly string[]).includes(column));
  if (unknown.length) problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => JSON.stringify(c)).join(', ')}; the columns are ${ROSTER_COLUMNS.join(', ')}`);
  const repeated = columns.filter((column, i) => columns.indexOf(column) !== i);
  if (repeated.length) problems.push(`column${repeated.length > 1 ? 's' : ''} ${[...new Set(repeated)].join(', ')} given twice`);
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length) problems.push(`the header needs the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  return { columns: columns as RosterColumn[], problems };
}

/**
 * Reads a roster CSV: its rows, checked field by field, and every problem with its line (the
 * header is line 1; a row spanning lines is reported at its first). A header problem or a CSV
 * the parser cannot read stops there; anything else is checked row by row. An email on two
 * rows is a problem of the later row.
 */
export async function parseRoster(
  input: string | Buffer | Readable | AsyncIterable<Uint8Array | string>,
  options: { now?: Date; maxRows?: number } = {},
): Promise<ParsedRoster> {
  const now = options.now ?? new Date();
  const maxRows = options.maxRows ?? MAX_ROSTER_ROWS;
  const source = input instanceof Readable ? input : Readable.from(typeof input === 'string' || Buffer.isBuffer(input) ? [input] : input);
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: MAX_ROW_BYTES });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  const result: ParsedRoster = { columns: [], rows: [], errors: [] };
  let header: RosterColumn[] | undefined;
  let count = 0;
  const firstLineOf = new Map<string, number>();
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // info.lines is where the record ends; newlines inside quoted fields move its start back.
      const line = info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
      if (!header) {
        const { columns, problems } = headerOf(record);
        if (problems.length) {
          result.errors.push({ line, problems });
          parser.destroy();
          return result;
        }
        header = result.columns = columns;
        continue;
      }
      if (record.every((field) => field.trim() === '')) continue;
      if (++count > maxRows) {
        result.errors.push({ line, problems: [`more than ${maxRows} rows after the header: split the file`] });
        parser.destroy();
        return result;
      }
      const { row, problems, email } = rowOf(line, header, record, now);
      const key = (row?.email ?? email)?.toLowerCase();
      if (key && firstLineOf.has(key)) problems.push(`email ${key} is also on line ${firstLineOf.get(key)} (one row per athlete)`);
      else if (key) firstLineOf.set(key, line);
      if (problems.length) result.errors.push({ line, email: key, problems });
      else result.rows.push(row!);
    }
  } catch (error) {
    if (!isCsvError(error)) throw error;
    result.errors.push({ line: error.lines ?? 0, problems: [`the CSV cannot be read here: ${describeCsvProblem(error)}; nothing after it was checked`] });
    return result;
  }
  if (!header) result.errors.push({ line: 1, problems: [`the file is empty: it needs a header (${ROSTER_COLUMNS.join(',')}) and a row per athlete`] });
  else if (count === 0 && result.errors.length === 0) result.errors.push({ line: 2, problems: ['no athletes after the header'] });
  return result;
}

// ---- applying -----------------------------------------------------------------------------

export type RowAction = 'created' | 'updated' | 'unchanged';

export interface RowOutcome {
  line: number;
  email: string;
  athleteId: number;
  action: RowAction;
  /** What changed, e.g. `name`, `labels +Elite -Masters`; for a new athlete what it got. */
  changes: string[];
  archived: boolean;
}

export interface RosterReport {
  ok: boolean;
  /** Rows checked (all of them, written or not). */
  rows: number;
  errors: RowError[];
  outcomes: RowOutcome[];
  labelsCreated: string[];
  groupsCreated: string[];
  counts: Record<RowAction, number>;
  /** True when the changes were rolled back on purpose (a dry run). */
  dryRun: boolean;
}

export interface ApplyOptions {
  now?: Date;
  generator?: InsightGenerator;
  /** Problems parsing found in other rows: reported with these rows' own, and nothing is written. */
  knownErrors?: RowError[];
  /** The admin's email the settings changes are logged as made by; the organization's first admin when left out. */
  asEmail?: string;
}

const lower = (s: string) => s.toLowerCase();
const ROSTER_COLUMN_OF: Partial<Record<keyof SettingsValues, RosterColumn>> = { unitSystem: 'unit_system', birthYear: 'birth_year' };

/** What a list column changes: names to add and existing entries to remove, compared in any case. */
function diff<T extends { name: string }>(current: T[], wanted: string[], key: (t: T) => string = (t) => t.name) {
  const have = new Set(current.map((c) => lower(key(c))));
  const want = new Set(wanted.map(lower));
  return { add: wanted.filter((w) => !have.has(lower(w))), remove: current.filter((c) => !want.has(lower(key(c)))) };
}

const describe = (what: string, add: string[], remove: string[]) =>
  add.length || remove.length ? [`${what} ${[...add.map((a) => `+${a}`), ...remove.map((r) => `-${r}`)].join(' ')}`] : [];

/**
 * Writes parsed rows for the organization on `db`, which must be the caller's transaction
 * (as the app role, tenant set: see importRoster). First every row is checked against the
 * database (an email held by staff, coach emails that are not coaches of the organization);
 * any problem here or in `knownErrors` and nothing is written, every problem is answered. Then, in file order:
 * missing labels and groups are created; a new email becomes an athlete; an existing
 * athlete's fields and lists are brought to what the row says (a column left out of the
 * file is left alone).
 */
export async function applyRoster(db: Kysely<Database>, orgId: number, rows: RosterRow[], options: ApplyOptions = {}): Promise<Omit<RosterReport, 'dryRun'>> {
  const now = options.now ?? new Date();
  const report: Omit<RosterReport, 'dryRun'> = {
    ok: false, rows: rows.length + (options.knownErrors?.length ?? 0), errors: [], outcomes: [], labelsCreated: [], groupsCreated: [], counts: { created: 0, updated: 0, unchanged: 0 },
  };
  const org = await findOrganization(db, orgId);
  if (!org) throw new Error(`no organization ${orgId}`);
  const author = await findImportAuthor(db, orgId, options.asEmail);

  // Checks that need the database, every row before any write.
  const holders = new Map<string, Awaited<ReturnType<typeof findUserByEmail>>>();
  const coaches = new Map<string, number>();
  const coachProblem = new Map<string, string>();
  for (const row of rows) {
    const problems: string[] = [];
    const holder = await findUserByEmail(db, orgId, row.email);
    if (holder && holder.role !== 'athlete') problems.push(`email ${row.email} belongs to ${holder.role} ${holder.id} of this organization, not an athlete`);
    holders.set(row.email, holder);
    for (const email of row.coachEmails ?? []) {
      const key = lower(email);
      if (!coaches.has(key) && !coachProblem.has(key)) {
        const coach = await findUserByEmail(db, orgId, key);
        if (coach?.role === 'coach') coaches.set(key, coach.id);
        else coachProblem.set(key, coach ? `coach_emails: ${key} is ${coach.role} ${coach.id}, not a coach` : `coach_emails: no coach with email ${key} in this organization (create them first: createCoach)`);
      }
      if (coachProblem.has(key)) problems.push(coachProblem.get(key)!);
    }
    if (problems.length) report.errors.push({ line: row.line, email: row.email, problems });
  }
  report.errors = [...(options.knownErrors ?? []), ...report.errors].sort((a, b) => a.line - b.line);
  if (report.errors.length) return report;

  // Labels and groups: existing ones by name in any case, missing ones created.
  const named = { labels: new Map<string, number>(), groups: new Map<string, number>() };
  for (const table of ['labels', 'groups'] as const) {
    for (const name of rows.flatMap((row) => row[table] ?? [])) {
      if (named[table].has(lower(name))) continue;
      let found = await findNamedByName(db, table, orgId, name);
      if (!found) {
        found = await insertNamed(db, table, orgId, name);
        if (!found) throw new Error(`${table}: ${name} was created meanwhile; run the import again`);
        (table === 'labels' ? report.labelsCreated : report.groupsCreated).push(name);
      }
      named[table].set(lower(name), found.id);
    }
  }

  const today = localDateOf(now, org.timezone);
  for (const row of rows) {
    const holder = holders.get(row.email);
    let athleteId: number;
    let changes: string[] = [];
    let archived = false;
    let current = { labels: [] as { id: number; name: string }[], groups: [] as { id: number; name: string }[], coaches: [] as { id: number; email: string }[] };
    if (!holder) {
      const created = await insertUser(db, orgId, {
        role: 'athlete', name: row.name, email: row.email, timezone: row.timezone ?? null,
        unit_system: row.unitSystem ?? null, sex: row.sex ?? null, birth_year: row.birthYear ?? null,
      });
      if (!created) throw new Error(`line ${row.line}: email ${row.email} was taken meanwhile; run the import again`);
      athleteId = created.id;
    } else {
      athleteId = holder.id;
      const athlete = (await lockAthlete(db, orgId, athleteId))!;
      archived = athlete.archived_at !== null;
      // Zone, units, sex and birth year are settings: logged, and loads and dates follow.
      const settings: Partial<SettingsValues> = {};
      if (row.timezone !== undefined) settings.timezone = row.timezone;
      if (row.unitSystem !== undefined) settings.unitSystem = row.unitSystem;
      if (row.sex !== undefined) settings.sex = row.sex;
      if (row.birthYear !== undefined) settings.birthYear = row.birthYear;
      const update = await changeAthleteSettings(db, orgId, athleteId, author.id, settings, { now, generator: options.generator });
      if (row.name !== athlete.name) {
        await updateAthleteRow(db, orgId, athleteId, { name: row.name }, update.changedFields.length === 0);
        changes.push('name');
      }
      changes.push(...update.changedFields.map((f) => ROSTER_COLUMN_OF[f] ?? f));
      const [links] = await findLabelsAndCoaches(db, orgId, [athleteId]);
      current = { labels: links.labels, coaches: links.coaches, groups: row.groups ? await findAthleteGroups(db, orgId, athleteId) : [] };
    }

    if (row.labels) {
      const { add, remove } = diff(current.labels, row.labels);
      for (const name of add) await attachLabelRow(db, orgId, athleteId, named.labels.get(lower(name))!);
      for (const label of remove) await detachLabelRow(db, orgId, athleteId, label.id);
      changes.push(...describe('labels', add, remove.map((l) => l.name)));
    }
    if (row.groups) {
      const { add, remove } = diff(current.groups, row.groups);
      for (const name of add) await upsertGroupMember(db, orgId, named.groups.get(lower(name))!, athleteId, today);
      for (const group of remove) await deleteGroupMember(db, orgId, group.id, athleteId);
      changes.push(...describe('groups', add, remove.map((g) => g.name)));
    }
    if (row.coachEmails) {
      const { add, remove } = diff(current.coaches.map((c) => ({ ...c, name: c.email })), row.coachEmails);
      for (const email of add) await insertCoachAssignment(db, orgId, coaches.get(lower(email))!, athleteId);
      for (const coach of remove) await deleteCoachAssignment(db, orgId, coach.id, athleteId);
      changes.push(...describe('coaches', add, remove.map((c) => c.email)));
    }

    const action: RowAction = !holder ? 'created' : changes.length ? 'updated' : 'unchanged';
    report.counts[action] += 1;
    report.outcomes.push({ line: row.line, email: row.email, athleteId, action, changes, archived });
  }
  report.ok = true;
  return report;
}

export interface ImportOptions extends ApplyOptions {
  statementTimeoutMs: number;
  /** Check and write, then roll back. */
  dryRun?: boolean;
}

/**
 * The whole import: parse, then check the rows that read against the database and apply
 * them in one transaction as the app role for the organization; committed only when every
 * row is good (and not a dry run), rolled back otherwise with every bad row reported.
 */
export async function importRoster(
  db: Kysely<Database>,
  orgId: number,
  input: Parameters<typeof parseRoster>[0],
  options: ImportOptions,
): Promise<RosterReport> {
  const now = options.now ?? new Date();
  const parsed = await parseRoster(input, { now });
  const dryRun = options.dryRun ?? false;
  if (parsed.rows.length === 0) {
    // Nothing readable (a bad header, a CSV that cannot be read, only bad rows): nothing to check against the database.
    return {
      ok: false, rows: parsed.rows.length + parsed.errors.length, errors: parsed.errors, outcomes: [], labelsCreated: [], groupsCreated: [],
      counts: { created: 0, updated: 0, unchanged: 0 }, dryRun,
    };
  }
  const trx = await startTenantTransaction(db, orgId, { readOnly: false, statementTimeoutMs: options.statementTimeoutMs });
  try {
    const report = await applyRoster(trx, orgId, parsed.rows, { ...options, now, knownErrors: parsed.errors });
    if (report.ok && !dryRun) await trx.commit().execute();
    else await trx.rollback().execute();
    return { ...report, dryRun };
  } catch (error) {
    await rollbackUnlessEnded(trx);
    throw error;
  }
}

/** The report as text lines: per-row lines, then the summary (or the problems, every bad row). */
export function formatReport(report: RosterReport, file = 'roster'): string[] {
  if (!report.ok) {
    const lines = [`${file}: not imported, nothing was written: ${report.errors.length} bad row${report.errors.length === 1 ? '' : 's'}`];
    for (const error of report.errors) lines.push(`  line ${error.line}${error.email ? ` (${error.email})` : ''}: ${error.problems.join('; ')}`);
    return lines;
  }
  const lines: string[] = [];
  for (const outcome of report.outcomes) {
    if (outcome.action === 'unchanged') continue;
    lines.push(`  line ${outcome.line} ${outcome.email}: ${outcome.action} athlete ${outcome.athleteId}${outcome.archived ? ' (archived)' : ''}${outcome.changes.length ? `: ${outcome.changes.join(', ')}` : ''}`);
  }
  if (report.labelsCreated.length) lines.push(`  labels created: ${report.labelsCreated.join(', ')}`);
  if (report.groupsCreated.length) lines.push(`  groups created: ${report.groupsCreated.join(', ')}`);
  const { created, updated, unchanged } = report.counts;
  const verb = report.dryRun ? 'dry run, rolled back: would have' : '';
  const summary = created + updated === 0 && report.labelsCreated.length + report.groupsCreated.length === 0
    ? `${file}: nothing changed: ${unchanged} athlete${unchanged === 1 ? '' : 's'} already as the file says`
    : `${file}: ${verb ? `${verb} ` : ''}${created} created, ${updated} updated, ${unchanged} unchanged`;
  return [...lines, summary];
}
