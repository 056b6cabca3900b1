/**
 * HubSpot exports: contacts from the UI (both generations of lifecycle date columns), property
 * history (lifecycle stage, lead status, owner and any property), and deals. The Fivetran dumps
 * of the same objects share these specs through their snake_case header names.
 */
import { fieldKeyCases, pick } from './canonical.js';
import { withoutZone } from '../headerZones.js';
import { fivetranDeleted } from './fivetran.js';
import type { EmitContext, EmitStatement, FormatSpec, LogicalColumn } from './types.js';

const text = (...headers: string[]): LogicalColumn => ({ headers });
const ts = (...headers: string[]): LogicalColumn => ({ headers, kind: 'timestamp' });

/** Stage columns: entered (both generations) become stage events; exited dates ride along. */
function stageEntries(ctx: EmitContext, origin: string): EmitStatement[] {
  const entered = ctx.patternColumns('entered');
  const exited = new Map(ctx.patternColumns('exited').map((c) => [c.label.toLowerCase(), c.column]));
  const enteredLabels = new Set(entered.map((c) => c.label.toLowerCase()));
  // The legacy "Became a … Date" column only counts when no newer column names the same stage.
  const legacy = ctx.patternColumns('became').filter((c) => !enteredLabels.has(c.label.toLowerCase()));
  return [...entered, ...legacy].map((c) => ({
    target: 'stage_events',
    columns: {
      lead_id: 'lead_id',
      stage_raw: ctx.param(c.label),
      entered_at: c.column,
      exited_at: exited.get(c.label.toLowerCase()) ?? 'null',
      origin: `'${origin}'`,
    },
    where: `${c.column} is not null`,
  }));
}

