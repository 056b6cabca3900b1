/**
 * A deal stage that says closed, won or lost but that neither `dealStages` list names would be
 * read as open without a word (stg_opportunities): the load summary names it, per file, so the
 * user can add it to the config. Only deals without the export's own IsClosed count; those the
 * file already settles need no list.
 */
import type { Config } from '../config/config.js';
import { dealOutcomeRows } from '../config/dealStages.js';
import type { Warehouse } from '../db/connection.js';

export async function unlistedClosedDealStages(wh: Warehouse, config: Config, loadIds: number[]): Promise<string[]> {
  if (loadIds.length === 0) return [];
  const rows = await wh.all<{ path: string; stages: string[] }>(
    `select r.path, list_sort(list(distinct o.stage_raw)) as stages
     from opportunities o join load_runs r on r.load_id = o.load_id
     where list_contains($ids, o.load_id) and o.is_closed is null and o.stage_raw is not null
       and not list_contains($keys, regexp_replace(lower(o.stage_raw), '[^\\p{L}\\p{N}]+', '', 'g'))
       and regexp_matches(lower(o.stage_raw), '(^|[^a-z])(closed|won|lost)([^a-z]|$)')
     group by r.path order by r.path`,
    { ids: loadIds, keys: dealOutcomeRows(config.dealStages).map((r) => r.stage_key) },
  );
  return rows.map(
    ({ path, stages }) =>
      `${path}: deal stage ${stages.map((s) => JSON.stringify(s)).join(', ')} is in neither dealStages.closedWon nor ` +
      `dealStages.closedLost, so its deals are read as open; add it to the config (docs/data-model.md)`,
  );
}
