/**
 * How fresh the data is at the as-of: the newest stage entry or activity dated at or before it.
 * (An export's file time says when it was saved, not how recent its records are.)
 */
import type { Warehouse } from '../db/connection.js';

export async function dataFreshness(wh: Warehouse, asOf: Date): Promise<string | null> {
  const row = await wh.one<{ freshest: Date | null }>(
    `select greatest(
       (select max(entered_at) from stage_events where entered_at <= $as_of),
       (select max(occurred_at) from activities where occurred_at <= $as_of)) as freshest`,
    { as_of: asOf },
  );
  return row?.freshest ? new Date(row.freshest).toISOString() : null;
}
