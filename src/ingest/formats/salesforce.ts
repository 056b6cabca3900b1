/**
 * Salesforce objects as Data Loader / weekly Data Export files (API names, any case), as report
 * exports (labels), and as Fivetran tables (snake_case): one spec per object accepts all three.
 */
import { pick } from './canonical.js';
import type { EmitStatement, FormatSpec, LogicalColumn } from './types.js';

/** API name → header alternatives: the API name, report labels, and Fivetran's snake_case. */
const snake = (api: string) => api.replace(/__c$/, '_c').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const sf = (api: string, ...labels: string[]): LogicalColumn => ({ headers: [api, ...labels, snake(api)] });
const sfTs = (api: string, ...labels: string[]): LogicalColumn => ({ ...sf(api, ...labels), kind: 'timestamp' });
const sfId = (api: string, ...labels: string[]): LogicalColumn => ({ ...sf(api, ...labels), nonEmpty: true });
const sfBool = (api: string, ...labels: string[]): LogicalColumn => ({ ...sf(api, ...labels), kind: 'boolean' });

export const salesforceLead: FormatSpec = {
  crm: 'salesforce', object: 'leads', variant: 'salesforce_lead',
  description: 'Salesforce Lead (Data Loader, Data Export, report with labels, Fivetran `lead`)',
  required: {
    lead_id: sfId('Id', 'Lead ID'),
    company: sf('Company', 'Company / Account'),
    status: sf('Status', 'Lead Status'),
    created_at: { ...sfTs('CreatedDate', 'Created Date'), nonEmpty: true },
  },
  optional: {
    email: sf('Email'), first_name: sf('FirstName', 'First Name'), last_name: sf('LastName', 'Last Name'),
    source: sf('LeadSource', 'Lead Source'), owner_id: sf('OwnerId', 'Lead Owner', 'Owner ID'),
    is_converted: sfBool('IsConverted', 'Converted'), converted_at: sfTs('ConvertedDate', 'Converted Date'),
    converted_opportunity_id: sf('ConvertedOpportunityId', 'Converted Opportunity ID'),
    account_id: sf('ConvertedAccountId', 'Converted Account ID'),
  },
  excludes: ['_fivetran_start', 'LeadId'],
  key: ['lead_id'],
  keepExtraFieldsFor: 'lead_id',
  fieldKeys: { title: 'title', numberofemployees: 'employees', number_of_employees: 'employees', 'no. of employees': 'employees', annualrevenue: 'revenue', annual_revenue: 'revenue' },
  emit: (ctx): EmitStatement[] => [
    {
      target: 'leads',
      columns: {
        lead_id: 'lead_id', source_system: `'salesforce'`, company: 'company', created_at: 'created_at',
        stage_raw: 'status', lead_status: 'status',
        ...pick(ctx, ['email', 'first_name', 'last_name', 'source', 'owner_id', 'account_id']),
      },
    },
    // A Salesforce lead is a Lead from its creation; conversion is sales accepting it (SQL), and a
    // conversion that created an opportunity is the opportunity stage too.
    { target: 'stage_events', columns: { lead_id: 'lead_id', stage_raw: `'Lead'`, entered_at: 'created_at', origin: `'created'` } },
    ...(ctx.has('converted_at')
      ? [
          { target: 'stage_events' as const, columns: { lead_id: 'lead_id', stage_raw: `'Converted'`, entered_at: 'converted_at', origin: `'conversion'` }, where: 'converted_at is not null' },
          ...(ctx.has('converted_opportunity_id')
            ? [
                { target: 'stage_events' as const, columns: { lead_id: 'lead_id', stage_raw: `'Opportunity'`, entered_at: 'converted_at', origin: `'conversion'` }, where: 'converted_at is not null and converted_opportunity_id is not null' },
                { target: 'lead_fields' as const, columns: { lead_id: 'lead_id', field: `'converted_opportunity_id'`, value: 'converted_opportunity_id' }, where: 'converted_opportunity_id is not null' },
              ]
            : []),
        ]
      : []),
  ],
};

