/**
 * Deal-history exports: each is detected and loads into opportunity_events or
 * opportunity_stage_events, and stg_deal_changes shows its changes. Rows worked out by hand from
 * the fixtures in test/fixtures/formats/ (expected.json has their counts).
 */
import { describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/db/connection.js';
import { change, dealChanges } from '../helpers/dealChanges.js';
import { openTestWarehouse } from '../helpers/db.js';
import { loadFixtures } from '../helpers/load.js';

const events = (wh: Warehouse) =>
  wh.all(
    `select opportunity_id as id, field, value, old_value as old, strftime(changed_at at time zone 'UTC', '%Y-%m-%d %H:%M') as at, origin, inferred
     from opportunity_events order by opportunity_id, changed_at, field, value`,
  );

const load = async (file: string, timezone?: string) => {
  const wh = await openTestWarehouse();
  const summary = await loadFixtures(wh, [`formats/${file}`], undefined, { timezone });
  return { wh, file: summary.files[0]! };
};

describe('Salesforce OpportunityFieldHistory', () => {
  it('is detected by its 017 ids and OpportunityId, and names the deal fields stage, amount, close_date', async () => {
    const { wh, file } = await load('salesforce/OpportunityFieldHistory.csv');
    expect([file.variant, file.object, file.read, file.loaded, file.rejected]).toEqual([
      'salesforce_opportunity_field_history',
      'opportunity_events',
      14,
      13,
      1,
    ]);
    const op2 = (await events(wh)).filter((e) => e.id === '0068d00000Op002AAB');
    const ev = (field: string, value: string | null, old: string | null, at: string) => ({
      id: '0068d00000Op002AAB',
      field,
      value,
      old,
      at,
      origin: 'field_history',
      inferred: false,
    });
    expect(op2).toEqual([
      ev('created', null, null, '2024-03-04 10:22'),
      ev('probability', '20', '10', '2024-03-08 14:00'),
      ev('stage', 'Needs Analysis', 'Prospecting', '2024-03-08 14:00'),
      // amounts and dates as the loader parsed them
      ev('amount', '64000.0', '60000.0', '2024-03-12 09:30'),
      ev('close_date', '2024-05-31', '2024-04-30', '2024-03-12 09:30'),
      // one owner change, two rows: the user ids and (DataType Text) the names
      ev('owner_id', '0058d000001Ab01AAC', '0058d000001Ab03AAC', '2024-03-15 11:05'),
      ev('owner_name', 'Ana Ruiz', 'Ruth Abara', '2024-03-15 11:05'),
      ev('forecastcategoryname', 'Commit', 'Pipeline', '2024-03-20 15:15'),
      ev('stage', 'Negotiation/Review', 'Needs Analysis', '2024-03-20 15:15'),
    ]);
  });

  it('gives stg_deal_changes each change, and the first change’s old value as the value since creation', async () => {
    const { wh } = await load('salesforce/OpportunityFieldHistory.csv');
    const op2 = '0068d00000Op002AAB';
    const op3 = '0068d00000Op003AAB';
    expect(await dealChanges(wh)).toEqual([
      // created 03-04 10:22 (the `created` row) with the old values of the first changes
      change(op2, '2024-03-04 10:22', 'amount', { amount: 60000 }, 4),
      change(op2, '2024-03-04 10:22', 'close_date', { close: '2024-04-30' }, 5),
      change(op2, '2024-03-04 10:22', 'stage', { stage: 'Prospecting' }, 2),
      change(op2, '2024-03-08 14:00', 'stage', { stage: 'Needs Analysis' }, 2),
      change(op2, '2024-03-12 09:30', 'amount', { amount: 64000 }, 4),
      change(op2, '2024-03-12 09:30', 'close_date', { close: '2024-05-31' }, 5),
      change(op2, '2024-03-20 15:15', 'stage', { stage: 'Negotiation/Review' }, 8),
      change(op3, '2024-01-08 09:00', 'close_date', { close: '2024-02-29' }, 11),
      change(op3, '2024-01-08 09:00', 'stage', { stage: 'Value Proposition' }, 14),
      // its first amount had no old value: the deal had none before
      change(op3, '2024-02-02 11:00', 'amount', { amount: 85000 }, 12),
      change(op3, '2024-02-02 11:00', 'close_date', { close: '2024-03-15' }, 11),
      change(op3, '2024-03-15 17:20', 'stage', { stage: 'Closed Lost' }, 14),
    ]);
    const origins = await wh.all(`select origin, count(*)::int as n from stg_deal_changes group by origin order by origin`);
    expect(origins).toEqual([
      { origin: 'field_history', n: 7 },
      { origin: 'old_value', n: 5 },
    ]);
  });
});

describe('Fivetran HubSpot deal_property_history and deal_stage', () => {
  it('reads dealstage, amount and closedate (epoch milliseconds) as deal changes, other properties as events only', async () => {
    const { wh, file } = await load('fivetran/hubspot/deal_property_history.csv');
    expect([file.variant, file.detected, file.read, file.loaded]).toEqual(['fivetran_hubspot_deal_property_history', 'fivetran', 14, 14]);
    const d12 = '9100000012';
    const at = (t: string, field: string, value: Parameters<typeof change>[3], row: number) => change(d12, t, field, value, row);
    expect((await dealChanges(wh)).filter((c) => c.id === d12)).toEqual([
      at('2024-03-05 14:22', 'amount', { amount: 30000 }, 2),
      at('2024-03-05 14:22', 'close_date', { close: '2024-05-31' }, 3),
      at('2024-03-05 14:22', 'stage', { stage: 'appointmentscheduled' }, 1),
      at('2024-03-12 09:00', 'stage', { stage: 'qualifiedtobuy' }, 5),
      at('2024-03-20 10:15', 'amount', { amount: 36000 }, 7),
      at('2024-04-02 08:00', 'close_date', { close: '2024-06-28' }, 8),
      at('2024-04-02 08:00', 'stage', { stage: 'contractsent' }, 9),
    ]);
    const kept = await wh.all(`select distinct field from opportunity_events where field not in ('stage', 'amount', 'close_date') order by field`);
    expect(kept.map((r) => r.field)).toEqual(['closed_lost_reason', 'hs_deal_stage_probability', 'hubspot_owner_id', 'pipeline']);
  });

  it('reads deal_stage rows as stage entries, exited at _fivetran_end unless still active', async () => {
    const { wh, file } = await load('fivetran/hubspot/deal_stage.csv');
    expect([file.variant, file.object, file.read, file.loaded]).toEqual(['fivetran_hubspot_deal_stage', 'opportunity_stage_events', 5, 5]);
    const rows = await wh.all(
      `select stage_raw, strftime(entered_at at time zone 'UTC', '%m-%d %H:%M') as entered, strftime(exited_at at time zone 'UTC', '%m-%d %H:%M:%S') as exited
       from opportunity_stage_events where opportunity_id = '9100000012' order by entered_at`,
    );
    expect(rows).toEqual([
      { stage_raw: 'appointmentscheduled', entered: '03-05 14:22', exited: '03-12 08:59:59' },
      { stage_raw: 'qualifiedtobuy', entered: '03-12 09:00', exited: '04-02 07:59:59' },
      { stage_raw: 'contractsent', entered: '04-02 08:00', exited: null },
    ]);
  });

  it('adds nothing when the stage history and the property history tell the same stages (ids compared normalised)', async () => {
    const wh = await openTestWarehouse();
    await loadFixtures(wh, ['formats/fivetran/hubspot/deal_stage.csv', 'formats/fivetran/hubspot/deal_property_history.csv']);
    const stages = (await dealChanges(wh)).filter((c) => c.field === 'stage').map((c) => [c.id, c.at, c.stage, c.load]);
    // every stage change once, from the first file (load 1); the property history repeats them
    expect(stages).toEqual([
      ['9100000011', '2024-02-02 10:00', 'appointmentscheduled', 1],
      ['9100000011', '2024-03-20 09:30', 'closedlost', 1],
      ['9100000012', '2024-03-05 14:22', 'appointmentscheduled', 1],
      ['9100000012', '2024-03-12 09:00', 'qualifiedtobuy', 1],
      ['9100000012', '2024-04-02 08:00', 'contractsent', 1],
    ]);
  });
});

describe('HubSpot deals with Date entered and Date exited columns', () => {
  it('keeps each stage entry with its pipeline and the exit of the same stage and pipeline', async () => {
    const { wh } = await load('hubspot/deals_pipelines.csv', 'America/New_York');
    const rows = await wh.all(
      `select opportunity_id as id, stage_raw as stage, pipeline, strftime(entered_at at time zone 'UTC', '%m-%d %H:%M') as entered,
              strftime(exited_at at time zone 'UTC', '%m-%d %H:%M') as exited
       from opportunity_stage_events order by opportunity_id, entered_at`,
    );
    // New York times (EST until 03-10, EDT after) in UTC
    expect(rows).toEqual([
      { id: '9100000021', stage: 'Appointment Scheduled', pipeline: 'Sales Pipeline', entered: '02-05 14:00', exited: '02-19 16:30' },
      { id: '9100000021', stage: 'Qualified To Buy', pipeline: 'Sales Pipeline', entered: '02-19 16:30', exited: '03-28 20:00' },
      { id: '9100000021', stage: 'Contract Sent', pipeline: 'Sales Pipeline', entered: '03-28 20:00', exited: '04-26 14:15' },
      { id: '9100000021', stage: 'Closed Won', pipeline: 'Sales Pipeline', entered: '04-26 14:15', exited: null },
      { id: '9100000022', stage: 'Renewal Due', pipeline: 'Renewals', entered: '04-01 12:00', exited: null },
      { id: '9100000023', stage: 'Appointment Scheduled', pipeline: 'Sales Pipeline', entered: '03-04 18:45', exited: '03-18 14:00' },
      { id: '9100000023', stage: 'Contract Sent', pipeline: 'Sales Pipeline', entered: '03-18 14:00', exited: null },
    ]);
    const pipelines = await wh.all(`select opportunity_id as id, pipeline, count(*)::int as n from stg_deal_changes group by all order by all`);
    expect(pipelines).toEqual([
      { id: '9100000021', pipeline: 'Sales Pipeline', n: 4 },
      { id: '9100000022', pipeline: 'Renewals', n: 1 },
      { id: '9100000023', pipeline: 'Sales Pipeline', n: 2 },
    ]);
  });
});

describe('canonical opportunity_events.csv', () => {
  it('loads each field change and gives the deal changes', async () => {
    const { wh, file } = await load('canonical/opportunity_events.csv');
    expect([file.variant, file.read, file.loaded]).toEqual(['canonical_opportunity_events', 11, 11]);
    const o1 = 'OPP-2001';
    expect(await dealChanges(wh)).toEqual([
      change(o1, '2024-04-02 09:00', 'amount', { amount: 18000 }, 2),
      change(o1, '2024-04-02 09:00', 'close_date', { close: '2024-06-28' }, 3),
      change(o1, '2024-04-02 09:00', 'stage', { stage: 'Discovery' }, 1),
      change(o1, '2024-04-20 15:30', 'stage', { stage: 'Proposal' }, 4),
      change(o1, '2024-05-10 08:00', 'amount', { amount: 21500.5 }, 6),
      change(o1, '2024-05-10 08:00', 'close_date', { close: '2024-07-31' }, 5),
      change(o1, '2024-07-22 17:45', 'stage', { stage: 'Closed Won' }, 8),
      // the empty amount is no change; -04:00 offsets read exactly
      change('OPP-2002', '2024-04-05 15:00', 'stage', { stage: 'Discovery' }, 9),
      change('OPP-2002', '2024-05-02 14:00', 'stage', { stage: 'Closed Lost' }, 11),
    ]);
  });
});

describe('Salesforce OpportunityHistory, weekly Data Export in Latin-1 with every field quoted', () => {
  it('reads the accented stage names right and rejects the deleted row', async () => {
    const { wh, file } = await load('salesforce/data_export/OpportunityHistory.csv');
    expect([file.variant, file.encoding, file.read, file.loaded, file.rejected]).toEqual(['salesforce_opportunity_history', 'windows-1252', 8, 7, 1]);
    const fr1 = (await dealChanges(wh)).filter((c) => c.id === '0068d00000Fr001AAB' && c.field === 'stage').map((c) => c.stage);
    expect(fr1).toEqual(['Qualification', 'Découverte', 'Proposition de valeur', 'Négociation/Révision', 'Fermée gagnée']);
    expect(await wh.all(`select reason from rejected_rows`)).toEqual([{ reason: 'deleted in Salesforce (IsDeleted)' }]);
    const fr2 = (await dealChanges(wh)).filter((c) => c.id === '0068d00000Fr002AAB').map((c) => [c.at, c.field, c.stage ?? c.amount ?? c.close]);
    expect(fr2).toEqual([
      ['2024-03-11 07:55', 'close_date', '2024-06-28'],
      ['2024-03-11 07:55', 'stage', 'Qualification'],
      ['2024-03-25 12:20', 'amount', 15000],
    ]);
  });
});
