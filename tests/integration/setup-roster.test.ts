import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { assignCoach, createOrganization, createUser } from '../helpers/fixtures';
import { errorCodes, execute } from '../helpers/graphql';
import { createTestApp, tokenFor } from '../helpers/auth';
import type { App } from '../../src/app';
import type { ViewerRole } from '../../src/auth/viewer';

// The roster and structure set-up mutations and the filter-menu lookups (issue 14), through
// real GraphQL: each works for the roles allowed and is refused for the others.

let t: TestDatabase;
let app: App;
interface Org { id: number; admin: number; coach: number; otherCoach: number; mine: number; theirs: number; athlete: number; label: number; group: number }
let home: Org;
let away: Org;
const tokens = {} as Record<ViewerRole | 'OTHER_ADMIN', string>;

async function makeOrg(name: string): Promise<Org> {
  const id = await createOrganization(t.db, name, 'Europe/London');
  const admin = await createUser(t.db, id, { role: 'admin', name: `${name} Admin` });
  const coach = await createUser(t.db, id, { role: 'coach', name: `${name} Coach` });
  const otherCoach = await createUser(t.db, id, { role: 'coach', name: `${name} Other Coach` });
  const mine = await createUser(t.db, id, { role: 'athlete', name: `${name} Mine` });
  const theirs = await createUser(t.db, id, { role: 'athlete', name: `${name} Theirs` });
  const athlete = await createUser(t.db, id, { role: 'athlete', name: `${name} Self` });
  await assignCoach(t.db, id, coach, mine);
  await assignCoach(t.db, id, otherCoach, theirs);
  await assignCoach(t.db, id, coach, athlete);
  const label = (await t.db.insertInto('labels').values({ org_id: id, name: `${name} Label` }).returning('id').executeTakeFirstOrThrow()).id;
  const group = (await t.db.insertInto('groups').values({ org_id: id, name: `${name} Group` }).returning('id').executeTakeFirstOrThrow()).id;
  return { id, admin, coach, otherCoach, mine, theirs, athlete, label, group };
}

beforeAll(async () => {
  t = await createTestDatabase();
  home = await makeOrg('Home');
  away = await makeOrg('Away');
  app = createTestApp(t.db, { clock: () => new Date('2026-11-27T12:00:00Z') });
  tokens.ADMIN = await tokenFor({ orgId: home.id, userId: home.admin, role: 'ADMIN' });
  tokens.COACH = await tokenFor({ orgId: home.id, userId: home.coach, role: 'COACH' });
  tokens.ATHLETE = await tokenFor({ orgId: home.id, userId: home.athlete, role: 'ATHLETE' });
  tokens.OTHER_ADMIN = await tokenFor({ orgId: away.id, userId: away.admin, role: 'ADMIN' });
});

afterAll(() => t.close());

type Result = Awaited<ReturnType<typeof execute>>;
const run = (role: keyof typeof tokens, query: string, variables?: Record<string, unknown>) =>
  execute<Record<string, any>, Record<string, unknown>>(app, tokens[role], query, variables);
const ok = (result: Result) => {
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, any>;
};
const code = (result: Result) => errorCodes(result)[0];

let emailSeq = 0;
const newEmail = () => `runner${++emailSeq}@example.com`;

const CREATE_ATHLETE = `mutation($input: CreateAthleteInput!) { createAthlete(input: $input) {
  athlete { id name email timezone unitSystem sex birthYear version archivedAt coaches { id } } } }`;
const UPDATE_ATHLETE = `mutation($input: UpdateAthleteInput!) { updateAthlete(input: $input) { athlete { id name email timezone sex birthYear unitSystem version } } }`;
const ARCHIVE = `mutation($id: ID!) { archiveAthlete(input: { id: $id }) { athlete { id archivedAt version } } }`;
const UNARCHIVE = `mutation($id: ID!) { unarchiveAthlete(input: { id: $id }) { athlete { id archivedAt version } } }`;

