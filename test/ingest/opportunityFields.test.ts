/**
 * Opportunities keep their extra columns as `opportunity_fields`, as leads keep theirs as
 * `lead_fields`: one row per (opportunity, field) with a value, following the deal's snapshot.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import type { Warehouse } from '../../src/db/connection.js';
import { loadFiles } from '../../src/ingest/load.js';
import { mappingSpec } from '../../src/ingest/mapping.js';
import { caseDir } from '../hostile/harness.js';
import { openTestWarehouse } from '../helpers/db.js';
import { fixturePath } from '../helpers/load.js';
import { loadFormat } from './formatFixtures.js';

const fieldsOf = (wh: Warehouse, id: string) => wh.all(`select field, value from opportunity_fields where opportunity_id = $id order by field`, { id });

describe('opportunity fields', () => {
  it('reads a plain deals CSV with its aliases and keeps every other column as a field', async () => {
    const wh = await openTestWarehouse();
    const summary = await loadFiles(wh, parseConfig({}), { paths: [fixturePath('opportunities/sales_pipeline.csv')], crm: 'auto' });
    expect(summary.files.map((f) => [f.variant, f.read, f.loaded, f.rejected, f.duplicates])).toEqual([['canonical_opportunities', 8, 8, 0, 0]]);
    // deal_stage → stage, close_value → amount, sales_agent → owner_id, close_date as it is
    expect(
      await wh.all(
        `select opportunity_id, owner_id, stage_raw, amount, strftime(close_date, '%Y-%m-%d') as close_date
       from opportunities where opportunity_id in ('T8HJ5D6V', 'Q9ZD31PL', 'B7RC4Y9K') order by opportunity_id`,
      ),
    ).toEqual([
      { opportunity_id: 'B7RC4Y9K', owner_id: 'Amaka Eze', stage_raw: 'Prospecting', amount: null, close_date: null },
      { opportunity_id: 'Q9ZD31PL', owner_id: 'Moira Delacroix', stage_raw: 'Lost', amount: 0, close_date: '2024-03-04' },
      { opportunity_id: 'T8HJ5D6V', owner_id: 'Moira Delacroix', stage_raw: 'Won', amount: 5210, close_date: '2024-03-18' },
    ]);
    // won: 1096 + 52 + 5210
    expect(await wh.one(`select sum(amount)::int as won from opportunities where stage_raw = 'Won'`)).toEqual({ won: 6358 });
    expect(await fieldsOf(wh, 'T8HJ5D6V')).toEqual([
      { field: 'account', value: 'Nimbusware' },
      { field: 'engage_date', value: '2024-02-12' },
      { field: 'product', value: 'GTX Plus Pro' },
    ]);
    // a prospect has no engage date: empty values are not stored
    expect(await fieldsOf(wh, 'B7RC4Y9K')).toEqual([
      { field: 'account', value: 'Atelier Nord' },
      { field: 'product', value: 'GTX Basic' },
    ]);
    // 8 products + 8 accounts + 7 engage dates
    expect(await wh.one(`select count(*)::int as n from opportunity_fields`)).toEqual({ n: 23 });
    expect(await wh.one(`select count(*)::int as n from lead_fields`)).toEqual({ n: 0 });
  });

  it('keeps the unmapped columns of a HubSpot deals export', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'hubspot/deals.csv', 'America/New_York');
    expect(await fieldsOf(wh, '9100000001')).toEqual([
      { field: 'associated_contact', value: 'Maya Okafor' },
      { field: 'closed_won_reason', value: 'Best fit for multi-depot routing' },
      { field: 'deal_type', value: 'New Business' },
    ]);
  });

  it('keeps the unmapped columns of a Salesforce Opportunity export (Data Loader upper case)', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'salesforce/Opportunity.csv');
    expect(await fieldsOf(wh, '0068d00000Op003AAB')).toEqual([
      { field: 'leadsource', value: 'Partner Referral' },
      { field: 'type', value: 'New Business' },
    ]);
  });

  it('takes the fields of a history-mode opportunity from its latest version', async () => {
    const wh = await openTestWarehouse();
    await loadFormat(wh, 'fivetran/salesforce/opportunity_history_snapshot.csv');
    const fields = await wh.all(
      `select field, value from opportunity_fields where opportunity_id = '0068d00000Op001AAB'
       and field in ('probability', 'forecast_category', 'last_modified_date') order by field`,
    );
    // the fourth version (Closed Won, 2024-04-02), not the first (Prospecting, 10)
    expect(fields).toEqual([
      { field: 'forecast_category', value: 'Closed' },
      { field: 'last_modified_date', value: '2024-04-02T16:45:00.000Z' },
      { field: 'probability', value: '100' },
    ]);
  });

  it('replaces a deal’s fields with a newer snapshot’s and keeps them against an older one', async () => {
    const wh = await openTestWarehouse();
    const dir = caseDir('oppfields-');
    const write = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const march = write('deals-2024-03-01.csv', 'opportunity_id,stage,product,region\nD1,Discovery,GTX Basic,EMEA\nD2,Discovery,MG Special,APAC\n');
    const april = write('deals-2024-04-01.csv', 'opportunity_id,stage,product\nD1,Proposal,GTX Pro\n');
    const february = write('deals-2024-02-01.csv', 'opportunity_id,stage,product,segment\nD1,Qualified,GTK 500,SMB\n');
    const config = parseConfig({});
    for (const path of [march, april, february]) await loadFiles(wh, config, { paths: [path], crm: 'auto' });
    // April replaced D1 (its region is gone); February is older than April and changes nothing of D1
    expect(await wh.all(`select opportunity_id, stage_raw from opportunities order by all`)).toEqual([
      { opportunity_id: 'D1', stage_raw: 'Proposal' },
      { opportunity_id: 'D2', stage_raw: 'Discovery' },
    ]);
    expect(await wh.all(`select opportunity_id, field, value from opportunity_fields order by all`)).toEqual([
      { opportunity_id: 'D1', field: 'product', value: 'GTX Pro' },
      { opportunity_id: 'D2', field: 'product', value: 'MG Special' },
      { opportunity_id: 'D2', field: 'region', value: 'APAC' },
    ]);
  });

  it('keeps the extra columns of a file read with an opportunities mapping', async () => {
    const wh = await openTestWarehouse();
    const dir = caseDir('oppfields-');
    const path = join(dir, 'pipedrive-deals.csv');
    writeFileSync(path, 'Deal No,Phase,Value,Label\nPD-1,Negotiation,1200,Hot\nPD-2,Won,800,\n');
    const mapping = mappingSpec({ object: 'opportunities', columns: { opportunity_id: 'Deal No', stage: 'Phase', amount: 'Value' } });
    await loadFiles(wh, parseConfig({}), { paths: [path], crm: 'auto', mapping });
    expect(await wh.all(`select opportunity_id, field, value from opportunity_fields order by all`)).toEqual([
      { opportunity_id: 'PD-1', field: 'label', value: 'Hot' },
    ]);
  });
});
