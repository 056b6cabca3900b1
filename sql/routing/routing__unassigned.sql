-- routing__unassigned: leads nobody can work: no owner, a Salesforce queue (ids starting 00G), or
-- an owner the owners export marks inactive (Salesforce User IsActive = false, canonical active).
-- grain: one row per lead created at or before $as_of with one of these reasons (the first that applies).
-- age_days: days from creation to the as-of. never_owned_mql: the lead became MQL in the window and no
-- person owned it at or after that entry (routing_assign_starts status unassigned).
-- Parameters: $as_of. Inputs: dim_leads, routing_owner_keys, routing_assign_starts.
with leads as (
    select lead_id, company, created_at, owner_id, coalesce(owner_name, owner_id) as owner, current_stage
    from dim_leads
    -- a lead known only from stage history has no exported owner field: not "no owner"
    where source_system is not null and (created_at is null or created_at <= $as_of)
),

never_owned as (
    select distinct lead_id from routing_assign_starts where start_kind = 'mql' and status = 'unassigned'
),

flagged as (
    select
        leads.*,
        case
            when nullif(nullif(lower(trim(leads.owner_id)), ''), 'null') is null then 'no_owner'
            when trim(leads.owner_id) like '00G%' then 'queue'
            when keys.active = false then 'inactive_owner'
        end as reason
    from leads
    left join routing_owner_keys as keys on keys.owner_key = leads.owner_id
),

final as (
    select
        flagged.lead_id,
        flagged.company,
        nullif(trim(flagged.owner_id), '') as owner_id,
        flagged.owner,
        flagged.reason,
        flagged.current_stage as stage,
        flagged.created_at,
        (epoch($as_of) - epoch(flagged.created_at)) / 86400.0 as age_days,
        never_owned.lead_id is not null as never_owned_mql
    from flagged
    left join never_owned on never_owned.lead_id = flagged.lead_id
    where flagged.reason is not null
)

-- unordered: the report sorts when it lists the oldest (src/routing/lists.ts)
select * from final
