/**
 * Owner history as the routing report reads it: every export's owner changes land in field_history
 * under one field name (owner_id; Salesforce's Text twin row as owner_name), HubSpot's "Owner
 * assigned date" as an owner_assigned_at row, and a user's active flag in owners.active.
 */
import { describe, expect, it } from 'vitest';
import { openTestWarehouse } from '../helpers/db.js';
import { loadFormat } from '../ingest/formatFixtures.js';
import { fixturePath } from '../helpers/load.js';
import { loadFiles } from '../../src/ingest/load.js';
import { parseConfig } from '../../src/config/config.js';
import { routingOn } from '../../src/commands/routing.js';
import { formatFixture } from '../ingest/formatFixtures.js';

const at = (column: string) => `strftime(${column}, '%Y-%m-%d %H:%M:%S')`;

describe('owner history in field_history', () => {
  it('keeps HubSpot hubspot_owner_id property history as owner_id', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'hubspot/contacts_property_history.csv');
    const rows = await wh.all(`select lead_id, value, ${at('changed_at')} as at from field_history where field = 'owner_id'`);
    expect(rows).toEqual([{ lead_id: '51234502', value: '40011002', at: '2024-02-14 18:05:02' }]);
  });

  it('keeps Fivetran contact_property_history hubspot_owner_id as owner_id', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'fivetran/hubspot/contact_property_history.csv');
    const rows = await wh.all(`select lead_id, value, ${at('changed_at')} as at from field_history where field = 'owner_id'`);
    expect(rows).toEqual([{ lead_id: '51234501', value: '40011001', at: '2024-02-12 14:14:03' }]);
  });

  it('keeps Salesforce LeadHistory Field = Owner: the id row as owner_id, its Text twin as owner_name', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'salesforce/LeadHistory.csv');
    const rows = await wh.all(`select field, value, ${at('changed_at')} as at from field_history where field like 'owner%' order by field`);
    // one change from the Inbound Queue (00G…) to Ana Ruiz, exported as two rows
    expect(rows).toEqual([
      { field: 'owner_id', value: '0058d000001Ab01AAC', at: '2024-02-05 01:12:35' },
      { field: 'owner_name', value: 'Ana Ruiz', at: '2024-02-05 01:12:35' },
    ]);
  });

  it('keeps Salesforce ownerAssignment and ownerAccepted rows that name the new owner as owner changes', async () => {
    const wh = await openTestWarehouse();
    await loadFiles(wh, parseConfig({}), { paths: [fixturePath('routing/salesforce/LeadHistory.csv')], crm: 'auto' });
    const rows = await wh.all(
      `select lead_id, field, value, ${at('changed_at')} as at from field_history where field <> 'created' order by lead_id, changed_at, field`,
    );
    // assigned by a rule to the Inbound Queue, accepted by Ben 20 minutes later; an assignment
    // event without a new owner stays an event
    expect(rows).toEqual([
      { lead_id: '00Q8d00000Rx001EAB', field: 'owner_id', value: '00G8d000000Qu01EAC', at: '2024-03-04 14:00:02' },
      { lead_id: '00Q8d00000Rx001EAB', field: 'owner_name', value: 'Inbound Queue', at: '2024-03-04 14:00:02' },
      { lead_id: '00Q8d00000Rx001EAB', field: 'owner_id', value: '0058d000001Ab02AAC', at: '2024-03-04 14:20:00' },
      { lead_id: '00Q8d00000Rx001EAB', field: 'owner_name', value: 'Ben Carter', at: '2024-03-04 14:20:00' },
      { lead_id: '00Q8d00000Rx002EAB', field: 'ownerassignment', value: null, at: '2024-03-05 15:00:00' },
    ]);
  });

  it('keeps HubSpot "Owner assigned date" as an owner_assigned_at row, read in the load zone', async () => {
    const wh = await openTestWarehouse();
    const summary = await loadFiles(wh, parseConfig({}), {
      paths: [fixturePath('routing/hubspot/contacts_owner_assigned.csv')],
      crm: 'auto',
      timezone: 'America/New_York',
    });
    expect(summary.files[0]).toMatchObject({ format: 'hubspot_contacts_ui', read: 3, loaded: 3, columnsIgnored: [] });
    const rows = await wh.all(`select lead_id, value, source, ${at('changed_at')} as at from field_history where field = 'owner_assigned_at' order by lead_id`);
    // 03-11 09:05 EDT (UTC-4, the day after the change); 03-10 03:15 is EDT already (clocks went 02:00 → 03:00)
    expect(rows).toEqual([
      { lead_id: '61200001', value: 'Ana Ruiz', source: 'owner_assigned_date', at: '2024-03-11 13:05:00' },
      { lead_id: '61200002', value: 'Ben Carter', source: 'owner_assigned_date', at: '2024-03-10 07:15:00' },
    ]);
    // the column is read, so it is not kept a second time as a lead field
    expect(await wh.all(`select * from lead_fields where field like '%assigned%'`)).toEqual([]);
  });

  it('keeps the Salesforce User IsActive flag as owners.active', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'salesforce/User.csv');
    const rows = await wh.all(`select name, active from owners order by owner_id`);
    expect(rows.map((r) => [r.name, r.active])).toEqual([
      ['Ana Ruiz', true],
      ['Ben Carter', true],
      ['Chen Wei', true],
      ['Dara Singh', false],
      ['Integration User', true],
    ]);
  });

  it('routing reads a Salesforce export: the queue → person change timed once, the queue-owned and the inactive-owned leads listed', async () => {
    const wh = await openTestWarehouse();
    const config = parseConfig({});
    await loadFiles(wh, config, { paths: ['Lead.csv', 'LeadHistory.csv', 'User.csv'].map((f) => formatFixture(`salesforce/${f}`)), crm: 'auto' });
    const report = await routingOn(wh, config, { from: '2024-01-01', to: '2024-03-31', asOf: '2024-04-01' });
    // Lx001 created 01:12:33, moved from the Inbound Queue to Ana at 01:12:35 (an id row and its Text
    // twin: one change): 2 real seconds, 0 business minutes (Sunday night in New York, Ana's zone)
    expect(report.timeToAssign.fromCreated).toMatchObject({ starts: 10, assigned: 1, noHistory: 8, unassigned: 1, medianBusinessMinutes: 0 });
    expect(report.timeToAssign.fromCreated.medianMinutes).toBeCloseTo(2 / 60, 12);
    expect(report.timeToAssign.reassignedLeads).toBe(0);
    // Lx003 sits in the queue; Lx005 and Lx010 belong to Dara Singh, whose user is inactive
    expect(report.unassigned.leads.map((l) => [l.leadId, l.reason]).sort()).toEqual([
      ['00Q8d00000Lx003EAB', 'queue'],
      ['00Q8d00000Lx005EAB', 'inactive_owner'],
      ['00Q8d00000Lx010EAB', 'inactive_owner'],
    ]);
  });
});
