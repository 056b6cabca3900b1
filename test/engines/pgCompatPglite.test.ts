/** compat.sql's DuckDB functions on PGlite give what DuckDB gives, asked the same queries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbWarehouse } from '../../src/db/connection.js';
import { PostgresWarehouse } from '../../src/db/postgres.js';

describe('compat.sql against DuckDB', () => {
  let duck: DuckDbWarehouse;
  let pg: PostgresWarehouse;
  beforeAll(async () => {
    duck = await DuckDbWarehouse.open({ path: ':memory:' });
    pg = await PostgresWarehouse.pglite();
  }, 120_000);
  afterAll(async () => {
    duck?.close();
    await pg?.closed();
  });

  const both = async (sql: string) => ({ duck: await duck.all(sql), pg: await pg.all(sql) });

  it('arg_min and arg_max skip rows whose value is null, as DuckDB does (an owner export with no email in its latest load keeps the earlier one)', async () => {
    const { duck: d, pg: p } = await both(
      `select arg_min(v, k) as first, arg_max(v, k) as last, arg_min(v, t) as first_at, arg_max(v, cast(k as varchar)) as last_text
       from (values (cast(null as varchar), 1, timestamptz '2024-01-01 00:00:00+00'), ('b', 2, timestamptz '2024-01-02 00:00:00+00'),
                    ('c', 3, timestamptz '2024-01-03 00:00:00+00'), (null, 4, timestamptz '2024-01-04 00:00:00+00')) as t(v, k, t)`,
    );
    expect(d).toEqual([{ first: 'b', last: 'c', first_at: 'b', last_text: 'c' }]);
    expect(p).toEqual(d);
  });

  it('arg_min and arg_max are null when every value is null', async () => {
    const { duck: d, pg: p } = await both(
      `select arg_min(v, k) as first, arg_max(v, k) as last from (values (cast(null as varchar), 1), (null, 2)) as t(v, k)`,
    );
    expect(d).toEqual([{ first: null, last: null }]);
    expect(p).toEqual(d);
  });

  it("round(double, n) gives DuckDB's doubles: halves away from zero after scaling, a negative n to tens, overflow left as it was", async () => {
    const { duck: d, pg: p } = await both(
      `select x, n, round(x, n) as r from (values (cast(12.25 as double), 1), (-12.25, 1), (2.5, 0), (-2.5, 0), (0.125, 2), (1.005, 2),
         (2.675, 2), (1234.5678, -2), (-1250, -2), (60.0, 2), (cast(1e300 as double), 10), (cast(null as double), 2)) as t(x, n)`,
    );
    // 12.25 is exact in binary: 122.5 rounds away to 123; 1.005 is 1.00499999999999989…, its 100.49999999999999 to 100
    expect(d.map((r) => r.r)).toEqual([12.3, -12.3, 3, -3, 0.13, 1, 2.68, 1200, -1300, 60, 1e300, null]);
    expect(p).toEqual(d);
  });

  it("try_double, try_date and try_timestamptz read what DuckDB's try_cast reads, and no more of PostgreSQL's wider input", async () => {
    const inputs = [
      ['2026-01-05', ' 2026-01-05', '2026-01-05 10:00', '2026-01-05T10:00:00Z', '2026-01-05 10:00:00+02', '2026-01-05 10:00:00.123456+05:30'],
      ['2026-1-5', '2026/01/05', '12026-01-05', '2026-01-05 10:00:00 America/New_York', 'epoch', 'EPOCH', 'infinity', '-infinity', '2026-02-30'],
      // PostgreSQL alone reads these as dates: month first, words, Julian days, dots, no separators
      ['20260105', '01/05/2026', '5-1-2026', 'Jan 5 2026', 'now', 'today', 'tomorrow', 'yesterday', 'J2451187', '2026.01.05', '1.2.3'],
      // and these as numbers (hex), or not (digit groups)
      ['1e3', ' 12 ', '+5', '.5', '5.', '1.5e+3', '1E5', '0x10', '1_000', '1__0', '_1', '1_', '1,5', '1e', '--5', 'inf', '-Inf', 'nan', 'Infinity'],
      ['', 'x', 'allballs'],
    ].flat();
    const query = `select s, cast(try_date(s) as varchar) as d, cast(try_timestamptz(s) as varchar) as t, try_double(s) as n
      from (select unnest(cast($1 as varchar[])) as s) as inputs`;
    const d = await duck.all(query, [inputs]);
    const p = await pg.all(query, [inputs]);
    expect(p).toEqual(d);
    // what DuckDB gives, so the test cannot pass by both engines reading nothing
    const by = new Map(d.map((r) => [r.s, r]));
    expect(by.get('2026-01-05 10:00:00+02')).toEqual({ s: '2026-01-05 10:00:00+02', d: '2026-01-05', t: '2026-01-05 08:00:00+00', n: null });
    expect(['01/05/2026', 'now', 'J2451187', '20260105'].map((s) => by.get(s)!.d)).toEqual([null, null, null, null]);
    expect(['0x10', '1_000', '5.', 'inf'].map((s) => by.get(s)!.n)).toEqual([null, 1000, 5, Number.POSITIVE_INFINITY]);
  });
});
