/**
 * Salesforce objects as Data Loader / weekly Data Export files (API names, any case), as report
 * exports (labels), and as Fivetran tables (snake_case): one spec per object accepts all three.
 */
import { pick } from './canonical.js';
import { fivetranDeleted } from './fivetran.js';
import { deletedColumns, salesforceLeadFieldKeys, sf, sfBool, sfKey, sfRef, sfTs } from './salesforceColumns.js';
import { salesforceLeadHistory, salesforceLeadSnapshots, salesforceOpportunityHistory, salesforceOpportunitySnapshots } from './salesforceHistory.js';
import type { EmitStatement, FormatSpec } from './types.js';

export const salesforceLead: FormatSpec = {
  crm: 'salesforce',
  object: 'leads',
  variant: 'salesforce_lead',
  description: 'Salesforce Lead (Data Loader, Data Export, report with labels, Fivetran `lead`)',
  required: {
    lead_id: sfKey('Id', 'Lead ID'),
    company: sf('Company', 'Company / Account'),
    status: sf('Status', 'Lead Status'),
    // Lead reports label it "Create Date"; other report types "Created Date"
    created_at: { ...sfTs('CreatedDate', 'Create Date', 'Created Date'), nonEmpty: true },
  },
  optional: {
    email: sf('Email'),
    first_name: sf('FirstName', 'First Name'),
    last_name: sf('LastName', 'Last Name'),
    source: sf('LeadSource', 'Lead Source'),
    owner_id: sfRef('OwnerId', 'Lead Owner', 'Owner ID'),
    is_converted: sfBool('IsConverted', 'Converted'),
    converted_at: sfTs('ConvertedDate', 'Converted Date'),
    converted_opportunity_id: sfRef('ConvertedOpportunityId', 'Converted Opportunity ID'),
    account_id: sfRef('ConvertedAccountId', 'Converted Account ID'),
    ...deletedColumns,
  },
  excludes: ['_fivetran_start', 'LeadId'],
  key: ['lead_id'],
  keepExtraFieldsFor: 'lead_id',
  fieldKeys: salesforceLeadFieldKeys,
  emit: (ctx): EmitStatement[] => [
    {
      target: 'leads',
      columns: {
        lead_id: 'lead_id',
        source_system: `'salesforce'`,
        company: 'company',
        created_at: 'created_at',
        stage_raw: 'status',
        lead_status: 'status',
        ...pick(ctx, ['email', 'first_name', 'last_name', 'source', 'owner_id', 'account_id']),
      },
    },
    // A Salesforce lead is a Lead from its creation; conversion is sales accepting it (SQL), and a
    // conversion that created an opportunity is the opportunity stage too.
    { target: 'stage_events', columns: { lead_id: 'lead_id', stage_raw: `'Lead'`, entered_at: 'created_at', origin: `'created'` } },
    ...(ctx.has('converted_at')
      ? [
          {
            target: 'stage_events' as const,
            columns: { lead_id: 'lead_id', stage_raw: `'Converted'`, entered_at: 'converted_at', origin: `'conversion'` },
            where: 'converted_at is not null',
          },
          ...(ctx.has('converted_opportunity_id')
            ? [
                {
                  target: 'stage_events' as const,
                  columns: { lead_id: 'lead_id', stage_raw: `'Opportunity'`, entered_at: 'converted_at', origin: `'conversion'` },
                  where: 'converted_at is not null and converted_opportunity_id is not null',
                },
                {
                  target: 'lead_fields' as const,
                  columns: { lead_id: 'lead_id', field: `'converted_opportunity_id'`, value: 'converted_opportunity_id' },
                  where: 'converted_opportunity_id is not null',
                },
              ]
            : []),
        ]
      : []),
  ],
};

