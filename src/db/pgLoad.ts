/**
 * `load` into a PostgreSQL-family warehouse: the exports are parsed by DuckDB as always, in a
 * DuckDB warehouse in memory that first takes the canonical tables already in the Postgres schema
 * (so merges, duplicates and "already loaded" see earlier loads), then the result replaces the
 * schema's canonical tables in one Postgres transaction: all or nothing.
 */
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

/** The schema's canonical tables into the fresh DuckDB warehouse, column by column; the load ids go on after theirs. */
async function pullCanonicalTables(source: PostgresWarehouse, duck: DuckDbWarehouse): Promise<void> {
  for (const table of canonicalTables) {
    if (!(await source.relationKind(table))) continue;
    const names = new Set((await source.columns(table)).map((c) => c.name));
    const columns = (await duck.columns(table)).filter((c) => names.has(c.name));
    const list = columns.map((c) => c.name).join(', ');
    const rows = await source.all<Record<string, unknown>>(`select ${list} from ${table}`);
    if (rows.length === 0) continue;
    const values = columns.map((c) => rows.map((row) => row[c.name] ?? null));
    const unnests = columns.map((c, i) => `unnest(cast($${i + 1} as ${c.type}[]))`).join(', ');
    await duck.run(`insert into ${table} (${list}) select ${unnests}`, values);
  }
  const last = await duck.one<{ id: number | null }>(`select max(load_id)::int as id from load_runs`);
  if (last?.id) await duck.run(`drop sequence load_id_seq; create sequence load_id_seq start ${last.id + 1}`);
}
