/**
 * Hostile deal-history files: field names nothing maps, values that are no amount or date, rows
 * for deals the warehouse has never seen, repeated rows, locale-written amounts in a column that
 * also holds dates, snapshots loaded three times. Each is read right or rejected with its reason.
 */
import { describe, expect } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import type { Warehouse } from '../../src/db/connection.js';
import { buildModels } from '../../src/models/build.js';
import { dealChanges } from '../helpers/dealChanges.js';
import { expectLoaded, hostileCase, rejectReasons, writeInput } from './harness.js';

const fieldHistoryHeader = 'Id,OpportunityId,CreatedById,CreatedDate,Field,DataType,OldValue,NewValue,IsDeleted';
const fieldHistory = (rows: string[]) => `${[fieldHistoryHeader, ...rows].join('\n')}\n`;
const events = (rows: string[], delimiter = ',') => `${[['opportunity_id', 'field', 'value', 'changed_at'].join(delimiter), ...rows].join('\n')}\n`;

async function built(wh: Warehouse) {
  await buildModels(wh, parseConfig({}), { force: true });
  return dealChanges(wh);
}

/** stg_deal_changes as (deal, field, value) triples, in time order. */
const moves = async (wh: Warehouse) => (await built(wh)).map((c) => [c.id, c.field, c.stage ?? c.amount ?? c.close]);

