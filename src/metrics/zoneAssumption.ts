/**
 * The zone assumption behind the loaded data: naive timestamps (no offset, no zone word) that
 * loads read in the default UTC because nobody named a zone (load_runs.zone_source = 'default').
 * Every report header shows it, so a number computed on shifted times never passes unexplained.
 */
import type { Warehouse } from '../db/connection.js';
import { zoneAssumptionNote } from '../ingest/zoneSummary.js';

/** The report field, spread into a report: absent when nothing was assumed. */
export const withZoneAssumption = (note: string | undefined) => (note ? { zoneAssumption: note } : {});

export async function zoneAssumption(wh: Warehouse): Promise<string | undefined> {
  const row = await wh.one<{ values: number; files: number; zone: string | null }>(
    `select coalesce(sum(naive_timestamps), 0)::int as values, count(*)::int as files, min(zone_assumed) as zone
     from load_runs where zone_source = 'default' and naive_timestamps > 0`,
  );
  return row && row.files > 0 ? zoneAssumptionNote(row.zone ?? 'UTC', row.values, row.files) : undefined;
}
