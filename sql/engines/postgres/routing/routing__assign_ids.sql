-- PostgreSQL's version of sql/routing/routing__assign_ids.sql, the same model: PostgreSQL tables
-- have no rowid; a row's physical place (ctid, as a number by revops_row_number in compat.sql) is
-- as unique while the table is not rewritten, which is all a start's id needs. Keep it in step.
-- grain: one row per row of routing_assign_starts. Inputs: routing_assign_starts.
select revops_row_number(ctid) as start_id, * from routing_assign_starts
