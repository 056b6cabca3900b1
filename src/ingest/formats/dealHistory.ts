/**
 * Field-level deal history: a row per change of one deal field, into `opportunity_events`.
 * Salesforce OpportunityFieldHistory (and Fivetran's `opportunity_field_history`), Fivetran's
 * HubSpot `deal_property_history`, and our canonical opportunity_events.csv. The fields the
 * pipeline report reads get one name whatever the CRM calls them (stage, amount, close_date), and
 * their values are parsed with the loader's number and date rules (typedBy.ts): a value that
 * does not parse is a rejected row with the reason, never a silent NULL.
 * HubSpot's `deal_stage` table (one row per stage entered) goes to `opportunity_stage_events`.
 */
import { fivetranDeleted } from './fivetran.js';
import { deletedColumns, sf, sfId, sfKey, sfRef, sfTs } from './salesforceColumns.js';
import type { EmitContext, EmitStatement, FormatSpec, LogicalColumn, TypedBy } from './types.js';

/** The exported names (lowercased) of the deal fields stg_deal_changes reads, by their one name. */
export const dealFieldNames = {
  stage: ['stage', 'stagename', 'dealstage', 'deal stage', 'stage_name'],
  amount: ['amount'],
  close_date: ['close_date', 'closedate', 'close date'],
} as const;

/** A value column typed by its row's field: numbers for amount rows, dates for close-date rows. */
const typedBy = (by: string): TypedBy => ({ by, kinds: { number: [...dealFieldNames.amount], date: [...dealFieldNames.close_date] } });

/** SQL: the one name of a deal field, else the exported name lowercased (Probability → probability). */
export function dealFieldSql(ctx: EmitContext, field: string, others = ''): string {
  const cases = Object.entries(dealFieldNames)
    .map(([name, names]) => `when lower(${field}) in (${names.map((n) => ctx.param(n)).join(', ')}) then ${ctx.param(name)}`)
    .join(' ');
  return `case ${cases} ${others} else lower(${field}) end`;
}

/** SQL: the value as stored: amounts and close dates as the loader parsed them, the rest as exported. */
const storedValue = (ctx: EmitContext, value: string) => (ctx.has(value) ? `coalesce(${value}__number::varchar, ${value}__date::varchar, ${value})` : 'null');

const changeColumns = (ctx: EmitContext, field: string, origin: string, others = '') => ({
  opportunity_id: 'opportunity_id',
  field: dealFieldSql(ctx, field, others),
  value: storedValue(ctx, 'new_value'),
  old_value: storedValue(ctx, 'old_value'),
  changed_at: 'changed_at',
  origin: `'${origin}'`,
});

export const salesforceOpportunityFieldHistory: FormatSpec = {
  crm: 'salesforce',
  object: 'opportunity_events',
  variant: 'salesforce_opportunity_field_history',
  description: 'Salesforce OpportunityFieldHistory (a row per change of a tracked field); Fivetran `opportunity_field_history`',
  required: {
    opportunity_id: sfKey('OpportunityId', 'Opportunity ID'),
    field: sfId('Field', 'Field / Event', 'Changed Field'),
    changed_at: { ...sfTs('CreatedDate', 'Edit Date', 'Created Date'), nonEmpty: true },
  },
  optional: {
    history_id: sfRef('Id'),
    new_value: { ...sf('NewValue', 'New Value'), typedBy: typedBy('field') },
    old_value: { ...sf('OldValue', 'Old Value'), typedBy: typedBy('field') },
    data_type: sf('DataType', 'Data Type', 'Datatype'),
    ...deletedColumns,
  },
  key: ['history_id', 'opportunity_id', 'field', 'changed_at'],
  emit: (ctx): EmitStatement[] => [
    {
      target: 'opportunity_events',
      // an owner change is two rows, the user ids and (DataType Text) their names, as in LeadHistory
      columns: changeColumns(
        ctx,
        'field',
        'field_history',
        `when lower(field) = 'owner' then ${ctx.has('data_type') ? `case when lower(data_type) = 'text' then 'owner_name' else 'owner_id' end` : `'owner_id'`}`,
      ),
    },
  ],
};

