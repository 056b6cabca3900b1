/**
 * Hostile inputs about who a record is and how CRM text reaches a person: ids that collide across
 * systems, escape sequences in CRM strings and file names, Salesforce's two id forms, and rejected
 * rows beyond the listing cap.
 */
import { describe, expect } from 'vitest';
import { toSalesforceId18 } from '../../src/ingest/salesforceIds.js';
import { openTestWarehouse } from '../helpers/db.js';
import { warehouseContents } from '../ingest/snapshot.js';
import { attemptLoad, caseDir, expectLoaded, hostileCase, rejectReasons, writeInput } from './harness.js';

const hubspotHeader = 'Record ID,Email,Company Name,Create Date,Lifecycle Stage,Became a Lead Date';
const canonicalHeader = 'lead_id,email,company,created_at,stage';
const csv = (header: string, rows: string[]) => [header, ...rows, ''].join('\n');
const june = new Date('2024-06-01T00:00:00Z');
const july = new Date('2024-07-01T00:00:00Z');
const collision = (id: string, system: string, load: number, kind = 'lead') =>
  `${kind} id "${id}" already belongs to a ${system} ${kind} (load ${load}); ids from two systems collide`;

describe('identity across systems', () => {
  hostileCase('identity', 'a canonical lead with a HubSpot contact\'s id is rejected, the contact keeps its data', async () => {
    const contacts = writeInput('contacts.csv', csv(hubspotHeader, ['1501,ana@acme.com,Acme,2024-05-02 10:00,lead,2024-05-02 10:00']));
    const { wh } = await expectLoaded([contacts], { snapshotAt: june });
    const leads = writeInput('leads.csv', csv(canonicalHeader, ['L-7,cy@c.io,C Co,2024-05-21T09:00:00Z,lead', '1501,bob@other.io,Other Inc,2024-05-20T09:00:00Z,mql']));
    const { summary } = await expectLoaded([leads], { snapshotAt: july }, undefined, wh);
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1, duplicates: 0 });
    expect(await rejectReasons(wh)).toEqual([{ line: 3, reason: expect.stringContaining(collision('1501', 'hubspot', 1)) }]);
    expect(summary.warnings).toEqual([expect.stringMatching(/leads\.csv: 1 row rejected: its id already belongs to a record from another system/)]);
    expect(await wh.all(`select lead_id, source_system, company, load_id from leads order by lead_id`)).toEqual([
      { lead_id: '1501', source_system: 'hubspot', company: 'Acme', load_id: 1 },
      { lead_id: 'L-7', source_system: 'canonical', company: 'C Co', load_id: 2 },
    ]);
    // the rejected row's snapshot stage (mql) was not inferred onto the HubSpot contact
    expect(await wh.all(`select lead_id, stage_raw, inferred from stage_events order by all`)).toEqual([
      { lead_id: '1501', stage_raw: 'Lead', inferred: false },
    ]);
  });

  hostileCase('identity', 'two systems with the same id in one load: the later file\'s row is rejected', async () => {
    const dir = caseDir();
    const leads = writeInput('a_leads.csv', csv(canonicalHeader, ['77,x@a.io,Alpha,2024-05-01T00:00:00Z,lead']), dir);
    const contacts = writeInput('b_contacts.csv', csv(hubspotHeader, ['77,y@b.io,Beta,2024-05-03 10:00,lead,2024-05-03 10:00', '78,z@b.io,Gamma,2024-05-03 11:00,lead,2024-05-03 11:00']), dir);
    const { wh, summary } = await expectLoaded([leads, contacts], { snapshotAt: june });
    expect(summary.files.map((f) => [f.loaded, f.rejected])).toEqual([[1, 0], [1, 1]]);
    expect(await rejectReasons(wh)).toEqual([{ line: 2, reason: expect.stringContaining(collision('77', 'canonical', 1)) }]);
    expect(await wh.all(`select lead_id, source_system, company from leads order by lead_id`)).toEqual([
      { lead_id: '77', source_system: 'canonical', company: 'Alpha' },
      { lead_id: '78', source_system: 'hubspot', company: 'Gamma' },
    ]);
    // the HubSpot row's "Became a Lead Date" did not attach to the canonical lead 77 either
    expect(await wh.all(`select lead_id, load_id from stage_events order by all`)).toEqual([{ lead_id: '78', load_id: 2 }]);
  });

  hostileCase('identity', 'the same id from the same system still replaces the older export', async () => {
    const older = writeInput('contacts.csv', csv(hubspotHeader, ['1501,ana@acme.com,Acme,2024-05-02 10:00,lead,2024-05-02 10:00']));
    const { wh } = await expectLoaded([older], { snapshotAt: june });
    const newer = writeInput('contacts.csv', csv(hubspotHeader, ['1501,ana@acme.com,Acme Renamed,2024-05-02 10:00,marketingqualifiedlead,2024-05-02 10:00']));
    const { summary } = await expectLoaded([newer], { snapshotAt: july }, undefined, wh);
    expect(summary.files[0]).toMatchObject({ read: 1, loaded: 1, rejected: 0 });
    expect(summary.warnings).toEqual([]);
    expect(await wh.all(`select lead_id, company, load_id from leads`)).toEqual([{ lead_id: '1501', company: 'Acme Renamed', load_id: 2 }]);
  });

  hostileCase('identity', 'an opportunity id that belongs to another system is rejected too', async () => {
    const opps = writeInput('opportunities.csv', csv('opportunity_id,lead_id,name,amount,stage,created_at', ['8400000001,L1,Canon deal,100,Closed Won,2024-05-01T00:00:00Z']));
    const { wh } = await expectLoaded([opps], { snapshotAt: june });
    const deals = writeInput('deals.csv', csv('Record ID,Deal Name,Deal Stage,Pipeline,Amount,Create Date', ['8400000001,HubSpot deal,closedwon,Sales Pipeline,999,2024-05-02 10:00']));
    const { summary } = await expectLoaded([deals], { snapshotAt: july }, undefined, wh);
    expect(summary.files[0]).toMatchObject({ read: 1, loaded: 0, rejected: 1 });
    expect(await rejectReasons(wh)).toEqual([{ line: 2, reason: expect.stringContaining(collision('8400000001', 'canonical', 1, 'opportunity')) }]);
    expect(await wh.all(`select opportunity_id, source_system, name, amount from opportunities`)).toEqual([
      { opportunity_id: '8400000001', source_system: 'canonical', name: 'Canon deal', amount: 100 },
    ]);
  });

  hostileCase('identity', 'a Salesforce 15-character id widened to the 18-character form collides with that canonical id', async () => {
    const leads = writeInput('leads.csv', csv(canonicalHeader, ['00Q5e00000ABCDEFGH,a@a.io,Alpha,2024-05-01T00:00:00Z,lead']));
    const { wh } = await expectLoaded([leads], { snapshotAt: june });
    // 00Q5e00000ABCDE widens to 00Q5e00000ABCDE + its case suffix; pick the canonical id to be exactly that
    const id18 = toSalesforceId18('00Q5e00000ABCDE');
    await wh.run(`update leads set lead_id = $id`, { id: id18 });
    const sf = writeInput('Lead.csv', csv('Lead ID,Company,Lead Status,Create Date', ['00Q5e00000ABCDE,Salesforce Co,Open,2024-05-02T00:00:00Z']));
    const { summary } = await expectLoaded([sf], { snapshotAt: july }, undefined, wh);
    expect(summary.files[0]).toMatchObject({ read: 1, loaded: 0, rejected: 1 });
    expect(await rejectReasons(wh)).toEqual([{ line: 2, reason: expect.stringContaining(collision(id18, 'canonical', 1)) }]);
  });

  hostileCase('identity', 'a duplicate of a colliding row stays a duplicate and nothing is counted twice', async () => {
    const contacts = writeInput('contacts.csv', csv(hubspotHeader, ['9,a@a.io,Alpha,2024-05-02 10:00,lead,2024-05-02 10:00']));
    const { wh } = await expectLoaded([contacts], { snapshotAt: june });
    const row = '9,b@b.io,Beta,2024-05-20T09:00:00Z,lead';
    const leads = writeInput('leads.csv', csv(canonicalHeader, [row, row, '10,c@c.io,Gamma,2024-05-20T09:00:00Z,lead']));
    const { summary } = await expectLoaded([leads], { snapshotAt: july }, undefined, wh);
    expect(summary.files[0]).toMatchObject({ read: 3, loaded: 1, rejected: 1, duplicates: 1 });
    expect(summary.warnings).toEqual([expect.stringContaining('leads.csv: 1 row rejected')]);
  });

  hostileCase('identity', 'a failing file after a collision rolls the whole load back', async () => {
    const wh = await openTestWarehouse();
    const dir = caseDir();
    await expectLoaded([writeInput('contacts.csv', csv(hubspotHeader, ['5,a@a.io,Alpha,2024-05-02 10:00,lead,2024-05-02 10:00']), dir)], { snapshotAt: june }, undefined, wh);
    const before = await warehouseContents(wh);
    const leads = writeInput('leads.csv', csv(canonicalHeader, ['5,b@b.io,Beta,2024-05-20T09:00:00Z,lead']), dir);
    const broken = writeInput('zz.csv', 'lead_id,stage\n', dir);
    const result = await attemptLoad(wh, [leads, broken], { snapshotAt: july });
    expect(result).toHaveProperty('exitCode', 1);
    expect(await warehouseContents(wh)).toEqual(before);
  });
});
