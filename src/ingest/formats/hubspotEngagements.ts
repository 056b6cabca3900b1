/**
 * HubSpot activity exports (calls and emails from the UI), loaded as activities. The owner is
 * "Name (email)": the name is kept as the owner id, as HubSpot's contact export names owners the
 * same way. A sequence email is sent by the tool on the rep's behalf, so it counts as automated.
 */
import { pick } from './canonical.js';
import type { EmitStatement, FormatSpec, LogicalColumn } from './types.js';

const text = (...headers: string[]): LogicalColumn => ({ headers });
const firstContact = `nullif(trim(split_part(contacts, ';', 1)), '')`;
const ownerName = `nullif(trim(split_part(owner, ' (', 1)), '')`;

const common = {
  activity_id: { headers: ['Record ID', 'Activity ID'], nonEmpty: true },
  occurred_at: { headers: ['Activity date', 'Activity Date'], kind: 'timestamp', nonEmpty: true },
  contacts: text('Associated Contact IDs', 'Associated Contact ID'),
} satisfies Record<string, LogicalColumn>;

export const hubspotCalls: FormatSpec = {
  crm: 'hubspot',
  object: 'activities',
  variant: 'hubspot_calls',
  description: 'HubSpot calls export (UI)',
  required: { ...common, subject: text('Call Title', 'Call title'), direction: text('Call direction', 'Call Direction') },
  optional: { owner: text('Activity assigned to', 'Call owner'), outcome: text('Call outcome') },
  key: ['activity_id'],
  emit: (ctx): EmitStatement[] => [
    {
      target: 'activities',
      columns: {
        activity_id: 'activity_id',
        lead_id: firstContact,
        type: `'call'`,
        occurred_at: 'occurred_at',
        automated: 'false',
        direction: `case when lower(direction) like 'inbound%' then 'inbound' else 'outbound' end`,
        owner_id: ctx.has('owner') ? ownerName : 'null',
        ...pick(ctx, ['subject']),
      },
    },
  ],
};

export const hubspotEmails: FormatSpec = {
  crm: 'hubspot',
  object: 'activities',
  variant: 'hubspot_emails',
  description: 'HubSpot emails export (UI); incoming emails are the lead writing, not a sales touch',
  required: { ...common, subject: text('Email subject', 'Email Subject'), direction: text('Email direction', 'Email Direction') },
  optional: { owner: text('Activity assigned to', 'Email owner'), sequence: text('Sequence name', 'Sequence') },
  key: ['activity_id'],
  emit: (ctx): EmitStatement[] => [
    {
      target: 'activities',
      columns: {
        activity_id: 'activity_id',
        lead_id: firstContact,
        type: `'email'`,
        occurred_at: 'occurred_at',
        direction: `case when lower(direction) like 'incoming%' then 'inbound' else 'outbound' end`,
        automated: ctx.has('sequence') ? 'sequence is not null' : 'false',
        owner_id: ctx.has('owner') ? `case when lower(direction) like 'incoming%' then null else ${ownerName} end` : 'null',
        ...pick(ctx, ['subject']),
      },
    },
  ],
};
