/**
 * Deal changes the CRM never exported, inferred from two snapshots of the same deals (an
 * Opportunity.csv or deals.csv loaded on different days), as the lead side does for stages
 * (merge.ts inferSnapshotStageEvents). A deal whose stage, amount or close date in the newer
 * export differs from the older export's gets `opportunity_events` rows marked inferred: the
 * older export's values of all three fields at its time (what it showed: the values the change
 * started from, and the deal's other values then), and the newer value of each field that moved
 * at this export's time. Only the latest export of a deal is kept, so the older values are dated
 * by the export just before, not by the first that showed them. stg_deal_changes keeps only the rows that move a value, so
 * an exported history that already has the change wins. A value the older export lacks is a
 * value set since (the newer row only); one the newer export lacks infers nothing (a missing
 * value is not a change). Stages compare normalised.
 */
import type { Warehouse } from '../db/connection.js';
import type { MergeContext } from './merge.js';

const stageKey = (v: string) => `regexp_replace(lower(${v}), '[^\\p{L}\\p{N}]+', '', 'g')`;

export async function inferSnapshotDealChanges(wh: Warehouse, ctx: MergeContext): Promise<void> {
  // most files carry no opportunities, and a first export has nothing to compare with
  const pairs = await wh.one<{ any: boolean }>(`select exists (select 1 from new_opportunities) and exists (select 1 from opportunities) as "any"`);
  if (!pairs?.any) return;
  await wh.run(
    `create or replace temp table inferred_deal_changes as
     with pairs as (
       select n.opportunity_id, n.source_row, o.snapshot_at as before_at, o.load_id as before_load, o.source_row as before_row,
              unnest([
                {'field': 'stage', 'old': o.stage_raw, 'new': n.stage_raw, 'moved': ${stageKey('o.stage_raw')} <> ${stageKey('n.stage_raw')}},
                {'field': 'amount', 'old': o.amount::varchar, 'new': n.amount::varchar, 'moved': o.amount <> n.amount},
                {'field': 'close_date', 'old': o.close_date::varchar, 'new': n.close_date::varchar, 'moved': o.close_date <> n.close_date}
              ]) as f
       from new_opportunities n join opportunities o on o.opportunity_id = n.opportunity_id
       where o.snapshot_at < $snapshot
     )
     , changed as (
       select *, f.moved or (f.old is null and f.new is not null) as set_now,
              bool_or(f.moved or (f.old is null and f.new is not null)) over (partition by opportunity_id) as deal_moved
       from pairs
     )
     select opportunity_id, f.field as field, f.old as value, null::varchar as old_value, before_at as changed_at, before_load as load_id, before_row as source_row
     from changed where deal_moved and f.old is not null
     union all
     select opportunity_id, f.field, f.new, f.old, $snapshot::timestamptz, $load::integer, source_row
     from changed where set_now`,
    { snapshot: ctx.snapshotAt, load: ctx.loadId },
  );
  // the middle one of three snapshots is the newer value of one pair and the older of the next
  await wh.run(
    `insert into opportunity_events (opportunity_id, field, value, old_value, changed_at, origin, inferred, load_id, source_row)
     select distinct on (opportunity_id, field, changed_at, value) opportunity_id, field, value, old_value, changed_at, 'snapshot', true, load_id, source_row
     from inferred_deal_changes i
     where not exists (select 1 from opportunity_events e where e.opportunity_id = i.opportunity_id and e.field = i.field
                       and e.changed_at = i.changed_at and e.value is not distinct from i.value)
     order by opportunity_id, field, changed_at, value, old_value nulls last;
     drop table inferred_deal_changes`,
  );
}
