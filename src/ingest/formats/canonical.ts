/** Our own documented CSV shape, one file per canonical table (docs/data-model.md). */
import type { FormatSpec, LogicalColumn } from './types.js';

const col = (header: string, kind: LogicalColumn['kind'] = 'text', nonEmpty = false): LogicalColumn => ({
  headers: [header],
  kind,
  nonEmpty,
});
const id = (header: string) => col(header, 'text', true);
/** A canonical column also read under other headers that can only mean it, snake_case or spaced
 *  (`deal_stage`, `Deal Stage`; docs/formats.md). */
const aka = (column: LogicalColumn, ...aliases: string[]): LogicalColumn => ({
  ...column,
  headers: [...column.headers, ...aliases.flatMap((a) => [a, a.replaceAll('_', ' ')])],
});
const at = (header: string) => col(header, 'timestamp', true);

export const canonicalFormats: FormatSpec[] = [
  {
    crm: 'canonical',
    object: 'leads',
    variant: 'canonical_leads',
    description: 'leads.csv: one row per lead',
    required: { lead_id: id('lead_id'), created_at: col('created_at', 'timestamp') },
    optional: {
      email: col('email'),
      company: col('company'),
      account_id: col('account_id'),
      source: col('source'),
      owner_id: col('owner_id'),
      first_name: col('first_name'),
      last_name: col('last_name'),
      stage: col('stage'),
      lead_status: col('lead_status'),
    },
    excludes: ['entered_at', 'event_type', 'field'],
    key: ['lead_id'],
    keepExtraFieldsFor: 'lead_id',
    emit: (ctx) => [
      {
        target: 'leads',
        columns: {
          lead_id: 'lead_id',
          source_system: `'canonical'`,
          created_at: 'created_at',
          ...pick(ctx, ['email', 'company', 'account_id', 'source', 'owner_id', 'first_name', 'last_name', 'lead_status']),
          ...(ctx.has('stage') ? { stage_raw: 'stage' } : {}),
        },
      },
    ],
  },
  {
    crm: 'canonical',
    object: 'stage_events',
    variant: 'canonical_stage_events',
    description: 'stage_events.csv: one row per stage entry',
    required: { lead_id: id('lead_id'), stage: id('stage'), entered_at: at('entered_at') },
    optional: { reason: col('reason'), exited_at: col('exited_at', 'timestamp') },
    key: ['lead_id', 'stage', 'entered_at'],
    emit: (ctx) => [
      {
        target: 'stage_events',
        columns: {
          lead_id: 'lead_id',
          stage_raw: 'stage',
          entered_at: 'entered_at',
          origin: `'canonical'`,
          ...pick(ctx, ['reason', 'exited_at']),
        },
      },
    ],
  },
  {
    crm: 'canonical',
    object: 'activities',
    variant: 'canonical_activities',
    description: 'activities.csv: calls, emails, meetings with owner and time',
    required: {
      activity_id: id('activity_id'),
      lead_id: col('lead_id'),
      owner_id: col('owner_id'),
      type: id('type'),
      occurred_at: at('occurred_at'),
    },
    optional: { direction: col('direction'), automated: col('automated', 'boolean'), subject: col('subject') },
    key: ['activity_id'],
    emit: (ctx) => [
      {
        target: 'activities',
        columns: {
          activity_id: 'activity_id',
          lead_id: 'lead_id',
          owner_id: 'owner_id',
          type: 'lower(type)',
          direction: ctx.has('direction') ? 'lower(direction)' : 'null',
          occurred_at: 'occurred_at',
          automated: ctx.has('automated') ? 'coalesce(automated, false)' : 'false',
          ...pick(ctx, ['subject']),
        },
      },
    ],
  },
  {
    crm: 'canonical',
    object: 'owners',
    variant: 'canonical_owners',
    description: 'owners.csv: reps with team, role and IANA time zone',
    required: { owner_id: id('owner_id'), name: col('name') },
    optional: { email: col('email'), team: col('team'), role: col('role'), timezone: col('timezone'), active: aka(col('active', 'boolean'), 'is_active') },
    key: ['owner_id'],
    emit: (ctx) => [{ target: 'owners', columns: { owner_id: 'owner_id', name: 'name', ...pick(ctx, ['email', 'team', 'role', 'timezone', 'active']) } }],
  },
  {
    crm: 'canonical',
    object: 'engagement_events',
    variant: 'canonical_engagement_events',
    description: 'engagement_events.csv: page views, form fills, email clicks, product events',
    required: { lead_id: id('lead_id'), event_type: id('event_type'), occurred_at: at('occurred_at') },
    optional: { detail: col('detail') },
    key: ['lead_id', 'event_type', 'occurred_at', 'detail'],
    emit: (ctx) => [
      {
        target: 'engagement_events',
        columns: { lead_id: 'lead_id', event_type: 'event_type', occurred_at: 'occurred_at', ...pick(ctx, ['detail']) },
      },
    ],
  },
  {
    crm: 'canonical',
    object: 'field_history',
    variant: 'canonical_field_history',
    description: 'field_history.csv: lead attribute changes over time',
    required: { lead_id: id('lead_id'), field: id('field'), value: col('value'), changed_at: at('changed_at') },
    optional: { source: col('source') },
    key: ['lead_id', 'field', 'changed_at'],
    emit: (ctx) => [
      {
        target: 'field_history',
        columns: { lead_id: 'lead_id', field: 'field', value: 'value', changed_at: 'changed_at', ...pick(ctx, ['source']) },
      },
    ],
  },
  {
    crm: 'canonical',
    object: 'opportunities',
    variant: 'canonical_opportunities',
    description: 'opportunities.csv: deals with amount, currency, stage and outcome',
    required: { opportunity_id: id('opportunity_id') },
    optional: {
      // a plain deals table ("CRM sales opportunities": sales_agent, deal_stage, close_value); an
      // account *name* or an engage date is not an account id or a creation time: those stay fields
      lead_id: col('lead_id'),
      account_id: col('account_id'),
      name: aka(col('name'), 'deal_name', 'opportunity_name'),
      amount: aka(col('amount', 'number'), 'deal_amount', 'deal_value', 'close_value'),
      currency: col('currency'),
      owner_id: aka(col('owner_id'), 'deal_owner', 'sales_agent'),
      pipeline: col('pipeline'),
      stage: aka(col('stage'), 'deal_stage'),
      created_at: col('created_at', 'timestamp'),
      close_date: col('close_date', 'date'),
      is_won: col('is_won', 'boolean'),
      is_closed: col('is_closed', 'boolean'),
      loss_reason: col('loss_reason'),
    },
    excludes: ['entered_at', 'changed_at'],
    key: ['opportunity_id'],
    keepExtraFieldsFor: 'opportunity_id',
    emit: (ctx) => [
      {
        target: 'opportunities',
        columns: {
          opportunity_id: 'opportunity_id',
          source_system: `'canonical'`,
          // is_won / is_closed as the file states them; stg_opportunities derives the rest from the stage
          ...pick(ctx, [
            'lead_id',
            'account_id',
            'name',
            'amount',
            'currency',
            'owner_id',
            'pipeline',
            'created_at',
            'close_date',
            'is_won',
            'is_closed',
            'loss_reason',
          ]),
          ...(ctx.has('stage') ? { stage_raw: 'stage' } : {}),
        },
      },
    ],
  },
];

/** Maps the logical columns present in the file onto target columns of the same name. */
export function pick(ctx: { has(name: string): boolean }, names: string[]): Record<string, string> {
  return Object.fromEntries(names.filter((n) => ctx.has(n)).map((n) => [n, n]));
}

/** `when 'numberofemployees' then 'employees' …` for a history file's field column, values bound. */
export function fieldKeyCases(ctx: { param(value: unknown): string }, keys: Record<string, string>, prefix = ''): string {
  return Object.entries(keys)
    .filter(([header]) => header.startsWith(prefix) && /^[a-z_]+$/.test(header))
    .map(([header, key]) => `when ${ctx.param(header.slice(prefix.length))} then ${ctx.param(key)}`)
    .join(' ');
}
