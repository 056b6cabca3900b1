/**
 * The committed sample-data gives the pipeline report deal history to show: stage changes in all
 * three systems, amount changes both ways, close dates pushed across a month and a quarter and
 * pulled in, reopened deals and skipped stages, and deals still open. Counted from sample-data/
 * as `revops-report sample` writes it (seed 42); the lead-side files are not loaded.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import type { Warehouse } from '../../src/db/connection.js';
import { loadFiles } from '../../src/ingest/load.js';
import { buildModels } from '../../src/models/build.js';
import { packageRoot } from '../../src/paths.js';
import { openTestWarehouse } from '../helpers/db.js';

const dealFiles = [
  'hubspot/deals.csv',
  'salesforce/Opportunity.csv',
  'salesforce/OpportunityHistory.csv',
  'salesforce/OpportunityFieldHistory.csv',
  'canonical/opportunities.csv',
  'canonical/opportunity_events.csv',
];

let wh: Warehouse;

beforeAll(async () => {
  wh = await openTestWarehouse();
  const config = parseConfig({ timezone: 'America/New_York' });
  await loadFiles(wh, config, { paths: dealFiles.map((f) => join(packageRoot, 'sample-data', f)), crm: 'auto', snapshotAt: new Date('2026-11-01T00:00:00Z') });
  await buildModels(wh, config, { force: true });
}, 60_000);

const one = async (sql: string) => Object.values((await wh.one<Record<string, number>>(sql))!)[0];

describe('sample deal history', () => {
  it('has stage history for every deal of the three systems', async () => {
    expect(await wh.all(`select source_system as system, count(*)::int as deals from stg_opportunities group by all order by all`)).toEqual([
      { system: 'canonical', deals: 4 },
      // one of each is planted (src/sample/planted.ts): an open deal without an amount, a lost deal without a reason
      { system: 'hubspot', deals: 17 },
      { system: 'salesforce', deals: 23 },
    ]);
    expect(await one(`select count(distinct opportunity_id)::int from stg_deal_changes where field = 'stage'`)).toBe(44);
  });

  it('moves amounts and close dates: pushes across a month and a quarter, pull-ins', async () => {
    const closeMoves = await wh.one(
      `with c as (select opportunity_id, close_date, lag(close_date) over (partition by opportunity_id order by changed_at) as before
                  from stg_deal_changes where field = 'close_date')
       select count(*) filter (where close_date > before)::int as pushes,
              count(*) filter (where close_date > before and date_trunc('quarter', close_date) <> date_trunc('quarter', before))::int as "acrossQuarter",
              count(*) filter (where close_date < before)::int as "pulledIn"
       from c`,
    );
    // the planted lost deal's close date was pushed twice, each time into the next quarter
    expect(closeMoves).toEqual({ pushes: 21, acrossQuarter: 16, pulledIn: 6 });
    const amountMoves = await wh.one(
      `with c as (select amount, lag(amount) over (partition by opportunity_id order by changed_at) as before from stg_deal_changes where field = 'amount')
       select count(*) filter (where amount > before)::int as up, count(*) filter (where amount < before)::int as down from c`,
    );
    expect(amountMoves).toEqual({ up: 8, down: 11 });
  });

  it('reopens won deals that were marked lost, and skips a stage', async () => {
    const reopened = await one(
      `select count(distinct opportunity_id)::int from (
         select opportunity_id, stage_raw, lag(stage_raw) over (partition by opportunity_id order by changed_at) as before
         from stg_deal_changes where field = 'stage') where before = 'Closed Lost'`,
    );
    expect(reopened).toBe(4);
    // Salesforce deals that went from Qualification straight to a later stage than Needs Analysis
    const skipped = await one(
      `select count(*)::int from (
         select stage_raw, lead(stage_raw) over (partition by opportunity_id order by changed_at) as next
         from stg_deal_changes where field = 'stage') where stage_raw = 'Qualification' and next = 'Proposal/Price Quote'`,
    );
    expect(skipped).toBe(4);
    expect(await one(`select count(*)::int from stg_opportunities where not is_closed`)).toBe(5);
  });
});
