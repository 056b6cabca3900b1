/**
 * What the pipeline report must say about its data: stage values no deal stage names (those deals
 * reach no stage), several pipelines mixed, several currencies summed, deals without a creation
 * date (left out), and an empty window.
 */
import type { Warehouse } from '../db/connection.js';
import type { PipelineParams } from './sql.js';

export async function pipelineWarnings(
  wh: Warehouse,
  params: PipelineParams,
  counts: { won: number; lost: number; open: number },
  snoozeFields: readonly string[],
): Promise<string[]> {
  const warnings: string[] = [];
  const unmapped = await wh.all<{ value: string; deals: number }>(
    `select stays.stage_raw as value, cast(count(distinct stays.opportunity_id) as integer) as deals
     from fct_deal_stage_stays as stays
     join pipeline_deals on pipeline_deals.opportunity_id = stays.opportunity_id
     where stays.stage is null and stays.stage_raw is not null
     group by stays.stage_raw order by deals desc, stays.stage_raw collate "C" limit 10`,
  );
  if (unmapped.length > 0) {
    warnings.push(
      `Deal stage values no stage of dealStages names (their stays reach no stage; add them as aliases, docs/defaults.md): ${unmapped
        .map((u) => `${JSON.stringify(u.value)} (${u.deals} deals)`)
        .join(', ')}.`,
    );
  }
  const facts = await wh.one<{ pipelines: number; currencies: number; undated: number }>(
    `select (select cast(count(distinct pipeline) as integer) from dim_deals where $pipeline = '' or pipeline = $pipeline) as pipelines,
            (select cast(count(distinct currency) as integer) from dim_deals join pipeline_deals using (opportunity_id)) as currencies,
            (select cast(count(*) as integer) from dim_deals where created_at is null and ($pipeline = '' or pipeline = $pipeline)) as undated`,
    { pipeline: params.pipeline },
  );
  if (facts && facts.pipelines > 1) warnings.push(`${facts.pipelines} pipelines are mixed in these figures; --pipeline NAME keeps one apart.`);
  if (facts && facts.currencies > 1) warnings.push(`Deals in ${facts.currencies} currencies: amounts are summed as exported, without conversion.`);
  if (facts && facts.undated > 0) warnings.push(`${facts.undated} deals have no creation date or history and are left out.`);
  // a deal whose history never states a close date (HubSpot's "Date entered" columns) has only its current one
  const undatedHistory = await wh.one<{ n: number; deals: number }>(
    // a join to the dated deals, not a NOT EXISTS per deal: half the work at a million deals
    `select cast(count(*) filter (where dated.opportunity_id is null) as integer) as n, cast(count(*) as integer) as deals
     from pipeline_deals d
     left join (select distinct opportunity_id from stg_deal_changes where field = 'close_date') as dated on dated.opportunity_id = d.opportunity_id`,
  );
  if (undatedHistory && undatedHistory.n > 0) {
    warnings.push(
      `${undatedHistory.n} of ${undatedHistory.deals} deals have no close-date history: pushes cannot be seen for them, and the waterfall reads their current close date and amount at both dates.`,
    );
  }
  const inferred = await wh.one<{ n: number }>(
    `select cast(count(*) as integer) as n from stg_deal_changes join pipeline_deals using (opportunity_id) where stg_deal_changes.inferred`,
  );
  if (inferred && inferred.n > 0) {
    warnings.push(`${inferred.n} deal changes are inferred from two snapshots: each is dated when the later snapshot saw it, not when it happened.`);
  }
  // a resume date we cannot read is no snooze: the deal stays flaggable, and the user is told
  const unreadable = await wh.one<{ n: number; example: string | null; value: string | null }>(
    `select cast(count(*) as integer) as n, min(opportunity_id) as example, arg_min(snooze_unreadable, opportunity_id) as value
     from pipeline_deals where is_open and snooze_unreadable is not null`,
  );
  if (unreadable && unreadable.n > 0) {
    warnings.push(
      `${unreadable.n} open ${unreadable.n === 1 ? 'deal has' : 'deals have'} a snooze field (${snoozeFields.join(', ')}) that is not a date: not treated as snoozed (e.g. ${unreadable.example}: ${JSON.stringify(unreadable.value)}).`,
    );
  }
  if (counts.won + counts.lost === 0) warnings.push('No deal closed in the window: no win rate or cycle.');
  if (counts.open === 0 && counts.won + counts.lost === 0) warnings.push('No deals in the pipeline at the as-of.');
  return warnings;
}
