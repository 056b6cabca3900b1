-- hygiene__duplicates: one row per duplicate lead (a cluster member that is not its survivor),
-- with the cluster that found it and its survivor.
-- A cluster is the leads sharing one blocking key of a tier (reads hygiene__contacts):
--   tier 1 email             the address as typed, trimmed
--   tier 2 email_normalised  lowercase, no whitespace, +tag removed, dots removed at gmail.com, googlemail.com → gmail.com
--   tier 3 name+domain       full name normalised + the email's company domain (free-mail domains never match)
--   tier 3 name+phone        full name normalised + the phone in E.164
-- Grouping on the key is the blocking: the cost is a hash aggregate over the leads, not a
-- comparison of every pair. A lead is listed once, at the first tier that makes it a duplicate;
-- the survivor is the cluster member with the lowest survivor_rank (the configured rule).
with contacts as (
    select * from hygiene__contacts
),

keys as (
    select lead_id, survivor_rank, 1 as tier, 'email' as matched_on, email_exact as match_key from contacts where email_exact is not null
    union all
    select lead_id, survivor_rank, 2, 'email_normalised', email_norm from contacts where email_norm is not null
    union all
    select lead_id, survivor_rank, 3, 'name+domain', name_norm || ' @' || company_domain from contacts
    where name_norm is not null and company_domain is not null
    union all
    select lead_id, survivor_rank, 3, 'name+phone', name_norm || ' ' || phone_e164 from contacts
    where name_norm is not null and phone_e164 is not null
),

clusters as (
    select
        tier,
        matched_on,
        match_key,
        cast(count(*) as integer) as members,
        arg_min(lead_id, survivor_rank) as survivor_id
    from keys
    group by tier, matched_on, match_key
    having count(*) > 1
),

final as (
    select
        clusters.tier,
        clusters.matched_on,
        clusters.match_key,
        clusters.members,
        clusters.survivor_id,
        keys.lead_id
    from clusters
    join keys using (tier, matched_on, match_key)
    where keys.lead_id <> clusters.survivor_id
    -- each duplicate once: at the first tier (then key kind, in the order above) that finds it
    qualify row_number() over (
        partition by keys.lead_id
        order by clusters.tier, case clusters.matched_on when 'name+domain' then 0 else 1 end, clusters.match_key
    ) = 1
)

select * from final