export const salesforceTask: FormatSpec = {
  crm: 'salesforce',
  object: 'activities',
  variant: 'salesforce_task',
  description: 'Salesforce Task (calls, emails; ListEmail = automated mass email)',
  required: {
    activity_id: sfKey('Id', 'Activity ID', 'Task ID'),
    lead_id: sfRef('WhoId', 'Name ID', 'Who ID'),
    created_at: { ...sfTs('CreatedDate', 'Created Date'), nonEmpty: true },
  },
  optional: {
    owner_id: sfRef('OwnerId', 'Assigned ID', 'Owner ID'),
    subject: sf('Subject'),
    type: sf('Type', 'Task Type'),
    subtype: sf('TaskSubtype', 'Task Subtype'),
    call_type: sf('CallType', 'Call Type'),
    completed_at: sfTs('CompletedDateTime', 'Completed Date/Time'),
    ...deletedColumns,
  },
  key: ['activity_id'],
  emit: (ctx) => {
    const subtype = ctx.has('subtype') ? 'lower(subtype)' : 'null';
    const type = ctx.has('type') ? 'lower(type)' : 'null';
    return [
      {
        target: 'activities',
        columns: {
          activity_id: 'activity_id',
          lead_id: 'lead_id',
          ...pick(ctx, ['owner_id', 'subject']),
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
  crm: 'salesforce',
  object: 'owners',
  variant: 'salesforce_user',
  description: 'Salesforce User (owners, with TimeZoneSidKey)',
  required: { owner_id: sfKey('Id', 'User ID'), timezone: sf('TimeZoneSidKey', 'Time Zone') },
  optional: {
    // the weekly Data Export leaves the compound Name out: FirstName and LastName make it
    name: sf('Name', 'Full Name'),
    first_name: sf('FirstName', 'First Name'),
    last_name: sf('LastName', 'Last Name'),
    email: sf('Email'),
    team: sf('Department'),
    role: sf('Title', 'Role'),
    // a deactivated user still owns their records: the routing report lists leads left with one
    active: sfBool('IsActive', 'Active'),
    fivetran_deleted: fivetranDeleted,
  },
  key: ['owner_id'],
  emit: (ctx): EmitStatement[] => {
    const parts = ['first_name', 'last_name'].filter((c) => ctx.has(c));
    const fromParts = parts.length ? `nullif(concat_ws(' ', ${parts.join(', ')}), '')` : 'null';
    const name = ctx.has('name') ? `coalesce(name, ${fromParts})` : fromParts;
    return [{ target: 'owners', columns: { owner_id: 'owner_id', name, timezone: 'timezone', ...pick(ctx, ['email', 'team', 'role', 'active']) } }];
  },
};

export const salesforceOpportunity: FormatSpec = {
  crm: 'salesforce',
  object: 'opportunities',
  variant: 'salesforce_opportunity',
  description: 'Salesforce Opportunity',
  required: {
    opportunity_id: sfKey('Id', 'Opportunity ID'),
    name: sf('Name', 'Opportunity Name'),
    stage: sf('StageName', 'Stage'),
    close_date: { ...sf('CloseDate', 'Close Date'), kind: 'date' },
  },
  optional: {
    account_id: sfRef('AccountId', 'Account ID'),
    amount: { ...sf('Amount'), kind: 'number' },
    currency: sf('CurrencyIsoCode', 'Opportunity Currency', 'Currency'),
    owner_id: sfRef('OwnerId', 'Opportunity Owner'),
    created_at: sfTs('CreatedDate', 'Created Date'),
    is_closed: sfBool('IsClosed', 'Closed'),
    is_won: sfBool('IsWon', 'Won'),
    loss_reason: sf('Loss_Reason__c', 'Loss Reason'),
    ...deletedColumns,
  },
  excludes: ['OpportunityId', '_fivetran_start'],
  key: ['opportunity_id'],
  keepExtraFieldsFor: 'opportunity_id',
  emit: (ctx): EmitStatement[] => [
    {
      target: 'opportunities',
      columns: {
        opportunity_id: 'opportunity_id',
        source_system: `'salesforce'`,
        name: 'name',
        stage_raw: 'stage',
        close_date: 'close_date',
        // IsWon / IsClosed when exported (a report may leave them out: stg_opportunities reads the stage)
        ...pick(ctx, ['account_id', 'amount', 'currency', 'owner_id', 'created_at', 'loss_reason', 'is_won', 'is_closed']),
      },
    },
  ],
};

export const salesforceFormats = [
  salesforceLead,
  salesforceLeadHistory,
  salesforceLeadSnapshots,
  salesforceTask,
  salesforceUser,
  salesforceOpportunity,
  salesforceOpportunityHistory,
  salesforceOpportunitySnapshots,
];
