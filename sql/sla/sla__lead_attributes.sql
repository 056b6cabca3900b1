-- sla__lead_attributes: what the SLA and speed-to-lead reports group and list by, per lead: owner
-- (name, else id), team, source, the owner's business calendar and the --by value.
-- grain: one row per lead of dim_leads.
-- A view (src/sla/outcomes.ts), joined on lead_id by the queries that group or list instances
-- (sla__compliance, sla__leaks, sla__breach_rows, speed_to_lead__stats): the instances themselves
-- carry only the lead's id, since each of them is written two or three times on the way (at 10M
-- leads, 45M instances carrying these strings spilled 32 GB under a 4 GB limit). The --by field
-- comes from the one-row table sla_report_params (a view cannot hold a parameter).
with grouped as (
    select lead_fields.lead_id, max(lead_fields.value) as value
    from lead_fields
    join sla_report_params as params on lead_fields.field = params.group_field and params.group_field <> ''
    group by lead_fields.lead_id
),

final as (
    select
        leads.lead_id,
        coalesce(leads.owner_name, leads.owner_id, '(no owner)') as owner,
        coalesce(leads.team, '(no team)') as team,
        coalesce(leads.source, '(none)') as source,
        -- the business calendar of the lead's owner, as the instances were measured on
        coalesce(calendars.calendar_key, 'default') as calendar_key,
        coalesce(case params.group_field
            when '' then null
            when 'owner' then coalesce(leads.owner_name, leads.owner_id)
            when 'team' then leads.team
            when 'source' then leads.source
            when 'source_system' then leads.source_system
            else grouped.value
        end, '(none)') as by_value
    from dim_leads as leads
    cross join sla_report_params as params
    left join grouped on grouped.lead_id = leads.lead_id
    left join owner_calendars as calendars on calendars.owner_id = leads.owner_id
)

select * from final
