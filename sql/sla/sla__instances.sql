-- sla__instances: one row per SLA and start instance inside the report window (docs/sla.md).
-- grain: one row per (sla_position, start) of sql/sla/sla__starts.sql: each start repeated for
-- every SLA that begins with it; the SLA is its position in sla_definitions (an integer:
-- sla__judged joins its name). Each entry is its own instance (a lead MQL'd twice is measured
-- twice); an instance runs until the lead's next start (next_start_at).
-- A view (src/sla/outcomes.ts), read once, where the instances meet their ends (the table
-- sla_instance_ends): at 10M leads the 45M instances as a table of their own were one more write
-- and read of every row, and the ends' join's build side.
-- instance_id is the start's reference times 1024 plus the SLA's position, unique per instance
-- (up to 1024 SLAs; src/sla/definitions.ts checks); sql/sla/sla__ends.sql and sla__leaks.sql rely on it.
with final as (
    select
        cast(starts.start_ref * 1024 + definitions.position as bigint) as instance_id,
        definitions.position as sla_position,
        starts.lead_id,
        starts.start_at,
        starts.next_start_at,
        starts.owner_id,
        starts.calendar_key
    from sla_starts as starts
    join sla_definitions as definitions on definitions.start_key = starts.start_key
    where not definitions.after_recycle or starts.after_recycle
)

select * from final
