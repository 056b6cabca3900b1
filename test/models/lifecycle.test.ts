import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { openTestWarehouse } from '../helpers/db.js';
import { loadFixtures } from '../helpers/load.js';

// test/fixtures/lifecycle: five hand-built leads, read in America/New_York
//   L1 lead → mql → sql → opportunity → customer (the clean path)
//   L2 lead → sql (skips MQL)
//   L3 lead → mql → recycled (ENG-02) → mql again → sql (recycle with reason, re-entry)
//   L4 lead → customer (01-15) → mql (01-20): out of order; an exact duplicate row
//   L5 lead → mql on the spring-forward night → "Nurture Track B" (unknown value)
const config = parseConfig({ timezone: 'America/New_York' });
const files = ['lifecycle/leads.csv', 'lifecycle/stage_events.csv'];

describe('lifecycle models', () => {
  it('orders entries, measures time in stage and flags re-entries and recycles', async () => {
    const wh = await openTestWarehouse();
    await loadFixtures(wh, files, config);
    const l3 = await wh.all(
      `select stage, strftime(entered_at, '%m-%d') as at, round(days_in_stage, 2) as days, is_reentry, is_recycle, is_regression, reason
       from fct_stage_entries where lead_id = 'L3' order by event_number`,
    );
    expect(l3).toEqual([
      { stage: 'lead', at: '01-04', days: 2, is_reentry: false, is_recycle: false, is_regression: false, reason: null },
      { stage: 'mql', at: '01-06', days: 3, is_reentry: false, is_recycle: false, is_regression: false, reason: null },
      // 01-09 10:00 → 03-01 10:00 = 22 + 29 (2024 is a leap year) + 1 = 52 days
      { stage: 'recycled', at: '01-09', days: 52, is_reentry: false, is_recycle: true, is_regression: false, reason: 'ENG-02' },
      { stage: 'mql', at: '03-01', days: 1, is_reentry: true, is_recycle: false, is_regression: false, reason: null },
      { stage: 'sql', at: '03-02', days: null, is_reentry: false, is_recycle: false, is_regression: false, reason: null },
    ]);
  });

  it('implies skipped stages and reports out-of-order data', async () => {
    const wh = await openTestWarehouse();
    await loadFixtures(wh, files, config);
    const stages = await wh.all(
      `select lead_id, stage, implied_by_skip, is_out_of_order from fct_lead_stages
       where lead_id in ('L2', 'L4') order by lead_id, stage_order`,
    );
    expect(stages).toEqual([
      { lead_id: 'L2', stage: 'lead', implied_by_skip: false, is_out_of_order: false },
      { lead_id: 'L2', stage: 'mql', implied_by_skip: true, is_out_of_order: false },
      { lead_id: 'L2', stage: 'sql', implied_by_skip: false, is_out_of_order: false },
      { lead_id: 'L4', stage: 'lead', implied_by_skip: false, is_out_of_order: false },
      { lead_id: 'L4', stage: 'mql', implied_by_skip: false, is_out_of_order: true },
      { lead_id: 'L4', stage: 'sql', implied_by_skip: true, is_out_of_order: false },
      { lead_id: 'L4', stage: 'opportunity', implied_by_skip: true, is_out_of_order: false },
      { lead_id: 'L4', stage: 'customer', implied_by_skip: false, is_out_of_order: false },
    ]);
  });

  it('summarises each lead with its current stage and flags', async () => {
    const wh = await openTestWarehouse();
    await loadFixtures(wh, files, config);
    const leads = await wh.all(
      `select lead_id, current_stage, highest_stage, has_skip, has_recycle, has_reentry, has_out_of_order, has_unknown_stage
       from dim_leads order by lead_id`,
    );
    expect(leads).toEqual([
      {
        lead_id: 'L1',
        current_stage: 'customer',
        highest_stage: 'customer',
        has_skip: false,
        has_recycle: false,
        has_reentry: false,
        has_out_of_order: false,
        has_unknown_stage: false,
      },
      {
        lead_id: 'L2',
        current_stage: 'sql',
        highest_stage: 'sql',
        has_skip: true,
        has_recycle: false,
        has_reentry: false,
        has_out_of_order: false,
        has_unknown_stage: false,
      },
      {
        lead_id: 'L3',
        current_stage: 'sql',
        highest_stage: 'sql',
        has_skip: false,
        has_recycle: true,
        has_reentry: true,
        has_out_of_order: false,
        has_unknown_stage: false,
      },
      {
        lead_id: 'L4',
        current_stage: 'mql',
        highest_stage: 'customer',
        has_skip: true,
        has_recycle: false,
        has_reentry: false,
        has_out_of_order: true,
        has_unknown_stage: false,
      },
      {
        lead_id: 'L5',
        current_stage: 'unknown',
        highest_stage: 'mql',
        has_skip: false,
        has_recycle: false,
        has_reentry: false,
        has_out_of_order: false,
        has_unknown_stage: true,
      },
    ]);
  });
});
