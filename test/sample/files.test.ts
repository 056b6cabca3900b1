/**
 * The written files against the export formats we support: exact headers, row counts equal to the
 * summary, the injected defects, and timestamps shaped the way each CRM writes them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sample, type SampleSummary } from '../../src/commands/sample.js';
import { readCsv, records, tempOut } from './helpers.js';

// The headers of the format spec (docs: "The export formats we support"), written out by hand.
const HEADERS: Record<string, string[]> = {
  'hubspot/contacts.csv': [
    'Record ID',
    'First Name',
    'Last Name',
    'Email',
    'Phone Number',
    'Company Name',
    'Job Title',
    'Industry',
    'Number of Employees',
    'Create Date',
    'Lifecycle Stage',
    'Lead Status',
    'Contact owner',
    'Owner assigned date',
    'Original Source',
    'Last Activity Date',
    'Associated Company ID',
    'ABM Tier',
    'Became a Subscriber Date',
    'Became a Lead Date',
    'Became a Marketing Qualified Lead Date',
    'Became a Sales Qualified Lead Date',
    'Became an Opportunity Date',
    'Became a Customer Date',
    'Became an Evangelist Date',
    'Became an Other Lifecycle Stage Date',
  ],
  'hubspot/contacts_property_history.csv': ['Record ID', 'Property', 'Value', 'Timestamp', 'Source'],
  'hubspot/deals.csv': [
    'Record ID',
    'Deal Name',
    'Deal Stage',
    'Pipeline',
    'Amount',
    'Currency',
    'Close Date',
    'Create Date',
    'Deal owner',
    'Closed Lost Reason',
    'Closed Won Reason',
    'Deal Type',
    'Associated Contact IDs',
    'Associated Company IDs',
    'Competitor',
    ...[
      'Appointment Scheduled',
      'Qualified To Buy',
      'Presentation Scheduled',
      'Decision Maker Bought-In',
      'Contract Sent',
      'Closed Won',
      'Closed Lost',
    ].flatMap((s) => [`Date entered "${s} (Sales Pipeline)"`, `Date exited "${s} (Sales Pipeline)"`]),
  ],
  'salesforce/Lead.csv': [
    'Id',
    'FirstName',
    'LastName',
    'Email',
    'Company',
    'Title',
    'Industry',
    'NumberOfEmployees',
    'Country',
    'LeadSource',
    'Status',
    'OwnerId',
    'CreatedDate',
    'IsConverted',
    'ConvertedDate',
    'ConvertedOpportunityId',
    'ConvertedAccountId',
    'ConvertedContactId',
    'IsDeleted',
  ],
  'salesforce/LeadHistory.csv': ['Id', 'LeadId', 'CreatedById', 'CreatedDate', 'Field', 'OldValue', 'NewValue'],
  'salesforce/Task.csv': [
    'Id',
    'WhoId',
    'WhatId',
    'OwnerId',
    'Subject',
    'Type',
    'TaskSubtype',
    'Status',
    'CallType',
    'CreatedDate',
    'ActivityDate',
    'CompletedDateTime',
    'IsDeleted',
  ],
  'salesforce/User.csv': ['Id', 'Name', 'Email', 'Username', 'Department', 'Title', 'TimeZoneSidKey', 'IsActive'],
  'salesforce/Opportunity.csv': [
    'Id',
    'Name',
    'AccountId',
    'Amount',
    'CurrencyIsoCode',
    'StageName',
    'CloseDate',
    'CreatedDate',
    'OwnerId',
    'IsClosed',
    'IsWon',
    'LeadSource',
    'Type',
    'Loss_Reason__c',
    'Competitor__c',
  ],
  'salesforce/OpportunityHistory.csv': ['Id', 'OpportunityId', 'StageName', 'Amount', 'CloseDate', 'Probability', 'CreatedDate', 'CreatedById'],
  'salesforce/OpportunityFieldHistory.csv': ['Id', 'OpportunityId', 'CreatedById', 'CreatedDate', 'Field', 'DataType', 'OldValue', 'NewValue', 'IsDeleted'],
  'canonical/leads.csv': [
    'lead_id',
    'email',
    'company',
    'account_id',
    'created_at',
    'source',
    'owner_id',
    'first_name',
    'last_name',
    'stage',
    'title',
    'industry',
    'employees',
    'country',
    'abm_tier',
  ],
  'canonical/stage_events.csv': ['lead_id', 'stage', 'entered_at', 'reason'],
  'canonical/opportunities.csv': [
    'opportunity_id',
    'lead_id',
    'account_id',
    'name',
    'amount',
    'currency',
    'owner_id',
    'pipeline',
    'stage',
    'created_at',
    'close_date',
    'is_won',
    'loss_reason',
    'competitor',
  ],
  'canonical/owners.csv': ['owner_id', 'name', 'email', 'team', 'role', 'timezone'],
  'canonical/activities.csv': ['activity_id', 'lead_id', 'owner_id', 'type', 'direction', 'occurred_at', 'automated'],
  'canonical/engagement_events.csv': ['lead_id', 'event_type', 'occurred_at', 'detail'],
  'canonical/field_history.csv': ['lead_id', 'field', 'value', 'changed_at'],
  'canonical/opportunity_events.csv': ['opportunity_id', 'field', 'value', 'changed_at'],
};

// A timestamp is well formed when it has the format's shape and names a real moment.
const HUBSPOT_NAIVE = (s: string) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(s) && roundTrips(`${s.replace(' ', 'T')}:00.000Z`);
const ISO_MILLIS_Z = (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s) && roundTrips(s);
const ISO_SECONDS_Z = (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(s) && roundTrips(s.replace('Z', '.000Z'));
const DATE_ONLY = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && roundTrips(`${s}T00:00:00.000Z`);
const roundTrips = (iso: string) => !Number.isNaN(Date.parse(iso)) && new Date(iso).toISOString() === iso;

let out: string;
let summary: SampleSummary;

beforeAll(async () => {
  out = tempOut('files');
  summary = await sample({ out, leads: 400, seed: 7 });
});

describe('sample files', () => {
  it('writes every file of the spec with its exact header', () => {
    expect(summary.files.map((f) => f.path).sort()).toEqual(Object.keys(HEADERS).sort());
    for (const [path, header] of Object.entries(HEADERS)) expect(readCsv(out, path).header, path).toEqual(header);
  });

  it('reports the row count of each file, defects included', () => {
    for (const file of summary.files) {
      const lines = readFileSync(join(out, file.path), 'utf8')
        .split('\n')
        .filter((l) => l !== '');
      expect(lines.length - 1, file.path).toBe(file.rows);
    }
    // the 400 simulated leads and the 35 planted ones (src/sample/planted.ts)
    expect(summary.planted).toBe(35);
    expect(Object.values(summary.leadsBySystem).reduce((a, b) => a + b, 0)).toBe(435);
  });

  it('adds duplicates and malformed rows to the big files only, at fixed positions', () => {
    // csv-sink plants duplicates after data rows 3, 17 and 101, a blank id after 9, a bad date after 61
    const planted = (real: number) => ({
      duplicates: [3, 17, 101].filter((k) => real >= k).length,
      malformed: [9, 61].filter((k) => real >= k).length,
    });
    for (const file of summary.files) {
      const big = !/owners|User|deals|Opportunity|opportunit/.test(file.path);
      const real = file.rows - file.duplicates - file.malformed;
      const expected = big ? planted(real) : { duplicates: 0, malformed: 0 };
      expect({ path: file.path, duplicates: file.duplicates, malformed: file.malformed }).toEqual({ path: file.path, ...expected });
    }
    // 400 leads × ~45% HubSpot ≈ 180 contacts: past every planted position
    expect(summary.files.find((f) => f.path === 'hubspot/contacts.csv')).toMatchObject({ duplicates: 3, malformed: 2 });
    const leads = readCsv(out, 'salesforce/Lead.csv');
    expect(leads.rows.filter((r) => r[0] === '')).toHaveLength(1);
    expect(leads.rows[3]).toEqual(leads.rows[2]); // data row 3 repeated right after itself
  });

  it('formats timestamps the way each export does (one planted bad date per big file)', () => {
    const bad = (path: string, column: string, wellFormed: (s: string) => boolean) =>
      records(readCsv(out, path)).filter((r) => r[column] !== '' && !wellFormed(r[column] as string)).length;
    expect(bad('hubspot/contacts.csv', 'Create Date', HUBSPOT_NAIVE)).toBe(1);
    expect(bad('hubspot/contacts.csv', 'Became a Lead Date', HUBSPOT_NAIVE)).toBe(0);
    expect(bad('hubspot/deals.csv', 'Close Date', HUBSPOT_NAIVE)).toBe(0);
    expect(bad('hubspot/contacts_property_history.csv', 'Timestamp', ISO_MILLIS_Z)).toBe(1);
    expect(bad('salesforce/Lead.csv', 'CreatedDate', ISO_MILLIS_Z)).toBe(1);
    expect(bad('salesforce/Lead.csv', 'ConvertedDate', DATE_ONLY)).toBe(0);
    expect(bad('salesforce/Task.csv', 'CompletedDateTime', ISO_MILLIS_Z)).toBe(0);
    expect(bad('salesforce/Opportunity.csv', 'CloseDate', DATE_ONLY)).toBe(0);
    expect(bad('hubspot/deals.csv', 'Date entered "Qualified To Buy (Sales Pipeline)"', HUBSPOT_NAIVE)).toBe(0);
    expect(bad('salesforce/OpportunityHistory.csv', 'CloseDate', DATE_ONLY)).toBe(0);
    expect(bad('salesforce/OpportunityFieldHistory.csv', 'CreatedDate', ISO_MILLIS_Z)).toBe(0);
    expect(bad('canonical/opportunity_events.csv', 'changed_at', ISO_SECONDS_Z)).toBe(0);
    expect(bad('canonical/activities.csv', 'occurred_at', ISO_SECONDS_Z)).toBe(1);
    expect(bad('canonical/engagement_events.csv', 'occurred_at', ISO_SECONDS_Z)).toBe(1);
  });

  it('quotes every Salesforce field (Data Export) and keeps UTF-8 names', () => {
    const text = readCsv(out, 'salesforce/Lead.csv').text;
    for (const line of text
      .split('\n')
      .filter((l) => l !== '')
      .slice(0, 50))
      expect(line).toMatch(/^"[\s\S]*"$/);
    const all = summary.files.map((f) => readFileSync(join(out, f.path), 'utf8')).join('');
    expect(all).toMatch(/José|Søren|Müller|Chloé|Álvarez/);
  });

  it('lists owners in several zones, keyed by name in canonical and by Id in Salesforce', () => {
    const zones = new Set(records(readCsv(out, 'salesforce/User.csv')).map((u) => u.TimeZoneSidKey));
    expect([...zones].sort()).toEqual(['America/Los_Angeles', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin']);
    const owners = records(readCsv(out, 'canonical/owners.csv'));
    expect(owners.every((o) => o.owner_id === o.name)).toBe(true);
    const names = new Set(owners.map((o) => o.owner_id));
    const contacts = records(readCsv(out, 'hubspot/contacts.csv')).filter((c) => c['Record ID'] !== '');
    // every contact but the planted one nobody owns
    expect(contacts.filter((c) => !names.has(c['Contact owner'] as string)).map((c) => c['Contact owner'])).toEqual(['']);
  });
});
