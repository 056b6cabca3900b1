-- Business deadlines: the instant the business clock reaches a target, for every row of {{requests}}.
-- grain: one row per row of {{requests}} (calendar_key, start_at, target_minutes, and any other
-- columns, passed through), with clock_start_at and deadline_at added.
-- Filled in by src/calendar/businessTime.ts: {{requests}} the input relation, {{output}} the table
-- or view made ({{kind}}): a view lets a single reader take the deadlines in the same pass as its
-- rows, with no table keyed by row to join back.
--
-- The clock reads position(start_at) at the start (see business_minutes.sql); the deadline is where
-- it reads position(start_at) + target_minutes: inside the first interval whose stretch of the clock,
-- (cumulative_minutes_before, cumulative_minutes_before + interval_minutes], holds that reading.
-- So 4 business hours from Friday 13:00 end at Friday 17:00 (the close), not Monday 09:00; and a
-- target of 0 is the clock start (a lead arriving at night is due at the next opening).
-- Null when the start or the deadline lies outside the built calendar, or the target is negative
-- (or null).
-- Both lookups are equality joins on the bucket tables of sql/calendar/business_clock.sql.

create or replace {{temporary}} {{kind}} {{output}} as
with requests as (
  select * from {{requests}}
),

-- the start's time bucket, and whether its calendar covers it
located as (
  select
    requests.*,
    requests.start_at >= coverage.covered_from and requests.start_at <= coverage.covered_until as bt_covered,
    coverage.first_open_at as bt_first_open_at,
    widths.bucket_minutes as bt_bucket_minutes,
    epoch_us(requests.start_at) as bt_start_us,
    at_start.before_open_us as bt_before_open_us,
    at_start.inside_open_us as bt_inside_open_us,
    case when at_start.inside_open_us <= epoch_us(requests.start_at) then at_start.inside_close_us else at_start.before_close_us end as bt_close_us,
    case when at_start.inside_open_us <= epoch_us(requests.start_at) then at_start.inside_cumulative else at_start.before_cumulative end as bt_cumulative,
    case when at_start.inside_open_us <= epoch_us(requests.start_at) then at_start.inside_minutes else at_start.before_minutes end as bt_minutes,
    case when at_start.inside_open_us <= epoch_us(requests.start_at) then at_start.inside_next_open_at else at_start.before_next_open_at end as bt_next_open_at
  from requests
  left join business_calendar_coverage as coverage on coverage.calendar_key = requests.calendar_key
  left join business_clock_widths as widths on widths.calendar_key = requests.calendar_key
  left join business_clock_at as at_start
    on at_start.calendar_key = requests.calendar_key
   and at_start.bucket = epoch_us(requests.start_at) // (widths.bucket_minutes * 60000000)
),

-- the interval in force at the start: the one opening inside the bucket once it has opened
started as (
  select
    *,
    case when bt_inside_open_us <= bt_start_us then bt_inside_open_us else bt_before_open_us end as bt_open_us
  from located
),

-- the clock reading at the start (0 before the first opening); see business_minutes.sql
positioned as (
  select
    *,
    case when bt_covered then
      coalesce(bt_cumulative + least(bt_minutes, (bt_start_us - bt_open_us) / cast(60e6 as double)), 0)
    end as bt_start_position,
    case when bt_covered then
      case
        when bt_open_us is null then bt_first_open_at
        when bt_start_us < bt_close_us then start_at
        else bt_next_open_at
      end
    end as clock_start_at
  from started
),

-- the stretch of the clock (k·w, (k+1)·w] holding the target reading p: ceil(p / w) - 1, one more
-- when the division rounded p / w down onto a whole number that p exceeds
targeted as (
  select
    *,
    bt_start_position + target_minutes as bt_target_position,
    cast(ceil((bt_start_position + target_minutes) / bt_bucket_minutes) as bigint) - 1
      + case when bt_start_position + target_minutes > ceil((bt_start_position + target_minutes) / bt_bucket_minutes) * bt_bucket_minutes then 1 else 0 end
      as bt_stretch
  from positioned
),

-- the last interval whose clock reading at opening is below the target holds the deadline
reached as (
  select
    targeted.*,
    case when due_in.inside_cumulative < targeted.bt_target_position then due_in.inside_open_us else due_in.before_open_us end as bt_due_open_us,
    case when due_in.inside_cumulative < targeted.bt_target_position then due_in.inside_cumulative else due_in.before_cumulative end as bt_due_cumulative,
    case when due_in.inside_cumulative < targeted.bt_target_position then due_in.inside_minutes else due_in.before_minutes end as bt_due_minutes
  from targeted
  left join business_clock_due as due_in
    on due_in.calendar_key = targeted.calendar_key and due_in.stretch = targeted.bt_stretch
),

final as (
  select
    * exclude (
      bt_covered, bt_first_open_at, bt_bucket_minutes, bt_start_us, bt_before_open_us, bt_inside_open_us, bt_close_us,
      bt_cumulative, bt_minutes, bt_next_open_at, bt_open_us, bt_start_position, bt_target_position, bt_stretch,
      bt_due_open_us, bt_due_cumulative, bt_due_minutes
    ),
    case
      when target_minutes < 0 then null
      when target_minutes = 0 then clock_start_at
      when bt_target_position <= bt_due_cumulative + bt_due_minutes then
        make_timestamptz(bt_due_open_us + cast(round((bt_target_position - bt_due_cumulative) * cast(60e6 as double)) as bigint))
    end as deadline_at
  from reached
)

select * from final;
