import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';
import { runScript } from '../helpers/server-process';
import { createDatabase } from '../../src/db/client';
import { upsertActivities } from '../../src/ingest/activities';
import { migrateToLatest } from '../../db/migrate';
import { formatReport, importRoster, parseRoster, type RosterReport } from '../../src/ingest/roster-csv';

// Bulk onboarding (issue 14): `npm run roster -- import roster.csv` writes athletes, labels,
// groups and coach assignments from a CSV through the set-up repository functions, all or
// nothing, idempotent by email, tenant-scoped; a bad file reports every bad row.

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'docs/roster-example.csv');
const NOW = new Date('2026-11-27T12:00:00Z');
const HEADER = 'email,name,timezone,unit_system,sex,birth_year,labels,groups,coach_emails';

let t: TestDatabase;
let home: number;
let away: number;
let kari: number;
let awayCoach: number;
const dir = mkdtempSync(path.join(tmpdir(), 'roster-import-'));

const run = (orgId: number, input: string) => importRoster(t.db, orgId, input, { statementTimeoutMs: 10_000, now: NOW });

function writeCsv(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

interface AthleteState { email: string; name: string; timezone: string | null; unit_system: string | null; sex: string | null; birth_year: number | null; version: number; labels: string; groups: string; coaches: string }

/** Every athlete of the organization with their lists, by email. */
async function athletes(orgId: number): Promise<Record<string, AthleteState>> {
  const { rows } = await sql<AthleteState>`
    select u.email, u.name, u.timezone, u.unit_system, u.sex, u.birth_year, u.version,
      coalesce((select string_agg(l.name, ';' order by l.name) from athlete_labels al join labels l on l.org_id = al.org_id and l.id = al.label_id
        where al.org_id = u.org_id and al.athlete_id = u.id), '') as labels,
      coalesce((select string_agg(g.name, ';' order by g.name) from group_members gm join groups g on g.org_id = gm.org_id and g.id = gm.group_id
        where gm.org_id = u.org_id and gm.athlete_id = u.id), '') as groups,
      coalesce((select string_agg(c.email, ';' order by c.email) from coach_assignments ca join users c on c.org_id = ca.org_id and c.id = ca.coach_id
        where ca.org_id = u.org_id and ca.athlete_id = u.id), '') as coaches
    from users u where u.org_id = ${orgId} and u.role = 'athlete' order by u.email`.execute(t.db);
  return Object.fromEntries(rows.map((row) => [row.email, row]));
}

const counts = async (orgId: number) => {
  const { rows } = await sql<{ users: number; labels: number; groups: number; members: number; assignments: number; attached: number }>`
    select (select count(*)::int from users where org_id = ${orgId}) as users, (select count(*)::int from labels where org_id = ${orgId}) as labels,
      (select count(*)::int from groups where org_id = ${orgId}) as groups, (select count(*)::int from group_members where org_id = ${orgId}) as members,
      (select count(*)::int from coach_assignments where org_id = ${orgId}) as assignments, (select count(*)::int from athlete_labels where org_id = ${orgId}) as attached`.execute(t.db);
  return rows[0];
};

beforeAll(async () => {
  t = await createTestDatabase();
  home = await createOrganization(t.db, 'Fjord Runners', 'Europe/Oslo');
  away = await createOrganization(t.db, 'Away Club', 'UTC');
  kari = await createUser(t.db, home, { role: 'coach', name: 'Kari Coach', email: 'kari@fjord.example' });
  await createUser(t.db, home, { role: 'admin', name: 'Home Admin', email: 'admin@fjord.example' });
  // The other organization holds the example's emails too: emails are unique per organization only.
  awayCoach = await createUser(t.db, away, { role: 'coach', name: 'Away Kari', email: 'kari@fjord.example' });
  await createUser(t.db, away, { role: 'admin', name: 'Away Admin', email: 'admin@away.example' });
  await createUser(t.db, away, { role: 'athlete', name: 'Away Liv', email: 'liv@fjord.example' });
});

afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('docs/roster-example.csv', () => {
  it('creates the athletes, labels, groups and coach assignments it lists', async () => {
    const first: RosterReport = await run(home, readFileSync(EXAMPLE, 'utf8'));
    expect(first.errors).toEqual([]);
    expect(first.ok).toBe(true);
    expect(first.counts).toEqual({ created: 4, updated: 0, unchanged: 0 });
    expect(first.labelsCreated).toEqual(['Half marathon', 'Masters', 'Injury watch']);
    expect(first.groupsCreated).toEqual(['Tuesday Group', 'Long Run Club']);
    const state = await athletes(home);
    expect(Object.keys(state)).toEqual(['jon@fjord.example', 'liv@fjord.example', 'maya@fjord.example', 'ola@fjord.example']);
    expect(state['liv@fjord.example']).toMatchObject({
      name: 'Liv Lund', timezone: 'Europe/Oslo', unit_system: 'metric', sex: 'female', birth_year: 1994,
      labels: 'Half marathon;Masters', groups: 'Tuesday Group', coaches: 'kari@fjord.example',
    });
    expect(state['ola@fjord.example']).toMatchObject({ name: 'Nordmann, Ola', sex: 'male', groups: 'Long Run Club;Tuesday Group', coaches: 'kari@fjord.example' });
    expect(state['maya@fjord.example']).toMatchObject({ timezone: 'America/New_York', unit_system: 'imperial', labels: '', groups: 'Long Run Club', coaches: '' });
    expect(state['jon@fjord.example']).toMatchObject({ timezone: null, unit_system: null, sex: null, birth_year: null, labels: 'Injury watch', groups: '', coaches: 'kari@fjord.example' });
    // New members joined today in the organization's zone.
    const joined = await sql<{ d: string }>`select distinct (joined_at at time zone 'Europe/Oslo')::date::text as d from group_members where org_id = ${home}`.execute(t.db);
    expect(joined.rows).toEqual([{ d: '2026-11-27' }]);
    // The other organization is untouched.
    expect(await athletes(away)).toEqual({ 'liv@fjord.example': expect.objectContaining({ name: 'Away Liv', labels: '', coaches: '' }) });
    expect(formatReport(first, 'roster-example.csv').at(-1)).toBe('roster-example.csv: 4 created, 0 updated, 0 unchanged');
  });

  it('reads back through GraphQL as the coach sees it', async () => {
    const app = createTestApp(t.db, { clock: () => NOW });
    const token = await tokenFor({ orgId: home, userId: kari, role: 'COACH' });
    const result = await execute<any, any>(app, token, `{ athletes(first: 10) { totalCount edges { node { name email labels { name } coaches { name } } } }
      groups(first: 10) { edges { node { name memberCount } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.athletes.totalCount).toBe(4);
    const liv = result.data.athletes.edges.find((e: any) => e.node.email === 'liv@fjord.example').node;
    expect(liv).toEqual({ name: 'Liv Lund', email: 'liv@fjord.example', labels: [{ name: 'Half marathon' }, { name: 'Masters' }], coaches: [{ name: 'Kari Coach' }] });
    expect(result.data.groups.edges.map((e: any) => e.node)).toEqual([{ name: 'Long Run Club', memberCount: 2 }, { name: 'Tuesday Group', memberCount: 2 }]);
  });

  it('changes nothing the second time, and says so', async () => {
    const before = { state: await athletes(home), counts: await counts(home) };
    const again = await run(home, readFileSync(EXAMPLE, 'utf8'));
    expect(again.ok).toBe(true);
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(again.labelsCreated).toEqual([]);
    expect(again.groupsCreated).toEqual([]);
    expect(formatReport(again, 'roster-example.csv')).toEqual(['roster-example.csv: nothing changed: 4 athletes already as the file says']);
    expect(await athletes(home)).toEqual(before.state);
    expect(await counts(home)).toEqual(before.counts);
  });
});

describe('an updated row', () => {
  it('updates the athlete: fields, labels, groups and coaches as the row says; other rows stay', async () => {
    const before = await athletes(home);
    await createUser(t.db, home, { role: 'coach', name: 'Per Coach', email: 'per@fjord.example' });
    const report = await run(home, [
      HEADER,
      'LIV@fjord.example,Liv Lund-Berg,Europe/London,metric,female,1994,masters;Trail,Tuesday Group,per@fjord.example',
      'maya@fjord.example,Maya Berg,America/New_York,imperial,female,2001,,Long Run Club,',
    ].join('\n'));
    expect(report.errors).toEqual([]);
    expect(report.counts).toEqual({ created: 0, updated: 1, unchanged: 1 });
    expect(report.labelsCreated).toEqual(['Trail']);
    expect(report.outcomes[0]).toMatchObject({
      line: 2, email: 'liv@fjord.example', action: 'updated',
      changes: ['name', 'timezone', 'labels +Trail -Half marathon', 'coaches +per@fjord.example -kari@fjord.example'],
    });
    const after = await athletes(home);
    expect(after['liv@fjord.example']).toMatchObject({
      name: 'Liv Lund-Berg', timezone: 'Europe/London', labels: 'Masters;Trail', groups: 'Tuesday Group', coaches: 'per@fjord.example',
      version: before['liv@fjord.example'].version + 1,
    });
    expect(after['maya@fjord.example']).toEqual(before['maya@fjord.example']);
    expect(after['ola@fjord.example']).toEqual(before['ola@fjord.example']);
    expect(formatReport(report, 'r.csv')).toEqual([
      '  line 2 liv@fjord.example: updated athlete ' + report.outcomes[0].athleteId + ': name, timezone, labels +Trail -Half marathon, coaches +per@fjord.example -kari@fjord.example',
      '  labels created: Trail',
      'r.csv: 0 created, 1 updated, 1 unchanged',
    ]);
  });

  it('leaves a column the file does not have alone', async () => {
    const before = await athletes(home);
    const report = await run(home, ['email,name', 'ola@fjord.example,Ola Nordmann'].join('\n'));
    expect(report.counts).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const after = await athletes(home);
    expect(after['ola@fjord.example']).toEqual({ ...before['ola@fjord.example'], name: 'Ola Nordmann', version: before['ola@fjord.example'].version + 1 });
  });
});

describe('a new time zone', () => {
  it("moves the athlete's runs and their daily rollup to local dates in it, as updateAthlete does", async () => {
    const { id } = await t.db.selectFrom('users').select('id').where('org_id', '=', home).where('email', '=', 'maya@fjord.example').executeTakeFirstOrThrow();
    // 03:00 UTC is the evening before in New York, the same day in Tokyo.
    await upsertActivities(t.db, home, id, [{ source: 'test', externalId: 'maya-1', startTime: new Date('2026-11-20T03:00:00Z'), distanceM: 8000, movingS: 2400, elapsedS: 2500 }], { now: NOW });
    const dates = async () => ({
      runs: (await sql<{ d: string }>`select local_date::text as d from activities where org_id = ${home} and athlete_id = ${id}`.execute(t.db)).rows.map((r) => r.d),
      daily: (await sql<{ d: string }>`select local_date::text as d from activity_daily where org_id = ${home} and athlete_id = ${id} and runs > 0`.execute(t.db)).rows.map((r) => r.d),
    });
    expect(await dates()).toEqual({ runs: ['2026-11-19'], daily: ['2026-11-19'] });
    const report = await run(home, ['email,name,timezone', 'maya@fjord.example,Maya Berg,Asia/Tokyo'].join('\n'));
    expect(report.outcomes[0]).toMatchObject({ action: 'updated', changes: ['timezone'] });
    expect(await dates()).toEqual({ runs: ['2026-11-20'], daily: ['2026-11-20'] });
  });
});

describe('bad rows', () => {
  it('reports every bad row with its line and what is wrong, and writes nothing', async () => {
    const before = { counts: await counts(home), state: await athletes(home) };
    const report = await run(home, [
      HEADER,
      'new1@fjord.example,New One,Europe/Oslo,metric,male,1990,Brand new label,Brand new group,kari@fjord.example',
      'not-an-email,Bad Row,Mars/Olympus,metric,x,1800,,,',
      '"new2@fjord.example","Quoted, fine",,,,,,,',
      'new3@fjord.example,Unknown Coach,,,,,,,nobody@fjord.example;kari@fjord.example',
      'admin@fjord.example,Staff Email,,,,,,,',
    ].join('\n'));
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => e.line)).toEqual([3, 5, 6]);
    expect(report.errors[0].problems).toEqual([
      'email must be an email address like name@example.com; got "not-an-email"',
      'timezone must be an IANA zone name such as Europe/London; got "Mars/Olympus"',
      'sex must be male or female (any case) or empty; got "x"',
      'birth_year must be between 1900 and 2026; got 1800',
    ]);
    expect(report.errors[1]).toEqual({ line: 5, email: 'new3@fjord.example', problems: ['coach_emails: no coach with email nobody@fjord.example in this organization (create them first: createCoach)'] });
    expect(report.errors[2].problems[0]).toMatch(/^email admin@fjord\.example belongs to admin \d+ of this organization, not an athlete$/);
    const text = formatReport(report, 'bad.csv');
    expect(text[0]).toBe('bad.csv: not imported, nothing was written: 3 bad rows');
    expect(text.slice(1).map((l) => l.split(':')[0])).toEqual(['  line 3', '  line 5 (new3@fjord.example)', '  line 6 (admin@fjord.example)']);
    expect(await counts(home)).toEqual(before.counts);
    expect(await athletes(home)).toEqual(before.state);
  });

  it('a coach of another organization is no coach here; an email of another organization is free here', async () => {
    const bad = await run(home, [HEADER, 'x1@fjord.example,X One,,,,,,,away.coach@away.example'].join('\n'));
    expect(bad.errors).toEqual([{ line: 2, email: 'x1@fjord.example', problems: [expect.stringContaining('no coach with email away.coach@away.example')] }]);
    await sql`update users set email = 'away.coach@away.example' where id = ${awayCoach}`.execute(t.db);
    const stillBad = await run(home, [HEADER, 'x1@fjord.example,X One,,,,,,,away.coach@away.example'].join('\n'));
    expect(stillBad.ok).toBe(false);
    // liv@ and kari@ exist in the away organization: importing them there creates its own athlete and uses its own coach.
    await sql`update users set email = 'kari@fjord.example' where id = ${awayCoach}`.execute(t.db);
    const awayBefore = await athletes(away);
    const report = await run(away, [HEADER, 'ola@fjord.example,Away Ola,,,,,Away label,,kari@fjord.example'].join('\n'));
    expect(report.errors).toEqual([]);
    expect(report.counts.created).toBe(1);
    const awayAfter = await athletes(away);
    expect(awayAfter['ola@fjord.example']).toMatchObject({ name: 'Away Ola', labels: 'Away label', coaches: 'kari@fjord.example' });
    expect(awayAfter['liv@fjord.example']).toEqual(awayBefore['liv@fjord.example']);
    expect((await athletes(home))['ola@fjord.example'].name).toBe('Ola Nordmann');
  });

  it('parses: header problems, duplicate emails, short rows and rows spanning lines', async () => {
    const header = await parseRoster('email,full_name,name\nx@y.example,a,b\n');
    expect(header.errors).toEqual([{ line: 1, problems: ['unknown column "full_name"; the columns are email, name, timezone, unit_system, sex, birth_year, labels, groups, coach_emails'] }]);
    const parsed = await parseRoster([
      'email,name,labels',
      'a@x.example,A,Elite;elite; Masters ;',
      'b@x.example,"Two',
      'lines",',
      'c@x.example,C',
      'A@x.example,Again,',
      '',
      'd@x.example,"Bad\u0007bell",',
    ].join('\n'), { now: NOW });
    expect(parsed.rows).toEqual([{ line: 2, email: 'a@x.example', name: 'A', labels: ['Elite', 'Masters'] }]);
    expect(parsed.errors).toEqual([
      // A row spanning lines is reported at its first (a name cannot hold a line break).
      { line: 3, email: 'b@x.example', problems: [expect.stringMatching(/^name must not contain control characters .*; got U\+000A at position 3$/)] },
      { line: 5, problems: ['the row has 2 fields; the header has 3 (quote a field holding a comma)'] },
      { line: 6, email: 'a@x.example', problems: ['email a@x.example is also on line 2 (one row per athlete)'] },
      { line: 8, email: 'd@x.example', problems: [expect.stringMatching(/^name must not contain control characters/)] },
    ]);
    const unclosed = await parseRoster('email,name\na@x.example,"open\n');
    expect(unclosed.errors).toEqual([{ line: expect.any(Number), problems: [expect.stringContaining('a quoted field is never closed')] }]);
    expect((await parseRoster('')).errors[0].problems[0]).toMatch(/^the file is empty/);
  });

  it('a dry run checks and rolls back', async () => {
    const before = await counts(home);
    const report = await importRoster(t.db, home, [HEADER, 'dry@fjord.example,Dry Run,,,,,Dry label,,'].join('\n'), { statementTimeoutMs: 10_000, now: NOW, dryRun: true });
    expect(report.ok).toBe(true);
    expect(report.counts.created).toBe(1);
    expect(formatReport(report, 'd.csv').at(-1)).toBe('d.csv: dry run, rolled back: would have 1 created, 0 updated, 0 unchanged');
    expect(await counts(home)).toEqual(before);
  });
});

// ---- the real CLI -------------------------------------------------------------------------

const runCli = (args: string[], env: Record<string, string | undefined>) => runScript('roster.ts', args, env);

describe('npm run roster -- import (the real CLI)', () => {
  it('imports the example (exit 0, summary), then refuses a bad file (exit 1, every bad row)', async () => {
    let env: Record<string, string | undefined>;
    let orgId: number;
    if (process.env.DATABASE_URL) {
      // The CLI opens this test's own database on the same server.
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${(await sql<{ name: string }>`select current_database() as name`.execute(t.db)).rows[0].name}`;
      env = { DATABASE_URL: url.toString() };
      orgId = await createOrganization(t.db, 'CLI Club', 'Europe/Oslo');
      await createUser(t.db, orgId, { role: 'coach', name: 'CLI Kari', email: 'kari@fjord.example' });
      await createUser(t.db, orgId, { role: 'admin', name: 'CLI Admin', email: 'admin@cli.example' });
    } else {
      // An in-memory PGlite cannot be shared with a child process: the CLI gets an embedded
      // database of its own in a temporary DATA_DIR, prepared here and closed before it starts.
      const dataDir = path.join(dir, 'data');
      const handle = await createDatabase({ dataDir });
      try {
        await migrateToLatest(handle.db);
        orgId = await createOrganization(handle.db, 'CLI Club', 'Europe/Oslo');
        await createUser(handle.db, orgId, { role: 'coach', name: 'CLI Kari', email: 'kari@fjord.example' });
        await createUser(handle.db, orgId, { role: 'admin', name: 'CLI Admin', email: 'admin@cli.example' });
      } finally {
        await handle.close();
      }
      env = { DATABASE_URL: undefined, DATA_DIR: dataDir };
    }
    const ok = await runCli(['import', EXAMPLE, '--org', String(orgId)], env);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const out = ok.stdout.trim().split('\n');
    expect(out[0]).toBe(`organization ${orgId} (CLI Club)`);
    expect(out).toContain('  labels created: Half marathon, Masters, Injury watch');
    expect(out.at(-1)).toBe('roster-example.csv: 4 created, 0 updated, 0 unchanged');

    const again = await runCli(['import', EXAMPLE, '--org', String(orgId)], env);
    expect(again.code).toBe(0);
    expect(again.stdout.trim().split('\n').at(-1)).toBe('roster-example.csv: nothing changed: 4 athletes already as the file says');

    const bad = writeCsv('bad.csv', [HEADER, 'ok@fjord.example,Fine,,,,,,,', 'broken,Bad Email,,,,,,,', 'ok2@fjord.example,Fine Too,,,,1492,,,']);
    const refused = await runCli(['import', bad, '--org', String(orgId)], env);
    expect(refused.code).toBe(1);
    const err = refused.stderr.trim().split('\n');
    expect(err[0]).toBe('bad.csv: not imported, nothing was written: 2 bad rows');
    expect(err[1]).toMatch(/^ {2}line 3: email must be an email address like name@example\.com; got "broken"$/);
    expect(err[2]).toMatch(/^ {2}line 4 \(ok2@fjord\.example\): birth_year must be between 1900 and \d{4}; got 1492$/);

    const usage = await runCli(['export', EXAMPLE], env);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/^usage: npm run roster -- import/);
  });
});
