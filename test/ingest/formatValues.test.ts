/**
 * Values, not just counts: the handful of things each real export gets wrong most easily (DST,
 * Latin-1, currencies, time zones, automated tasks, reason codes, short report ids, one field
 * vocabulary across exports, deleted rows). Every expected value is read off the fixture by hand.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { loadFiles } from '../../src/ingest/load.js';
import { toSalesforceId18 } from '../../src/ingest/salesforceIds.js';
import { openTestWarehouse } from '../helpers/db.js';
import { loadFormat } from './formatFixtures.js';

const at = (column: string) => `strftime(${column}, '%Y-%m-%d %H:%M')`;

describe('values from the realistic exports', () => {
  it('reads a HubSpot naive time on the US spring-forward day as the right UTC instant', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'hubspot/contacts_legacy.csv', 'America/New_York');
    // row 51234508: Became a Lead 2024-03-10 01:45 (EST, UTC-5), Became an MQL 03:10 (EDT, UTC-4)
    const rows = await wh.all(`select stage_raw, ${at('entered_at')} as at from stage_events where lead_id = '51234508' order by entered_at`);
    expect(rows).toEqual([
      { stage_raw: 'Lead', at: '2024-03-10 06:45' },
      { stage_raw: 'Marketing Qualified Lead', at: '2024-03-10 07:10' },
    ]);
    // "Became an Other Lifecycle Date" is the Other stage, not "Other Lifecycle"
    const other = await wh.all(`select distinct stage_raw from stage_events where stage_raw like 'Other%'`);
    expect(other).toEqual([{ stage_raw: 'Other' }]);
  });

  it('reads a HubSpot export with associated companies: the contact as the lead, the company as its account', async () => {
    const wh = await openTestWarehouse();
    const file = await loadFormat(wh, 'hubspot/contacts_with_companies.csv', 'America/New_York');
    expect(file).toMatchObject({ format: 'hubspot_contacts_ui', read: 5, loaded: 5, columnsIgnored: [] });
    // the first Create Date is the contact's (09:14 EDT = 13:14Z); the second is the company's
    const leads = await wh.all(
      `select lead_id, account_id, ${at('created_at')} as created, stage_raw from leads where lead_id in ('88120001', '88120004') order by lead_id`,
    );
    expect(leads).toEqual([
      { lead_id: '88120001', account_id: '30551001', created: '2024-04-02 13:14', stage_raw: 'Marketing Qualified Lead' },
      { lead_id: '88120004', account_id: null, created: '2024-04-08 12:30', stage_raw: 'Subscriber' },
    ]);
    const fields = await wh.all(`select field, value from lead_fields where lead_id = '88120005' order by field`);
    expect(fields).toEqual([
      { field: 'company_create_date', value: '2022-06-01 10:00' },
      { field: 'company_domain_name', value: 'kumo-analytics.example' },
      // the field keys of well-known headers apply, prefixed: Number of Employees → employees
      { field: 'company_employees', value: '1200' },
      { field: 'company_industry', value: 'Information Technology and Services' },
      { field: 'company_name', value: 'Kumo Analytics, Inc.' },
      { field: 'company_owner', value: 'Chen Wei' },
      { field: 'company_phone_number', value: '+81 3 5555 0100' },
      { field: 'title', value: 'CFO' },
    ]);
    expect(await wh.one(`select count(*)::int as n from lead_fields where lead_id = '88120004' and field like 'company_%'`)).toEqual({ n: 0 });
    expect(await wh.one(`select value from lead_fields where lead_id = '88120001' and field = 'phone_number'`)).toEqual({ value: '+1 617 555 0141' });
  });

  it('decodes a Latin-1 Data Export and keeps an empty lookup empty', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'salesforce/data_export/Lead.csv');
    const lead = await wh.one(`select first_name, last_name, company, account_id from leads where lead_id = '00Q8d00000Lx011EAB'`);
    // bytes E9 and C1 / F1 in ISO-8859-1
    expect(lead).toEqual({ first_name: 'José', last_name: 'Álvarez', company: 'Almacenes Peñalara', account_id: null });
  });

  it('keeps a EUR deal amount with its currency', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'hubspot/deals.csv', 'America/New_York');
    const deal = await wh.one(`select amount, currency, is_won, lead_id from opportunities where opportunity_id = '9100000003'`);
    // a deals export has no won flag: stg_opportunities reads it from the stage (test/models/dealOutcomes.test.ts)
    expect(deal).toEqual({ amount: 120000, currency: 'EUR', is_won: null, lead_id: '70010001' });
    // two associated contacts "51234503;51234513": the first is the lead
    expect(await wh.one(`select lead_id from opportunities where opportunity_id = '9100000006'`)).toEqual({ lead_id: '51234503' });
  });

  it('takes the owner time zone from a Salesforce User export', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'salesforce/User.csv');
    const owners = await wh.all(`select owner_id, team, timezone from owners where owner_id in ('0058d000001Ab03AAC', '0058d000001Ab05AAC') order by owner_id`);
    expect(owners).toEqual([
      { owner_id: '0058d000001Ab03AAC', team: 'Account Executives', timezone: 'America/Los_Angeles' },
      { owner_id: '0058d000001Ab05AAC', team: null, timezone: 'GMT' },
    ]);
  });

  it('marks a ListEmail task automated and keeps a call a call', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'salesforce/Task.csv');
    const tasks = await wh.all(
      `select activity_id, type, automated from activities where activity_id in ('00T8d00000Tk001EAB', '00T8d00000Tk003EAB') order by 1`,
    );
    expect(tasks).toEqual([
      { activity_id: '00T8d00000Tk001EAB', type: 'call', automated: false },
      { activity_id: '00T8d00000Tk003EAB', type: 'email', automated: true },
    ]);
  });

  it('puts the reason set at the same instant on a recycle or a rejection', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'salesforce/LeadHistory.csv');
    await loadFormat(wh, 'hubspot/contacts_property_history.csv');
    const reasons = await wh.all(`select lead_id, stage_raw, reason from stage_events where reason is not null order by lead_id`);
    expect(reasons).toEqual([
      // Recycle_Reason__c ENG-02 at 2024-01-25T16:10:00Z, the instant Status became Nurturing
      { lead_id: '00Q8d00000Lx004EAB', stage_raw: 'Nurturing', reason: 'ENG-02' },
      // mql_rejection_reason ENG-01 at 2024-01-22T10:12:00Z with hs_lead_status UNQUALIFIED
      { lead_id: '51234511', stage_raw: 'UNQUALIFIED', reason: 'ENG-01' },
    ]);
    // the owner change written twice: the id row is owner_id, the name row owner_name
    const owner = await wh.all(`select field, value from field_history where lead_id = '00Q8d00000Lx001EAB' and field like 'owner%' order by field`);
    expect(owner).toEqual([
      { field: 'owner_id', value: '0058d000001Ab01AAC' },
      { field: 'owner_name', value: 'Ana Ruiz' },
    ]);
  });

  it('widens 15-character report ids so a report merges with the Data Loader export', async () => {
    expect(toSalesforceId18('00Q8d00000Lx001')).toBe('00Q8d00000Lx001EAB');
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'salesforce/Lead.csv');
    await loadFormat(wh, 'salesforce/report_leads.csv', 'America/Los_Angeles', 'mdy');
    const lead = await wh.one<{ n: number; created: string }>(
      `select count(*)::int as n, ${at('any_value(created_at)')} as created from leads where lead_id like '00Q8d00000Lx001%'`,
    );
    // "2/4/2024 5:12 PM" in Los Angeles (PST, UTC-8) = 2024-02-05 01:12Z, the same as Data Loader's
    expect(lead).toEqual({ n: 1, created: '2024-02-05 01:12' });
  });

  it('keeps the latest history-mode version as the lead and only status changes as stage events', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'fivetran/salesforce/lead_history_snapshot.csv');
    const leads = await wh.all(`select lead_id, stage_raw, company from leads order by lead_id`);
    expect(leads).toEqual([
      { lead_id: '00Q8d00000Lx001EAB', stage_raw: 'Closed - Converted', company: 'Nimbusware KK' },
      { lead_id: '00Q8d00000Lx004EAB', stage_raw: 'Working - Contacted', company: 'Medina Soft' },
    ]);
    const lx004 = await wh.all(`select stage_raw from stage_events where lead_id = '00Q8d00000Lx004EAB' order by entered_at`);
    // v3 (a title change only) is not a stage event
    expect(lx004.map((r) => r.stage_raw)).toEqual(['Open - Not Contacted', 'Working - Contacted', 'Nurturing', 'Working - Contacted']);
  });

  it('keeps the latest history-mode version as the opportunity and every version that changes stage, amount or close date', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'fivetran/salesforce/opportunity_history_snapshot.csv');
    const opportunities = await wh.all(
      `select opportunity_id, stage_raw, amount, currency, is_won, is_closed, strftime(close_date, '%Y-%m-%d') as close_date from opportunities order by opportunity_id`,
    );
    expect(opportunities).toEqual([
      {
        opportunity_id: '0068d00000Op001AAB',
        stage_raw: 'Closed Won',
        amount: 24000,
        currency: 'USD',
        is_won: true,
        is_closed: true,
        close_date: '2024-04-02',
      },
      {
        opportunity_id: '0068d00000Op002AAB',
        stage_raw: 'Closed Lost',
        amount: 9000,
        currency: 'EUR',
        is_won: false,
        is_closed: true,
        close_date: '2024-03-20',
      },
      {
        opportunity_id: '0068d00000Op003AAB',
        stage_raw: 'Prospecting',
        amount: null,
        currency: 'USD',
        is_won: false,
        is_closed: false,
        close_date: '2024-07-01',
      },
    ]);
    const op001 = await wh.all(
      `select stage_raw, amount, ${at('entered_at')} as at from opportunity_stage_events where opportunity_id = '0068d00000Op001AAB' order by entered_at`,
    );
    // the 03-05 version changes the amount only: kept, its stage repeated (stg_deal_changes reads the amount change)
    expect(op001).toEqual([
      { stage_raw: 'Prospecting', amount: 20000, at: '2024-03-01 10:00' },
      { stage_raw: 'Prospecting', amount: 25000, at: '2024-03-05 09:30' },
      { stage_raw: 'Negotiation/Review', amount: 25000, at: '2024-03-12 14:15' },
      { stage_raw: 'Closed Won', amount: 24000, at: '2024-04-02 16:45' },
    ]);
  });
});

describe('rows the loader writes by its own rules', () => {
  const write = async (name: string, text: string) => {
    const dir = await mkdtemp(join(tmpdir(), 'revops-values-'));
    await writeFile(join(dir, name), text);
    return join(dir, name);
  };

  it('uses one field vocabulary for a HubSpot contact export and its property history', async () => {
    const wh = await openTestWarehouse();
    const contacts = await write('contacts.csv', 'Record ID,Email,Job Title,Number of Employees\n501,a@x.example,CTO,120\n');
    const history = await write(
      'history.csv',
      'Record ID,Property,Value,Timestamp\n501,jobtitle,VP Engineering,2024-01-02T00:00:00Z\n501,numemployees,80,2024-01-02T00:00:00Z\n',
    );
    await loadFiles(wh, parseConfig({}), { paths: [contacts, history], crm: 'auto' });
    expect(await wh.all(`select field, value from lead_fields order by field`)).toEqual([
      { field: 'employees', value: '120' },
      { field: 'title', value: 'CTO' },
    ]);
    expect(await wh.all(`select field, value from field_history order by field`)).toEqual([
      { field: 'employees', value: '80' },
      { field: 'title', value: 'VP Engineering' },
    ]);
  });

  it('rejects rows Salesforce marks deleted, with the reason', async () => {
    const wh = await openTestWarehouse();
    const path = await write(
      'Lead.csv',
      [
        'Id,Company,Status,CreatedDate,IsDeleted',
        '00Q000000000001AAA,Acme,Open,2024-01-02T00:00:00.000Z,false',
        '00Q000000000002AAA,Globex,Open,2024-01-03T00:00:00.000Z,true',
        '',
      ].join('\n'),
    );
    const { files } = await loadFiles(wh, parseConfig({}), { paths: [path], crm: 'auto' });
    expect(files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect(await wh.all(`select line_number, row_number, reason from rejected_rows`)).toEqual([
      { line_number: 3, row_number: 2, reason: 'deleted in Salesforce (IsDeleted)' },
    ]);
    expect(await wh.all(`select lead_id from leads`)).toEqual([{ lead_id: '00Q000000000001AAA' }]);
  });

  it('gives a reject after a multi-line record its physical line', async () => {
    const wh = await openTestWarehouse();
    // record 1 spans lines 2-4 (two quoted newlines); record 2 (line 5) has no lead_id
    const path = await write('leads.csv', 'lead_id,created_at,notes\nL1,2024-01-01T00:00:00Z,"a\nb\nc"\n,2024-01-02T00:00:00Z,x\n');
    await loadFiles(wh, parseConfig({}), { paths: [path], crm: 'auto' });
    expect(await wh.all(`select line_number, row_number from rejected_rows`)).toEqual([{ line_number: 5, row_number: 2 }]);
  });
});
