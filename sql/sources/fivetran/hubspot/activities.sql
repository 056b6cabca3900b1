-- activities from Fivetran's HubSpot `engagement`, with the lead from `engagement_contact` (the
-- lowest contact id when an engagement was with several), as the loader links the two. CALL,
-- MEETING, NOTE and TASK become call, meeting, note, task; EMAIL and FORWARDED_EMAIL an outbound
-- email; INCOMING_EMAIL an inbound email with no owner (the lead writing, never a sales touch).
with engagements as (
    select
        engagement.id::text as activity_id,
        lower(engagement.type::text) as type,
        engagement.owner_id::text as owner_id,
        fivetran_instant(engagement."timestamp") as occurred_at
    from engagement
    where not fivetran_deleted(to_jsonb(engagement) ->> '_fivetran_deleted')
)

select
    engagements.activity_id,
    (select min(engagement_contact.contact_id::text) from engagement_contact where engagement_contact.engagement_id::text = engagements.activity_id) as lead_id,
    case when engagements.type = 'incoming_email' then null else engagements.owner_id end as owner_id,
    case when engagements.type in ('email', 'incoming_email', 'forwarded_email') then 'email' else engagements.type end as type,
    case engagements.type when 'incoming_email' then 'inbound' when 'email' then 'outbound' when 'forwarded_email' then 'outbound' end as direction,
    engagements.occurred_at,
    false as automated,
    null::text as subject,
    4 as load_id,
    null::integer as source_row
from engagements
where engagements.occurred_at is not null and engagements.type is not null