describe('athletes', () => {
  it('an admin creates an athlete with every field; a coach creates one assigned to them; an athlete may not', async () => {
    const byAdmin = ok(await run('ADMIN', CREATE_ATHLETE, { input: { name: '  Zoe   Quinn ', email: 'Zoe.Quinn@Example.com', timezone: 'Asia/Tokyo', unitSystem: 'IMPERIAL', sex: 'FEMALE', birthYear: 1990 } }));
    expect(byAdmin.createAthlete.athlete).toMatchObject({ name: 'Zoe Quinn', email: 'zoe.quinn@example.com', timezone: 'Asia/Tokyo', unitSystem: 'IMPERIAL', sex: 'FEMALE', birthYear: 1990, version: 1, archivedAt: null, coaches: [] });
    const byCoach = ok(await run('COACH', CREATE_ATHLETE, { input: { name: 'Coached Runner', email: newEmail() } }));
    expect(byCoach.createAthlete.athlete).toMatchObject({ timezone: 'Europe/London', coaches: [{ id: String(home.coach) }] });
    expect(code(await run('ATHLETE', CREATE_ATHLETE, { input: { name: 'Nope', email: newEmail() } }))).toBe('FORBIDDEN');
  });

  it('refuses a used email (any case) with CONFLICT and bad input naming the field and range', async () => {
    const taken = await run('ADMIN', CREATE_ATHLETE, { input: { name: 'Dup', email: 'ZOE.QUINN@example.com' } });
    expect(code(taken)).toBe('CONFLICT');
    expect(taken.errors![0].message).toMatch(/zoe.quinn@example.com is already used by athlete \d+/);
    const bad = [
      [{ name: '', email: newEmail() }, /input.name must be 1..100 characters/],
      [{ name: 'x'.repeat(101), email: newEmail() }, /input.name must be 1..100/],
      [{ name: 'Ok', email: 'not-an-email' }, /input.email must be an email address/],
      [{ name: 'Ok', email: newEmail(), birthYear: 1899 }, /input.birthYear must be between 1900 and 2026; got 1899/],
      [{ name: 'Ok\u0000', email: newEmail() }, /input.name must not contain/],
    ] as const;
    for (const [input, message] of bad) {
      const result = await run('ADMIN', CREATE_ATHLETE, { input });
      expect(code(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0].message).toMatch(message);
    }
    expect(code(await run('ADMIN', CREATE_ATHLETE, { input: { name: 'Ok', email: newEmail(), timezone: 'Mars/Olympus' } }))).toBe('BAD_USER_INPUT');
  });

  it('updates: admin any athlete, coach only assigned ones, never an athlete; the version increments and a stale one is CONFLICT', async () => {
    const first = ok(await run('ADMIN', UPDATE_ATHLETE, { input: { id: String(home.mine), name: 'Home Mine Renamed', sex: 'MALE', birthYear: 1985, expectedVersion: 1 } }));
    expect(first.updateAthlete.athlete).toMatchObject({ name: 'Home Mine Renamed', sex: 'MALE', birthYear: 1985, version: 2 });
    const second = ok(await run('COACH', UPDATE_ATHLETE, { input: { id: String(home.mine), unitSystem: null, birthYear: null, expectedVersion: 2 } }));
    expect(second.updateAthlete.athlete).toMatchObject({ unitSystem: null, birthYear: null, sex: 'MALE', version: 3 });
    const stale = await run('ADMIN', UPDATE_ATHLETE, { input: { id: String(home.mine), name: 'Late', expectedVersion: 2 } });
    expect(code(stale)).toBe('CONFLICT');
    expect(stale.errors![0].message).toMatch(/athlete \d+ is at version 3, not the expectedVersion 2/);
    expect(code(await run('COACH', UPDATE_ATHLETE, { input: { id: String(home.theirs), name: 'Not yours' } }))).toBe('FORBIDDEN');
    expect(code(await run('ATHLETE', UPDATE_ATHLETE, { input: { id: String(home.athlete), name: 'Me' } }))).toBe('FORBIDDEN');
    expect(code(await run('ADMIN', UPDATE_ATHLETE, { input: { id: String(away.mine), name: 'Foreign' } }))).toBe('NOT_FOUND');
    expect(code(await run('ADMIN', UPDATE_ATHLETE, { input: { id: String(home.coach), name: 'A coach is no athlete' } }))).toBe('NOT_FOUND');
    expect(code(await run('ADMIN', UPDATE_ATHLETE, { input: { id: String(home.mine), name: null } }))).toBe('BAD_USER_INPUT');
    expect(code(await run('ADMIN', UPDATE_ATHLETE, { input: { id: String(home.mine), email: 'zoe.quinn@example.com' } }))).toBe('CONFLICT');
    const row = await t.db.selectFrom('users').select(['name', 'version']).where('id', '=', home.mine).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Home Mine Renamed', version: 3 });
  });

  it('a change of zone re-dates the athlete\'s runs and rollups in the new zone', async () => {
    const id = ok(await run('ADMIN', CREATE_ATHLETE, { input: { name: 'Zone Mover', email: newEmail(), timezone: 'UTC' } })).createAthlete.athlete.id;
    const ingest = await run('ADMIN', `mutation($a: ID!) { ingestActivities(athleteId: $a, activities: [
      { source: "t", externalId: "late", startTime: "2026-11-20T23:30:00Z", distance: 5000, movingTime: 1500 }]) { localDates } }`, { a: id });
    expect(ok(ingest).ingestActivities.localDates).toEqual(['2026-11-20']);
    ok(await run('ADMIN', UPDATE_ATHLETE, { input: { id, timezone: 'Asia/Tokyo' } }));
    const days = await t.db.selectFrom('activity_daily').select(['local_date', 'runs']).where('athlete_id', '=', Number(id)).execute();
    expect(days).toEqual([{ local_date: '2026-11-21', runs: 1 }]);
  });

  it('archived athletes vanish from the roster, the Athletes list and group counts, answer athlete(id), and come back on unarchive', async () => {
    const id = ok(await run('ADMIN', CREATE_ATHLETE, { input: { name: 'Archie Ved', email: newEmail() } })).createAthlete.athlete.id;
    ok(await run('ADMIN', `mutation($g: ID!, $a: ID!) { addGroupMember(input: { groupId: $g, athleteId: $a, joinedOn: "2026-01-05" }) { joinedOn } }`, { g: String(home.group), a: id }));
    const lists = `{ athletes(first: 100) { totalCount edges { node { id } } } coachAthletesMetrics(first: 100) { totalCount edges { node { id } } }
      groups { edges { node { id memberCount } } } groupDashboard { overview { groups { group { memberCount } } } } }`;
    const before = ok(await run('ADMIN', lists));
    const ids = (d: any) => d.edges.map((e: any) => e.node.id);
    expect(ids(before.athletes)).toContain(id);
    expect(ids(before.coachAthletesMetrics)).toContain(id);
    const members = (d: any) => d.groups.edges.find((e: any) => e.node.id === String(home.group)).node.memberCount;
    const archived = ok(await run('ADMIN', ARCHIVE, { id })).archiveAthlete.athlete;
    expect(archived.archivedAt).toBe('2026-11-27T12:00:00.000Z');
    expect(archived.version).toBe(2);
    const after = ok(await run('ADMIN', lists));
    expect(ids(after.athletes)).not.toContain(id);
    expect(ids(after.coachAthletesMetrics)).not.toContain(id);
    expect(after.athletes.totalCount).toBe(before.athletes.totalCount - 1);
    expect(after.coachAthletesMetrics.totalCount).toBe(before.coachAthletesMetrics.totalCount - 1);
    expect(members(after)).toBe(members(before) - 1);
    expect(after.groupDashboard.overview.groups[0].group.memberCount).toBe(members(before) - 1);
    expect(ok(await run('ADMIN', `query($id: ID!) { athlete(id: $id) { id archivedAt } }`, { id })).athlete.archivedAt).toBe('2026-11-27T12:00:00.000Z');
    expect(ok(await run('ADMIN', ARCHIVE, { id })).archiveAthlete.athlete.version).toBe(2);
    const back = ok(await run('ADMIN', UNARCHIVE, { id })).unarchiveAthlete.athlete;
    expect(back).toMatchObject({ archivedAt: null, version: 3 });
    const again = ok(await run('ADMIN', lists));
    expect(ids(again.athletes)).toContain(id);
    expect(members(again)).toBe(members(before));
  });

  it('archive and unarchive: a coach only for assigned athletes, an athlete never, another organization NOT_FOUND', async () => {
    for (const m of [ARCHIVE, UNARCHIVE]) {
      expect(code(await run('COACH', m, { id: String(home.theirs) }))).toBe('FORBIDDEN');
      expect(code(await run('ATHLETE', m, { id: String(home.athlete) }))).toBe('FORBIDDEN');
      expect(code(await run('ADMIN', m, { id: String(away.mine) }))).toBe('NOT_FOUND');
    }
    expect(ok(await run('COACH', ARCHIVE, { id: String(home.mine) })).archiveAthlete.athlete.archivedAt).not.toBeNull();
    expect(ok(await run('COACH', UNARCHIVE, { id: String(home.mine) })).unarchiveAthlete.athlete.archivedAt).toBeNull();
  });
});

