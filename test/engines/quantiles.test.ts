/**
 * quantile_cont and median on PostgreSQL (sql/engines/postgres/compat.sql) give DuckDB's numbers to
 * the last bit, for groups small and large (past the 32 values a state holds before it spills to
 * the session's table), with nulls, several aggregates and grouping sets in one query, statement
 * after statement and inside a transaction. On PGlite always, and on a server when
 * REVOPS_TEST_PG_URL is set.
 */
import { describe, expect, it } from 'vitest';
import { DuckDbWarehouse } from '../../src/db/connection.js';
import { PostgresWarehouse } from '../../src/db/postgres.js';
import { describeWithPostgres, type TestSchema } from '../helpers/postgres.js';
import { bothEngines } from './pgSetup.js';

// group g (1 to 12) has g*37 rows (37 to 444), every seventh value null, values spread with repeats
const values = `
  select cast(g as integer) as g, case when i % 7 = 3 then null else cast((i * 7919) % 1000 as double) / 8 + g end as x
  from (select unnest(range(1, 13)) as g) as groups, lateral (select unnest(range(0, g * 37)) as i) as rows`;
const pgValues = `
  select g, case when i % 7 = 3 then null else cast((i * 7919) % 1000 as double precision) / 8 + g end as x
  from generate_series(1, 12) as g, lateral generate_series(0, g * 37 - 1) as i`;
const query = (from: string) => `
  with v as (${from})
  select g, quantile_cont(x, 0.5) as p50, quantile_cont(x, 0.9) as p90, quantile_cont(x, 0) as p0, quantile_cont(x, 1) as p100,
    quantile_cont(x, 0.333) as p333, median(x) as med, count(x) as n
  from v group by grouping sets ((g), ()) order by g nulls first`;

function quantileTests(open: () => Promise<PostgresWarehouse>) {
  const engines = bothEngines(() => DuckDbWarehouse.open({ path: ':memory:' }), open);

  it('gives DuckDB numbers per group and overall, twice in a session and inside a transaction', async () => {
    const expected = (await engines.duck.all<Record<string, unknown>>(query(values))).map((r): Record<string, unknown> => ({ ...r, n: Number(r.n) }));
    expect(expected).toHaveLength(13);
    // group 1: 37 rows, nulls at 3, 10, 17, 24 and 31, so 32 values: a state's whole buffer
    expect(expected[1]).toMatchObject({ g: 1, n: 32 });
    expect(expected[0]!.g).toBeNull();
    const first = await engines.pg.all(query(pgValues));
    const second = await engines.pg.all(query(pgValues));
    const inTransaction = await engines.pg.transaction(async () => {
      await engines.pg.all(query(pgValues));
      return engines.pg.all(query(pgValues));
    });
    for (const rows of [first, second, inTransaction]) expect(rows).toEqual(expected);
  }, 120_000);

  it('leaves nothing behind in the spill table once a statement is done', async () => {
    await engines.pg.all(query(pgValues));
    expect(await engines.pg.one(`select count(*)::int as n from pg_temp.revops_quantile_spill`)).toEqual({ n: 0 });
  }, 60_000);
}

describe('quantile_cont and median on PostgreSQL (PGlite)', () => quantileTests(() => PostgresWarehouse.pglite()));

describeWithPostgres('quantile_cont and median on a PostgreSQL server', (server: () => TestSchema) =>
  quantileTests(async () => {
    const url = new URL(server().url);
    url.searchParams.set('schema', server().schema);
    return PostgresWarehouse.connect(url.toString());
  }),
);
