/**
 * CSV export: RFC 4180 with a header of column names, written through escape.ts so a cell that
 * starts with =, +, -, @, tab or carriage return cannot run as a spreadsheet formula.
 * Timestamps are ISO 8601 in UTC (`2026-11-01T09:30:00.000Z`), dates `YYYY-MM-DD`, booleans
 * `true`/`false`, missing values empty, doubles to 4 decimals (Parquet and Arrow keep every digit).
 */
import { toCsv } from '../reports/escape.js';
import { type NormalCell, normaliseRows } from './cells.js';
import type { ExportColumn, ExportTable } from './types.js';

/** CSV is read by people: a double is written to 4 decimals (0.1053, not 0.10526315789473684). */
const forPeople = (cell: NormalCell, column: ExportColumn) => (column.type === 'double' && typeof cell === 'number' ? Number(cell.toFixed(4)) : cell);

export function exportCsv(table: ExportTable): string {
  const names = table.columns.map((c) => c.name);
  const rows = normaliseRows(table).map((cells) => Object.fromEntries(names.map((name, i) => [name, forPeople(cells[i]!, table.columns[i]!)])));
  return toCsv(names, rows);
}
