/**
 * One run's reports: the models are rebuilt once, then each enabled report is computed and written
 * as `<name>.html` and `<name>.json` into the run folder, and with --export its tables as
 * `data/<name>__<table>.<ext>`. Like `writeAllReports` (src/reportSet.ts), with each report's JSON
 * kept in hand for the exports and each report timed for the manifest.
 */
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { usageError } from '../errors.js';
import { exportTablesFor } from '../export/reportTables.js';
import type { ExportFormat } from '../export/types.js';
import { exportFileName, writeExport } from '../export/write.js';
import { buildModels } from '../models/build.js';
import { reportDefinitions, writeReportFiles } from '../reportSet.js';
import type { BuildLog } from './log.js';
import type { ManifestReport } from './manifest.js';

export const reportNames = () => reportDefinitions.map((d) => d.name);

/** The reports to build: the requested ones in the tool's order, or all; unknown names are a usage error. */
export function resolveReports(requested?: readonly string[]): string[] {
  const known = reportNames();
  if (!requested) return known;
  const wanted = requested.map((r) => r.trim().toLowerCase());
  const unknown = wanted.filter((r) => !known.includes(r));
  if (unknown.length) throw usageError(`unknown report ${unknown.join(', ')} in build.reports (reports: ${known.join(', ')})`);
  return known.filter((r) => wanted.includes(r));
}

export interface RunReportsOptions {
  runDir: string;
  asOf: string;
  since: string;
  reports: readonly string[];
  exports: readonly ExportFormat[];
  log: BuildLog;
}

export async function writeRunReports(wh: Warehouse, config: Config, options: RunReportsOptions): Promise<{ reports: ManifestReport[]; modelsMs: number }> {
  const modelsStart = performance.now();
  options.log.step('models', 'rebuilding the lifecycle models');
  // Forced: a nightly run must not reuse models built by an older version of the SQL.
  await buildModels(wh, config, { force: true });
  const modelsMs = Math.round(performance.now() - modelsStart);
  const written: ManifestReport[] = [];
  const chosen = reportDefinitions.filter((d) => options.reports.includes(d.name));
  // one options object for the whole set: reports that share their numbers compute them once
  const setOptions = { outDir: options.runDir, asOf: options.asOf, since: options.since };
  for (const [i, definition] of chosen.entries()) {
    const started = performance.now();
    options.log.step('report', `[${i + 1}/${chosen.length}] ${definition.name}`, { report: definition.name });
    const made = await definition.make(wh, config, setOptions);
    const { json, headline } = made;
    const { html, json: jsonName, files } = await writeReportFiles(options.runDir, definition.name, made);
    const data: string[] = [...files];
    const tables = options.exports.length ? exportTablesFor(definition.name, json) : null;
    for (const format of tables ? options.exports : []) {
      for (const table of tables!) {
        const name = `data/${exportFileName(definition.name, table.name, format)}`;
        await writeExport(table, format, join(options.runDir, name), wh);
        data.push(name);
      }
    }
    if (options.exports.length && !tables) options.log.warn('export', `${definition.name} has no export tables yet; only its HTML and JSON were written`);
    written.push({ name: definition.name, html, json: jsonName, data, headline, ms: Math.round(performance.now() - started) });
  }
  return { reports: written, modelsMs };
}
