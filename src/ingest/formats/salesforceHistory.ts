/**
 * Salesforce history objects: LeadHistory (field changes, Status among them), Fivetran's
 * history-mode lead and opportunity tables (a full row per version) and OpportunityHistory.
 */
import { fieldKeyCases, pick } from './canonical.js';
import { deletedColumns, salesforceLeadFieldKeys, sameInstantReason, sf, sfBool, sfId, sfKey, sfRef, sfTs } from './salesforceColumns.js';
import type { EmitContext, EmitStatement, FormatSpec } from './types.js';

/** An Owner change: the id row (DataType EntityId) is owner_id, its Text twin (names) owner_name. */
const ownerField = (ctx: EmitContext) => (ctx.has('data_type') ? `case when lower(data_type) = 'text' then 'owner_name' else 'owner_id' end` : `'owner_id'`);

/**
 * ownerAssignment (an assignment rule set the owner) and ownerAccepted (a user took the lead from a
 * queue) are owner changes too when they carry the new owner; without one they stay events.
 */
const ownerEvents = (ctx: EmitContext) =>
  ctx.has('new_value')
    ? `when 'ownerassignment' then case when nullif(trim(new_value), '') is null then 'ownerassignment' else ${ownerField(ctx)} end
       when 'owneraccepted' then case when nullif(trim(new_value), '') is null then 'owneraccepted' else ${ownerField(ctx)} end`
    : '';

export const salesforceLeadHistory: FormatSpec = {
  crm: 'salesforce',
  object: 'field_history',
  variant: 'salesforce_lead_history',
  description: 'Salesforce LeadHistory (field changes, Status among them); Fivetran `lead_history` (native)',
  required: {
    lead_id: sfKey('LeadId', 'Lead ID'),
    field: sfId('Field', 'Field / Event'),
    changed_at: { ...sfTs('CreatedDate', 'Edit Date', 'Created Date'), nonEmpty: true },
  },
  optional: {
    history_id: sfRef('Id'),
    old_value: sf('OldValue', 'Old Value'),
    new_value: sf('NewValue', 'New Value'),
    data_type: sf('DataType', 'Data Type'),
    ...deletedColumns,
  },
  key: ['history_id', 'lead_id', 'field', 'changed_at'],
  emit: (ctx): EmitStatement[] => [
    {
      target: 'field_history',
      columns: {
        lead_id: 'lead_id',
        changed_at: 'changed_at',
        source: `'salesforce_history'`,
        field: `case lower(field) when 'status' then 'lead_status'
                  when 'owner' then ${ownerField(ctx)}
                  ${ownerEvents(ctx)}
                  ${fieldKeyCases(ctx, salesforceLeadFieldKeys)} else lower(field) end`,
        value: ctx.has('new_value') ? 'new_value' : 'null',
      },
    },
    ...(ctx.has('new_value')
      ? [
          {
            target: 'stage_events' as const,
            columns: {
              lead_id: 'lead_id',
              stage_raw: 'new_value',
              entered_at: 'changed_at',
              origin: `'status_history'`,
              reason: sameInstantReason('field', 'new_value'),
            },
            where: `lower(field) in ('status', 'lead status') and new_value is not null`,
          },
        ]
      : []),
  ],
};

/**
 * Fivetran history mode: a full copy of the lead row per change, valid from _fivetran_start. The
 * latest version is the lead; a version whose status differs from the lead's previous version
 * (or its first version) is a stage event.
 */
const statusChanged = `lag(status) over (partition by lead_id order by valid_from) is distinct from status`;

export const salesforceLeadSnapshots: FormatSpec = {
  crm: 'salesforce',
  object: 'leads',
  variant: 'salesforce_lead_history_snapshots',
  description: 'Fivetran `lead` in history mode (a full lead row per version, _fivetran_start/_fivetran_end)',
  required: {
    lead_id: sfKey('Id'),
    status: sf('Status'),
    valid_from: { headers: ['_fivetran_start'], kind: 'timestamp', nonEmpty: true },
  },
  optional: {
    owner_id: sfRef('OwnerId'),
    company: sf('Company'),
    email: sf('Email'),
    first_name: sf('FirstName'),
    last_name: sf('LastName'),
    source: sf('LeadSource'),
    created_at: sfTs('CreatedDate'),
    account_id: sfRef('ConvertedAccountId'),
    ...deletedColumns,
  },
  key: ['lead_id', 'valid_from'],
  emit: (ctx): EmitStatement[] => [
    {
      target: 'leads',
      columns: {
        lead_id: 'lead_id',
        source_system: `'salesforce'`,
        stage_raw: 'status',
        lead_status: 'status',
        created_at: ctx.has('created_at') ? 'coalesce(created_at, valid_from)' : 'null',
        ...pick(ctx, ['owner_id', 'company', 'email', 'first_name', 'last_name', 'source', 'account_id']),
      },
      qualify: 'row_number() over (partition by lead_id order by valid_from desc) = 1',
    },
    {
      target: 'stage_events',
      columns: { lead_id: 'lead_id', stage_raw: 'status', entered_at: 'valid_from', origin: `'snapshot_history'` },
      where: 'status is not null',
      qualify: statusChanged,
    },
    {
      target: 'field_history',
      columns: { lead_id: 'lead_id', field: `'lead_status'`, value: 'status', changed_at: 'valid_from', source: `'fivetran_history_mode'` },
      qualify: statusChanged,
    },
  ],
};

