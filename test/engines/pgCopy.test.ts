/**
 * The copy of canonical tables into PostgreSQL (DuckDB's CSV into COPY): every row once, in
 * DuckDB's order, and every value as it was, whatever a CRM string holds. On PGlite always, and on
 * a real server (COPY FROM STDIN over `pg`) when REVOPS_TEST_PG_URL is set.
 */
import { describe, expect, it } from 'vitest';
import { DuckDbWarehouse } from '../../src/db/connection.js';
import { copyWarehouse } from '../../src/db/pgCopy.js';
import { loadViaDuckDb } from '../../src/db/pgLoad.js';
import { PostgresWarehouse } from '../../src/db/postgres.js';
import { describeWithPostgres, type TestSchema } from '../helpers/postgres.js';
import { bothEngines } from './pgSetup.js';

/** Strings a CRM export can hold that a CSV round trip could bend. */
const awkward = [
  '',
  'NULL',
  '\\N',
  ' leading and trailing ',
  'comma, "quoted" and \'single\'',
  'line\nbreak',
  'carriage\rreturn',
  'crlf\r\nend',
  'back\\slash',
  'tab\there',
  'Zoë Müller — 東京 🚀',
  '"',
  ',',
];

function copyTests(open: () => Promise<PostgresWarehouse>) {
  const engines = bothEngines(() => DuckDbWarehouse.open({ path: ':memory:' }), open);

  it('copies every row left after deletes, in DuckDB order', async () => {
    // 120,000 owners, then the first 50,000 and 10,000 more deleted, as a merge deletes superseded rows
    await engines.duck.run(`insert into owners (owner_id, name, load_id, source_row)
      select 'O' || i, 'Owner ' || i, 1, cast(i as integer) from range(120000) as t(i)`);
    await engines.duck.run(`delete from owners where source_row < 50000 or source_row between 95000 and 104999`);
    const copied = await copyWarehouse(engines.duck, engines.pg, ['owners']);
    expect(copied.owners).toBe(60_000);
    const row = await engines.pg.one<{ n: number; distinct_ids: number; low: number; high: number; gap: number }>(
      `select count(*)::int as n, count(distinct owner_id)::int as distinct_ids, min(source_row) as low, max(source_row) as high,
        count(*) filter (where source_row between 95000 and 104999)::int as gap
       from owners`,
    );
    expect(row).toEqual({ n: 60_000, distinct_ids: 60_000, low: 50_000, high: 119_999, gap: 0 });
  }, 120_000);

  it('keeps every string, null and empty apart, and instants, doubles, dates and booleans exact', async () => {
    await engines.duck.run(`delete from opportunities`);
    await engines.duck.run(
      `insert into opportunities (opportunity_id, source_system, name, amount, created_at, close_date, is_won, load_id, source_row)
       select 'D' || i, 'hubspot', name, amount, created_at, close_date, is_won, 1, cast(i as integer)
       from (select unnest($1::varchar[]) as name, generate_subscripts($1::varchar[], 1) as i) as names,
         (values (cast(0.1 as double) + cast(0.2 as double), timestamptz '2026-03-29 01:59:59.123456+00', date '2026-02-28', true)) as v(amount, created_at, close_date, is_won)`,
      [awkward],
    );
    await engines.duck.run(
      `insert into opportunities (opportunity_id, source_system, name, amount, created_at, close_date, is_won, load_id, source_row)
       values ('Dnull', 'hubspot', null, null, null, null, null, 1, 0), ('Dbig', 'hubspot', 'x', 1e300, timestamptz '1999-12-31 23:59:59.999999+00', date '2024-02-29', false, 1, 99)`,
    );
    await copyWarehouse(engines.duck, engines.pg, ['opportunities']);
    const rows = await engines.pg.all<{
      name: string | null;
      amount: number | null;
      created_us: number | null;
      close_date: string | null;
      is_won: boolean | null;
    }>(`select name, amount, epoch_us(created_at) as created_us, cast(close_date as varchar) as close_date, is_won from opportunities order by source_row`);
    expect(rows[0]).toEqual({ name: null, amount: null, created_us: null, close_date: null, is_won: null });
    expect(rows.slice(1, -1).map((r) => r.name)).toEqual(awkward);
    expect(rows[1]).toEqual({
      name: '',
      amount: 0.1 + 0.2,
      created_us: Date.UTC(2026, 2, 29, 1, 59, 59) * 1000 + 123_456,
      close_date: '2026-02-28',
      is_won: true,
    });
    expect(rows.at(-1)).toEqual({
      name: 'x',
      amount: 1e300,
      created_us: Date.UTC(1999, 11, 31, 23, 59, 59) * 1000 + 999_999,
      close_date: '2024-02-29',
      is_won: false,
    });
  }, 120_000);

  it('and back: a later load takes every row of the schema into DuckDB as it went in (COPY TO, no value through JS)', async () => {
    // the rows of the test above, and owners after deletes
    const tables = ['opportunities', 'owners'];
    const query = (table: string) =>
      `select * exclude (source_row), source_row from ${table} order by source_row, ${table === 'owners' ? 'owner_id' : 'opportunity_id'}`;
    const before = await Promise.all(tables.map((t) => engines.duck.all(query(t))));
    expect(before[0]).toHaveLength(awkward.length + 2);
    expect(before[1]).toHaveLength(60_000);
    const pulled = await loadViaDuckDb(engines.pg, async (duck) => Promise.all(tables.map((t) => duck.all(query(t)))));
    expect(pulled[0]).toEqual(before[0]);
    expect(pulled[1]).toEqual(before[1]);
    // the strings one by one, so a failure names the one that bent
    expect(pulled[0]!.map((r) => r.name)).toEqual(before[0]!.map((r) => r.name));
  }, 120_000);
}

describe('copying the canonical tables into PostgreSQL (PGlite)', () => copyTests(() => PostgresWarehouse.pglite()));

describeWithPostgres('copying the canonical tables into a PostgreSQL server', (server: () => TestSchema) =>
  copyTests(async () => {
    const url = new URL(server().url);
    url.searchParams.set('schema', server().schema);
    return PostgresWarehouse.connect(url.toString());
  }),
);
