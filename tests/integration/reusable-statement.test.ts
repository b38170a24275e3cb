import { sql, type KyselyPlugin } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { reusableStatement } from '../../src/repositories/reusable-statement';
import { findAthletesByIds } from '../../src/repositories/athletes';

// A statement built once per shape must send what a freshly built one sends, with each call's
// values, and still pass through the connection's plugins.
let t: TestDatabase;
let orgId: number;
let athletes: number[];

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Reuse Club');
  athletes = [];
  for (const name of ['Ada', 'Bo', 'Cy']) athletes.push(await createUser(t.db, orgId, { role: 'athlete', name }));
});

afterAll(() => t.close());

const byNameAndMinimum = reusableStatement((db, p: { name: string; minimum: number }, shape: 'exact' | 'prefix') =>
  db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('id', '>=', p.minimum)
    .where(shape === 'exact' ? sql<boolean>`name = ${p.name}` : sql<boolean>`name like ${p.name} || '%'`)
    .orderBy('id'),
);

describe('reusableStatement', () => {
  it('sends the text a fresh build sends, with each call’s values in their places', async () => {
    t.statements.reset();
    expect(await byNameAndMinimum(t.db, 'exact', { name: 'Bo', minimum: 0 })).toEqual([{ id: athletes[1], name: 'Bo' }]);
    expect(await byNameAndMinimum(t.db, 'exact', { name: 'Cy', minimum: athletes[2] })).toEqual([{ id: athletes[2], name: 'Cy' }]);
    expect(await byNameAndMinimum(t.db, 'exact', { name: 'Cy', minimum: athletes[2] + 1 })).toEqual([]);
    expect(await byNameAndMinimum(t.db, 'prefix', { name: '', minimum: athletes[1] })).toEqual([{ id: athletes[1], name: 'Bo' }, { id: athletes[2], name: 'Cy' }]);
    const fresh = t.db.selectFrom('users').select(['id', 'name']).where('org_id', '=', orgId).where('id', '>=', 0).where(sql<boolean>`name = ${'Bo'}`).orderBy('id').compile();
    expect(t.statements.sql[0]).toBe(fresh.sql);
    expect(t.statements.sql[3]).toMatch(/name like \$3 \|\| '%'/);
  });

  it('finds athletes by one id and by several as before', async () => {
    expect((await findAthletesByIds(t.db, orgId, [athletes[0]])).map((a) => a.name)).toEqual(['Ada']);
    expect((await findAthletesByIds(t.db, orgId, [athletes[2], athletes[0]])).map((a) => a.name).sort()).toEqual(['Ada', 'Cy']);
    expect(await findAthletesByIds(t.db, orgId + 1000, [athletes[0]])).toEqual([]);
  });

  it('goes through the connection’s plugins on every call: a refusing guard refuses it', async () => {
    const refusing: KyselyPlugin = {
      transformQuery: () => {
        throw new Error('the request transaction has ended');
      },
      transformResult: async (args) => args.result,
    };
    await byNameAndMinimum(t.db, 'exact', { name: 'Ada', minimum: 0 });
    await expect(byNameAndMinimum(t.db.withPlugin(refusing), 'exact', { name: 'Ada', minimum: 0 })).rejects.toThrow(/has ended/);
    const seen: string[] = [];
    const counting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        seen.push(String(args.queryId.queryId));
        return args.result;
      },
    };
    await byNameAndMinimum(t.db.withPlugin(counting), 'exact', { name: 'Ada', minimum: 0 });
    await byNameAndMinimum(t.db.withPlugin(counting), 'exact', { name: 'Ada', minimum: 0 });
    expect(new Set(seen).size).toBe(2);
  });

  it('builds afresh for a plugin that rewrites the query', async () => {
    const rewriting: KyselyPlugin = {
      transformQuery: (args) => ({ ...args.node }),
      transformResult: async (args) => args.result,
    };
    expect(await byNameAndMinimum(t.db.withPlugin(rewriting), 'exact', { name: 'Cy', minimum: 0 })).toEqual([{ id: athletes[2], name: 'Cy' }]);
  });
});
