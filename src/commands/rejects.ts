/**
 * `revops-report rejects`: the rows loads could not use, with file, line and reason. The table and
 * JSON list the first 1,000 (or --limit) and say so on stderr when there are more; CSV, the form for
 * working through them, writes every one unless --limit is given.
 */
import { int } from '../reports/format.js';
import { withExistingWarehouse } from './warehouse.js';

export interface RejectedRow {
  loadId: number;
  path: string;
  line: number | null;
  reason: string;
  rawLine: string | null;
}

export interface RejectsResult {
  rows: RejectedRow[];
  /** rejected rows matching the filter, listed or not */
  total: number;
}

/** Rows shown when --limit is not given, in the table and JSON. */
export const defaultRejectsLimit = 1000;

export async function rejects(options: { db?: string; load?: number; limit?: number; all?: boolean }): Promise<RejectsResult> {
  const limit = options.limit ?? (options.all ? null : defaultRejectsLimit);
  const load = options.load ?? null;
  // cast: PostgreSQL cannot type a parameter it only sees compared with null
  return withExistingWarehouse(
    options.db,
    async (wh) => {
      const rows = await wh.all<RejectedRow>(
        `select load_id as "loadId", path, line_number as line, reason, raw_line as "rawLine"
       from rejected_rows
       where cast($load as integer) is null or load_id = $load
       order by load_id, line_number, row_number
       limit $limit`,
        { load, limit },
      );
      const total =
        limit !== null && rows.length === limit
          ? (await wh.one<{ n: number }>(`select count(*)::int as n from rejected_rows where cast($load as integer) is null or load_id = $load`, { load }))!.n
          : rows.length;
      return { rows, total };
    },
    { needLeads: false },
  ); // a load whose every row was rejected leaves no lead, and this is how to see why
}

/** The stderr line for a listing that stops before the end; undefined when every row was listed. */
export function cappedNote(result: RejectsResult): string | undefined {
  if (result.rows.length >= result.total) return undefined;
  return `showing ${int(result.rows.length)} of ${int(result.total)} rejected rows; --limit N or --format csv for all`;
}
