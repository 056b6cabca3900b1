/**
 * Writing a report in the chosen format, to stdout or to --out: JSON (the documented contract),
 * a terminal table, spreadsheet-safe CSV, or a self-contained HTML file (for html, --out is a
 * folder that receives <name>.html). Files are written to a temporary name and renamed, so a
 * reader on a shared drive never sees half a report.
 */
import { join } from 'node:path';
import { writeAtomically } from '../atomicFile.js';
import { usageError } from '../errors.js';
import type { ReportDocument } from '../reports/types.js';
import { tableWidth } from '../tableWidth.js';
import { safeJson, terminalText } from '../terminal.js';

export type ReportFormat = 'table' | 'json' | 'csv' | 'html' | 'parquet' | 'arrow';
export const reportFormats: ReportFormat[] = ['table', 'json', 'csv', 'html', 'parquet', 'arrow'];

export interface ReportOutputs {
  name: string;
  json: unknown;
  /** The terminal view, fitted to this many columns (none: every column whole). */
  table: (width?: number) => string;
  csv: () => string;
  document: () => ReportDocument;
}

/** Table on a terminal, JSON when piped (schedulers read JSON). */
export const defaultFormat = (): ReportFormat => (process.stdout.isTTY ? 'table' : 'json');

export async function renderOutput(format: ReportFormat, outputs: ReportOutputs, width?: number): Promise<string> {
  switch (format) {
    case 'json':
      return `${safeJson(outputs.json, 2)}\n`;
    case 'table':
      return `${terminalText(outputs.table(width))}\n`;
    case 'csv':
      return outputs.csv();
    case 'html':
      // the renderer (vega, ~0.3 s to load) is imported only when a page is written
      return (await import('../reports/html.js')).renderReportHtml(outputs.document());
    default:
      throw usageError(`--format ${format} writes files: give --out FOLDER`);
  }
}

/** Prints or writes the report; returns the path written, if any. */
export async function emitReport(
  format: string | undefined,
  out: string | undefined,
  outputs: ReportOutputs,
  layout: { wide?: boolean } = {},
): Promise<string | undefined> {
  const chosen = (format ?? defaultFormat()) as ReportFormat;
  if (!reportFormats.includes(chosen)) throw usageError(`--format must be one of ${reportFormats.join(', ')}`);
  if (chosen === 'html' && !out) throw usageError('--format html needs --out FOLDER (the report is a file to open in a browser)');
  if (chosen === 'parquet' || chosen === 'arrow') {
    if (!out) throw usageError(`--format ${chosen} needs --out FOLDER (one file per report table)`);
    const { exportTablesFor } = await import('../export/reportTables.js');
    const { writeReportTables } = await import('../export/write.js');
    const tables = exportTablesFor(outputs.name, outputs.json);
    if (!tables) throw usageError(`the ${outputs.name} report has no ${chosen} export yet; use --format csv or json`);
    const written = await writeReportTables(outputs.name, tables, chosen, out);
    return written.join(', ');
  }
  // a table written to a file keeps every column; one printed fits the terminal unless --wide
  const content = await renderOutput(chosen, outputs, out ? undefined : tableWidth(layout.wide));
  if (!out) {
    // CSV is data when piped; on a terminal it is read, so its controls are shown escaped
    process.stdout.write(chosen === 'csv' && process.stdout.isTTY ? terminalText(content) : content);
    return undefined;
  }
  const path = chosen === 'html' ? join(out, `${outputs.name}.html`) : out;
  await writeAtomically(path, content);
  return path;
}
