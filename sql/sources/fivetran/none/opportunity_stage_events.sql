-- opportunity_stage_events, empty: no deal stage history mapped (docs/engines.md).
select null::text as opportunity_id, null::text as stage_raw, null::timestamptz as entered_at, null::float8 as amount,
       null::date as close_date, null::integer as load_id, null::integer as source_row, null::text as pipeline,
       null::timestamptz as exited_at
where false
