/**
 * The config's closed-won and closed-lost deal stages as the table stg_opportunities joins:
 * `cfg_deal_outcomes(stage_key, outcome)`, keys normalised as stage values are (letters and
 * digits, lowercase). Values are bound, never spliced.
 */
import type { Config } from '../config/config.js';
import { dealOutcomeRows } from '../config/dealStages.js';
import type { Warehouse } from '../db/connection.js';

export async function writeDealOutcomes(wh: Warehouse, config: Config): Promise<void> {
  const rows = dealOutcomeRows(config.dealStages);
  await wh.run(`drop table if exists cfg_deal_outcomes cascade; create table cfg_deal_outcomes (stage_key varchar, outcome varchar)`);
  await wh.run(`insert into cfg_deal_outcomes select unnest($keys), unnest($outcomes)`, {
    keys: rows.map((r) => r.stage_key),
    outcomes: rows.map((r) => r.outcome),
  });
}
