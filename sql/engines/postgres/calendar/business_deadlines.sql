-- PostgreSQL's version of sql/calendar/business_deadlines.sql, the same model: PostgreSQL has no ASOF
-- JOIN, so the interval in force at the start and the interval holding the deadline are LATERAL
-- subqueries (the last at or before the instant, the last opening below the target position).
-- Keep it in step with the portable model.
-- Business deadlines: the instant the business clock reaches a target, for every row of {{requests}}.
-- grain: one row per row of {{requests}} (calendar_key, start_at, target_minutes, and any other
-- columns, passed through as the row itself, bt_row), with clock_start_at and deadline_at added.
-- Filled in by src/calendar/businessTime.ts: {{requests}} the input relation, {{output}} the table
-- or view made ({{kind}}).
--
-- The clock reads position(start_at) at the start (see business_minutes.sql); the deadline is where
-- it reads position(start_at) + target_minutes: inside the first interval whose stretch of the clock,
-- (cumulative_minutes_before, cumulative_minutes_before + interval_minutes], holds that reading.
-- So 4 business hours from Friday 13:00 end at Friday 17:00 (the close), not Monday 09:00; and a
-- target of 0 is the clock start (a lead arriving at night is due at the next opening).
-- Null when the start or the deadline lies outside the built calendar, or the target is negative.

create or replace {{temporary}} {{kind}} {{output}} as
-- the shared lookups of sql/calendar/business_clock.sql
-- not materialized: PostgreSQL materialises a CTE named twice, and the LATERAL lookups would then
-- scan all of it for every row instead of probing business_clock_intervals' index
with intervals as not materialized (
  select * from business_clock_intervals
),

coverage as (
  select * from business_calendar_coverage
),

requests as (
  select input as bt_row, input.calendar_key, input.start_at, input.target_minutes
  from {{requests}} as input
),

-- the clock reading at the start (0 before the first opening); see business_minutes.sql
started as (
  select
    requests.*,
    case when requests.start_at >= coverage.covered_from and requests.start_at <= coverage.covered_until then
      coalesce(
        at_start.cumulative_minutes_before
          + least(at_start.interval_minutes, (epoch_us(requests.start_at) - epoch_us(at_start.open_at)) / cast(60e6 as double)),
        0
      )
    end as start_position,
    case when requests.start_at >= coverage.covered_from and requests.start_at <= coverage.covered_until then
      case
        when at_start.open_at is null then coverage.first_open_at
        when requests.start_at < at_start.close_at then requests.start_at
        else at_start.next_open_at
      end
    end as clock_start_at
  from requests
  left join coverage on coverage.calendar_key = requests.calendar_key
  left join lateral (
    select * from intervals
    where intervals.calendar_key = requests.calendar_key and intervals.open_at <= requests.start_at
    order by intervals.open_at desc limit 1
  ) as at_start on true
),

targeted as (
  select *, start_position + target_minutes as target_position
  from started
),

-- the last interval whose clock reading at opening is below the target holds the deadline
reached as (
  select
    targeted.*,
    make_timestamptz(epoch_us(due_in.open_at) + cast(round((targeted.target_position - due_in.cumulative_minutes_before) * cast(60e6 as double)) as bigint)) as due_at,
    targeted.target_position <= due_in.cumulative_minutes_before + due_in.interval_minutes as within_calendar
  from targeted
  left join lateral (
    select * from intervals
    where intervals.calendar_key = targeted.calendar_key and intervals.cumulative_minutes_before < targeted.target_position
    order by intervals.cumulative_minutes_before desc limit 1
  ) as due_in on true
),

final as (
  select
    (bt_row).*,
    clock_start_at,
    case
      when target_minutes < 0 then null
      when target_minutes = 0 then clock_start_at
      when within_calendar then due_at
    end as deadline_at
  from reached
)

select * from final;
