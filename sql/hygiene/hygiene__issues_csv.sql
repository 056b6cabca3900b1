-- hygiene__issues_csv: every flagged record of every hygiene list, as the cells of the CSV export
-- (`hygiene --format csv`), written by src/hygiene/issuesCsv.ts with the engine's COPY (Engine.writeCsv).
-- grain: one row per flagged record and list; lists in the report's order, each in its own order.
-- Reads the report's temp tables (hygiene__duplicates, __contacts, __accounts, __required,
-- __lead_status). Text cells go through neutralised_cell (the rules of src/reports/escape.ts);
-- the reasons read as src/reports/hygieneReport.ts hygieneIssues writes them.
with issues as (
    select 1 as list_order, 'duplicate' as list, 'lead' as record_type, lead_id as record_id, null as owner_id, null as stage,
           'tier ' || tier || ' ' || matched_on || ': ' || match_key as reason, survivor_id as related_id,
           tier as k1, matched_on as k2, match_key as k3, lead_id as k4, 0.0 as n1
    from hygiene__duplicates
    union all
    select 2, 'account_spelling', 'account', spelling, null, null, 'tier 4 company_normalised: ' || match_key, survivor_spelling,
           0, match_key, spelling, '', 0.0
    from hygiene__accounts where not is_survivor
    union all
    select 3, 'missing_fields', record_type, record_id, any_value(owner_id), rule,
           'missing ' || string_agg(field, ', ' order by field_order), null, rule_order, record_id, '', '', 0.0
    from hygiene__required where not is_present
    group by rule_order, rule, record_type, record_id
    union all
    select 4, 'stuck', 'lead', lead_id, owner_id, stage,
           -- rounded half up first, as JS toFixed does (a format alone rounds 12.25 to 12.2); one decimal kept by the cast
           cast(cast(round(days_in_stage, 1) as decimal(18, 1)) as varchar) || ' d in stage, '
               || cast(cast(round(days_in_stage / median_days, 1) as decimal(18, 1)) as varchar) || '× the median '
               || cast(cast(round(median_days, 1) as decimal(18, 1)) as varchar) || ' d', null,
           0, '', '', lead_id, -(days_in_stage / median_days)
    from hygiene__lead_status where is_stuck
    union all
    select 5, 'stale', 'lead', lead_id, owner_id, stage,
           case when last_activity_at is not null then 'last activity ' || strftime(make_timestamp(epoch_us(last_activity_at)), '%Y-%m-%dT%H:%M:%SZ')
                else trim('no activity since creation ' || coalesce(strftime(make_timestamp(epoch_us(created_at)), '%Y-%m-%dT%H:%M:%SZ'), '')) end,
           null, 0, '', '', lead_id, epoch(greatest(last_activity_at, created_at))
    from hygiene__lead_status where is_stale
    union all
    select 6, 'unknown_stage', 'lead', lead_id, owner_id, stage,
           case when stage_raw is null then 'no stage' else 'stage value "' || stage_raw || '" maps to no stage' end, null, 0, '', '', lead_id, 0.0
    from hygiene__lead_status where is_unknown_stage
    union all
    select 7, 'unowned', 'lead', lead_id, null, stage, 'no owner', null, 0, '', '', lead_id, 0.0
    from hygiene__lead_status where is_unowned
),

final as (
    select
        list,
        record_type,
        neutralised_cell(record_id) as record_id,
        neutralised_cell(owner_id) as owner_id,
        neutralised_cell(stage) as stage,
        neutralised_cell(reason) as reason,
        neutralised_cell(related_id) as related_id,
        list_order, n1, k1, k2, k3, k4
    from issues
)

-- ordered last, in the outer select: an order inside a CTE need not survive on PostgreSQL
select list, record_type, record_id, owner_id, stage, reason, related_id
from final
order by list_order, n1, k1, k2 collate "C", k3 collate "C", k4 collate "C"
