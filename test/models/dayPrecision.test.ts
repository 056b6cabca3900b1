import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { openTestWarehouse } from '../helpers/db.js';
import { loadFixtures } from '../helpers/load.js';

// test/fixtures/dayPrecision/salesforce, read in America/New_York (EST, UTC-5, before 03-10). A
// ConvertedDate has no time: it lands at local midnight (05:00 UTC) but is known to the day only.
//   Cv001 Working 03-05 15:00; Closed - Converted 03-08 19:30; ConvertedDate 03-08; its opportunity
//         created 03-08 19:30:05, won 03-20
//   Cv002 Working 03-08 13:00, converted the same day, no opportunity
//   Cv003 converted 03-06 with nothing else that day
//   Cv004 Working 03-02; Closed - Converted 03-05 16:00; opportunity created 03-05 16:00:10 and won
//         the same day (CloseDate 03-05, a date too)
const config = parseConfig({ timezone: 'America/New_York' });
const files = ['dayPrecision/salesforce/Lead.csv', 'dayPrecision/salesforce/LeadHistory.csv', 'dayPrecision/salesforce/Opportunity.csv'];

describe('date-only conversions', () => {
  it('are placed among the same day’s timed entries by stage, never before an earlier stage', async () => {
    const wh = await openTestWarehouse();
    await loadFixtures(wh, files, config);
    const rows = await wh.all<Record<string, unknown>>(
      `select substr(lead_id, 11, 5) as lead, stage, strftime(entered_at, '%m-%d %H:%M:%S') as at, is_reentry, is_regression, is_out_of_order
       from fct_stage_entries order by lead_id, event_number`,
    );
    const entry = (lead: string, stage: string, at: string) => ({ lead, stage, at, is_reentry: false, is_regression: false, is_out_of_order: false });
    expect(rows).toEqual([
      // the conversion's SQL is the 19:30 status change (one entry), its opportunity the 19:30:05 creation
      entry('Cv001', 'lead', '03-04 14:00:00'),
      entry('Cv001', 'mql', '03-05 15:00:00'),
      entry('Cv001', 'sql', '03-08 19:30:00'),
      entry('Cv001', 'opportunity', '03-08 19:30:05'),
      entry('Cv001', 'customer', '03-20 00:00:00'),
      // nothing later that day: the conversion follows the 13:00 MQL (0 days), it does not precede it
      entry('Cv002', 'lead', '03-04 14:00:00'),
      entry('Cv002', 'mql', '03-08 13:00:00'),
      entry('Cv002', 'sql', '03-08 13:00:00'),
      // nothing else that day: local midnight, as read
      entry('Cv003', 'lead', '03-01 15:00:00'),
      entry('Cv003', 'sql', '03-06 05:00:00'),
      // a same-day win (CloseDate, a date) follows the opportunity's creation that day
      entry('Cv004', 'lead', '03-01 10:00:00'),
      entry('Cv004', 'mql', '03-02 12:00:00'),
      entry('Cv004', 'sql', '03-05 16:00:00'),
      entry('Cv004', 'opportunity', '03-05 16:00:10'),
      entry('Cv004', 'customer', '03-05 16:00:10'),
    ]);
  });
});
