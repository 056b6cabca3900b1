/**
 * Hostile inputs for format detection and column accounting: look-alike headers, ids that give a
 * file's CRM away, exports with associated records, and very wide exports.
 */
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { load } from '../../src/commands/load.js';
import { UserError } from '../../src/errors.js';
import { formatByName } from '../../src/ingest/formats/index.js';
import { caseDir, expectLoadError, expectLoaded, hostileCase, writeInput } from './harness.js';

/** A weekly Data Export User.csv: API names, every field quoted, no compound Name (issue 10 case 1). */
const userHeader = [
  'Id',
  'Username',
  'LastName',
  'FirstName',
  'CompanyName',
  'Department',
  'Title',
  'Email',
  'IsActive',
  'TimeZoneSidKey',
  'LocaleSidKey',
  'ProfileId',
];
const users = [
  [
    '0055e000003Kq01AAC',
    'chloe.martin@acme.example',
    'Martin',
    'Chloé',
    'Acme',
    'Sales Development',
    'SDR',
    'chloe.martin@acme.example',
    'true',
    'Europe/Paris',
    'fr_FR',
    '00e5e000001Pf01AAC',
  ],
  [
    '0055e000003Kq02AAC',
    'jurgen.muller@acme.example',
    'Müller',
    'Jürgen',
    'Acme',
    'Sales Development',
    'SDR',
    'jurgen.muller@acme.example',
    'true',
    'Europe/Berlin',
    'de_DE',
    '00e5e000001Pf01AAC',
  ],
  [
    '0055e000003Kq03AAC',
    'soren.naess@acme.example',
    'Næss',
    'Søren',
    'Acme',
    'Sales Development',
    'SDR Manager',
    'soren.naess@acme.example',
    'true',
    'Europe/Oslo',
    'no_NO',
    '00e5e000001Pf01AAC',
  ],
];
const csvLines = (rows: string[][], delimiter = ',') => `${rows.map((r) => r.map((v) => `"${v}"`).join(delimiter)).join('\r\n')}\r\n`;

const ownersOf = async (wh: Awaited<ReturnType<typeof expectLoaded>>['wh']) => ({
  owners: await wh.all(`select owner_id, name, timezone, team from owners order by owner_id`),
  leads: (await wh.one<{ n: number }>(`select count(*)::int as n from leads`))!.n,
});

const expectedOwners = [
  { owner_id: '0055e000003Kq01AAC', name: 'Chloé Martin', timezone: 'Europe/Paris', team: 'Sales Development' },
  { owner_id: '0055e000003Kq02AAC', name: 'Jürgen Müller', timezone: 'Europe/Berlin', team: 'Sales Development' },
  { owner_id: '0055e000003Kq03AAC', name: 'Søren Næss', timezone: 'Europe/Oslo', team: 'Sales Development' },
];