export const salesforceLeadHistory: FormatSpec = {
  crm: 'salesforce', object: 'field_history', variant: 'salesforce_lead_history',
  description: 'Salesforce LeadHistory (field changes, Status among them); Fivetran `lead_history` (native)',
  required: {
    lead_id: sfId('LeadId', 'Lead ID'), field: sfId('Field', 'Field / Event'),
    changed_at: { ...sfTs('CreatedDate', 'Edit Date', 'Created Date'), nonEmpty: true },
  },
  optional: { history_id: sf('Id'), old_value: sf('OldValue', 'Old Value'), new_value: sf('NewValue', 'New Value') },
  key: ['history_id', 'lead_id', 'field', 'changed_at'],
  emit: (ctx): EmitStatement[] => [
    {
      target: 'field_history',
      columns: {
        lead_id: 'lead_id', changed_at: 'changed_at', source: `'salesforce_history'`,
        field: `case lower(field) when 'status' then 'lead_status' when 'owner' then 'owner_id' else lower(field) end`,
        value: ctx.has('new_value') ? 'new_value' : 'null',
      },
    },
    ...(ctx.has('new_value')
      ? [{ target: 'stage_events' as const, columns: { lead_id: 'lead_id', stage_raw: 'new_value', entered_at: 'changed_at', origin: `'status_history'` }, where: `lower(field) in ('status', 'lead status') and new_value is not null` }]
      : []),
  ],
};

/** Fivetran history mode: a full copy of the lead row per change, valid from _fivetran_start. */
export const salesforceLeadSnapshots: FormatSpec = {
  crm: 'salesforce', object: 'stage_events', variant: 'salesforce_lead_history_snapshots',
  description: 'Fivetran `lead_history` in history mode (a full lead row per change)',
  required: {
    lead_id: sfId('Id'), status: sf('Status'),
    valid_from: { headers: ['_fivetran_start'], kind: 'timestamp', nonEmpty: true },
  },
  optional: { owner_id: sf('OwnerId') },
  key: ['lead_id', 'valid_from'],
  emit: (): EmitStatement[] => [
    // Consecutive rows with the same status are collapsed by the lifecycle model.
    { target: 'stage_events', columns: { lead_id: 'lead_id', stage_raw: 'status', entered_at: 'valid_from', origin: `'snapshot_history'` }, where: 'status is not null' },
    { target: 'field_history', columns: { lead_id: 'lead_id', field: `'lead_status'`, value: 'status', changed_at: 'valid_from', source: `'fivetran_history_mode'` } },
  ],
};

export const salesforceTask: FormatSpec = {
  crm: 'salesforce', object: 'activities', variant: 'salesforce_task',
  description: 'Salesforce Task (calls, emails; ListEmail = automated mass email)',
  required: {
    activity_id: sfId('Id', 'Activity ID', 'Task ID'), lead_id: sf('WhoId', 'Name ID', 'Who ID'),
    created_at: { ...sfTs('CreatedDate', 'Created Date'), nonEmpty: true },
  },
  optional: {
    owner_id: sf('OwnerId', 'Assigned ID', 'Owner ID'), subject: sf('Subject'), type: sf('Type', 'Task Type'),
    subtype: sf('TaskSubtype', 'Task Subtype'), call_type: sf('CallType', 'Call Type'),
    completed_at: sfTs('CompletedDateTime', 'Completed Date/Time'),
  },
  key: ['activity_id'],
  emit: (ctx) => {
    const subtype = ctx.has('subtype') ? 'lower(subtype)' : 'null';
    const type = ctx.has('type') ? 'lower(type)' : 'null';
    return [
      {
        target: 'activities',
        columns: {
          activity_id: 'activity_id', lead_id: 'lead_id', ...pick(ctx, ['owner_id', 'subject']),
          type: `case when ${subtype} = 'call' or ${type} = 'call' then 'call'
                      when ${subtype} in ('email', 'listemail') or ${type} = 'email' then 'email'
                      when ${type} = 'meeting' then 'meeting' else 'other' end`,
          direction: ctx.has('call_type') ? `coalesce(lower(call_type), 'outbound')` : `'outbound'`,
          occurred_at: ctx.has('completed_at') ? 'coalesce(completed_at, created_at)' : 'created_at',
          automated: `coalesce(${subtype} = 'listemail', false)`,
        },
      },
    ];
  },
};

