-- opportunity_events, empty: no deal field history mapped (docs/engines.md).
select null::text as opportunity_id, null::text as field, null::text as value, null::text as old_value,
       null::timestamptz as changed_at, null::text as origin, null::boolean as inferred,
       null::integer as load_id, null::integer as source_row
where false
