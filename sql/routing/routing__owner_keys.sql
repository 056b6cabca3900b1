-- routing__owner_keys: what an owner value in an export can be, resolved to a person.
-- grain: one row per owner key: every owner_id, and every owner name no other owner shares (HubSpot
-- UI exports and Salesforce Text history rows name the owner instead of giving the id), as dim_leads.
-- owner_id is the person: owners exported by two CRMs under two ids but with one email are one
-- person, keyed by the lowest of their ids (a rep's share is hers, whichever CRM routed the lead).
-- active is the key's own owner row's flag. No parameters.
with owner_rows as (
    select owner_id, arg_max(name, load_id) as name, arg_max(active, load_id) as active, arg_max(lower(trim(email)), load_id) as email
    from owners
    group by owner_id
),

people as (
    select owner_rows.*,
           case when email is null or email = '' then owner_id
                else min(owner_id) over (partition by email) end as person_id
    from owner_rows
),

by_name as (
    select name as owner_key, min(person_id) as person_id, name, bool_and(active) as active
    from people
    where name is not null and name not in (select owner_id from people)
    group by name
    having count(distinct person_id) = 1
),

final as (
    select owner_id as owner_key, person_id as owner_id, name, active from people
    union all
    select owner_key, person_id, name, active from by_name
)

select * from final