describe('staff and coach assignments', () => {
  const CREATE_COACH = `mutation($input: CreateCoachInput!) { createCoach(input: $input) { coach { id name email } } }`;
  const CREATE_ADMIN = `mutation($input: CreateAdminInput!) { createAdmin(input: $input) { admin { id name email timezone } } }`;
  const ASSIGN = `mutation($a: ID!, $c: ID!) { assignCoach(input: { athleteId: $a, coachId: $c }) { changed athlete { coaches { id } } } }`;
  const UNASSIGN = `mutation($a: ID!, $c: ID!) { unassignCoach(input: { athleteId: $a, coachId: $c }) { changed athlete { coaches { id } } } }`;

  it('only admins create coaches and admins; a used email is CONFLICT', async () => {
    const coach = ok(await run('ADMIN', CREATE_COACH, { input: { name: 'New Coach', email: newEmail() } })).createCoach.coach;
    expect(coach.name).toBe('New Coach');
    const admin = ok(await run('ADMIN', CREATE_ADMIN, { input: { name: 'New Admin', email: newEmail(), timezone: 'America/New_York' } })).createAdmin.admin;
    expect(admin.timezone).toBe('America/New_York');
    for (const role of ['COACH', 'ATHLETE'] as const) {
      expect(code(await run(role, CREATE_COACH, { input: { name: 'X', email: newEmail() } }))).toBe('FORBIDDEN');
      expect(code(await run(role, CREATE_ADMIN, { input: { name: 'X', email: newEmail() } }))).toBe('FORBIDDEN');
    }
    expect(code(await run('ADMIN', CREATE_COACH, { input: { name: 'Dup', email: coach.email } }))).toBe('CONFLICT');
  });

  it('admins assign and unassign coaches; coaches and athletes may not; foreign or non-coach ids are NOT_FOUND', async () => {
    const a = String(home.theirs);
    const c = String(home.coach);
    const assigned = ok(await run('ADMIN', ASSIGN, { a, c })).assignCoach;
    expect(assigned.changed).toBe(true);
    expect(assigned.athlete.coaches.map((x: any) => x.id)).toContain(c);
    expect(ok(await run('ADMIN', ASSIGN, { a, c })).assignCoach.changed).toBe(false);
    const unassigned = ok(await run('ADMIN', UNASSIGN, { a, c })).unassignCoach;
    expect(unassigned).toMatchObject({ changed: true });
    expect(unassigned.athlete.coaches.map((x: any) => x.id)).not.toContain(c);
    for (const m of [ASSIGN, UNASSIGN]) {
      expect(code(await run('COACH', m, { a: String(home.mine), c }))).toBe('FORBIDDEN');
      expect(code(await run('COACH', m, { a: String(home.theirs), c }))).toBe('FORBIDDEN');
      expect(code(await run('ATHLETE', m, { a: String(home.athlete), c }))).toBe('FORBIDDEN');
      expect(code(await run('ADMIN', m, { a: String(away.mine), c }))).toBe('NOT_FOUND');
      expect(code(await run('ADMIN', m, { a, c: String(away.coach) }))).toBe('NOT_FOUND');
      expect(code(await run('ADMIN', m, { a, c: String(home.admin) }))).toBe('NOT_FOUND');
    }
  });
});

