/**
 * The config's deal stages as the table the deal models join: `cfg_deal_stages(alias_key, stage,
 * stage_order, label, kind, stale_multiplier)`, one row per stage value the config names (keys
 * normalised as stage values are). Written before each model build, like cfg_stage_aliases;
 * values are bound, never spliced.
 */
import type { Config } from '../config/config.js';
import { dealStageRows } from '../config/dealStages.js';
import type { Warehouse } from '../db/connection.js';

export async function writeDealStages(wh: Warehouse, config: Config): Promise<void> {
  const rows = dealStageRows(config.dealStages);
  await wh.run(
    `drop table if exists cfg_deal_stages cascade; create table cfg_deal_stages (alias_key varchar, stage varchar, stage_order integer, label varchar, kind varchar, stale_multiplier double)`,
  );
  await wh.run(`insert into cfg_deal_stages select unnest($keys), unnest($stages), unnest($orders), unnest($labels), unnest($kinds), unnest($multipliers)`, {
    keys: rows.map((r) => r.alias_key),
    stages: rows.map((r) => r.stage),
    orders: rows.map((r) => r.stage_order),
    labels: rows.map((r) => r.label),
    kinds: rows.map((r) => r.kind),
    multipliers: rows.map((r) => r.stale_multiplier),
  });
}