const text = (...headers: string[]): LogicalColumn => ({ headers });

export const hubspotDealPropertyHistory: FormatSpec = {
  crm: 'hubspot',
  object: 'opportunity_events',
  variant: 'hubspot_deal_property_history',
  description: 'HubSpot deal property history (dealstage, amount, closedate, any property); Fivetran `deal_property_history`',
  required: {
    opportunity_id: { headers: ['deal_id'], nonEmpty: true },
    property: { headers: ['name'], nonEmpty: true },
    new_value: { headers: ['value'], typedBy: typedBy('property') },
    changed_at: { headers: ['timestamp'], kind: 'timestamp', nonEmpty: true },
  },
  optional: { source: text('source'), source_id: text('source_id'), fivetran_deleted: fivetranDeleted },
  key: ['opportunity_id', 'property', 'changed_at'],
  emit: (ctx): EmitStatement[] => [
    { target: 'opportunity_events', columns: { ...changeColumns(ctx, 'property', 'property_history'), field: dealFieldSql(ctx, 'property') } },
  ],
};

/** `_fivetran_end` of the open row: the far future, not an exit. */
const openEnd = `9999-01-01`;

export const hubspotDealStage: FormatSpec = {
  crm: 'hubspot',
  object: 'opportunity_stage_events',
  variant: 'hubspot_deal_stage',
  description: 'HubSpot deal_stage table (Fivetran): a row per stage a deal entered, with _fivetran_start/_fivetran_end',
  required: {
    opportunity_id: { headers: ['deal_id'], nonEmpty: true },
    stage: { headers: ['value'], nonEmpty: true },
    entered_at: { headers: ['date_entered'], kind: 'timestamp', nonEmpty: true },
  },
  optional: {
    source: text('source'),
    source_id: text('source_id'),
    valid_to: { headers: ['_fivetran_end'], kind: 'timestamp' },
    active: { headers: ['_fivetran_active'], kind: 'boolean' },
  },
  excludes: ['name', 'timestamp'],
  key: ['opportunity_id', 'stage', 'entered_at'],
  emit: (ctx): EmitStatement[] => [
    {
      target: 'opportunity_stage_events',
      columns: {
        opportunity_id: 'opportunity_id',
        stage_raw: 'stage',
        entered_at: 'entered_at',
        // dbt_hubspot reads _fivetran_end as the stage's exit; the active row has not exited
        exited_at: ctx.has('valid_to')
          ? `case when ${ctx.has('active') ? 'coalesce(active, false) or ' : ''}valid_to >= timestamptz '${openEnd}' then null else valid_to end`
          : 'null',
      },
    },
  ],
};

const col = (header: string, kind: LogicalColumn['kind'] = 'text', nonEmpty = false): LogicalColumn => ({ headers: [header], kind, nonEmpty });

export const canonicalOpportunityEvents: FormatSpec = {
  crm: 'canonical',
  object: 'opportunity_events',
  variant: 'canonical_opportunity_events',
  description: 'opportunity_events.csv: one row per change of one deal field (stage, amount, close_date, any other)',
  required: {
    opportunity_id: col('opportunity_id', 'text', true),
    field: col('field', 'text', true),
    new_value: { ...col('value'), typedBy: typedBy('field') },
    changed_at: col('changed_at', 'timestamp', true),
  },
  optional: { old_value: { ...col('old_value'), typedBy: typedBy('field') } },
  key: ['opportunity_id', 'field', 'changed_at'],
  emit: (ctx): EmitStatement[] => [{ target: 'opportunity_events', columns: changeColumns(ctx, 'field', 'canonical') }],
};
