/** How fresh the data is: the newest export time among the files loaded. */
import type { Warehouse } from '../db/connection.js';

export async function dataFreshness(wh: Warehouse): Promise<string | null> {
  const row = await wh.one<{ freshest: Date | null }>(`select max(snapshot_at) as freshest from load_runs`);
  return row?.freshest ? new Date(row.freshest).toISOString() : null;
}
