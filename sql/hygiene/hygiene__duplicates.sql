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
-- The key kind (0 email, 1 email_normalised, 2 name+domain, 3 name+phone) stands for the tier and
-- its label while grouping, and the survivor is found by its rank (a number, unique per lead):
-- a hash aggregate over every key costs less on numbers than on text.
with keys as (
    select lead_id, survivor_rank, 0 as kind, email_exact as match_key from hygiene__contacts where email_exact is not null
    union all
    select lead_id, survivor_rank, 1, email_norm from hygiene__contacts where email_norm is not null
    union all
    select lead_id, survivor_rank, 2, name_norm || ' @' || company_domain from hygiene__contacts
    where name_norm is not null and company_domain is not null
    union all
    select lead_id, survivor_rank, 3, name_norm || ' ' || phone_e164 from hygiene__contacts
    where name_norm is not null and phone_e164 is not null
),

clusters as (
    select kind, match_key, cast(count(*) as integer) as members, min(survivor_rank) as survivor_rank
    from keys
    group by kind, match_key
    having count(*) > 1
),

duplicates as (
    select kind, match_key, members, survivor_rank, lead_id
    from (
        select
            clusters.kind, clusters.match_key, clusters.members, clusters.survivor_rank, keys.lead_id,
            -- each duplicate once: at the first tier (then key kind, in the order above) that finds it;
            -- a lead has one key per kind, so the kind alone orders its clusters
            row_number() over (partition by keys.lead_id order by clusters.kind) as nth
        from clusters
        join keys using (kind, match_key)
        where keys.survivor_rank <> clusters.survivor_rank
    ) found
    where nth = 1
),

final as (
    select
        case duplicates.kind when 0 then 1 when 1 then 2 else 3 end as tier,
        case duplicates.kind when 0 then 'email' when 1 then 'email_normalised' when 2 then 'name+domain' else 'name+phone' end as matched_on,
        duplicates.match_key,
        duplicates.members,
        survivors.lead_id as survivor_id,
        duplicates.lead_id
    from duplicates
    join hygiene__contacts as survivors on survivors.survivor_rank = duplicates.survivor_rank
)

select * from final
