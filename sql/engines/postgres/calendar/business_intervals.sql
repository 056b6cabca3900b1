-- PostgreSQL's version of sql/calendar/business_intervals.sql, the same model: PostgreSQL's
-- generate_series is a set-returning function (DuckDB's returns a list to unnest) and PostgreSQL has
-- no ANTI JOIN (NOT EXISTS instead); and an index on (calendar_key, open_at) is made after it. Keep it
-- in step with the portable model.
-- business_intervals: when the business clock runs, as instants.
-- grain: one row per calendar, local working day and working interval of that day.
-- Inputs (written by src/calendar/calendar.ts): business_calendars (key, zone, day range),
-- business_calendar_hours (weekly hours as minutes after local midnight) and
-- business_calendar_holidays (local dates off).
-- Wall times become instants in the calendar's own zone (ICU `timezone(zone, timestamp)`), so an
-- interval is 8 real hours on the day clocks change, and a Berlin 09:00 is 08:00 or 07:00 UTC.
-- cumulative_minutes_before is the business clock at the interval's opening: working minutes of
-- every earlier interval of the calendar. Business minutes between two instants are the difference
-- of their positions on that clock (sql/calendar/business_minutes.sql).

create or replace table business_intervals as
with days as (
  select
    calendar_key,
    timezone,
    cast(generate_series(cast(first_day as timestamp), cast(last_day as timestamp), interval '1 day') as date) as day
  from business_calendars
),

working_days as (
  select days.*
  from days
  where not exists (
    select 1 from business_calendar_holidays as holidays
    where holidays.calendar_key = days.calendar_key and holidays.day = days.day
  )
),

intervals as (
  select
    working_days.calendar_key,
    working_days.day,
    -- local wall time on that date, read in the calendar's zone; 24:00 is the next midnight
    timezone(working_days.timezone, cast(working_days.day as timestamp) + to_minutes(hours.open_minute)) as open_at,
    timezone(working_days.timezone, cast(working_days.day as timestamp) + to_minutes(hours.close_minute)) as close_at
  from working_days
  join business_calendar_hours as hours
    on hours.calendar_key = working_days.calendar_key and hours.isodow = isodow(working_days.day)
),

final as (
  select
    calendar_key,
    day,
    open_at,
    close_at,
    coalesce(
      sum((epoch_us(close_at) - epoch_us(open_at)) / cast(60e6 as double)) over (
        partition by calendar_key order by open_at
        rows between unbounded preceding and 1 preceding
      ),
      0
    ) as cumulative_minutes_before
  from intervals
  -- a wall time inside a spring-forward gap can leave an interval empty or inverted: no working time
  where close_at > open_at
)

select * from final
order by calendar_key, open_at;

-- Lookups by calendar and instant (the LATERAL stand-ins for ASOF JOIN on this table): one index
-- probe each instead of a scan of the calendar's intervals.
create index business_intervals_by_open on business_intervals (calendar_key, open_at);