describe('telling exports apart', () => {
  hostileCase('encodings', 'a Salesforce Data Export User.csv in ISO-8859-1 without Name loads as owners, not as HubSpot contacts', async () => {
    const path = writeInput('User.csv', Buffer.from(csvLines([userHeader, ...users]), 'latin1'));
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({
      format: 'salesforce_user',
      object: 'owners',
      read: 3,
      loaded: 3,
      columnsUsed: ['Id', 'LastName', 'FirstName', 'Department', 'Title', 'Email', 'IsActive', 'TimeZoneSidKey'],
      columnsIgnored: ['Username', 'CompanyName', 'LocaleSidKey', 'ProfileId'],
    });
    expect(await ownersOf(wh)).toEqual({ owners: expectedOwners, leads: 0 });
  });

  hostileCase('delimiters and locales', 'the same User export re-saved with ; (a European Excel) is still Salesforce users', async () => {
    const path = writeInput('User.csv', csvLines([userHeader, ...users], ';'));
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ format: 'salesforce_user', loaded: 3 });
    expect(await ownersOf(wh)).toEqual({ owners: expectedOwners, leads: 0 });
  });

  hostileCase('identity', 'a User export without TimeZoneSidKey is refused, not read as contacts: its 005 ids say Salesforce User', async () => {
    const header = ['Id', 'Username', 'LastName', 'FirstName', 'Email'];
    const path = writeInput('User.csv', csvLines([header, ...users.map((u) => [u[0]!, u[1]!, u[2]!, u[3]!, u[7]!])]));
    await expectLoadError([path], ['no known export format', 'Salesforce User ids', 'salesforce_user needs "TimeZoneSidKey"']);
  });

  hostileCase('identity', 'a Salesforce Contact export (003 ids) is refused with the object named, never loaded as leads', async () => {
    const header = ['Id', 'FirstName', 'LastName', 'Email', 'AccountId', 'CreatedDate'];
    const path = writeInput(
      'Contact.csv',
      csvLines([header, ['0035e00000Ct001AAA', 'Ana', 'Ruiz', 'ana@acme.example', '0015e00000Ac001AAA', '2024-03-01T10:00:00.000Z']]),
    );
    await expectLoadError([path], ['Salesforce Contact ids (prefix 003)', 'does not load Salesforce Contact records', '--mapping FILE']);
  });

  hostileCase('identity', 'Salesforce ids with --crm hubspot are an error, not a HubSpot contacts load', async () => {
    const path = writeInput('User.csv', csvLines([userHeader, ...users]));
    await expectLoadError([path], ['Salesforce User ids', '--crm hubspot'], { crm: 'hubspot' });
  });

  // Id and Email of 12 columns fit HubSpot contacts, and nothing else does: too little to be sure
  const weak = ['Id', 'Email', 'Phone', 'Stage', 'Owner', 'Source', 'Region', 'Plan', 'Seats', 'Signed Up', 'Country', 'Notes'];
  const weakRow = ['4711', 'kim@acme.example', '+1 555 0100', 'trial', 'Kim', 'ads', 'EMEA', 'pro', '5', '2024-03-01', 'DE', ''];

  hostileCase('cli values', 'a weak match is an error naming the candidate and --input-format; with it the file loads', async () => {
    const path = writeInput('export.csv', csvLines([weak, weakRow]));
    await expectLoadError([path], ['weak match', 'only 2 of 12 columns', 'hubspot_contacts_ui', '--input-format hubspot_contacts_ui', '--mapping FILE']);
    const { summary } = await expectLoaded([path], { inputFormat: formatByName('hubspot_contacts_ui') });
    expect(summary.files[0]).toMatchObject({ format: 'hubspot_contacts_ui', loaded: 1, columnsIgnored: [] });
  });

  hostileCase('cli values', 'a header that fits two formats as well is an error naming both', async () => {
    // opportunities read 4 columns (not email), leads 3 (not opportunity_id, amount): neither explains the file
    const header = ['opportunity_id', 'lead_id', 'email', 'created_at', 'amount'];
    const path = writeInput('merged.csv', csvLines([header, ['O1', 'L1', 'ana@acme.example', '2024-03-01T10:00:00Z', '1200']]));
    const error = await expectLoadError(
      [path],
      ['fits more than one export format', 'canonical_opportunities (4 columns', 'canonical_leads (3 columns', '--input-format NAME'],
    );
    expect(error.exitCode).toBe(1);
    const { summary } = await expectLoaded([path], { inputFormat: formatByName('canonical_leads') });
    expect(summary.files[0]).toMatchObject({ format: 'canonical_leads', columnsUsed: header });
  });

  hostileCase('cli values', 'a close candidate that reads nothing more is no rival: opportunity_id, owner_id, name is opportunities', async () => {
    const path = writeInput(
      'opps.csv',
      csvLines([
        ['opportunity_id', 'owner_id', 'name'],
        ['O1', 'U1', 'Renewal 2024'],
      ]),
    );
    const { summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ format: 'canonical_opportunities', columnsIgnored: [] });
  });

  hostileCase('identity', "in an export with associated companies, the company's Create Date never becomes the contact's", async () => {
    // the contact section has no Create Date: created_at stays empty rather than taking the company's
    const header = ['Record ID - Contact', 'Email', 'Lifecycle Stage', 'Record ID - Company', 'Company name', 'Create Date', 'Email'];
    const path = writeInput('contacts.csv', csvLines([header, ['9001', 'li@acme.example', 'Lead', '4001', 'Acme', '2021-01-05 09:00', 'info@acme.example']]));
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ format: 'hubspot_contacts_ui', loaded: 1, columnsIgnored: [] });
    expect(await wh.all(`select lead_id, email, account_id, created_at from leads`)).toEqual([
      { lead_id: '9001', email: 'li@acme.example', account_id: '4001', created_at: null },
    ]);
    expect(await wh.all(`select field, value from lead_fields order by field`)).toEqual([
      { field: 'company_create_date', value: '2021-01-05 09:00' },
      { field: 'company_email', value: 'info@acme.example' },
      { field: 'company_name', value: 'Acme' },
    ]);
  });

  hostileCase('cli values', '--input-format with an unknown name is a usage error listing the names', async () => {
    const dir = caseDir();
    const path = writeInput('User.csv', csvLines([userHeader, ...users]), dir);
    const error = await load({ paths: [path], db: join(dir, 'w.duckdb'), inputFormat: 'salesforce_users' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toContain('--input-format salesforce_users is not a known export format');
    expect((error as UserError).message).toContain('salesforce_user,');
  });
});

