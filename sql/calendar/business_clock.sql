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

-- The lookups below turn "the last interval opened at or before t" (and "the last interval whose
-- clock reading at opening is below p") into equality joins on small tables, instead of ASOF joins:
-- an ASOF join sorts every row looked up, and at 10M leads that is 45M SLA instances spilled to disk,
-- while a hash join on a table of a few thousand buckets streams them.
--
-- business_clock_widths: per calendar, the width in minutes of its buckets: its shortest gap
-- between two openings or its shortest interval, whichever is shorter, so one time bucket holds at
-- most one opening and one stretch of the clock at most one interval's start. As wide as that
-- allows (8 hours for 09:00–17:00 on weekdays): the tables are hash-join build sides, three of them
-- in one speed-to-lead query, and at hourly buckets they ran out of a 100MB limit.
create or replace table business_clock_widths as
select
  calendars.calendar_key,
  cast(greatest(1, floor(coalesce(least(min(intervals.gap_minutes), min(intervals.interval_minutes)), 60))) as bigint) as bucket_minutes
from business_calendars as calendars
left join (
  select calendar_key, interval_minutes, (epoch_us(next_open_at) - epoch_us(open_at)) / cast(60e6 as double) as gap_minutes
  from business_clock_intervals
) as intervals on intervals.calendar_key = calendars.calendar_key
group by calendars.calendar_key;

-- business_clock_at: for each calendar and time bucket of its coverage (bucket = epoch_us //
-- bucket_us), the interval that opened last before the bucket began ("before") and the one that
-- opens inside it, if any ("inside"). The interval in force at an instant t of the bucket is
-- "inside" once it has opened (inside_open_us <= t), else "before". Instants as epoch microseconds.
-- An interval is "before" for every bucket that begins after its opening and at or before the next
-- opening (or the end of the coverage): each bucket gets one, by expanding the intervals, not by a join.
create or replace table business_clock_at as
with widths as (
  select widths.calendar_key, cast(widths.bucket_minutes * 60000000 as bigint) as bucket_us,
         epoch_us(coverage.covered_from) // cast(widths.bucket_minutes * 60000000 as bigint) as first_bucket,
         epoch_us(coverage.covered_until) // cast(widths.bucket_minutes * 60000000 as bigint) as last_bucket
  from business_clock_widths as widths
  join business_calendar_coverage as coverage on coverage.calendar_key = widths.calendar_key
),

buckets as (
  select calendar_key, unnest(range(first_bucket, last_bucket + 1)) as bucket
  from widths
),

opened as (
  select
    intervals.*,
    epoch_us(intervals.open_at) // widths.bucket_us as bucket,
    coalesce(epoch_us(intervals.next_open_at) // widths.bucket_us, widths.last_bucket) as last_bucket_before
  from business_clock_intervals as intervals
  join widths on widths.calendar_key = intervals.calendar_key
),

befores as (
  select *, unnest(range(bucket + 1, last_bucket_before + 1)) as bucket_before
  from opened
)

select
  buckets.calendar_key,
  buckets.bucket,
  epoch_us(before.open_at) as before_open_us,
  epoch_us(before.close_at) as before_close_us,
  before.cumulative_minutes_before as before_cumulative,
  before.interval_minutes as before_minutes,
  before.next_open_at as before_next_open_at,
  epoch_us(inside.open_at) as inside_open_us,
  epoch_us(inside.close_at) as inside_close_us,
  inside.cumulative_minutes_before as inside_cumulative,
  inside.interval_minutes as inside_minutes,
  inside.next_open_at as inside_next_open_at
from buckets
left join befores as before on before.calendar_key = buckets.calendar_key and before.bucket_before = buckets.bucket
left join opened as inside on inside.calendar_key = buckets.calendar_key and inside.bucket = buckets.bucket;

-- business_clock_due: the same on the clock itself. Stretch k of a calendar holds the readings
-- (k·w, (k+1)·w] (w = bucket_minutes): "before" is the last interval whose reading at opening is at
-- most k·w, "inside" the one whose reading at opening lies strictly inside the stretch, if any. The
-- interval that holds reading p of stretch k is "inside" when inside_cumulative < p, else "before".
-- An interval is "before" for the stretches from its reading at opening to the next interval's
-- (the last one: to the stretch holding the calendar's last reading, the close of its last interval).
create or replace table business_clock_due as
with stretched as (
  select
    intervals.*,
    widths.bucket_minutes,
    cast(floor(intervals.cumulative_minutes_before / widths.bucket_minutes) as bigint) as stretch,
    cast(ceil(intervals.cumulative_minutes_before / widths.bucket_minutes) as bigint) as first_stretch_before,
    coalesce(
      cast(ceil(lead(intervals.cumulative_minutes_before) over (partition by intervals.calendar_key order by intervals.open_at) / widths.bucket_minutes) as bigint),
      cast(ceil((intervals.cumulative_minutes_before + intervals.interval_minutes) / widths.bucket_minutes) as bigint) + 1
    ) as end_stretch_before
  from business_clock_intervals as intervals
  join business_clock_widths as widths on widths.calendar_key = intervals.calendar_key
),

befores as (
  select *, unnest(range(first_stretch_before, end_stretch_before)) as stretch_before
  from stretched
)

select
  before.calendar_key,
  before.stretch_before as stretch,
  epoch_us(before.open_at) as before_open_us,
  before.cumulative_minutes_before as before_cumulative,
  before.interval_minutes as before_minutes,
  epoch_us(inside.open_at) as inside_open_us,
  inside.cumulative_minutes_before as inside_cumulative,
  inside.interval_minutes as inside_minutes
from befores as before
left join stretched as inside
  on inside.calendar_key = before.calendar_key and inside.stretch = before.stretch_before
 and inside.cumulative_minutes_before > inside.stretch * inside.bucket_minutes;
