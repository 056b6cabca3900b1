-- opportunity_fields, empty: no deal table mapped (docs/engines.md).
select null::text as opportunity_id, null::text as field, null::text as value, null::integer as load_id where false