/** A HubSpot "export all properties" contacts file: the known columns, then custom properties. */
function wideContacts(columns: number, rows: number): string {
  const header = ['Record ID', 'Email', 'First Name', 'Create Date', 'Lifecycle Stage'];
  for (let i = header.length; i < columns; i++) header.push(`Custom Property ${i}`);
  const lines = [header.join(',')];
  for (let r = 1; r <= rows; r++) {
    // every 7th custom property has a value; row 3 has no Record ID (rejected); dates are US style
    const cells = header.map((_, i) =>
      i === 0
        ? r === 3
          ? ''
          : String(7000 + r)
        : i === 1
          ? `lead${r}@acme.example`
          : i === 2
            ? `Lead ${r}`
            : i === 3
              ? `03/${String(1 + (r % 28)).padStart(2, '0')}/2024 10:00`
              : i === 4
                ? 'lead'
                : i % 7 === 0
                  ? `v${r}.${i}`
                  : '',
    );
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

describe('wide exports', () => {
  hostileCase(
    'resources',
    'a 2,000-column HubSpot deals all-properties export reads its 4 known columns and keeps the 1,996 others as deal fields',
    async () => {
      const header = ['Record ID', 'Deal Name', 'Deal Stage', 'Amount'];
      for (let i = header.length; i < 2000; i++) header.push(`Deal Property ${i}`);
      const rows = Array.from({ length: 200 }, (_, r) =>
        header
          .map((_, i) => (i === 0 ? String(9100 + r) : i === 1 ? `Deal ${r}` : i === 2 ? 'Closed Won' : i === 3 ? '1000' : i % 5 === 0 ? `x${i}` : ''))
          .join(','),
      );
      const path = writeInput('deals-all-properties.csv', `${[header.join(','), ...rows].join('\n')}\n`);
      const { wh, summary } = await expectLoaded([path]);
      expect(summary.files[0]).toMatchObject({ format: 'hubspot_deals', read: 200, loaded: 200, columnsUsed: header, columnsIgnored: [] });
      expect(await wh.one(`select count(*)::int as n, sum(amount)::int as total from opportunities`)).toEqual({ n: 200, total: 200_000 });
      // every fifth custom column holds a value: columns 5, 10, …, 1995 (399 of them) in each of 200 deals
      expect(await wh.one(`select count(*)::int as n, count(distinct field)::int as fields from opportunity_fields`)).toEqual({ n: 399 * 200, fields: 399 });
    },
    180_000,
  );

  for (const rows of [20, 2000]) {
    hostileCase(
      'resources',
      `a 2,000-column HubSpot all-properties export with ${rows} rows loads, every custom value kept`,
      async () => {
        const path = writeInput('contacts-all-properties.csv', wideContacts(2000, rows));
        const started = Date.now();
        const { wh, summary } = await expectLoaded([path], { dateOrder: 'mdy' });
        const elapsed = Date.now() - started;
        expect(summary.files[0]).toMatchObject({ variant: 'hubspot_contacts_ui', read: rows, loaded: rows - 1, rejected: 1 });
        // columns 7, 14, …, 1995 hold a value: 285 per row; a row without a Record ID keeps none
        const fields = await wh.one<{ n: number; first: string }>(
          `select count(*)::int as n, min(value) filter (where field = 'custom_property_7' and lead_id = '7001') as first from lead_fields`,
        );
        expect(fields).toEqual({ n: 285 * (rows - 1), first: 'v1.7' });
        const reject = await wh.one<{ line: number; reason: string; raw: string }>(`select line_number as line, reason, raw_line as raw from rejected_rows`);
        expect(reject).toMatchObject({ line: 4, reason: 'missing value in "Record ID"' });
        expect(reject!.raw.split(',').length).toBe(2000);
        expect(elapsed).toBeLessThan(60_000);
      },
      180_000,
    );
  }
});
