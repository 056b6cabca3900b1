-- activity_leads, empty: the source keeps an activity's lead on the activity itself.
select null::text as activity_id, null::text as lead_id, null::integer as load_id, null::integer as source_row where false
