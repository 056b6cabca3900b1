-- engagement_events, empty: they come from canonical files only (docs/data-model.md). Made a table
-- (src/db/fivetranViews.ts), as sla__instances numbers its rows.
select null::text as lead_id, null::text as event_type, null::timestamptz as occurred_at, null::text as detail,
       null::integer as load_id, null::integer as source_row
where false
