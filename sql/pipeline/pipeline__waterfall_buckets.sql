-- pipeline__waterfall_buckets: one row per waterfall bucket, in the identity's order, from
-- pipeline_waterfall: the deals and whole cents of each. Start and pulled in count the deals'
-- amounts at the first instant, new and every exit their amounts at the second; increased and
-- decreased sum the changes of the deals that entered as start or pulled in.
with deals as (
    select * from pipeline_waterfall
),

buckets as (
    select 1 as position, 'start' as bucket, 0 as sign, count(*) filter (where entry = 'start') as deals,
           coalesce(sum(entry_cents) filter (where entry = 'start'), 0) as cents from deals
    union all
    select 2, 'new', 1, count(*) filter (where entry = 'new'), coalesce(sum(entry_cents) filter (where entry = 'new'), 0) from deals
    union all
    select 3, 'pulled_in', 1, count(*) filter (where entry = 'pulled_in'), coalesce(sum(entry_cents) filter (where entry = 'pulled_in'), 0) from deals
    union all
    select 4, 'increased', 1, count(*) filter (where change_cents > 0), coalesce(sum(change_cents) filter (where change_cents > 0), 0) from deals
    union all
    select 5, 'won', -1, count(*) filter (where exit = 'won'), coalesce(sum(end_cents) filter (where exit = 'won'), 0) from deals
    union all
    select 6, 'lost', -1, count(*) filter (where exit = 'lost'), coalesce(sum(end_cents) filter (where exit = 'lost'), 0) from deals
    union all
    select 7, 'pushed_out', -1, count(*) filter (where exit = 'pushed_out'), coalesce(sum(end_cents) filter (where exit = 'pushed_out'), 0) from deals
    union all
    select 8, 'pulled_out', -1, count(*) filter (where exit = 'pulled_out'), coalesce(sum(end_cents) filter (where exit = 'pulled_out'), 0) from deals
    union all
    select 9, 'decreased', -1, count(*) filter (where change_cents < 0), coalesce(-sum(change_cents) filter (where change_cents < 0), 0) from deals
    union all
    select 10, 'end', 0, count(*) filter (where exit = 'end'), coalesce(sum(end_cents) filter (where exit = 'end'), 0) from deals
),

final as (
    select position, bucket, sign, cast(deals as integer) as deals, cast(cents as bigint) as cents
    from buckets
)

select * from final
order by position
