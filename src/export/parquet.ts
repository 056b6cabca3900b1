/**
 * Parquet export through DuckDB (src/db is the only DuckDB importer): the rows go into a temporary
 * table with declared column types by parameterised inserts, then `COPY ... (FORMAT parquet)`
 * writes the file. Report tables are small (tens to thousands of rows), so inserts are plenty.
 */
import { DuckDbWarehouse, Warehouse } from '../db/connection.js';
import { normaliseRows } from './cells.js';
import type { ExportColumnType, ExportTable } from './types.js';

/** The DuckDB column type each export type is stored as before COPY (docs/exports.md). */
export const duckType: Record<ExportColumnType, string> = {
  varchar: 'VARCHAR',
  integer: 'INTEGER',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  // An instant: Parquet TIMESTAMP(MICROS, isAdjustedToUTC=true).
  timestamp: 'TIMESTAMPTZ',
  date: 'DATE',
};

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteText = (text: string) => `'${text.replace(/'/g, "''")}'`;
// DuckDB binds at most a few thousand parameters comfortably per statement.
const paramsPerInsert = 2000;
let tableCounter = 0;

/**
 * Writes `table` as Parquet to `path` (which should be a temporary name: the caller renames).
 * Uses `wh` when it is a DuckDB warehouse (its temp schema), else a private in-memory DuckDB.
 */
export async function writeParquetFile(table: ExportTable, path: string, wh?: Warehouse): Promise<void> {
  // a PostgreSQL warehouse cannot write Parquet (nor should its server write our file): DuckDB does
  const reuse = wh instanceof DuckDbWarehouse ? wh : undefined;
  const own = reuse ? undefined : await Warehouse.open({ path: ':memory:' });
  const db = reuse ?? own!;
  const temp = `export_${process.pid}_${++tableCounter}`;
  try {
    const columns = table.columns.map((c) => `${quoteIdent(c.name)} ${duckType[c.type]}`).join(', ');
    await db.run(`create temp table ${temp} (${columns})`);
    const rows = normaliseRows(table);
    const width = Math.max(table.columns.length, 1);
    const perInsert = Math.max(1, Math.floor(paramsPerInsert / width));
    for (let start = 0; start < rows.length; start += perInsert) {
      const chunk = rows.slice(start, start + perInsert);
      const tuples = chunk.map((_, r) => `(${table.columns.map((c, i) => `$${r * width + i + 1}::${duckType[c.type]}`).join(', ')})`);
      await db.run(`insert into ${temp} values ${tuples.join(', ')}`, chunk.flat());
    }
    // COPY takes no parameter for its target, so the path is quoted as a literal.
    await db.run(`copy (select * from ${temp}) to ${quoteText(path)} (format parquet)`);
  } finally {
    await db.run(`drop table if exists ${temp}`).catch(() => undefined);
    own?.close();
  }
}