describe('labels and groups', () => {
  for (const kind of ['Label', 'Group'] as const) {
    const lower = kind.toLowerCase();
    const CREATE = `mutation($name: String!) { create${kind}(input: { name: $name }) { ${lower} { id name version } } }`;
    const RENAME = `mutation($id: ID!, $name: String!, $v: Int) { rename${kind}(input: { id: $id, name: $name, expectedVersion: $v }) { ${lower} { id name version } } }`;
    const DELETE = `mutation($id: ID!) { delete${kind}(input: { id: $id }) { deleted${kind}Id } }`;

    it(`${lower}s: admins and coaches create, admins rename (versioned) and delete, athletes nothing`, async () => {
      const made = ok(await run('COACH', CREATE, { name: `Coach ${kind}` }))[`create${kind}`][lower];
      expect(made).toMatchObject({ name: `Coach ${kind}`, version: 1 });
      expect(code(await run('ADMIN', CREATE, { name: `coach ${lower}` }))).toBe('CONFLICT');
      expect(code(await run('ATHLETE', CREATE, { name: 'Nope' }))).toBe('FORBIDDEN');
      expect(code(await run('ADMIN', CREATE, { name: 'x'.repeat(61) }))).toBe('BAD_USER_INPUT');
      const renamed = ok(await run('ADMIN', RENAME, { id: made.id, name: `Renamed ${kind}`, v: 1 }))[`rename${kind}`][lower];
      expect(renamed).toMatchObject({ name: `Renamed ${kind}`, version: 2 });
      expect(code(await run('ADMIN', RENAME, { id: made.id, name: 'Stale', v: 1 }))).toBe('CONFLICT');
      expect(code(await run('ADMIN', RENAME, { id: made.id, name: `Home ${kind}` }))).toBe('CONFLICT');
      expect(code(await run('COACH', RENAME, { id: made.id, name: 'By coach' }))).toBe('FORBIDDEN');
      expect(code(await run('ATHLETE', RENAME, { id: made.id, name: 'By athlete' }))).toBe('FORBIDDEN');
      expect(code(await run('ADMIN', RENAME, { id: String(kind === 'Label' ? away.label : away.group), name: 'Foreign' }))).toBe('NOT_FOUND');
      expect(code(await run('COACH', DELETE, { id: made.id }))).toBe('FORBIDDEN');
      expect(code(await run('ATHLETE', DELETE, { id: made.id }))).toBe('FORBIDDEN');
      expect(code(await run('ADMIN', DELETE, { id: String(kind === 'Label' ? away.label : away.group) }))).toBe('NOT_FOUND');
      expect(ok(await run('ADMIN', DELETE, { id: made.id }))[`delete${kind}`][`deleted${kind}Id`]).toBe(made.id);
      expect(code(await run('ADMIN', DELETE, { id: made.id }))).toBe('NOT_FOUND');
    });
  }

  const ATTACH = `mutation($a: ID!, $l: ID!) { attachLabel(input: { athleteId: $a, labelId: $l }) { athlete { labels { id name version } } } }`;
  const DETACH = `mutation($a: ID!, $l: ID!) { detachLabel(input: { athleteId: $a, labelId: $l }) { athlete { labels { id } } } }`;
  const ADD = `mutation($g: ID!, $a: ID!, $d: Date!) { addGroupMember(input: { groupId: $g, athleteId: $a, joinedOn: $d }) { joinedOn group { memberCount } athlete { id } } }`;
  const REMOVE = `mutation($g: ID!, $a: ID!) { removeGroupMember(input: { groupId: $g, athleteId: $a }) { group { memberCount } } }`;

  it('attach and detach labels: admins any athlete, coaches assigned ones; foreign ids NOT_FOUND', async () => {
    const l = String(home.label);
    expect(ok(await run('COACH', ATTACH, { a: String(home.mine), l })).attachLabel.athlete.labels).toEqual([{ id: l, name: 'Home Label', version: 1 }]);
    expect(ok(await run('COACH', ATTACH, { a: String(home.mine), l })).attachLabel.athlete.labels).toHaveLength(1);
    expect(ok(await run('ADMIN', DETACH, { a: String(home.mine), l })).detachLabel.athlete.labels).toEqual([]);
    // The other way round: an admin attaches to any athlete, the assigned coach detaches.
    expect(ok(await run('ADMIN', ATTACH, { a: String(home.theirs), l })).attachLabel.athlete.labels).toEqual([{ id: l, name: 'Home Label', version: 1 }]);
    expect(ok(await run('ADMIN', ATTACH, { a: String(home.mine), l })).attachLabel.athlete.labels).toHaveLength(1);
    expect(ok(await run('COACH', DETACH, { a: String(home.mine), l })).detachLabel.athlete.labels).toEqual([]);
    expect(ok(await run('ADMIN', DETACH, { a: String(home.theirs), l })).detachLabel.athlete.labels).toEqual([]);
    for (const m of [ATTACH, DETACH]) {
      expect(code(await run('COACH', m, { a: String(home.theirs), l }))).toBe('FORBIDDEN');
      expect(code(await run('ATHLETE', m, { a: String(home.athlete), l }))).toBe('FORBIDDEN');
      expect(code(await run('ADMIN', m, { a: String(away.mine), l }))).toBe('NOT_FOUND');
      expect(code(await run('ADMIN', m, { a: String(home.mine), l: String(away.label) }))).toBe('NOT_FOUND');
    }
  });

  it('add and remove group members with their join date: admins any athlete, coaches assigned ones', async () => {
    const g = String(home.group);
    const added = ok(await run('COACH', ADD, { g, a: String(home.mine), d: '2026-03-01' })).addGroupMember;
    expect(added.joinedOn).toBe('2026-03-01');
    const stored = await t.db.selectFrom('group_members').select('joined_at').where('group_id', '=', home.group).where('athlete_id', '=', home.mine).executeTakeFirstOrThrow();
    expect(stored.joined_at.toISOString()).toBe('2026-03-01T12:00:00.000Z');
    const count = added.group.memberCount;
    expect(ok(await run('ADMIN', REMOVE, { g, a: String(home.mine) })).removeGroupMember.group.memberCount).toBe(count - 1);
    // An admin adds any athlete; the assigned coach removes.
    expect(ok(await run('ADMIN', ADD, { g, a: String(home.mine), d: '2026-03-02' })).addGroupMember.group.memberCount).toBe(count);
    expect(ok(await run('COACH', REMOVE, { g, a: String(home.mine) })).removeGroupMember.group.memberCount).toBe(count - 1);
    expect(code(await run('ADMIN', ADD, { g, a: String(home.mine), d: '2026-02-30' }))).toBe('BAD_USER_INPUT');
    for (const [m, extra] of [[ADD, { d: '2026-03-01' }], [REMOVE, {}]] as const) {
      expect(code(await run('COACH', m, { g, a: String(home.theirs), ...extra }))).toBe('FORBIDDEN');
      expect(code(await run('ATHLETE', m, { g, a: String(home.athlete), ...extra }))).toBe('FORBIDDEN');
      expect(code(await run('ADMIN', m, { g, a: String(away.mine), ...extra }))).toBe('NOT_FOUND');
      expect(code(await run('ADMIN', m, { g: String(away.group), a: String(home.mine), ...extra }))).toBe('NOT_FOUND');
    }
  });
});

