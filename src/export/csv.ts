/**
 * CSV export: RFC 4180 with a header of column names, written through escape.ts so a cell that
 * starts with =, +, -, @, tab or carriage return cannot run as a spreadsheet formula.
 * Timestamps are ISO 8601 in UTC (`2026-11-01T09:30:00.000Z`), dates `YYYY-MM-DD`, booleans
 * `true`/`false`, missing values empty, numbers to at most 4 decimals (toCsv; Parquet and Arrow keep every digit).
 */
import { toCsv } from '../reports/escape.js';
import { normaliseRows } from './cells.js';
import type { ExportTable } from './types.js';

export function exportCsv(table: ExportTable): string {
  const names = table.columns.map((c) => c.name);
  const rows = normaliseRows(table).map((cells) => Object.fromEntries(names.map((name, i) => [name, cells[i]])));
  return toCsv(names, rows);
}
