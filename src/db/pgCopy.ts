/**
 * Getting data to a PostgreSQL-family warehouse: the loader parses exports with DuckDB as always,
 * then the canonical tables it wrote are copied into the Postgres schema, all in one Postgres
 * transaction (a failed copy leaves the schema as it was). Each table travels as a CSV file DuckDB
 * writes and PostgreSQL's COPY reads: no row loop in JavaScript.
 */
import { sqlText } from './csvList.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDbWarehouse } from './connection.js';
import type { PostgresWarehouse } from './postgres.js';

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
export async function copyWarehouse(source: DuckDbWarehouse, target: PostgresWarehouse, tables = canonicalTables): Promise<Record<string, number>> {
  const copied: Record<string, number> = {};
  // one table's CSV at a time, deleted once copied
  const dir = await mkdtemp(join(tmpdir(), 'revops-pg-copy-'));
  try {
    await target.transaction(async () => {
      for (const table of tables) copied[table] = await copyTable(source, target, table, dir);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return copied;
}

/**
 * DuckDB writes the table as CSV (in its C++ writer) and PostgreSQL reads it with COPY (in its C
 * parser): no value passes through JavaScript. Row order is DuckDB's. In DuckDB's CSV a null is
 * an empty field and an empty string `""`, as PostgreSQL's CSV reads them; text is always quoted,
 * so a carriage return or a leading space inside a value stays in it.
 */
async function copyTable(source: DuckDbWarehouse, target: PostgresWarehouse, table: string, dir: string): Promise<number> {
  const columns = (await source.columns(table)).map((c) => ({ name: c.name, type: postgresType(c.type) }));
  if (columns.length === 0) throw new Error(`the warehouse has no table ${table}`);
  await target.run(`drop table if exists ${table} cascade`);
  await target.run(`create table ${table} (${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`);
  const { n } = (await source.one<{ n: number }>(`select count(*)::int as n from ${table}`))!;
  if (n > 0) {
    const file = join(dir, `${table}.csv`);
    const text = columns.filter((c) => c.type === 'text').map((c) => c.name);
    const quoted = text.length ? `, force_quote (${text.join(', ')})` : '';
    const list = columns.map((c) => c.name);
    await source.run(`copy (select ${list.join(', ')} from ${table} order by rowid) to ${sqlText(file)} (format csv, header false${quoted})`);
    await target.copyCsv(table, list, file);
    await rm(file, { force: true });
  }
  // the planner's statistics now, not when autovacuum gets round to it: the first report after a
  // load would otherwise plan its joins on guesses
  await target.run(`analyze ${table}`);
  return n;
}
