-- routing__committees: accounts where enough contacts engaged close together to be a buying committee.
-- grain: one row per account with at least $min_contacts distinct contacts engaging within
-- $window_days days of each other, between $from and $as_of; the first $limit by contacts, then
-- account key (the report's list).
-- The account: the lead's account id, else its company name (trimmed, any case). Engaging: an
-- engagement event, or an inbound activity (the contact writing or calling in). The best window
-- ends at some engagement e and holds every contact engaging in (e - window, e]; the account's row
-- describes the window with the most contacts (the earliest such).
-- Whether they share an owner: all of the window's contacts have one and the same current owner.
-- Parameters: $from, $as_of, $min_contacts, $window_days, $limit. Inputs: engagement_events, activities, dim_leads.
with accounts as (
    select lead_id, owner_id, coalesce(owner_name, owner_id) as owner,
           coalesce(nullif(trim(account_id), ''), 'company:' || lower(trim(company))) as account_key,
           coalesce(company, account_id) as account
    from dim_leads
    where nullif(trim(account_id), '') is not null or nullif(trim(company), '') is not null
),

engagements as (
    select lead_id, occurred_at from engagement_events where occurred_at >= $from and occurred_at <= $as_of
    union
    select lead_id, occurred_at from activities
    where direction = 'inbound' and lead_id is not null and occurred_at >= $from and occurred_at <= $as_of
),

-- each contact's engagements, once per instant
touches as (
    select distinct accounts.account_key, accounts.account, engagements.lead_id, engagements.occurred_at
    from engagements
    join accounts on accounts.lead_id = engagements.lead_id
),

-- The contacts of the window ending at e are those with a touch t in (e - window, e], that is
-- with e in [t, t + window). So each contact is inside the windows of a few stretches of time: its
-- touches less than a window apart make one stretch [first touch, last touch + window). The count
-- at each instant is then a running sum of +1 where a stretch starts and -1 where one ends, one
-- sort per account, where a self-join of the account's touches grows with the square of them (at
-- 10M leads it spilled past the free disk).
stretch_starts as (
    select account_key, lead_id, occurred_at,
           case when lag(occurred_at) over (partition by account_key, lead_id order by occurred_at)
                     >= occurred_at - to_days(cast($window_days as integer)) then 0 else 1 end as starts_stretch
    from touches
),

numbered_stretches as (
    select account_key, lead_id, occurred_at,
           sum(starts_stretch) over (partition by account_key, lead_id order by occurred_at rows unbounded preceding) as stretch
    from stretch_starts
),

stretches as (
    select account_key, min(occurred_at) as stretch_start, max(occurred_at) + to_days(cast($window_days as integer)) as stretch_end
    from numbered_stretches
    group by account_key, lead_id, stretch
),

-- a stretch ends where its end is (exclusive): the changes of one instant are summed before the
-- count is read, so a contact leaving and one arriving at the same instant leave it even
changes as (
    select account_key, instant, sum(change) as change
    from (
        select account_key, stretch_start as instant, 1 as change from stretches
        union all
        select account_key, stretch_end, -1 from stretches
    ) as each_change
    group by account_key, instant
),

-- the contacts of the window ending at each instant the count changes; it only rises at a touch,
-- so the first instant of the highest count is a touch, the end of that window
windows as (
    select account_key, instant as window_end,
           sum(change) over (partition by account_key order by instant rows unbounded preceding) as contacts
    from changes
),

best as (
    select account_key, arg_max(window_end, contacts * 1e12 - epoch(window_end)) as window_end, max(contacts) as contacts
    from windows
    group by account_key
    having max(contacts) >= $min_contacts
    -- the report lists the first $limit: their members and owners only are worked out
    order by contacts desc, account_key
    limit $limit
),

members as (
    select distinct best.account_key, touches.lead_id
    from best
    join touches on touches.account_key = best.account_key
     and touches.occurred_at <= best.window_end
     and touches.occurred_at > best.window_end - to_days(cast($window_days as integer))
),

final as (
    select
        best.account_key,
        any_value(accounts.account) as account,
        cast(best.contacts as integer) as contacts,
        min(touches.occurred_at) as window_start,
        best.window_end,
        array_agg(distinct members.lead_id collate "C" order by members.lead_id collate "C") as lead_ids,
        array_agg(distinct coalesce(accounts.owner, '(no owner)') order by coalesce(accounts.owner, '(no owner)')) as owners,
        count(distinct accounts.owner_id) = 1 and count(*) filter (where accounts.owner_id is null) = 0 as shared_owner
    from best
    join members on members.account_key = best.account_key
    join accounts on accounts.lead_id = members.lead_id
    join touches on touches.account_key = best.account_key and touches.lead_id = members.lead_id
     and touches.occurred_at <= best.window_end
     and touches.occurred_at > best.window_end - to_days(cast($window_days as integer))
    group by best.account_key, best.contacts, best.window_end
)

select * from final
order by contacts desc, account_key
