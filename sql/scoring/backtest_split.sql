-- backtest_split: the judged cohort (resolved or unresolved leads of backtest_cohort) split by
-- time into development and holdout (docs/scoring-backtest.md, "Split").
-- Grain: one row per eligible lead.
-- An account's partition is decided by its earliest decision, so contacts of one account never
-- straddle partitions. A development lead whose outcome window (embargo) reaches past the first
-- holdout decision is 'embargoed': its label was not known when the holdout began.
-- Parameters: $holdout_from, $embargo_seconds.
create or replace temp table backtest_split as
with eligible as (
    select * from backtest_cohort where status in ('resolved', 'unresolved')
),

accounts as (
    select account_key, min(decided_at) as account_first_decision
    from eligible
    group by account_key
),

parted as (
    select e.*, a.account_first_decision,
           case when a.account_first_decision < $holdout_from::timestamptz then 'development' else 'holdout' end as partition
    from eligible e
    join accounts a on a.account_key = e.account_key
),

first_holdout as (
    select coalesce(min(decided_at), $holdout_from::timestamptz) as decided_at
    from parted
    where partition = 'holdout'
),

final as (
    -- backtest_cohort's columns, status replaced (an explicit list: PostgreSQL has no * replace)
    select p.lead_id, p.account_key, p.created_at, p.decided_at, p.decided_by_fallback, p.mql_at, p.target_at, p.horizon_ends_at,
           case when p.status = 'resolved' and p.partition = 'development'
                     and p.decided_at + to_seconds($embargo_seconds::bigint) > h.decided_at
                then 'embargoed' else p.status end as status,
           p.won, p.routed, p.account_first_decision, p.partition,
           h.decided_at as first_holdout_decision
    from parted p
    cross join first_holdout h
)

select * from final
