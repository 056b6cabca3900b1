-- PostgreSQL's version of sql/calendar/business_clock.sql, the same lookups: here
-- business_clock_intervals is a table with two indexes, not a view. The LATERAL lookups that stand
-- in for ASOF JOIN (business_minutes.sql, business_deadlines.sql) filter it on open_at and on
-- cumulative_minutes_before; PostgreSQL cannot push those filters below a view's window function
-- (lead() over the calendar), so over the view every lookup computed the window over all of the
-- calendar's intervals again, for every row looked up: rows × intervals. A table indexed on
-- (calendar_key, open_at) and (calendar_key, cumulative_minutes_before) makes each lookup one index
-- probe. Keep it in step with the portable file.
--
-- business_clock_intervals: one row per working interval, with its length in minutes and the
-- next opening of the same calendar. Lengths subtract epoch_us: `timestamptz - timestamptz` goes
-- through ICU calendar arithmetic and is orders of magnitude slower.
create or replace table business_clock_intervals as
select
  calendar_key,
  open_at,
  close_at,
  cumulative_minutes_before,
  (epoch_us(close_at) - epoch_us(open_at)) / cast(60e6 as double) as interval_minutes,
  lead(open_at) over (partition by calendar_key order by open_at) as next_open_at
from business_intervals;

create index business_clock_intervals_by_open on business_clock_intervals (calendar_key, open_at);

create index business_clock_intervals_by_position on business_clock_intervals (calendar_key, cumulative_minutes_before);

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
