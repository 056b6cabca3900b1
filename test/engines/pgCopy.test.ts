/** The copy of canonical tables into PostgreSQL: every row, once, whatever rows the loader deleted. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbWarehouse } from '../../src/db/connection.js';
import { copyWarehouse } from '../../src/db/pgCopy.js';
import { PostgresWarehouse } from '../../src/db/postgres.js';

describe('copying the canonical tables into PostgreSQL', () => {
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

  it('copies every row left after deletes, across batches of row ids, one of them empty', async () => {
    // 120,000 owners, then the first 50,000 (a whole batch of row ids) and 10,000 more across the
    // next batch boundary deleted, as a merge deletes superseded rows
    await duck.run(`insert into owners (owner_id, name, load_id, source_row)
      select 'O' || i, 'Owner ' || i, 1, cast(i as integer) from range(120000) as t(i)`);
    await duck.run(`delete from owners where source_row < 50000 or source_row between 95000 and 104999`);
    const copied = await copyWarehouse(duck, pg, ['owners']);
    expect(copied.owners).toBe(60_000);
    const row = await pg.one<{ n: number; distinct_ids: number; low: number; high: number; gap: number }>(
      `select count(*)::int as n, count(distinct owner_id)::int as distinct_ids, min(source_row) as low, max(source_row) as high,
        count(*) filter (where source_row between 95000 and 104999)::int as gap
       from owners`,
    );
    expect(row).toEqual({ n: 60_000, distinct_ids: 60_000, low: 50_000, high: 119_999, gap: 0 });
  }, 120_000);
});