/**
 * Fivetran history mode for opportunities (dbt_salesforce_source calls the table
 * `opportunity_history`, like the native object): a full opportunity row per version. The latest
 * version is the opportunity; a version whose stage, amount or close date differs from the
 * previous one (or the first version) is an opportunity stage event with that version's values,
 * so an amount change or a close-date push without a stage change is kept too (stg_deal_changes).
 */
const opportunityVersionChanged = (ctx: EmitContext) =>
  ['stage', ...['amount', 'close_date'].filter((c) => ctx.has(c))]
    .map((c) => `lag(${c}) over (partition by opportunity_id order by valid_from) is distinct from ${c}`)
    .join(' or ');

export const salesforceOpportunitySnapshots: FormatSpec = {
  crm: 'salesforce',
  object: 'opportunities',
  variant: 'salesforce_opportunity_history_snapshots',
  description: 'Fivetran `opportunity_history` in history mode (a full opportunity row per version, _fivetran_start/_fivetran_end)',
  required: {
    opportunity_id: sfKey('Id'),
    name: sf('Name'),
    stage: sfId('StageName'),
    valid_from: { headers: ['_fivetran_start'], kind: 'timestamp', nonEmpty: true },
  },
  optional: {
    account_id: sfRef('AccountId'),
    amount: { ...sf('Amount'), kind: 'number' },
    currency: sf('CurrencyIsoCode'),
    owner_id: sfRef('OwnerId'),
    created_at: sfTs('CreatedDate'),
    close_date: { ...sf('CloseDate'), kind: 'date' },
    is_closed: sfBool('IsClosed'),
    is_won: sfBool('IsWon'),
    loss_reason: sf('Loss_Reason__c'),
    ...deletedColumns,
  },
  key: ['opportunity_id', 'valid_from'],
  keepExtraFieldsFor: 'opportunity_id',
  emit: (ctx): EmitStatement[] => [
    {
      target: 'opportunities',
      columns: {
        opportunity_id: 'opportunity_id',
        source_system: `'salesforce'`,
        name: 'name',
        stage_raw: 'stage',
        ...pick(ctx, ['account_id', 'amount', 'currency', 'owner_id', 'created_at', 'close_date', 'loss_reason', 'is_won', 'is_closed']),
      },
      qualify: 'row_number() over (partition by opportunity_id order by valid_from desc) = 1',
    },
    {
      target: 'opportunity_stage_events',
      columns: { opportunity_id: 'opportunity_id', stage_raw: 'stage', entered_at: 'valid_from', ...pick(ctx, ['amount', 'close_date']) },
      qualify: opportunityVersionChanged(ctx),
    },
  ],
};

export const salesforceOpportunityHistory: FormatSpec = {
  crm: 'salesforce',
  object: 'opportunity_stage_events',
  variant: 'salesforce_opportunity_history',
  description: 'Salesforce OpportunityHistory (stage changes); Fivetran `opportunity_history`',
  required: {
    opportunity_id: sfKey('OpportunityId', 'Opportunity ID'),
    stage: sfId('StageName', 'Stage'),
    entered_at: { ...sfTs('CreatedDate', 'Last Modified', 'Created Date'), nonEmpty: true },
  },
  optional: {
    history_id: sfRef('Id'),
    amount: { ...sf('Amount'), kind: 'number' },
    close_date: { ...sf('CloseDate', 'Close Date'), kind: 'date' },
    ...deletedColumns,
  },
  key: ['history_id', 'opportunity_id', 'entered_at'],
  emit: (ctx): EmitStatement[] => [
    {
      target: 'opportunity_stage_events',
      columns: { opportunity_id: 'opportunity_id', stage_raw: 'stage', entered_at: 'entered_at', ...pick(ctx, ['amount', 'close_date']) },
    },
  ],
};