export const salesforceUser: FormatSpec = {
  crm: 'salesforce', object: 'owners', variant: 'salesforce_user',
  description: 'Salesforce User (owners, with TimeZoneSidKey)',
  required: { owner_id: sfId('Id', 'User ID'), name: sf('Name', 'Full Name'), timezone: sf('TimeZoneSidKey', 'Time Zone') },
  optional: { email: sf('Email'), team: sf('Department'), role: sf('Title', 'Role') },
  key: ['owner_id'],
  emit: (ctx): EmitStatement[] => [{ target: 'owners', columns: { owner_id: 'owner_id', name: 'name', timezone: 'timezone', ...pick(ctx, ['email', 'team', 'role']) } }],
};

export const salesforceOpportunity: FormatSpec = {
  crm: 'salesforce', object: 'opportunities', variant: 'salesforce_opportunity',
  description: 'Salesforce Opportunity',
  required: {
    opportunity_id: sfId('Id', 'Opportunity ID'), name: sf('Name', 'Opportunity Name'),
    stage: sf('StageName', 'Stage'), close_date: { ...sf('CloseDate', 'Close Date'), kind: 'date' },
  },
  optional: {
    account_id: sf('AccountId', 'Account ID'), amount: { ...sf('Amount'), kind: 'number' },
    currency: sf('CurrencyIsoCode', 'Opportunity Currency', 'Currency'), owner_id: sf('OwnerId', 'Opportunity Owner'),
    created_at: sfTs('CreatedDate', 'Created Date'), is_closed: sfBool('IsClosed', 'Closed'), is_won: sfBool('IsWon', 'Won'),
    loss_reason: sf('Loss_Reason__c', 'Loss Reason'),
  },
  excludes: ['OpportunityId'],
  key: ['opportunity_id'],
  emit: (ctx): EmitStatement[] => [
    {
      target: 'opportunities',
      columns: {
        opportunity_id: 'opportunity_id', source_system: `'salesforce'`, name: 'name', stage_raw: 'stage', close_date: 'close_date',
        ...pick(ctx, ['account_id', 'amount', 'currency', 'owner_id', 'created_at', 'loss_reason']),
        is_won: ctx.has('is_won') ? 'is_won' : `lower(stage) = 'closed won'`,
        is_closed: ctx.has('is_closed') ? 'is_closed' : `lower(stage) in ('closed won', 'closed lost')`,
      },
    },
  ],
};

export const salesforceOpportunityHistory: FormatSpec = {
  crm: 'salesforce', object: 'opportunity_stage_events', variant: 'salesforce_opportunity_history',
  description: 'Salesforce OpportunityHistory (stage changes); Fivetran `opportunity_history`',
  required: {
    opportunity_id: sfId('OpportunityId', 'Opportunity ID'), stage: sfId('StageName', 'Stage'),
    entered_at: { ...sfTs('CreatedDate', 'Last Modified', 'Created Date'), nonEmpty: true },
  },
  optional: { history_id: sf('Id'), amount: { ...sf('Amount'), kind: 'number' }, close_date: { ...sf('CloseDate', 'Close Date'), kind: 'date' } },
  key: ['history_id', 'opportunity_id', 'entered_at'],
  emit: (ctx): EmitStatement[] => [
    { target: 'opportunity_stage_events', columns: { opportunity_id: 'opportunity_id', stage_raw: 'stage', entered_at: 'entered_at', ...pick(ctx, ['amount', 'close_date']) } },
  ],
};

export const salesforceFormats = [
  salesforceLead, salesforceLeadHistory, salesforceLeadSnapshots, salesforceTask, salesforceUser,
  salesforceOpportunity, salesforceOpportunityHistory,
];
