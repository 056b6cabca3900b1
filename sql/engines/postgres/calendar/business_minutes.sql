-- PostgreSQL's version of sql/calendar/business_minutes.sql, the same model: PostgreSQL has no ASOF
-- JOIN, so the interval in force at each instant is a LATERAL subquery (the last opening at or
-- before it; business_intervals is ordered by calendar and opening, and an index on them keeps it a
-- lookup on a server). Keep it in step with the portable model.
-- Business minutes between two instants, for every row of {{pairs}}.
-- grain: one row per row of {{pairs}} (calendar_key, start_at, end_at, and any other columns,
-- passed through as the row itself, bt_row), with clock_start_at, business_minutes and wall_minutes.
-- Filled in by src/calendar/businessTime.ts: {{pairs}} the input relation, {{output}} the table or
-- view made ({{kind}}).
--
-- The business clock of a calendar reads, at instant t, the working minutes since the calendar
-- began: position(t) = cumulative_minutes_before of the last interval opened at or before t
-- + the minutes of that interval already elapsed at t (all of them once it has closed).
-- business_minutes = position(end_at) - position(start_at). A start outside hours therefore
-- counts from the next opening (clock_start_at), and nights, weekends and holidays add nothing.
-- Null when an instant lies outside the built calendar, the key has no calendar, end_at is null,
-- or end_at is before start_at (wall_minutes then shows the negative gap, for data checks).
-- Differences are taken on epoch_us, not `timestamptz - timestamptz`: the latter goes through ICU
-- calendar arithmetic and costs ~9 s per million rows instead of milliseconds.

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

pairs as (
  select input as bt_row, input.calendar_key, input.start_at, input.end_at
  from {{pairs}} as input
),

-- the interval in force at each end of the pair: the last one opened at or before the instant
-- (none yet: the clock still reads 0 and starts at the calendar's first opening)
located as (
  select
    pairs.*,
    pairs.start_at >= coverage.covered_from and pairs.start_at <= coverage.covered_until as start_covered,
    pairs.end_at >= coverage.covered_from and pairs.end_at <= coverage.covered_until as end_covered,
    coalesce(
      at_start.cumulative_minutes_before
        + least(at_start.interval_minutes, (epoch_us(pairs.start_at) - epoch_us(at_start.open_at)) / cast(60e6 as double)),
      0
    ) as start_position,
    case
      when at_start.open_at is null then coverage.first_open_at
      when pairs.start_at < at_start.close_at then pairs.start_at
      else at_start.next_open_at
    end as next_working_at,
    coalesce(
      at_end.cumulative_minutes_before
        + least(at_end.interval_minutes, (epoch_us(pairs.end_at) - epoch_us(at_end.open_at)) / cast(60e6 as double)),
      0
    ) as end_position
  from pairs
  left join coverage on coverage.calendar_key = pairs.calendar_key
  left join lateral (
    select * from intervals
    where intervals.calendar_key = pairs.calendar_key and intervals.open_at <= pairs.start_at
    order by intervals.open_at desc limit 1
  ) as at_start on true
  left join lateral (
    select * from intervals
    where intervals.calendar_key = pairs.calendar_key and intervals.open_at <= pairs.end_at
    order by intervals.open_at desc limit 1
  ) as at_end on true
),

final as (
  select
    (bt_row).*,
    case when start_covered then next_working_at end as clock_start_at,
    case when start_covered and end_covered and end_at >= start_at then end_position - start_position end as business_minutes,
    (epoch_us(end_at) - epoch_us(start_at)) / cast(60e6 as double) as wall_minutes
  from located
)

select * from final;
