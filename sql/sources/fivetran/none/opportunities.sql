-- opportunities, empty: the Fivetran schema has no deal table this source maps (docs/engines.md).
select null::text as opportunity_id, null::text as source_system, null::text as name, null::text as lead_id,
       null::text as account_id, null::float8 as amount, null::text as currency, null::text as owner_id,
       null::text as pipeline, null::text as stage_raw, null::timestamptz as created_at, null::date as close_date,
       null::boolean as is_closed, null::boolean as is_won, null::text as loss_reason, null::timestamptz as snapshot_at,
       null::integer as load_id, null::integer as source_row
where false
