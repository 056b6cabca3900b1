/**
 * `hygiene --format csv`: every flagged record of every list, one row each, written by DuckDB with
 * COPY from the report's temp tables (sql/hygiene/hygiene__issues_csv.sql), so a list of a million
 * stale leads never enters JS. Cells follow the CSV rules of src/reports/escape.ts (the SLA
 * breach export's macros); the file appears whole or not at all.
 */
import type { Warehouse } from '../db/connection.js';
import { copyModelCsv } from '../export/copyCsv.js';

/** Writes the lists of the report just computed on `wh` to `out`, or to stdout when `out` is absent or '-'. */
export async function writeIssuesCsv(wh: Warehouse, out?: string): Promise<void> {
  await copyModelCsv(wh, 'hygiene/hygiene__issues_csv.sql', out, 'hygiene');
}
