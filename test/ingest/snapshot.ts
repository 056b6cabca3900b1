/** The full contents of every warehouse table, for "nothing changed" comparisons in tests. */
import type { Warehouse } from '../../src/db/connection.js';
import { canonicalTables } from '../../src/db/pgCopy.js';

/** Every row of every table, as text in a stable order (timestamps and doubles compare exactly). */
export async function warehouseContents(wh: Warehouse): Promise<Record<string, string[]>> {
  const contents: Record<string, string[]> = {};
  // every table load writes: the list the PostgreSQL copy moves (src/db/pgCopy.ts)
  for (const table of canonicalTables) {
    const rows = await wh.all<{ row: string }>(`select cast(t as varchar) as row from ${table} t order by all`);
    contents[table] = rows.map((r) => r.row);
  }
  // load_id_seq is left out on purpose: DuckDB sequences are not rolled back, so a failed load
  // leaves a gap in load ids and nothing else.
  return contents;
}
