/** `revops-report rejects`: the rows loads could not use, with file, line and reason. */
import { withExistingWarehouse } from './warehouse.js';

export interface RejectedRow {
  loadId: number;
  path: string;
  line: number | null;
  reason: string;
  rawLine: string | null;
}

export async function rejects(options: { db?: string; load?: number; limit?: number }): Promise<RejectedRow[]> {
  return withExistingWarehouse(options.db, (wh) =>
    wh.all<RejectedRow>(
      `select load_id as "loadId", path, line_number as line, reason, raw_line as "rawLine"
       from rejected_rows
       where $load is null or load_id = $load
       order by load_id, line_number
       limit $limit`,
      { load: options.load ?? null, limit: options.limit ?? 1000 },
    ),
    // a load whose every row was rejected leaves no lead, and this is how to see why
    { needLeads: false },
  );
}