describe('hostile deal history', () => {
  hostileCase('numbers and booleans', 'an Amount change whose value is no number is rejected with the field named, not loaded as NULL', async () => {
    const path = writeInput(
      'OpportunityFieldHistory.csv',
      fieldHistory([
        '0178d00000Hx001AAB,0068d00000Hd001AAB,0058d000001Ab01AAC,2024-03-01T10:00:00.000Z,Amount,Currency,10000,12k,false',
        '0178d00000Hx002AAB,0068d00000Hd001AAB,0058d000001Ab01AAC,2024-03-02T10:00:00.000Z,Amount,Currency,12000,15000,false',
        // a probability of "high" is no amount: it stays text, as exported
        '0178d00000Hx003AAB,0068d00000Hd001AAB,0058d000001Ab01AAC,2024-03-02T10:00:00.000Z,Probability,Percent,10,high,false',
      ]),
    );
    const { wh, summary } = await expectLoaded([path]);
    expect([summary.files[0]!.loaded, summary.files[0]!.rejected]).toEqual([2, 1]);
    expect(await rejectReasons(wh)).toEqual([{ line: 2, reason: 'not a number in "NewValue of Amount": 12k' }]);
    expect(await wh.all(`select field, value from opportunity_events order by field`)).toEqual([
      { field: 'amount', value: '15000.0' },
      { field: 'probability', value: 'high' },
    ]);
  });

  hostileCase('dates and zones', 'a close date that is no date is rejected with the field named', async () => {
    const path = writeInput(
      'opportunity_events.csv',
      events([
        'OPP-1,close_date,2024-06-31,2024-03-01T10:00:00Z',
        'OPP-1,close_date,end of Q2,2024-03-02T10:00:00Z',
        'OPP-1,stage,Discovery,2024-03-01T10:00:00Z',
      ]),
    );
    const { wh } = await expectLoaded([path]);
    expect(await rejectReasons(wh)).toEqual([
      { line: 2, reason: 'unparseable date in "value of close_date": 2024-06-31' },
      { line: 3, reason: 'unparseable date in "value of close_date": end of Q2' },
    ]);
    expect(await moves(wh)).toEqual([['OPP-1', 'stage', 'Discovery']]);
  });

  hostileCase('identity', 'a Field value nothing maps is kept in opportunity_events and stays out of the deal changes', async () => {
    const path = writeInput(
      'OpportunityFieldHistory.csv',
      fieldHistory([
        '0178d00000Hx011AAB,0068d00000Hd002AAB,0058d000001Ab01AAC,2024-03-01T10:00:00.000Z,Next_Step__c,Text,,Send MSA,false',
        '0178d00000Hx012AAB,0068d00000Hd002AAB,0058d000001Ab01AAC,2024-03-01T10:00:00.000Z,opportunityCreatedFromLead,Text,,,false',
        '0178d00000Hx013AAB,0068d00000Hd002AAB,0058d000001Ab01AAC,2024-03-04T10:00:00.000Z,StageName,DynamicEnum,Qualification,Discovery,false',
      ]),
    );
    const { wh } = await expectLoaded([path]);
    expect(await wh.all(`select field, value from opportunity_events order by field`)).toEqual([
      { field: 'next_step__c', value: 'Send MSA' },
      { field: 'opportunitycreatedfromlead', value: null },
      { field: 'stage', value: 'Discovery' },
    ]);
    // the conversion row is the deal's creation: the first change's old value holds from then
    expect(await moves(wh)).toEqual([
      ['0068d00000Hd002AAB', 'stage', 'Qualification'],
      ['0068d00000Hd002AAB', 'stage', 'Discovery'],
    ]);
  });

  hostileCase('identity', 'history of a deal the warehouse has no opportunity row for is kept', async () => {
    const path = writeInput('opportunity_events.csv', events(['GHOST-9,stage,Proposal,2024-03-01T10:00:00Z', 'GHOST-9,amount,5000,2024-03-01T10:00:00Z']));
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]!.loaded).toBe(2);
    expect(await wh.one(`select count(*)::int as n from opportunities`)).toEqual({ n: 0 });
    expect(await moves(wh)).toEqual([
      ['GHOST-9', 'amount', 5000],
      ['GHOST-9', 'stage', 'Proposal'],
    ]);
  });

  hostileCase('identity', 'a repeated history row is a duplicate; the same rows in a second file add nothing', async () => {
    const rows = ['OPP-1,stage,Discovery,2024-03-01T10:00:00Z', 'OPP-1,amount,9000,2024-03-01T10:00:00Z'];
    const first = writeInput('opportunity_events.csv', events([...rows, rows[0]!]));
    const { wh, summary } = await expectLoaded([first]);
    expect([summary.files[0]!.read, summary.files[0]!.loaded, summary.files[0]!.duplicates]).toEqual([3, 2, 1]);
    const again = writeInput('opportunity_events_copy.csv', events([rows[1]!, rows[0]!, 'OPP-1,stage,Proposal,2024-03-09T10:00:00Z']));
    await expectLoaded([again], {}, undefined, wh);
    expect(await wh.one(`select count(*)::int as n from opportunity_events`)).toEqual({ n: 3 });
    expect(await moves(wh)).toEqual([
      ['OPP-1', 'amount', 9000],
      ['OPP-1', 'stage', 'Discovery'],
      ['OPP-1', 'stage', 'Proposal'],
    ]);
  });

  hostileCase('identity', 'the same field at the same instant with another value in one file is a conflicting duplicate', async () => {
    const path = writeInput('opportunity_events.csv', events(['OPP-1,amount,9000,2024-03-01T10:00:00Z', 'OPP-1,amount,9500,2024-03-01T10:00:00Z']));
    const { wh } = await expectLoaded([path]);
    expect(await rejectReasons(wh)).toEqual([{ line: 3, reason: 'conflicting duplicate: same key as row 1 with different values' }]);
  });

  hostileCase('delimiters and locales', 'German amounts beside ISO close dates in one value column: each read by its own rows', async () => {
    const path = writeInput(
      'opportunity_events.csv',
      events(
        ['OPP-7;amount;21.500,50;2024-03-01T10:00:00Z', 'OPP-7;close_date;2024-05-10;2024-03-01T10:00:00Z', 'OPP-7;amount;1.200,00;2024-03-08T10:00:00Z'],
        ';',
      ),
    );
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]!.rejected).toBe(0);
    expect(await moves(wh)).toEqual([
      ['OPP-7', 'amount', 21500.5],
      ['OPP-7', 'close_date', '2024-05-10'],
      ['OPP-7', 'amount', 1200],
    ]);
  });

  hostileCase('dates and zones', 'day-first close dates in a value column beside amounts: the date order comes from the date rows only', async () => {
    const path = writeInput(
      'opportunity_events.csv',
      events([
        'OPP-8,close_date,31/05/2024,2024-03-01T10:00:00Z',
        'OPP-8,amount,1205,2024-03-01T10:00:00Z',
        'OPP-8,close_date,02/07/2024,2024-04-01T10:00:00Z',
      ]),
    );
    const { wh } = await expectLoaded([path]);
    expect(await moves(wh)).toEqual([
      ['OPP-8', 'amount', 1205],
      ['OPP-8', 'close_date', '2024-05-31'],
      ['OPP-8', 'close_date', '2024-07-02'],
    ]);
  });

  hostileCase('concurrency', 'three snapshots of a deal: each value once, at the first export that showed it', async () => {
    const deals = (stage: string, amount: string) =>
      `Record ID,Deal Name,Deal Stage,Amount,Close Date\n9100000091,Orbit – Pilot,${stage},${amount},2024-06-28\n`;
    const { wh } = await expectLoaded([writeInput('deals.csv', deals('Appointment Scheduled', '1000'))], { snapshotAt: new Date('2024-03-01T00:00:00Z') });
    await expectLoaded([writeInput('deals.csv', deals('Qualified To Buy', '1000'))], { snapshotAt: new Date('2024-03-08T00:00:00Z') }, undefined, wh);
    await expectLoaded([writeInput('deals.csv', deals('Contract Sent', '1500'))], { snapshotAt: new Date('2024-03-15T00:00:00Z') }, undefined, wh);
    const changes = (await built(wh)).map((c) => [c.at, c.field, c.stage ?? c.amount ?? c.close, c.inferred]);
    expect(changes).toEqual([
      // what the first export showed, all of it, when the second showed a move
      ['2024-03-01 00:00', 'amount', 1000, true],
      ['2024-03-01 00:00', 'close_date', '2024-06-28', true],
      ['2024-03-01 00:00', 'stage', 'Appointment Scheduled', true],
      ['2024-03-08 00:00', 'stage', 'Qualified To Buy', true],
      ['2024-03-15 00:00', 'amount', 1500, true],
      ['2024-03-15 00:00', 'stage', 'Contract Sent', true],
    ]);
    // Qualified To Buy is the newer value of one pair and the older of the next: stored once
    expect(await wh.one(`select count(*)::int as n from opportunity_events where value = 'Qualified To Buy'`)).toEqual({ n: 1 });
  });
});