export const hubspotContacts: FormatSpec = {
  crm: 'hubspot',
  object: 'leads',
  variant: 'hubspot_contacts_ui',
  description: 'HubSpot contacts export (UI, or Fivetran `contact`)',
  required: {
    // "Record ID - Contact": an export that includes associated records
    lead_id: { headers: ['Record ID', 'Contact ID', 'id', 'Record ID - Contact'], nonEmpty: true },
    email: text('Email', 'property_email'),
  },
  optional: {
    first_name: text('First Name', 'property_firstname'),
    last_name: text('Last Name', 'property_lastname'),
    company: text('Company Name', 'Company', 'property_company'),
    created_at: ts('Create Date', 'property_createdate'),
    stage: text('Lifecycle Stage', 'property_lifecyclestage'),
    lead_status: text('Lead Status', 'property_hs_lead_status'),
    owner_id: text('Contact owner', 'property_hubspot_owner_id'),
    // HubSpot's "Owner assigned date" (hubspot_owner_assigneddate): when the current owner was assigned
    owner_assigned_at: ts('Owner assigned date', 'property_hubspot_owner_assigneddate'),
    source: text('Original Source', 'Original Traffic Source', 'property_hs_analytics_source'),
    account_id: text('Associated Company ID', 'Associated Company IDs', 'Primary Associated Company ID', 'property_associatedcompanyid', 'Record ID - Company'),
    fivetran_deleted: fivetranDeleted,
  },
  patterns: [
    // "Became an Other Lifecycle Date" is the Other stage
    { name: 'became', pattern: /^Became an? (.+?)(?: Lifecycle(?: Stage)?)? Date$/i, kind: 'timestamp' },
    // property labels show the stage in double or single quotes
    { name: 'entered', pattern: /^Date entered ["'](.+) \(Lifecycle Stage Pipeline\)["']$/i, kind: 'timestamp' },
    { name: 'exited', pattern: /^Date exited ["'](.+) \(Lifecycle Stage Pipeline\)["']$/i, kind: 'timestamp' },
    { name: 'became', pattern: /^property_hs_lifecyclestage_(.+)_date$/i, kind: 'timestamp' },
    { name: 'entered', pattern: /^property_hs_v2_date_entered_(.+)$/i, kind: 'timestamp' },
    { name: 'exited', pattern: /^property_hs_v2_date_exited_(.+)$/i, kind: 'timestamp' },
  ],
  excludes: ['Property', 'Deal Name', 'name', 'contact_id'],
  key: ['lead_id'],
  keepExtraFieldsFor: 'lead_id',
  // the associated company's columns (its Create Date, Phone Number, ...) become company_… fields
  associated: { header: 'Record ID - Company', prefix: 'company_' },
  // The one map from HubSpot labels and internal names to field keys; property history uses it too.
  fieldKeys: {
    'job title': 'title',
    property_jobtitle: 'title',
    'number of employees': 'employees',
    property_numemployees: 'employees',
    'annual revenue': 'revenue',
    property_annualrevenue: 'revenue',
    'country/region': 'country',
    property_country: 'country',
    industry: 'industry',
    property_industry: 'industry',
    property_lifecyclestage: 'lifecycle_stage',
    property_hs_lead_status: 'lead_status',
    property_hubspot_owner_id: 'owner_id',
  },
  emit: (ctx) => [
    {
      target: 'leads',
      columns: {
        lead_id: 'lead_id',
        source_system: `'hubspot'`,
        email: 'email',
        ...pick(ctx, ['first_name', 'last_name', 'company', 'created_at', 'lead_status', 'owner_id', 'source', 'account_id']),
        ...(ctx.has('stage') ? { stage_raw: 'stage' } : {}),
      },
    },
    ...stageEntries(ctx, 'export_column'),
    ...ownerAssignedDate(ctx),
  ],
};

/**
 * "Owner assigned date" as owner history: the current owner, assigned then. The routing report
 * reads it for leads without owner_id history (docs/routing.md); it is the latest assignment only.
 */
function ownerAssignedDate(ctx: EmitContext): EmitStatement[] {
  if (!ctx.has('owner_assigned_at')) return [];
  return [
    {
      target: 'field_history',
      columns: {
        lead_id: 'lead_id',
        field: `'owner_assigned_at'`,
        value: ctx.has('owner_id') ? 'owner_id' : 'null',
        changed_at: 'owner_assigned_at',
        source: `'owner_assigned_date'`,
      },
      where: 'owner_assigned_at is not null',
    },
  ];
}

/** Lead-status values that are a sales rejection, recorded as a stage event too. */
const rejectionStatuses = `('unqualified', 'bad_timing', 'disqualified')`;

export const hubspotPropertyHistory: FormatSpec = {
  crm: 'hubspot',
  object: 'field_history',
  variant: 'hubspot_property_history',
  description: 'HubSpot property history (lifecyclestage, hs_lead_status, owner, any property); Fivetran `contact_property_history`',
  required: {
    lead_id: { headers: ['Record ID', 'Contact ID', 'contact_id', 'Object ID'], nonEmpty: true },
    property: { headers: ['Property', 'Property name', 'Property internal name', 'name'], nonEmpty: true },
    value: text('Value', 'value'),
    changed_at: { headers: ['Timestamp', 'Date', 'Changed At', 'timestamp'], kind: 'timestamp', nonEmpty: true },
  },
  optional: { source: text('Source', 'Source type', 'source') },
  key: ['lead_id', 'property', 'changed_at'],
  emit: (ctx): EmitStatement[] => [
    {
      target: 'field_history',
      columns: {
        lead_id: 'lead_id',
        value: 'value',
        changed_at: 'changed_at',
        ...pick(ctx, ['source']),
        field: `case lower(property) ${fieldKeyCases(ctx, hubspotContacts.fieldKeys!, 'property_')} else lower(property) end`,
      },
    },
    {
      target: 'stage_events',
      columns: {
        lead_id: 'lead_id',
        stage_raw: 'value',
        entered_at: 'changed_at',
        origin: `'property_history'`,
        // a rejection reason property set at the same instant (e.g. mql_rejection_reason ENG-01)
        reason: `(select any_value(r.value) from typed r where r.lead_id = typed.lead_id and r.changed_at = typed.changed_at
                  and r.__reject is null and lower(r.property) like '%reason%')`,
      },
      where: `(lower(property) = 'lifecyclestage' or (lower(property) = 'hs_lead_status' and lower(value) in ${rejectionStatuses})) and value is not null`,
    },
  ],
};

/** `Date entered "Demo (virtual) (Sales Pipeline)"`: the stage (greedy: it may hold brackets) and its pipeline. */
function dealStageColumn(which: 'entered' | 'exited'): RegExp {
  return new RegExp(`^Date ${which} ["'](.+) \\((.+)\\)["']$`, 'i');
}

/**
 * Each non-empty Date entered column is a stage event of its pipeline, with the Date exited
 * column of the same stage and pipeline beside it (HubSpot keeps the latest entry and exit).
 */
function dealStageEntries(ctx: EmitContext): EmitStatement[] {
  const stageKey = (c: { header: string }) =>
    withoutZone(c.header.trim())
      .replace(/^Date (entered|exited) /i, '')
      .toLowerCase();
  const exited = new Map(ctx.patternColumns('exited').map((c) => [stageKey(c), c.column]));
  return ctx.patternColumns('entered').map((c): EmitStatement => {
    const pipeline = dealStageColumn('entered').exec(withoutZone(c.header.trim()))?.[2] ?? null;
    return {
      target: 'opportunity_stage_events',
      columns: {
        opportunity_id: 'opportunity_id',
        stage_raw: ctx.param(c.label),
        entered_at: c.column,
        pipeline: ctx.param(pipeline),
        exited_at: exited.get(stageKey(c)) ?? 'null',
      },
      where: `${c.column} is not null`,
    };
  });
}

/** Closed when HubSpot says so, or when it says won or lost; NULL when the export has no flags. */
function closedFlag(ctx: EmitContext): string {
  const said = [ctx.has('is_closed') ? 'is_closed' : '', ctx.has('is_won') && ctx.has('is_lost') ? '(is_won or is_lost)' : ''].filter(Boolean);
  return said.length ? `coalesce(${said.join(', ')})` : 'null';
}

export const hubspotDeals: FormatSpec = {
  crm: 'hubspot',
  object: 'opportunities',
  variant: 'hubspot_deals',
  description: 'HubSpot deals export (UI, including the all-properties variant)',
  required: {
    opportunity_id: { headers: ['Record ID', 'Deal ID'], nonEmpty: true },
    name: text('Deal Name'),
  },
  optional: {
    stage: text('Deal Stage'),
    pipeline: text('Pipeline'),
    amount: { headers: ['Amount', 'Amount in company currency'], kind: 'number' },
    currency: text('Currency', 'Deal Currency Code', 'Currency code'),
    close_date: { headers: ['Close Date'], kind: 'date' },
    created_at: ts('Create Date'),
    owner_id: text('Deal owner'),
    loss_reason: text('Closed Lost Reason'),
    contacts: text('Associated Contact IDs', 'Associated Contact ID', 'Associated Contact'),
    account_id: text('Associated Company IDs', 'Associated Company ID'),
    // HubSpot's own flags (hs_is_closed_won, hs_is_closed_lost, hs_is_closed), set from the stage's
    // place in its pipeline: right for custom closed stages too. In all-properties exports.
    is_won: { headers: ['Is Closed Won'], kind: 'boolean' },
    is_lost: { headers: ['Is closed lost'], kind: 'boolean' },
    is_closed: { headers: ['Is Deal Closed?'], kind: 'boolean' },
  },
  patterns: [
    { name: 'entered', pattern: dealStageColumn('entered'), kind: 'timestamp' },
    { name: 'exited', pattern: dealStageColumn('exited'), kind: 'timestamp' },
  ],
  key: ['opportunity_id'],
  keepExtraFieldsFor: 'opportunity_id',
  emit: (ctx) => [
    {
      target: 'opportunities',
      columns: {
        opportunity_id: 'opportunity_id',
        source_system: `'hubspot'`,
        name: 'name',
        ...pick(ctx, ['pipeline', 'amount', 'currency', 'close_date', 'created_at', 'owner_id', 'loss_reason']),
        // without the flags (the default view) stg_opportunities reads the outcome from the stage (config dealStages)
        ...(ctx.has('stage') ? { stage_raw: 'stage' } : {}),
        ...pick(ctx, ['is_won']),
        is_closed: closedFlag(ctx),
        lead_id: ctx.has('contacts') ? `nullif(trim(split_part(contacts, ';', 1)), '')` : 'null',
        account_id: ctx.has('account_id') ? `nullif(trim(split_part(account_id, ';', 1)), '')` : 'null',
      },
    },
    ...dealStageEntries(ctx),
  ],
};

export const hubspotFormats = [hubspotContacts, hubspotPropertyHistory, hubspotDeals];
