/**
 * `load` into a PostgreSQL-family warehouse: the exports are parsed by DuckDB as always, in a
 * DuckDB warehouse in memory that first takes the canonical tables already in the Postgres schema
 * (so merges, duplicates and "already loaded" see earlier loads), then the result replaces the
 * schema's canonical tables in one Postgres transaction: all or nothing.
 */
import { postgresCsvRead, sqlText } from './csvList.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataError } from '../errors.js';
import { DuckDbWarehouse } from './connection.js';
import { canonicalTables, copyWarehouse } from './pgCopy.js';
import type { PostgresWarehouse } from './postgres.js';

export async function loadViaDuckDb<T>(target: PostgresWarehouse, work: (duck: DuckDbWarehouse) => Promise<T>): Promise<T> {
  // a schema connect-fivetran made reads Fivetran's tables through views (fivetranViews.ts): a load would replace them
  if ((await target.relationKind('load_runs')) === 'view') {
    throw dataError(`the schema ${target.schema} reads Fivetran's tables through views (connect-fivetran): load into a schema of its own (?schema= in --db)`);
  }
  const duck = await DuckDbWarehouse.open({ path: ':memory:' });
  try {
    await pullCanonicalTables(target, duck);
    const result = await work(duck);
    await copyWarehouse(duck, target);
    return result;
  } finally {
    duck.close();
  }
}

/**
 * The schema's canonical tables into the fresh DuckDB warehouse, the mirror of the copy in
 * (pgCopy.ts): PostgreSQL writes each table as CSV (COPY, in C), DuckDB reads the file (in C++);
 * no value passes through JavaScript. In PostgreSQL's CSV a null is an empty field and an empty
 * string `""`, which DuckDB keeps apart with allow_quoted_nulls off. Booleans come as t/f and
 * instants with their offset (the session is in UTC). The load ids go on after theirs.
 */
async function pullCanonicalTables(source: PostgresWarehouse, duck: DuckDbWarehouse): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'revops-pg-pull-'));
  try {
    for (const table of canonicalTables) {
      if (!(await source.relationKind(table))) continue;
      const names = new Set((await source.columns(table)).map((c) => c.name));
      const columns = (await duck.columns(table)).filter((c) => names.has(c.name));
      const file = join(dir, `${table}.csv`);
      await source.copyQueryToCsv(`select ${columns.map((c) => c.name).join(', ')} from ${table}`, file);
      const types = columns.map((c) => `'${c.name}': '${c.type}'`).join(', ');
      await duck.run(
        `insert into ${table} (${columns.map((c) => c.name).join(', ')})
         select * from read_csv(${sqlText(file)}, header = false, auto_detect = false, ${postgresCsvRead}, columns = {${types}})`,
      );
      await rm(file, { force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const last = await duck.one<{ id: number | null }>(`select max(load_id)::int as id from load_runs`);
  if (last?.id) await duck.run(`drop sequence load_id_seq; create sequence load_id_seq start ${last.id + 1}`);
}
