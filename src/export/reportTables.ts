/**
 * Which export tables each report has, looked up by report name from the report's JSON. `build
 * --export` writes these for every report it makes; a report without an entry here gets no data
 * files (its HTML and JSON are still written). Add one line per report as its tables exist.
 */
import type { FunnelReport } from '../metrics/funnel.js';
import { funnelExportTables } from './funnelTables.js';
import type { ExportTable } from './types.js';

type TablesOf = (json: unknown) => ExportTable[];

export const reportExportTables: Record<string, TablesOf> = {
  funnel: (json) => funnelExportTables(json as FunnelReport),
};

/** The report's export tables, or null when the report has none registered. */
export function exportTablesFor(report: string, json: unknown): ExportTable[] | null {
  const tables = reportExportTables[report];
  return tables ? tables(json) : null;
}
