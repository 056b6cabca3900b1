/**
 * Getting data to a PostgreSQL-family warehouse: the loader parses exports with DuckDB as always,
 * then the canonical tables it wrote are copied into the Postgres schema, all in one Postgres
 * transaction (a failed copy leaves the schema as it was). Columns travel as arrays, a batch at a
 * time, into one `INSERT … SELECT FROM unnest(…)` each: bound values, no row loop in JavaScript.
 */
import type { DuckDbWarehouse } from './connection.js';
import type { Engine } from './engine.js';

/** The tables `load` writes (sql/warehouse/warehouse.sql): what the models read. */
export const canonicalTables = [
  'load_runs',
  'rejected_rows',
  'leads',
  'lead_fields',
  'stage_events',
  'owners',
  'activities',
  'activity_leads',
  'engagement_events',
  'field_history',
  'opportunities',
  'opportunity_events',
  'opportunity_fields',
  'opportunity_stage_events',
];

const batchRows = 50_000;

/** DuckDB's column types as Postgres types (the canonical tables use only these). */
function postgresType(duckType: string): string {
  const type = duckType.toUpperCase();
  if (type === 'VARCHAR') return 'text';
  if (type === 'INTEGER') return 'int4';
  if (type === 'BIGINT') return 'int8';
  if (type === 'DOUBLE') return 'float8';
  if (type === 'BOOLEAN') return 'bool';
  if (type === 'DATE') return 'date';
  if (type === 'TIMESTAMP WITH TIME ZONE') return 'timestamptz';
  if (type === 'TIMESTAMP') return 'timestamp';
  throw new Error(`no Postgres type for the DuckDB column type ${duckType}`);
}

/** Replaces the canonical tables of `target` with those of the DuckDB warehouse `source`. */
export async function copyWarehouse(source: DuckDbWarehouse, target: Engine, tables = canonicalTables): Promise<Record<string, number>> {
  const copied: Record<string, number> = {};
  await target.transaction(async () => {
    for (const table of tables) copied[table] = await copyTable(source, target, table);
  });
  return copied;
}

async function copyTable(source: DuckDbWarehouse, target: Engine, table: string): Promise<number> {
  const columns = (await source.columns(table)).map((c) => ({ name: c.name, type: postgresType(c.type) }));
  if (columns.length === 0) throw new Error(`the warehouse has no table ${table}`);
  await target.run(`drop table if exists ${table} cascade`);
  await target.run(`create table ${table} (${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`);
  const { n, last } = (await source.one<{ n: number; last: number }>(`select count(*)::int as n, coalesce(max(rowid), -1)::double as last from ${table}`))!;
  const list = columns.map((c) => c.name).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  // A batch is a range of row ids, which DuckDB reads directly; `limit … offset` read every earlier
  // row again for each batch (quadratic: minutes at 1M leads). Deleted rows leave gaps: a batch
  // may be short or empty, and none is missed.
  for (let from = 0; from <= last; from += batchRows) {
    const reader = await source.connection.runAndReadAll(`select ${list} from ${table} where rowid >= ${from} and rowid < ${from + batchRows} order by rowid`);
    if (reader.currentRowCount === 0) continue;
    const batch = reader.getColumnsObjectJS() as Record<string, unknown[]>;
    const values = columns.map((c) => batch[c.name]);
    await target.run(`insert into ${table} (${list}) select * from unnest(${arrays})`, values);
  }
  // the planner's statistics now, not when autovacuum gets round to it: the first report after a
  // load would otherwise plan its joins on guesses
  await target.run(`analyze ${table}`);
  return n;
}
