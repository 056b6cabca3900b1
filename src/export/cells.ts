/**
 * One cell checked against its column type and brought to the form every writer uses. A value
 * that does not fit its declared type is a bug in the report's table function, so it throws
 * rather than writing a file whose types lie.
 */
import type { ExportCell, ExportColumn, ExportTable } from './types.js';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** A normalised cell: numbers, strings, booleans, Dates for timestamps, `YYYY-MM-DD` for dates. */
export type NormalCell = string | number | boolean | Date | null;

export function normaliseCell(value: ExportCell, column: ExportColumn, table: string): NormalCell {
  if (value === null || value === undefined) return null;
  const fail = (): never => {
    throw new Error(`export ${table}.${column.name}: ${JSON.stringify(value)} is not a ${column.type}`);
  };
  switch (column.type) {
    case 'varchar':
      return typeof value === 'string' ? value : fail();
    case 'integer':
      // Arrow Int32 and DuckDB INTEGER: whole numbers within 32 bits.
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2_147_483_647 ? value : fail();
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? value : fail();
    case 'boolean':
      return typeof value === 'boolean' ? value : fail();
    case 'timestamp': {
      const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : fail();
      return Number.isNaN(date.getTime()) ? fail() : date;
    }
    case 'date': {
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? fail() : value.toISOString().slice(0, 10);
      if (typeof value === 'string' && isoDay.test(value.slice(0, 10)) && !Number.isNaN(Date.parse(value.slice(0, 10)))) return value.slice(0, 10);
      return fail();
    }
  }
}

/** Every row as an array of normalised cells, in column order. */
export function normaliseRows(table: ExportTable): NormalCell[][] {
  const names = new Set<string>();
  for (const column of table.columns) {
    if (!/^[a-z_][a-z0-9_]*$/.test(column.name)) throw new Error(`export ${table.name}: column name "${column.name}" is not snake_case`);
    if (names.has(column.name)) throw new Error(`export ${table.name}: column "${column.name}" appears twice`);
    names.add(column.name);
  }
  return table.rows.map((row) => table.columns.map((column) => normaliseCell(row[column.name], column, table.name)));
}
