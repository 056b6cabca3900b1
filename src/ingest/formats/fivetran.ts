/**
 * Fivetran dumps reuse the HubSpot and Salesforce specs (their snake_case names are among each
 * spec's header alternatives); a file is reported as `fivetran` when it carries Fivetran's own
 * columns. Shapes only Fivetran produces live here.
 */
import type { FormatSpec, LogicalColumn } from './types.js';
import { headerKey } from './types.js';

export const isFivetranDump = (header: string[]) => header.some((h) => headerKey(h).startsWith('_fivetran_'));

/** A row Fivetran keeps after the source deleted it: rejected with this reason, not loaded. */
export const fivetranDeleted: LogicalColumn = {
  headers: ['_fivetran_deleted'],
  kind: 'boolean',
  rejectIfTrue: 'deleted at the source (_fivetran_deleted)',
};

const engagementType = `lower(type)`;

/**
 * HubSpot's `engagement` table (dbt_hubspot_source `get_engagement_columns`): one row per call,
 * email, meeting, note or task, with its time and owner but not its contacts, which are in
 * `engagement_contact` (below; the loader links the two after each load). An incoming email is the
 * lead writing: inbound, with no owner, and not a sales touch.
 */
export const fivetranHubspotEngagement: FormatSpec = {
  crm: 'hubspot',
  object: 'activities',
  variant: 'hubspot_engagement',
  description: 'HubSpot engagement table (Fivetran): calls, emails, meetings, notes and tasks; contacts in engagement_contact',
  required: {
    activity_id: { headers: ['id'], nonEmpty: true },
    type: { headers: ['type'], nonEmpty: true },
    occurred_at: { headers: ['timestamp'], kind: 'timestamp', nonEmpty: true },
    portal_id: { headers: ['portal_id'] },
  },
  optional: { owner_id: { headers: ['owner_id'] }, deleted: fivetranDeleted },
  excludes: ['engagement_id', 'contact_id', 'name', 'value'],
  key: ['activity_id'],
  emit: () => [
    {
      target: 'activities',
      columns: {
        activity_id: 'activity_id',
        type: `case when ${engagementType} in ('email', 'incoming_email', 'forwarded_email') then 'email' else ${engagementType} end`,
        direction: `case ${engagementType} when 'incoming_email' then 'inbound' when 'email' then 'outbound' when 'forwarded_email' then 'outbound' end`,
        owner_id: `case when ${engagementType} = 'incoming_email' then null else owner_id end`,
        occurred_at: 'occurred_at',
        automated: 'false',
      },
    },
  ],
};

/** HubSpot's `engagement_contact` table: which contacts (leads) each engagement was with. */
export const fivetranHubspotEngagementContact: FormatSpec = {
  crm: 'hubspot',
  object: 'activity_leads',
  variant: 'hubspot_engagement_contact',
  description: 'HubSpot engagement_contact table (Fivetran): the contacts of each engagement',
  required: { activity_id: { headers: ['engagement_id'], nonEmpty: true }, lead_id: { headers: ['contact_id'], nonEmpty: true } },
  optional: { deleted: fivetranDeleted },
  key: ['activity_id', 'lead_id'],
  emit: () => [{ target: 'activity_leads', columns: { activity_id: 'activity_id', lead_id: 'lead_id' } }],
};

export const fivetranFormats: FormatSpec[] = [fivetranHubspotEngagement, fivetranHubspotEngagementContact];
