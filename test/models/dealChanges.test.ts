/**
 * stg_deal_changes, the contract the pipeline report reads: one row per change of a deal's stage,
 * amount or close date. Rows worked out by hand from test/fixtures/deals/.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { loadFiles } from '../../src/ingest/load.js';
import { buildModels } from '../../src/models/build.js';
import { caseDir, writeInput } from '../hostile/harness.js';
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

describe('stg_deal_changes from two opportunity snapshots', () => {
  it('infers the stage, amount and close-date changes between two exports of the same deals', async () => {
    const wh = await openTestWarehouse();
    await loadFixtures(wh, ['deals/snapshots/Opportunity_2024-03-01.csv'], undefined, { snapshotAt: new Date('2024-03-01T06:00:00Z') });
    await loadFixtures(wh, ['deals/snapshots/Opportunity_2024-03-15.csv'], undefined, { snapshotAt: new Date('2024-03-15T06:00:00Z') });
    const sn1 = '0068d00000Sn001AAB';
    const inferred = (id: string, at: string, field: string, value: Parameters<typeof change>[3], row: number, load: number) =>
      change(id, at, field, value, row, load, true);
    expect(await dealChanges(wh)).toEqual([
      // what the first export showed, at its time, then what moved by the second
      inferred(sn1, '2024-03-01 06:00', 'amount', { amount: 20000 }, 1, 1),
      inferred(sn1, '2024-03-01 06:00', 'close_date', { close: '2024-03-31' }, 1, 1),
      inferred(sn1, '2024-03-01 06:00', 'stage', { stage: 'Discovery' }, 1, 1),
      inferred(sn1, '2024-03-15 06:00', 'amount', { amount: 25000 }, 1, 2),
      inferred(sn1, '2024-03-15 06:00', 'close_date', { close: '2024-04-30' }, 1, 2),
      inferred(sn1, '2024-03-15 06:00', 'stage', { stage: 'Proposal' }, 1, 2),
      // Sn002 did not move; Sn003 got its first amount (none before it), beside what it showed on 03-01
      inferred('0068d00000Sn003AAB', '2024-03-01 06:00', 'close_date', { close: '2024-05-31' }, 3, 1),
      inferred('0068d00000Sn003AAB', '2024-03-01 06:00', 'stage', { stage: 'Qualification' }, 3, 1),
      inferred('0068d00000Sn003AAB', '2024-03-15 06:00', 'amount', { amount: 8000 }, 3, 2),
    ]);
  });

  it('infers nothing from a snapshot older than the one loaded, or from the same export loaded again', async () => {
    const wh = await openTestWarehouse();
    await loadFixtures(wh, ['deals/snapshots/Opportunity_2024-03-15.csv'], undefined, { snapshotAt: new Date('2024-03-15T06:00:00Z') });
    await loadFixtures(wh, ['deals/snapshots/Opportunity_2024-03-01.csv'], undefined, { snapshotAt: new Date('2024-03-01T06:00:00Z') });
    expect(await dealChanges(wh)).toEqual([]);
    expect(await wh.one(`select count(*)::int as n from opportunity_events`)).toEqual({ n: 0 });
  });

  it('keeps the exported change and not the inferred one when the history already has it', async () => {
    const wh = await openTestWarehouse();
    await loadFixtures(wh, ['deals/snapshots/Opportunity_2024-03-01.csv'], undefined, { snapshotAt: new Date('2024-03-01T06:00:00Z') });
    await loadFixtures(wh, ['deals/snapshots/OpportunityHistory_Sn001.csv']);
    await loadFixtures(wh, ['deals/snapshots/Opportunity_2024-03-15.csv'], undefined, { snapshotAt: new Date('2024-03-15T06:00:00Z') });
    const sn1 = (await dealChanges(wh)).filter((c) => c.id === '0068d00000Sn001AAB').map((c) => [c.at, c.field, c.stage ?? c.amount ?? c.close, c.inferred]);
    expect(sn1).toEqual([
      ['2024-02-01 10:00', 'amount', 20000, false],
      ['2024-02-01 10:00', 'close_date', '2024-03-31', false],
      ['2024-02-01 10:00', 'stage', 'Discovery', false],
      // the history says when Proposal and the new amount came; the snapshot adds only the push it lacks
      ['2024-03-08 11:00', 'amount', 25000, false],
      ['2024-03-08 11:00', 'stage', 'Proposal', false],
      ['2024-03-15 06:00', 'close_date', '2024-04-30', true],
    ]);
  });
});

describe('stg_deal_changes at one instant', () => {
  it('takes one value per field and instant: the last row of the first load, however the files were ordered', async () => {
    const dir = caseDir('deal-instants-');
    const fieldHistory = writeInput(
      'OpportunityFieldHistory.csv',
      `${[
        'Id,OpportunityId,CreatedById,CreatedDate,Field,DataType,OldValue,NewValue,IsDeleted',
        '0178d00000In001AAB,0068d00000In001AAB,0058d000001Ab01AAC,2026-04-02T04:11:08.658Z,StageName,DynamicEnum,Needs Analysis,Closed Lost,false',
        '0178d00000In002AAB,0068d00000In001AAB,0058d000001Ab01AAC,2026-04-02T04:11:08.658Z,CloseDate,DateOnly,2026-05-02,2026-04-02,false',
      ].join('\n')}\n`,
      dir,
    );
    // one save, two rows: the first still carries the old close date
    const stageHistory = writeInput(
      'OpportunityHistory.csv',
      `${[
        'Id,OpportunityId,StageName,Amount,CloseDate,Probability,CreatedDate',
        '0088d00000In001AAB,0068d00000In001AAB,Needs Analysis,4700,2026-05-02,25,2026-03-27T14:17:02.821Z',
        '0088d00000In002AAB,0068d00000In001AAB,Closed Lost,4700,2026-05-02,0,2026-04-02T04:11:08.658Z',
        '0088d00000In003AAB,0068d00000In001AAB,Closed Lost,4700,2026-04-02,0,2026-04-02T04:11:08.658Z',
      ].join('\n')}\n`,
      dir,
    );
    const closeDates = async (files: string[]) => {
      const wh = await openTestWarehouse();
      for (const file of files) await loadFiles(wh, parseConfig({}), { paths: [file], crm: 'auto' });
      await buildModels(wh, parseConfig({}), { force: true });
      // both rows of the save are kept (same stage and instant, another close date)
      expect(await wh.one(`select count(*)::int as n from opportunity_stage_events`)).toEqual({ n: 3 });
      return (await dealChanges(wh)).filter((c) => c.field === 'close_date').map((c) => [c.at, c.close]);
    };
    const expected = [
      ['2026-03-27 14:17', '2026-05-02'],
      ['2026-04-02 04:11', '2026-04-02'],
    ];
    expect(await closeDates([fieldHistory, stageHistory])).toEqual(expected);
    expect(await closeDates([stageHistory, fieldHistory])).toEqual(expected);
  });
});
