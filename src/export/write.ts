/**
 * Writing export tables to files. Every file goes to a temporary name in its target folder and is
 * renamed into place, so a reader on a shared drive never opens half a Parquet file.
 * `writeReportTables` is what a report command calls for `--format csv|parquet|arrow`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../atomicFile.js';
import type { Warehouse } from '../db/connection.js';
import { usageError } from '../errors.js';
import { exportArrow } from './arrow.js';
import { exportCsv } from './csv.js';
import { writeParquetFile } from './parquet.js';
import { exportExtension, exportFormats, type ExportFormat, type ExportTable } from './types.js';

/** Parses `--export csv,parquet` (or one `--format`) into formats, rejecting unknown ones. */
export function parseExportFormats(value: string, option = '--export'): ExportFormat[] {
  const chosen = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = chosen.filter((f) => !(exportFormats as readonly string[]).includes(f));
  if (unknown.length || chosen.length === 0) throw usageError(`${option} takes ${exportFormats.join(', ')} (comma-separated), not "${value}"`);
  return [...new Set(chosen)] as ExportFormat[];
}

/** Writes one table in one format to `path`, atomically. `wh` is reused for Parquet when given. */
export async function writeExport(table: ExportTable, format: ExportFormat, path: string, wh?: Warehouse): Promise<void> {
  await writeFileAtomically(path, async (temporary) => {
    if (format === 'csv') await writeFile(temporary, exportCsv(table));
    else if (format === 'arrow') await writeFile(temporary, exportArrow(table));
    else await writeParquetFile(table, temporary, wh);
  });
}

/** The file name of one report table: `<report>__<table>.<ext>`. */
export const exportFileName = (report: string, table: string, format: ExportFormat) => `${report}__${table}.${exportExtension[format]}`;

/**
 * Writes every table of a report into `outDir` as `<report>__<table>.<ext>`; returns the paths.
 * For a report command's `--format parquet|arrow|csv --out DIR`.
 */
export async function writeReportTables(
  report: string,
  tables: readonly ExportTable[],
  format: ExportFormat,
  outDir: string,
  wh?: Warehouse,
): Promise<string[]> {
  const written: string[] = [];
  for (const table of tables) {
    const path = join(outDir, exportFileName(report, table.name, format));
    await writeExport(table, format, path, wh);
    written.push(path);
  }
  return written;
}
