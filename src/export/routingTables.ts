/** The routing report's export tables: every list of `--list`, one table each (docs/routing.md). */
import { routingListNames, routingLists } from '../commands/routingOutputs.js';
import type { RoutingReport } from '../routing/types.js';
import { inferTable } from './inferTable.js';
import type { ExportTable } from './types.js';

export function routingExportTables(json: unknown): ExportTable[] {
  const report = json as RoutingReport;
  return routingListNames.map((name) => {
    const { columns, rows } = routingLists[name](report);
    const keys = columns.map((c) => c.split(':')[0]!);
    // only the list's columns, in its order: the CSV and the Parquet file hold the same table
    const picked = rows.map((row) => Object.fromEntries(keys.map((k) => [k, (row as unknown as Record<string, unknown>)[k] ?? null])));
    return inferTable(name.replace('-', '_'), picked, keys);
  });
}
