/**
 * stg_deal_changes, the contract the pipeline report reads: one row per change of a deal's stage,
 * amount or close date. Rows worked out by hand from test/fixtures/deals/.
 */
import { describe, expect, it } from 'vitest';
import { change, dealChanges } from '../helpers/dealChanges.js';
import { openTestWarehouse } from '../helpers/db.js';
import { loadFixtures } from '../helpers/load.js';

const dl1 = '0068d00000Dl001AAB';
const dl2 = '0068d00000Dl002AAB';

describe('stg_deal_changes from OpportunityHistory', () => {
  it('keeps a field only where it moved: a stage repeat, a null amount and an unchanged close date are no change', async () => {
    const wh = await openTestWarehouse();
    await loadFixtures(wh, ['deals/OpportunityHistory.csv']);
    expect(await dealChanges(wh)).toEqual([
      // the first row states the starting values the export has (no amount yet)
      change(dl1, '2024-01-02 09:00', 'close_date', { close: '2024-03-31' }, 1),
      change(dl1, '2024-01-02 09:00', 'stage', { stage: 'Qualification' }, 1),
      change(dl1, '2024-01-10 09:00', 'amount', { amount: 10000 }, 2),
      change(dl1, '2024-01-10 09:00', 'stage', { stage: 'Discovery' }, 2),
      // Discovery again with a larger amount: an amount increase, no stage change
      change(dl1, '2024-01-20 09:00', 'amount', { amount: 12000 }, 3),
      // a push to a later month
      change(dl1, '2024-02-05 09:00', 'close_date', { close: '2024-04-30' }, 4),
      change(dl1, '2024-02-05 09:00', 'stage', { stage: 'Proposal' }, 4),
      // row 5 has no amount and repeats the rest: nothing; row 6 moves back to Discovery
      change(dl1, '2024-02-20 09:00', 'stage', { stage: 'Discovery' }, 6),
      change(dl1, '2024-03-01 09:00', 'amount', { amount: 11500 }, 7),
      change(dl1, '2024-03-01 09:00', 'close_date', { close: '2024-03-01' }, 7),
      change(dl1, '2024-03-01 09:00', 'stage', { stage: 'Closed Won' }, 7),
      // no amount and no close date ever: only its stage, once
      change(dl2, '2024-01-05 12:00', 'stage', { stage: 'Qualification' }, 1 + 7),
    ]);
  });
});

describe('stg_deal_changes from Fivetran history mode', () => {
  it('keeps a version that changes only the amount (Op001 on 03-05)', async () => {
    const wh = await openTestWarehouse();
    await loadFixtures(wh, ['formats/fivetran/salesforce/opportunity_history_snapshot.csv']);
    const op1 = (await dealChanges(wh)).filter((r) => r.id === '0068d00000Op001AAB');
    expect(op1).toEqual([
      change('0068d00000Op001AAB', '2024-03-01 10:00', 'amount', { amount: 20000 }, 1),
      change('0068d00000Op001AAB', '2024-03-01 10:00', 'close_date', { close: '2024-05-31' }, 1),
      change('0068d00000Op001AAB', '2024-03-01 10:00', 'stage', { stage: 'Prospecting' }, 1),
      change('0068d00000Op001AAB', '2024-03-05 09:30', 'amount', { amount: 25000 }, 2),
      change('0068d00000Op001AAB', '2024-03-12 14:15', 'close_date', { close: '2024-04-30' }, 3),
      change('0068d00000Op001AAB', '2024-03-12 14:15', 'stage', { stage: 'Negotiation/Review' }, 3),
      change('0068d00000Op001AAB', '2024-04-02 16:45', 'amount', { amount: 24000 }, 4),
      change('0068d00000Op001AAB', '2024-04-02 16:45', 'close_date', { close: '2024-04-02' }, 4),
      change('0068d00000Op001AAB', '2024-04-02 16:45', 'stage', { stage: 'Closed Won' }, 4),
    ]);
  });
});
