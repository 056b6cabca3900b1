/**
 * Arrow IPC export (the file format, `ARROW1` magic; pyarrow `ipc.open_file`, pandas
 * `read_feather`, Polars `read_ipc`). Each column gets an explicit Arrow type, so an empty or
 * all-null column keeps its type instead of being guessed.
 */
import { Bool, type DataType, DateDay, Float64, Int32, Table, TimestampMillisecond, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { normaliseRows, type NormalCell } from './cells.js';
import type { ExportColumnType, ExportTable } from './types.js';

/** The Arrow type each export column type is written as (docs/exports.md). */
export function arrowType(type: ExportColumnType): DataType {
  switch (type) {
    case 'varchar':
      return new Utf8();
    case 'integer':
      return new Int32();
    case 'double':
      return new Float64();
    case 'boolean':
      return new Bool();
    case 'timestamp':
      return new TimestampMillisecond('UTC');
    case 'date':
      return new DateDay();
  }
}

/** Dates travel as `YYYY-MM-DD` text until here; Arrow's DateDay builder takes a Date at UTC midnight. */
const arrowValue = (value: NormalCell, type: ExportColumnType) => (type === 'date' && typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value);

export function exportArrow(table: ExportTable): Uint8Array {
  const rows = normaliseRows(table);
  const vectors: Record<string, Vector> = {};
  table.columns.forEach((column, i) => {
    const values = rows.map((cells) => arrowValue(cells[i] ?? null, column.type));
    vectors[column.name] = vectorFromArray(values as never[], arrowType(column.type));
  });
  return tableToIPC(new Table(vectors), 'file');
}
