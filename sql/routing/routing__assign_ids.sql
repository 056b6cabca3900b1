-- routing__assign_ids: each start of routing_assign_starts with an id naming it for this run: the
-- row's rowid (the table is written once). A row_number() over a global sort was the assignment
-- model's largest cost, so the starts carry no id column of their own.
-- grain: one row per row of routing_assign_starts. Inputs: routing_assign_starts.
select rowid as start_id, * from routing_assign_starts
