-- fct_stage_entries: one row per stage entry of a lead (stages and exit states such as recycled),
-- with when it ended (the next entry), time in stage, and what kind of move it was.
--   is_reentry:     the lead had entered this stage before (MQL twice)
--   is_recycle:     an entry into the recycled state (reason: the reason code, when exported)
--   is_regression:  back to a stage below the highest reached so far
--   is_out_of_order: the first entry into a stage dated after a higher stage was entered with no
--                   exit state in between (e.g. a customer date before the MQL date): a data problem
-- Durations subtract epoch seconds: subtracting two TIMESTAMPTZ values goes through calendar
-- arithmetic in DuckDB and is ~25x slower, with the same result for a difference in seconds.
-- One sort for the lead's sequence: every window below shares one partition and ordering (the
-- order int_lead__stage_entries defines), so DuckDB evaluates them in a single pass.
with entries as (
    select * from int_lead__stage_entries
),

sequenced as (
    select
        *,
        row_number() over by_time as event_number,
        lead(entered_at) over by_time as next_entered_at,
        lead(stage) over by_time as next_stage,
        max(stage_order) over (by_time rows between unbounded preceding and 1 preceding) as highest_order_before,
        count(*) filter (where stage_kind = 'exit') over (by_time rows between unbounded preceding and 1 preceding) as exits_before
    from entries
    -- stage_raw in byte order (collate "C"), as DuckDB sorts text: PostgreSQL's order is the database's collation
    window by_time as (partition by lead_id order by entered_at, coalesce(stage_order, 0), stage_raw collate "C")
),

positioned as (
    select
        *,
        row_number() over in_stage as entry_number_in_stage,
        -- the lead's next entry into this same stage: where an SLA instance started here ends
        lead(entered_at) over in_stage as next_entry_in_stage_at
    from sequenced
    window in_stage as (partition by lead_id, stage order by event_number)
),

final as (
    select
        lead_id,
        event_number,
        stage,
        stage_raw,
        stage_kind,
        stage_order,
        entered_at,
        next_entered_at as exited_at,
        exited_at as exported_exited_at,
        next_stage,
        case when next_entered_at is not null
             then (epoch(next_entered_at) - epoch(entered_at)) / 86400.0 end as days_in_stage,
        next_entered_at is null as is_current,
        entry_number_in_stage,
        next_entry_in_stage_at,
        entry_number_in_stage > 1 as is_reentry,
        stage = 'recycled' as is_recycle,
        stage = 'disqualified' as is_disqualification,
        coalesce(stage_kind = 'stage' and stage_order < highest_order_before, false) as is_regression,
        coalesce(stage_kind = 'stage' and entry_number_in_stage = 1 and stage_order < highest_order_before
                 and exits_before = 0, false) as is_out_of_order,
        exits_before > 0 as is_after_exit,
        reason,
        origin,
        inferred,
        load_id,
        source_row
    from positioned
)

select * from final
