-- sla__judged: each instance's deadline and verdict at as_of.
-- grain: one row per instance of sla_instance_ends (the instances with their ends, from
-- sql/sla/sla__instances.sql and sla__ends.sql; src/sla/outcomes.ts), read through sla_deadlined:
-- the same rows with the business deadline added (the business clock of the lead's owner's
-- calendar, sql/calendar/business_deadlines.sql, a view over them); wall-clock targets are start + target.
-- Verdict (status):
--   met       ended by the deadline and carrying every required field
--   breached  ended after the deadline (late), not ended with the deadline passed (open), or ended
--             without a required field (missing_fields)
--   pending   not ended and the deadline is after as_of: the clock is still running
--   null      not judged: an SLA without a target whose end has not happened (it does not apply
--             yet), or a deadline outside the built calendar (counted as unmeasured)
-- A view (src/sla/outcomes.ts): the as-of comes from the one-row table sla_report_params.
with ends as (
    select
        deadlined.instance_id, definitions.sla_name, deadlined.lead_id, deadlined.start_at, deadlined.next_start_at,
        deadlined.owner_id, deadlined.calendar_key, definitions.end_kind, definitions.target_minutes, definitions.business_clock,
        definitions.require_reason, deadlined.end_at, deadlined.end_reason_blank, deadlined.deadline_at as business_deadline_at,
        sla_report_params.as_of
    from sla_deadlined as deadlined
    join sla_definitions as definitions on definitions.position = deadlined.sla_position
    cross join sla_report_params
),

deadlined as (
    select
        ends.*,
        case
            when ends.target_minutes is null then null
            when ends.business_clock then ends.business_deadline_at
            else make_timestamptz(epoch_us(ends.start_at) + cast(round(ends.target_minutes * 60e6) as bigint))
        end as deadline_at,
        ends.require_reason and ends.end_at is not null and ends.end_reason_blank as missing_fields
    from ends
),

final as (
    select
        *,
        case
            when target_minutes is null then
                case when end_at is null then null when missing_fields then 'breached' else 'met' end
            when deadline_at is null then null
            when end_at is not null and end_at <= deadline_at then case when missing_fields then 'breached' else 'met' end
            when end_at is not null then 'breached'
            when deadline_at > as_of then 'pending'
            else 'breached'
        end as status,
        case
            when target_minutes is not null and deadline_at is not null and end_at is not null and end_at > deadline_at then 'late'
            when target_minutes is not null and deadline_at is not null and end_at is null and deadline_at <= as_of then 'open'
            when missing_fields then 'missing_fields'
        end as breach_kind,
        target_minutes is not null and deadline_at is null as unmeasured,
        -- how far past the deadline the clock ran: to the end, or to the as-of while still open
        case
            when deadline_at is null then null
            when end_at is not null and end_at > deadline_at then end_at
            when end_at is null and deadline_at <= as_of then as_of
        end as late_until
    from deadlined
)

select * from final
