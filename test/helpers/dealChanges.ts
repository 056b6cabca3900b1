/** Reads stg_deal_changes, the pipeline report's contract, in a form tests compare by hand. */
import type { Warehouse } from '../../src/db/connection.js';

export interface DealChange {
  id: string;
  at: string;
  field: string;
  stage: string | null;
  amount: number | null;
  close: string | null;
  inferred: boolean;
  load: number;
  row: number | null;
}

/** The contract's columns, times as text in UTC, in time order per deal. */
export async function dealChanges(wh: Warehouse): Promise<DealChange[]> {
  return wh.all<DealChange>(
    `select opportunity_id as id, strftime(changed_at at time zone 'UTC', '%Y-%m-%d %H:%M') as at, field, stage_raw as stage, amount,
            close_date::varchar as close, inferred, load_id as load, source_row as row
     from stg_deal_changes order by opportunity_id, changed_at, field`,
  );
}

/** One expected row: a change of `field` to `value`, read from row `row` of load `load`. */
export const change = (
  id: string,
  at: string,
  field: string,
  value: { stage?: string; amount?: number; close?: string },
  row: number | null,
  load = 1,
  inferred = false,
): DealChange => ({ id, at, field, stage: value.stage ?? null, amount: value.amount ?? null, close: value.close ?? null, inferred, load, row });
