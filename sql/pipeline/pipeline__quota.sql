-- pipeline__quota: one row per line of the quota file (pipeline_quota_raw, read as text, each
-- row with its line number in the file), with
-- its period as [period_from, period_to) and its amount parsed. A period is a quarter (2024-Q3),
-- a month (2024-07) or a year (2024); a line whose period or amount does not parse keeps nulls
-- there, and the report refuses the file, naming the lines.
with raw as (
    select line_number, period, scope_key, amount from pipeline_quota_raw
),

parsed as (
    select
        line_number,
        trim(period) as period,
        trim(scope_key) as scope_key,
        try_double(replace(trim(amount), ',', '')) as amount,
        trim(amount) as amount_text,
        case
            when regexp_matches(trim(period), '^\d{4}-[Qq][1-4]$')
                then make_date(cast(substr(trim(period), 1, 4) as integer), 3 * cast(substr(trim(period), 7, 1) as integer) - 2, 1)
            when regexp_matches(trim(period), '^\d{4}-(0[1-9]|1[0-2])$')
                then make_date(cast(substr(trim(period), 1, 4) as integer), cast(substr(trim(period), 6, 2) as integer), 1)
            when regexp_matches(trim(period), '^\d{4}$') then make_date(cast(trim(period) as integer), 1, 1)
        end as period_from,
        case
            when regexp_matches(trim(period), '^\d{4}-[Qq][1-4]$') then interval '3 month'
            when regexp_matches(trim(period), '^\d{4}-(0[1-9]|1[0-2])$') then interval '1 month'
            when regexp_matches(trim(period), '^\d{4}$') then interval '1 year'
        end as period_length
    from raw
),

final as (
    select line_number, period, scope_key, amount, amount_text, period_from, cast(period_from + period_length as date) as period_to
    from parsed
)

select * from final
