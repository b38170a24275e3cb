import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { jsonRows, toDate } from '../../src/repositories/json-rows';

// Rows read as JSON column arrays must hold what ordinary rows (through the pool's type
// parsers) hold, timestamps aside, in the query's order.
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t.close();
});

interface Sample {
  id: number;
  big: number;
  ratio: number;
  share: number;
  label: string | null;
  day: string;
  at: Date | string;
  ok: boolean;
  settings: Record<string, unknown> | null;
  zones: number[];
}

const COLUMNS = ['id', 'big', 'ratio', 'share', 'label', 'day', 'at', 'ok', 'settings', 'zones'] as const;

const SAMPLES = sql`
  select * from (values
    (1, 9007199254740991::int8, 0.1::float8 + 0.2::float8, 65.333333333333333333::numeric, 'Zoë "Q" \\ O''Neil',
      '2026-03-29'::date, '2026-03-29 01:30:00.123456+00'::timestamptz, true, '{"hrvSd": 0.7, "nested": {"a": [1, null]}}'::jsonb,
      json_build_array(60, 0, 1200, 5, 0)),
    (2, 0::int8, -1.5e-300::float8, 0::numeric, null, '2024-02-29'::date, '1999-12-31 23:59:59+05:45'::timestamptz, false, null::jsonb,
      json_build_array(0, 0, 0, 0, 0))
  ) as s(id, big, ratio, share, label, day, at, ok, settings, zones)
  order by id`;

describe('jsonRows', () => {
  it('reads the values ordinary rows hold, timestamps as ISO text that toDate turns back into the same instant', async () => {
    const plain = (await SAMPLES.execute(t.db)).rows as Sample[];
    const viaArrays = await jsonRows<Sample>(t.db, SAMPLES, COLUMNS);
    expect(viaArrays).toHaveLength(2);
    for (const [i, row] of viaArrays.entries()) {
      expect(typeof row.at).toBe('string');
      expect(toDate(row.at).getTime()).toBe((plain[i].at as Date).getTime());
      expect({ ...row, at: null }).toEqual({ ...plain[i], at: null });
    }
    expect(viaArrays[0].big).toBe(Number.MAX_SAFE_INTEGER);
    expect(viaArrays[0].ratio).toBe(0.30000000000000004);
    expect(viaArrays[0].day).toBe('2026-03-29');
    expect(toDate(viaArrays[1].at).toISOString()).toBe('1999-12-31T18:14:59.000Z');
  });

  it('answers no rows for an empty result', async () => {
    expect(await jsonRows<Sample>(t.db, sql`select * from (${SAMPLES}) s where false`, COLUMNS)).toEqual([]);
  });

  it('keeps column names that need quoting as they are', async () => {
    const odd = 'it\'s \\ "odd" }; throw 1; //';
    const rows = await jsonRows<Record<string, number>>(t.db, sql`select n as ${sql.ref(odd)}, n * 2 as plain from generate_series(1, 3) n order by n`, [odd, 'plain']);
    expect(rows).toEqual([{ [odd]: 1, plain: 2 }, { [odd]: 2, plain: 4 }, { [odd]: 3, plain: 6 }]);
  });

  it('keeps the order of a sorted subquery', async () => {
    const rows = await jsonRows<{ n: number }>(t.db, sql`select n from generate_series(1, 2000) n order by n % 7, n desc`, ['n']);
    const expected = Array.from({ length: 2000 }, (_, i) => i + 1).sort((a, b) => a % 7 - b % 7 || b - a);
    expect(rows.map((r) => r.n)).toEqual(expected);
  });
});
