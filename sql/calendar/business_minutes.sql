-- Business minutes between two instants, for every row of {{pairs}}.
-- grain: one row per row of {{pairs}} (calendar_key, start_at, end_at, and any other columns,
-- passed through), with clock_start_at, business_minutes and wall_minutes added.
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
-- The interval in force at an instant is an equality join on business_clock_at (the instant's
-- time bucket, sql/calendar/business_clock.sql): the one opening inside the bucket once it has
-- opened, else the last one opened before the bucket.

create or replace {{temporary}} {{kind}} {{output}} as
with pairs as (
  select * from {{pairs}}
),

located as (
  select
    pairs.*,
    pairs.start_at >= coverage.covered_from and pairs.start_at <= coverage.covered_until as bt_start_covered,
    pairs.end_at >= coverage.covered_from and pairs.end_at <= coverage.covered_until as bt_end_covered,
    coverage.first_open_at as bt_first_open_at,
    epoch_us(pairs.start_at) as bt_start_us,
    epoch_us(pairs.end_at) as bt_end_us,
    at_start.inside_open_us <= epoch_us(pairs.start_at) as bt_start_inside,
    at_start.before_open_us as bt_start_before_open_us,
    at_start.before_close_us as bt_start_before_close_us,
    at_start.before_cumulative as bt_start_before_cumulative,
    at_start.before_minutes as bt_start_before_minutes,
    at_start.before_next_open_at as bt_start_before_next_open_at,
    at_start.inside_open_us as bt_start_inside_open_us,
    at_start.inside_close_us as bt_start_inside_close_us,
    at_start.inside_cumulative as bt_start_inside_cumulative,
    at_start.inside_minutes as bt_start_inside_minutes,
    at_start.inside_next_open_at as bt_start_inside_next_open_at,
    case when at_end.inside_open_us <= epoch_us(pairs.end_at) then at_end.inside_open_us else at_end.before_open_us end as bt_end_open_us,
    case when at_end.inside_open_us <= epoch_us(pairs.end_at) then at_end.inside_cumulative else at_end.before_cumulative end as bt_end_cumulative,
    case when at_end.inside_open_us <= epoch_us(pairs.end_at) then at_end.inside_minutes else at_end.before_minutes end as bt_end_minutes
  from pairs
  left join business_calendar_coverage as coverage on coverage.calendar_key = pairs.calendar_key
  left join business_clock_widths as widths on widths.calendar_key = pairs.calendar_key
  left join business_clock_at as at_start
    on at_start.calendar_key = pairs.calendar_key
   and at_start.bucket = epoch_us(pairs.start_at) // (widths.bucket_minutes * 60000000)
  left join business_clock_at as at_end
    on at_end.calendar_key = pairs.calendar_key
   and at_end.bucket = epoch_us(pairs.end_at) // (widths.bucket_minutes * 60000000)
),

-- the interval in force at the start (its opening, close, reading and length, and the next opening)
started as (
  select
    *,
    case when bt_start_inside then bt_start_inside_open_us else bt_start_before_open_us end as bt_start_open_us,
    case when bt_start_inside then bt_start_inside_close_us else bt_start_before_close_us end as bt_start_close_us,
    case when bt_start_inside then bt_start_inside_cumulative else bt_start_before_cumulative end as bt_start_cumulative,
    case when bt_start_inside then bt_start_inside_minutes else bt_start_before_minutes end as bt_start_minutes,
    case when bt_start_inside then bt_start_inside_next_open_at else bt_start_before_next_open_at end as bt_start_next_open_at
  from located
),

-- the clock's reading at each end (0 before the calendar's first opening), and the next working instant
positioned as (
  select
    *,
    coalesce(bt_start_cumulative + least(bt_start_minutes, (bt_start_us - bt_start_open_us) / cast(60e6 as double)), 0) as bt_start_position,
    coalesce(bt_end_cumulative + least(bt_end_minutes, (bt_end_us - bt_end_open_us) / cast(60e6 as double)), 0) as bt_end_position,
    case
      when bt_start_open_us is null then bt_first_open_at
      when bt_start_us < bt_start_close_us then start_at
      else bt_start_next_open_at
    end as bt_next_working_at
  from started
),

final as (
  select
    * exclude (
      bt_start_covered, bt_end_covered, bt_first_open_at, bt_start_us, bt_end_us, bt_start_inside,
      bt_start_before_open_us, bt_start_before_close_us, bt_start_before_cumulative, bt_start_before_minutes,
      bt_start_before_next_open_at, bt_start_inside_open_us, bt_start_inside_close_us, bt_start_inside_cumulative,
      bt_start_inside_minutes, bt_start_inside_next_open_at, bt_end_open_us, bt_end_cumulative, bt_end_minutes,
      bt_start_open_us, bt_start_close_us, bt_start_cumulative, bt_start_minutes, bt_start_next_open_at,
      bt_start_position, bt_end_position, bt_next_working_at
    ),
    case when bt_start_covered then bt_next_working_at end as clock_start_at,
    case when bt_start_covered and bt_end_covered and end_at >= start_at then bt_end_position - bt_start_position end as business_minutes,
    (bt_end_us - bt_start_us) / cast(60e6 as double) as wall_minutes
  from positioned
)

select * from final;