describe('lookups', () => {
  const LOOKUPS = `query($first: Int, $after: String) {
    labels(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name version } } }
    coaches(first: $first, after: $after) { totalCount edges { node { id name email } } }
    groups(first: $first, after: $after) { totalCount edges { node { id name memberCount version } } } }`;

  it('labels, coaches and groups are the organization\'s own, by name, paged', async () => {
    const home1 = ok(await run('ADMIN', LOOKUPS, { first: 100 }));
    const away1 = ok(await run('OTHER_ADMIN', LOOKUPS, { first: 100 }));
    const names = (d: any) => d.edges.map((e: any) => e.node.name);
    expect(names(home1.coaches)).toEqual([...names(home1.coaches)].sort());
    expect(names(home1.coaches)).toContain('Home Coach');
    expect(names(home1.coaches)).not.toContain('Away Coach');
    expect(names(away1.labels)).toEqual(['Away Label']);
    expect(names(away1.groups)).toEqual(['Away Group']);
    expect(away1.coaches.totalCount).toBe(2);
    expect(names(home1.labels)).not.toContain('Away Label');
    expect(home1.labels.totalCount).toBe(home1.labels.edges.length);
    // Paging: one at a time reaches every coach once.
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: any = ok(await run('COACH', `query($after: String) { coaches(first: 1, after: $after) { pageInfo { hasNextPage endCursor } edges { node { name } } } }`, { after }));
      seen.push(...names(page.coaches));
      if (!page.coaches.pageInfo.hasNextPage) break;
      after = page.coaches.pageInfo.endCursor;
    }
    expect(seen).toEqual(names(home1.coaches));
  });

  it('are for coaches and admins; an athlete is FORBIDDEN; first out of range is BAD_USER_INPUT', async () => {
    for (const field of ['labels', 'coaches', 'groups']) {
      expect(code(await run('ATHLETE', `{ ${field} { totalCount } }`))).toBe('FORBIDDEN');
      expect(code(await run('ADMIN', `query($f: Int) { ${field}(first: $f) { totalCount } }`, { f: 101 }))).toBe('BAD_USER_INPUT');
      expect(code(await run('ADMIN', `{ ${field}(after: "bogus") { totalCount } }`))).toBe('BAD_USER_INPUT');
    }
  });
});
