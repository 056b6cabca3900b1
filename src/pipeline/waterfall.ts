/**
 * The waterfall between two instants: the pipeline with a close date in the period at the first,
 * every move, and the pipeline at the second (sql/pipeline/pipeline__waterfall.sql). Buckets are
 * summed in whole cents by DuckDB; the identity start + moves = end is checked on those integers.
 */
import type { Warehouse } from '../db/connection.js';
import type { ReportWindow } from '../metrics/window.js';
import { day, num, type PipelineParams, pipelineRows, pipelineTable } from './sql.js';
import type { Waterfall, WaterfallBucket, WaterfallDeal } from './types.js';

const DAY = 86_400_000;

/** start + Σ sign × moves − end, in cents: 0 when the waterfall reconciles. */
export function waterfallGap(buckets: { bucket: string; sign: number; cents: number }[]): number {
  const start = buckets.find((b) => b.bucket === 'start')?.cents ?? 0;
  const end = buckets.find((b) => b.bucket === 'end')?.cents ?? 0;
  return start + buckets.reduce((n, b) => n + b.sign * b.cents, 0) - end;
}

export async function computeWaterfall(wh: Warehouse, params: PipelineParams, closePeriod: { from: Date; to: Date }, window: ReportWindow): Promise<Waterfall> {
  await pipelineTable(wh, 'pipeline_state_start', 'pipeline__deal_state', { ...params, at: window.from });
  // a window ending at the as-of ends in the deal state the report already holds (pipeline_now)
  if (window.to.getTime() === window.asOf.getTime()) await wh.run(`create or replace temp table pipeline_state_end as select * from pipeline_now`);
  else await pipelineTable(wh, 'pipeline_state_end', 'pipeline__deal_state', { ...params, at: window.to });
  const bounds = { ...params, start_at: window.from, close_from: closePeriod.from, close_to: closePeriod.to };
  await pipelineTable(wh, 'pipeline_waterfall', 'pipeline__waterfall', bounds);
  const rows = await pipelineRows<{ bucket: WaterfallBucket; sign: number; deals: number; cents: bigint | number }>(wh, 'pipeline__waterfall_buckets', bounds);
  const buckets = rows.map((r) => ({ bucket: r.bucket, sign: r.sign as 1 | -1 | 0, deals: r.deals, cents: num(r.cents), amount: num(r.cents) / 100 }));
  const deals = await wh.all<Record<string, unknown>>(
    `select opportunity_id, name, owner, entry, exit, start_amount, end_amount, change_cents, start_close_date, end_close_date, stage_moved
     from pipeline_waterfall order by opportunity_id collate "C"`,
  );
  const moves = await wh.one<{ n: number }>(`select cast(count(*) filter (where stage_moved and exit = 'end') as integer) as n from pipeline_waterfall`);
  return {
    startAt: window.from.toISOString(),
    endAt: window.to.toISOString(),
    closeFrom: day(closePeriod.from)!,
    closeTo: day(new Date(closePeriod.to.getTime() - DAY))!,
    buckets,
    reconciled: waterfallGap(buckets) === 0,
    stageMoves: moves?.n ?? 0,
    deals: deals.map(
      (d): WaterfallDeal => ({
        opportunityId: String(d.opportunity_id),
        name: (d.name as string | null) ?? null,
        owner: String(d.owner),
        entry: d.entry as WaterfallDeal['entry'],
        exit: d.exit as WaterfallDeal['exit'],
        startAmount: (d.start_amount as number | null) ?? null,
        endAmount: (d.end_amount as number | null) ?? null,
        change: num(d.change_cents) / 100,
        startCloseDate: day(d.start_close_date),
        endCloseDate: day(d.end_close_date),
        stageMoved: Boolean(d.stage_moved),
      }),
    ),
  };
}
