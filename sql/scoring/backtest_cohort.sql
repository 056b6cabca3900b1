-- backtest_cohort: one row per lead created by the as-of, with its decision time, its outcome and
-- whether it can be judged (docs/scoring-backtest.md, "Decision" and "Outcome").
-- Grain: one row per lead_id of dim_leads with a creation time at or before $as_of.
-- Parameters: $as_of, $decision ('created' | 'mql'), $offset_seconds (the N of created+N),
-- $target (a cfg_stages id), $horizon_seconds.
create or replace temp table backtest_cohort as
with leads as (
    -- the account a lead belongs to: its account id, else its company name, else itself
    select lead_id, created_at,
           coalesce(account_id, nullif(lower(trim(company)), ''), 'lead:' || lead_id) as account_key
    from dim_leads
    where created_at is not null and created_at <= $as_of::timestamptz
),

-- only what had happened by the as-of: later entries are not known to the backtest
entries as (
    select lead_id, stage, stage_order, entered_at
    from fct_stage_entries
    where stage_kind = 'stage' and entered_at <= $as_of::timestamptz
),

firsts as (
    select lead_id,
           min(entered_at) filter (where stage = 'mql') as mql_at,
           min(entered_at) filter (where stage_order >= (select stage_order from cfg_stages where stage = $target)) as target_at
    from entries
    group by lead_id
),

-- a lead never promoted to MQL has no review: it is decided after the median creation→MQL lag,
-- so it is scored with as much history as a typical MQL was (7 days when there are no MQLs)
mql_lag as (
    select coalesce(round(median(epoch(f.mql_at) - epoch(l.created_at))), 7 * 86400)::bigint as lag_seconds
    from leads l
    join firsts f on f.lead_id = l.lead_id
    where f.mql_at >= l.created_at
),

decided as (
    select l.lead_id, l.account_key, l.created_at, f.mql_at, f.target_at,
           case when $decision = 'mql' then coalesce(f.mql_at, l.created_at + to_seconds((select lag_seconds from mql_lag)))
                else l.created_at + to_seconds($offset_seconds::bigint) end as decided_at,
           ($decision = 'mql' and f.mql_at is null) as decided_by_fallback
    from leads l
    left join firsts f on f.lead_id = l.lead_id
),

final as (
    select lead_id, account_key, created_at, decided_at, decided_by_fallback, mql_at, target_at,
           decided_at + to_seconds($horizon_seconds::bigint) as horizon_ends_at,
           case when decided_at > $as_of::timestamptz then 'not_decided'
                when target_at <= decided_at then 'reached_before_decision'
                when decided_at + to_seconds($horizon_seconds::bigint) > $as_of::timestamptz then 'unresolved'
                else 'resolved' end as status,
           coalesce(target_at > decided_at and target_at <= decided_at + to_seconds($horizon_seconds::bigint), false) as won,
           -- the routing that happened: an MQL entry before the outcome was known
           coalesce(mql_at <= least(coalesce(target_at, 'infinity'::timestamptz),
                                    decided_at + to_seconds($horizon_seconds::bigint)), false) as routed
    from decided
)

select * from final
