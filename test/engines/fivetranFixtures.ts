/**
 * Small Fivetran-shaped schemas: HubSpot and Salesforce tables with the columns and types
 * Fivetran's connectors write into PostgreSQL (dbt_hubspot_source / dbt_salesforce_source column
 * macros: ids as bigint for HubSpot and text for Salesforce, instants as timestamptz, the
 * _fivetran_synced / _fivetran_deleted bookkeeping columns). Each table is created in a schema of
 * the database and can be written out as the CSV dump the loader reads, for cross-checking.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PostgresWarehouse } from '../../src/db/postgres.js';

export interface FixtureTable {
  name: string;
  /** column name → PostgreSQL type */
  columns: [string, string][];
  rows: (string | number | boolean | null)[][];
}

const synced = '2024-04-30 06:00:12.331+00';

export const hubspotTables: FixtureTable[] = [
  {
    name: 'contact',
    columns: [
      ['id', 'bigint'],
      ['property_email', 'text'],
      ['property_firstname', 'text'],
      ['property_lastname', 'text'],
      ['property_company', 'text'],
      ['property_industry', 'text'],
      ['property_lifecyclestage', 'text'],
      ['property_hs_lead_status', 'text'],
      ['property_createdate', 'timestamptz'],
      ['property_hubspot_owner_id', 'bigint'],
      ['property_hs_analytics_source', 'text'],
      ['property_hs_lifecyclestage_lead_date', 'timestamptz'],
      ['property_hs_lifecyclestage_marketingqualifiedlead_date', 'timestamptz'],
      ['property_hs_lifecyclestage_salesqualifiedlead_date', 'timestamptz'],
      ['property_hs_lifecyclestage_opportunity_date', 'timestamptz'],
      ['property_hs_lifecyclestage_customer_date', 'timestamptz'],
      ['_fivetran_synced', 'timestamptz'],
      ['_fivetran_deleted', 'boolean'],
    ],
    rows: [
      // reaches every stage; the MQL at 16:02 is touched by a call at 16:09
      [
        51234501,
        'maya@brightlane.example',
        'Maya',
        'Okafor',
        'Brightlane',
        'LOGISTICS',
        'customer',
        null,
        '2024-02-12 14:14:00+00',
        40011001,
        'ORGANIC_SEARCH',
        '2024-02-12 14:14:00+00',
        '2024-02-20 16:02:00+00',
        '2024-02-21 20:40:00+00',
        '2024-02-28 15:00:00+00',
        '2024-04-02 20:20:00+00',
        synced,
        false,
      ],
      // its MQL is only in the property history (10:00), an email at 11:00 touches it; then SQL
      [
        51234503,
        'priya@corvus.example',
        'Priya',
        'Natarajan',
        'Corvus',
        'BIOTECH',
        'salesqualifiedlead',
        'CONNECTED',
        '2024-02-15 15:30:00+00',
        40011001,
        'REFERRALS',
        '2024-02-15 15:30:00+00',
        null,
        '2024-02-22 19:12:00+00',
        null,
        null,
        synced,
        false,
      ],
      // MQL at 12:00, rejected (UNQUALIFIED, ENG-01) the next day; a deleted call at 12:05 must not count, the 14:00 call does
      [
        51234511,
        'kwame@goldcoast.example',
        'Kwame',
        'Mensah',
        'Gold Coast',
        'FINANCE',
        'marketingqualifiedlead',
        'UNQUALIFIED',
        '2024-02-10 09:00:00+00',
        40011002,
        'PAID_SEARCH',
        '2024-02-10 09:00:00+00',
        '2024-02-26 12:00:00+00',
        null,
        null,
        null,
        synced,
        false,
      ],
      // a lead only
      [
        51234512,
        'ines@barros.example',
        'Inès',
        'Barros',
        'Barros Vinhos',
        null,
        'lead',
        null,
        '2024-03-04 09:00:00+00',
        40011002,
        'OFFLINE',
        '2024-03-04 09:00:00+00',
        null,
        null,
        null,
        null,
        synced,
        false,
      ],
      // deleted in HubSpot: Fivetran keeps the row, marked; it is no lead
      [
        51234599,
        'gone@deleted.example',
        'Gone',
        'Away',
        'Deleted Co',
        null,
        'marketingqualifiedlead',
        null,
        '2024-02-11 09:00:00+00',
        40011002,
        'PAID_SEARCH',
        '2024-02-11 09:00:00+00',
        '2024-02-13 10:00:00+00',
        null,
        null,
        null,
        synced,
        true,
      ],
    ],
  },
  {
    name: 'contact_property_history',
    columns: [
      ['contact_id', 'bigint'],
      ['name', 'text'],
      ['timestamp', 'timestamptz'],
      ['source', 'text'],
      ['source_id', 'text'],
      ['value', 'text'],
      ['_fivetran_synced', 'timestamptz'],
    ],
    rows: [
      [51234503, 'lifecyclestage', '2024-02-15 15:30:00+00', 'FORM', null, 'lead', synced],
      [51234503, 'lifecyclestage', '2024-02-20 10:00:00+00', 'AUTOMATION_PLATFORM', 'workflow:4412', 'marketingqualifiedlead', synced],
      [51234511, 'hs_lead_status', '2024-02-27 09:00:00+00', 'CRM_UI', 'userId:40011002', 'UNQUALIFIED', synced],
      [51234511, 'mql_rejection_reason', '2024-02-27 09:00:00+00', 'CRM_UI', 'userId:40011002', 'ENG-01', synced],
      [51234511, 'hubspot_owner_id', '2024-02-10 09:00:00+00', 'CRM_UI', null, '40011002', synced],
    ],
  },
  {
    name: 'owner',
    columns: [
      ['owner_id', 'bigint'],
      ['portal_id', 'bigint'],
      ['type', 'text'],
      ['first_name', 'text'],
      ['last_name', 'text'],
      ['email', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
      ['_fivetran_synced', 'timestamptz'],
    ],
    rows: [
      [40011001, 6112233, 'PERSON', 'Ana', 'Ruiz', 'ana@northwind.example', '2023-01-01 00:00:00+00', '2024-01-01 00:00:00+00', synced],
      [40011002, 6112233, 'PERSON', 'Ben', 'Carter', 'ben@northwind.example', '2023-01-01 00:00:00+00', '2024-01-01 00:00:00+00', synced],
    ],
  },
  {
    name: 'engagement',
    columns: [
      ['id', 'bigint'],
      ['_fivetran_synced', 'timestamptz'],
      ['active', 'boolean'],
      ['activity_type', 'text'],
      ['created_at', 'timestamptz'],
      ['last_updated', 'timestamptz'],
      ['owner_id', 'bigint'],
      ['portal_id', 'bigint'],
      ['timestamp', 'timestamptz'],
      ['type', 'text'],
      ['_fivetran_deleted', 'boolean'],
    ],
    rows: [
      [30100001, synced, true, null, '2024-02-20 16:09:00+00', '2024-02-20 16:09:00+00', 40011001, 6112233, '2024-02-20 16:09:00+00', 'CALL', false],
      [30100002, synced, true, null, '2024-02-20 11:00:00+00', '2024-02-20 11:00:00+00', 40011001, 6112233, '2024-02-20 11:00:00+00', 'EMAIL', false],
      [30100003, synced, true, null, '2024-02-26 12:30:00+00', '2024-02-26 12:30:00+00', null, 6112233, '2024-02-26 12:30:00+00', 'INCOMING_EMAIL', false],
      [30100004, synced, true, null, '2024-02-26 12:05:00+00', '2024-02-26 12:05:00+00', 40011002, 6112233, '2024-02-26 12:05:00+00', 'CALL', true],
      [30100005, synced, true, null, '2024-02-26 14:00:00+00', '2024-02-26 14:00:00+00', 40011002, 6112233, '2024-02-26 14:00:00+00', 'CALL', false],
      [30100006, synced, true, 'Discovery', '2024-02-23 15:00:00+00', '2024-02-23 15:00:00+00', 40011001, 6112233, '2024-02-23 15:00:00+00', 'MEETING', false],
    ],
  },
  {
    name: 'engagement_contact',
    columns: [
      ['engagement_id', 'bigint'],
      ['contact_id', 'bigint'],
      ['_fivetran_synced', 'timestamptz'],
    ],
    rows: [
      [30100001, 51234501, synced],
      [30100002, 51234503, synced],
      [30100003, 51234511, synced],
      [30100004, 51234511, synced],
      [30100005, 51234511, synced],
      [30100006, 51234501, synced],
    ],
  },
];

const sfSynced = '2024-04-30 06:10:44.902+00';

export const salesforceTables: FixtureTable[] = [
  {
    name: 'lead',
    columns: [
      ['id', 'text'],
      ['is_deleted', 'boolean'],
      ['first_name', 'text'],
      ['last_name', 'text'],
      ['email', 'text'],
      ['company', 'text'],
      ['title', 'text'],
      ['industry', 'text'],
      ['number_of_employees', 'integer'],
      ['lead_source', 'text'],
      ['status', 'text'],
      ['owner_id', 'text'],
      ['created_date', 'timestamptz'],
      ['is_converted', 'boolean'],
      ['converted_date', 'date'],
      ['converted_opportunity_id', 'text'],
      ['converted_account_id', 'text'],
      ['_fivetran_synced', 'timestamptz'],
    ],
    rows: [
      [
        '00Q8d00000Lx001EAB',
        false,
        'Hiro',
        'Tanaka',
        'hiro@nimbus.example',
        'Nimbusware',
        'CTO',
        'Technology',
        140,
        'Web',
        'Closed - Converted',
        '0058d000001Ab01AAC',
        '2024-02-05 01:12:33+00',
        true,
        '2024-02-20',
        '0068d00000Op001AAB',
        '0018d00000Ac001AAB',
        sfSynced,
      ],
      [
        '00Q8d00000Lx002EAB',
        false,
        'Rachel',
        'Adeyemi',
        'rachel@okoro.example',
        'Okoro Energy',
        'Head of Procurement',
        'Energy',
        900,
        'Partner Referral',
        'Working - Contacted',
        '0058d000001Ab02AAC',
        '2024-02-12 15:40:00+00',
        false,
        null,
        null,
        null,
        sfSynced,
      ],
      [
        '00Q8d00000Lx003EAB',
        true,
        'Old',
        'Record',
        'old@deleted.example',
        'Deleted Inc',
        null,
        null,
        null,
        'Web',
        'Open - Not Contacted',
        '0058d000001Ab02AAC',
        '2024-02-13 10:00:00+00',
        false,
        null,
        null,
        null,
        sfSynced,
      ],
    ],
  },
  {
    name: 'lead_history',
    columns: [
      ['id', 'text'],
      ['lead_id', 'text'],
      ['created_by_id', 'text'],
      ['created_date', 'timestamptz'],
      ['field', 'text'],
      ['data_type', 'text'],
      ['old_value', 'text'],
      ['new_value', 'text'],
      ['is_deleted', 'boolean'],
      ['_fivetran_synced', 'timestamptz'],
    ],
    rows: [
      [
        '0178d00000Lh001AAB',
        '00Q8d00000Lx001EAB',
        '0058d000001Ab05AAC',
        '2024-02-05 01:19:02+00',
        'Status',
        'Text',
        'Open - Not Contacted',
        'Working - Contacted',
        false,
        sfSynced,
      ],
      [
        '0178d00000Lh002AAB',
        '00Q8d00000Lx002EAB',
        '0058d000001Ab05AAC',
        '2024-02-13 16:00:00+00',
        'Status',
        'Text',
        'Open - Not Contacted',
        'Working - Contacted',
        false,
        sfSynced,
      ],
      [
        '0178d00000Lh003AAB',
        '00Q8d00000Lx002EAB',
        '0058d000001Ab05AAC',
        '2024-02-13 16:00:00+00',
        'Owner',
        'EntityId',
        '00G8d000000Qu01EAC',
        '0058d000001Ab02AAC',
        false,
        sfSynced,
      ],
    ],
  },
  {
    name: 'user',
    columns: [
      ['id', 'text'],
      ['name', 'text'],
      ['email', 'text'],
      ['department', 'text'],
      ['title', 'text'],
      ['time_zone_sid_key', 'text'],
      ['is_active', 'boolean'],
      ['_fivetran_deleted', 'boolean'],
      ['_fivetran_synced', 'timestamptz'],
    ],
    rows: [
      ['0058d000001Ab01AAC', 'Ana Ruiz', 'ana@northwind.example', 'Sales Development', 'SDR', 'America/New_York', true, false, sfSynced],
      ['0058d000001Ab02AAC', 'Ben Carter', 'ben@northwind.example', 'Sales Development', 'SDR', 'America/Chicago', true, false, sfSynced],
    ],
  },
  {
    name: 'task',
    columns: [
      ['id', 'text'],
      ['who_id', 'text'],
      ['owner_id', 'text'],
      ['subject', 'text'],
      ['type', 'text'],
      ['task_subtype', 'text'],
      ['call_type', 'text'],
      ['created_date', 'timestamptz'],
      ['completed_date_time', 'timestamptz'],
      ['is_deleted', 'boolean'],
      ['_fivetran_synced', 'timestamptz'],
    ],
    rows: [
      [
        '00T8d00000Tk001EAB',
        '00Q8d00000Lx001EAB',
        '0058d000001Ab01AAC',
        'Call',
        'Call',
        'Call',
        'Outbound',
        '2024-02-05 01:18:40+00',
        '2024-02-05 01:18:40+00',
        false,
        sfSynced,
      ],
      [
        '00T8d00000Tk002EAB',
        '00Q8d00000Lx002EAB',
        '0058d000001Ab02AAC',
        'Mass Email',
        'Email',
        'ListEmail',
        null,
        '2024-02-13 14:00:00+00',
        '2024-02-13 14:00:00+00',
        false,
        sfSynced,
      ],
      [
        '00T8d00000Tk003EAB',
        '00Q8d00000Lx002EAB',
        '0058d000001Ab02AAC',
        'Call',
        'Call',
        'Call',
        'Outbound',
        '2024-02-13 16:02:00+00',
        '2024-02-13 16:02:00+00',
        false,
        sfSynced,
      ],
    ],
  },
];

/** The tables in `schema` of the warehouse's database, rows bound as parameters. */
export async function createFixtureSchema(pg: PostgresWarehouse, schema: string, tables: FixtureTable[]): Promise<void> {
  await pg.run(`create schema if not exists ${schema}`);
  for (const table of tables) {
    await pg.run(`create table ${schema}."${table.name}" (${table.columns.map(([c, t]) => `"${c}" ${t}`).join(', ')})`);
    for (const row of table.rows) {
      const values = row.map((_, i) => `$${i + 1}::${table.columns[i]![1]}`).join(', ');
      await pg.run(
        `insert into ${schema}."${table.name}" values (${values})`,
        row.map((v) => (v === null ? null : String(v))),
      );
    }
  }
}

/** The same tables as the CSV dumps the loader reads (a Fivetran table dumped from the warehouse). */
export function writeFixtureCsvs(dir: string, tables: FixtureTable[]): string[] {
  const cell = (v: string | number | boolean | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return tables.map((table) => {
    const path = join(dir, `${table.name}.csv`);
    writeFileSync(path, `${[table.columns.map(([c]) => c).join(','), ...table.rows.map((r) => r.map(cell).join(','))].join('\n')}\n`);
    return path;
  });
}

/** HubSpot's deal tables (dbt_hubspot_source get_deal_columns, get_deal_pipeline_stage_columns, get_deal_contact_columns, stg_hubspot__deal_stage). */
export const hubspotDealTables: FixtureTable[] = [
  {
    name: 'deal_pipeline_stage',
    columns: [
      ['stage_id', 'text'],
      ['label', 'text'],
      ['pipeline_id', 'text'],
      ['closed_won', 'boolean'],
      ['probability', 'float8'],
      ['display_order', 'integer'],
      ['active', 'boolean'],
      ['_fivetran_deleted', 'boolean'],
      ['_fivetran_synced', 'timestamptz'],
    ],
    rows: [
      ['appointmentscheduled', 'Appointment Scheduled', 'default', false, 0.2, 0, true, false, synced],
      ['closedwon', 'Closed Won', 'default', true, 1, 5, true, false, synced],
      ['closedlost', 'Closed Lost', 'default', false, 0, 6, true, false, synced],
    ],
  },
  {
    name: 'deal',
    columns: [
      ['deal_id', 'bigint'],
      ['portal_id', 'bigint'],
      ['deal_pipeline_id', 'text'],
      ['deal_pipeline_stage_id', 'text'],
      ['owner_id', 'bigint'],
      ['is_deleted', 'boolean'],
      ['property_dealname', 'text'],
      ['property_amount', 'float8'],
      ['property_closedate', 'timestamptz'],
      ['property_createdate', 'timestamptz'],
      ['_fivetran_synced', 'timestamptz'],
    ],
    rows: [
      [9100000011, 6112233, 'default', 'closedwon', 40011001, false, 'Brightlane - Fleet', 48000, '2024-04-02 20:00:00+00', '2024-02-28 15:00:00+00', synced],
      [
        9100000012,
        6112233,
        'default',
        'appointmentscheduled',
        40011002,
        false,
        'Corvus - Lab',
        30000,
        '2024-05-31 00:00:00+00',
        '2024-03-05 14:22:00+00',
        synced,
      ],
      [9100000013, 6112233, 'default', 'closedlost', 40011002, true, 'Deleted deal', 1000, '2024-03-31 00:00:00+00', '2024-03-01 09:00:00+00', synced],
    ],
  },
  {
    name: 'deal_contact',
    columns: [
      ['deal_id', 'bigint'],
      ['contact_id', 'bigint'],
      ['_fivetran_synced', 'timestamptz'],
    ],
    rows: [
      [9100000011, 51234501, synced],
      [9100000012, 51234511, synced],
      [9100000012, 51234503, synced],
    ],
  },
  {
    name: 'deal_stage',
    columns: [
      ['deal_id', 'bigint'],
      ['date_entered', 'timestamptz'],
      ['value', 'text'],
      ['source', 'text'],
      ['source_id', 'text'],
      ['_fivetran_start', 'timestamptz'],
      ['_fivetran_end', 'timestamptz'],
      ['_fivetran_active', 'boolean'],
      ['_fivetran_synced', 'timestamptz'],
    ],
    rows: [
      [9100000011, '2024-02-28 15:00:00+00', 'appointmentscheduled', 'CRM_UI', null, '2024-02-28 15:00:00+00', '2024-04-02 19:59:59.999+00', false, synced],
      [9100000011, '2024-04-02 20:00:00+00', 'closedwon', 'CRM_UI', null, '2024-04-02 20:00:00+00', '9999-12-31 23:59:59.999+00', true, synced],
      [9100000012, '2024-03-05 14:22:00+00', 'appointmentscheduled', 'CRM_UI', null, '2024-03-05 14:22:00+00', '9999-12-31 23:59:59.999+00', true, synced],
    ],
  },
];
