/** The full contents of every warehouse table, for "nothing changed" comparisons in tests. */
import type { Warehouse } from '../../src/db/connection.js';

export const warehouseTables = [
  'load_runs',
  'rejected_rows',
  'leads',
  'lead_fields',
  'stage_events',
  'owners',
  'activities',
  'engagement_events',
  'field_history',
  'opportunities',
  'opportunity_fields',
  'opportunity_stage_events',
  'opportunity_events',
] as const;

/** Every row of every table, as text in a stable order (timestamps and doubles compare exactly). */
export async function warehouseContents(wh: Warehouse): Promise<Record<string, string[]>> {
  const contents: Record<string, string[]> = {};
  for (const table of warehouseTables) {
    const rows = await wh.all<{ row: string }>(`select cast(t as varchar) as row from ${table} t order by all`);
    contents[table] = rows.map((r) => r.row);
  }
  // load_id_seq is left out on purpose: DuckDB sequences are not rolled back, so a failed load
  // leaves a gap in load ids and nothing else.
  return contents;
}
