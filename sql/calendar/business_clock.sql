-- The business clock's two lookups, shared by business_minutes.sql and business_deadlines.sql.
-- Created by src/calendar/calendar.ts after business_intervals.
--
-- business_clock_intervals: one row per working interval, with its length in minutes and the
-- next opening of the same calendar. Lengths subtract epoch_us: `timestamptz - timestamptz` goes
-- through ICU calendar arithmetic and is orders of magnitude slower.
create or replace view business_clock_intervals as
select
  calendar_key,
  open_at,
  close_at,
  cumulative_minutes_before,
  (epoch_us(close_at) - epoch_us(open_at)) / cast(60e6 as double) as interval_minutes,
  lead(open_at) over (partition by calendar_key order by open_at) as next_open_at
from business_intervals;

-- business_calendar_coverage: the instants a calendar speaks for, from its first local midnight
-- to the midnight after its last day, and its first opening.
create or replace view business_calendar_coverage as
select
  calendars.calendar_key,
  timezone(calendars.timezone, cast(calendars.first_day as timestamp)) as covered_from,
  timezone(calendars.timezone, cast(calendars.last_day + 1 as timestamp)) as covered_until,
  min(intervals.open_at) as first_open_at
from business_calendars as calendars
left join business_intervals as intervals on intervals.calendar_key = calendars.calendar_key
group by calendars.calendar_key, calendars.timezone, calendars.first_day, calendars.last_day;
