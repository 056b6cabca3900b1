/**
 * A table a report shows, as data to hand to a spreadsheet, a notebook or a BI tool. Every export
 * format (CSV, Parquet, Arrow IPC) is written from this one shape, so the column types are declared
 * once and mean the same in each (docs/exports.md).
 */

export type ExportColumnType = 'varchar' | 'integer' | 'double' | 'boolean' | 'timestamp' | 'date';

export interface ExportColumn {
  /** snake_case, so the name works unquoted in SQL, pandas and spreadsheets */
  name: string;
  type: ExportColumnType;
}

/**
 * Cell values by type: varchar a string; integer a whole number; double a number; boolean;
 * timestamp a Date or ISO text (an instant, stored in UTC); date a Date or `YYYY-MM-DD`.
 * null or undefined is a missing value in every type.
 */
export type ExportCell = string | number | boolean | Date | null | undefined;

export interface ExportTable {
  /** the table's name within its report, e.g. `stages`; files are `<report>__<name>.<ext>` */
  name: string;
  columns: ExportColumn[];
  rows: Record<string, ExportCell>[];
}

export type ExportFormat = 'csv' | 'parquet' | 'arrow';
export const exportFormats: readonly ExportFormat[] = ['csv', 'parquet', 'arrow'];

/** File extension per format; `.arrow` is the Arrow IPC file format (Feather v2). */
export const exportExtension: Record<ExportFormat, string> = { csv: 'csv', parquet: 'parquet', arrow: 'arrow' };
