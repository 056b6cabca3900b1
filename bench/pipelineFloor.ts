/**
 * The pipeline report's floor: every number the report prints, computed by hand in DuckDB straight
 * from the warehouse's raw tables (opportunity_stage_events, opportunities, the stage config), the
 * way an analyst would write it for this data: one window pass over the history, the values each
 * field held as intervals, the deal at three instants, then each figure. No deal model is read.
 * Written for the bench's history (OpportunityHistory rows carrying stage, amount and close date,
 * one row per deal and instant); the report reads every other history shape too.
 * The results are kept in bench_floor_* tables, which bench/pipeline.ts compares with the JSON.
 */

export interface FloorBounds {
  /** the window [from, to), whose end is also the as-of, the waterfall's second instant */
  from: string;
  to: string;
  /** the first close date after the waterfall's period ([from, closeTo)) */
  closeTo: string;
  /** velocity's and the stale thresholds' trailing window of closes starts here */
  trailingFrom: string;
  noChangeStages: string[];
  noChangeDays: number;
  snoozeFields: string[];
}

const ts = (iso: string) => `timestamptz '${iso}'`;
const list = (values: string[]) => (values.length ? values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ') : 'null');

export function pipelineFloorSql(b: FloorBounds): string {
  const [F, A, TR] = [ts(b.from), ts(b.to), ts(b.trailingFrom)];
  const [CF, CT] = [`date '${b.from.slice(0, 10)}'`, `date '${b.closeTo}'`];
  const days = (later: string, earlier: string) => `(epoch_us(${later}) - epoch_us(${earlier})) / 86400e6`;
  return `
-- the few distinct stage values, mapped once to the configured stages
create or replace temp table f_map as
select s.stage_raw, coalesce(c.stage, 'raw:' || s.stage_raw) as stage_key, c.stage, c.stage_order, c.label, coalesce(c.kind, 'open') as kind
from (select distinct stage_raw from opportunity_stage_events) s
left join (select distinct alias_key, stage, stage_order, label, kind from cfg_deal_stages) c
  on c.alias_key = regexp_replace(lower(s.stage_raw), '[^\\p{L}\\p{N}]+', '', 'g');

-- one pass over the history up to the as-of: which rows change the stage, the amount, the close date
create or replace temp table f_rows as
select e.opportunity_id as id, e.entered_at as changed, m.stage, m.stage_order, m.label, m.kind, e.amount, e.close_date,
       m.stage_key is distinct from lag(m.stage_key) over w as stage_start,
       e.amount is distinct from lag(e.amount) over w as amount_start,
       e.close_date is distinct from lag(e.close_date) over w as close_start,
       lag(e.close_date) over w as previous_close
from opportunity_stage_events e join f_map m using (stage_raw)
where e.entered_at <= ${A}
window w as (partition by e.opportunity_id order by e.entered_at, e.source_row);

-- each value a field held, from its change to the field's next change
create or replace temp table f_values as
select *, lead(changed) over (partition by id, field order by changed) as until
from (select id, 'stage' as field, changed, stage, stage_order, label, kind, null::double as amount, null::date as close_date from f_rows where stage_start
      union all
      select id, 'amount', changed, null, null, null, null, amount, null from f_rows where amount_start
      union all
      select id, 'close', changed, null, null, null, null, null, close_date from f_rows where close_start);

-- each deal at the window's start and at its end (the as-of)
create or replace temp table f_state as
with instants(instant, t) as (values ('from', ${F}), ('to', ${A})),
held as (select i.instant, v.* from f_values v join instants i on v.changed <= i.t and (v.until is null or v.until > i.t))
select o.opportunity_id as id, i.instant, s.stage, s.stage_order, s.label, coalesce(s.kind, 'open') as kind, s.changed as stage_at,
       a.amount, c.close_date, greatest(s.changed, a.changed, c.changed) as last_change
from opportunities o join instants i on o.created_at <= i.t
left join held s on s.id = o.opportunity_id and s.instant = i.instant and s.field = 'stage'
left join held a on a.id = o.opportunity_id and a.instant = i.instant and a.field = 'amount'
left join held c on c.id = o.opportunity_id and c.instant = i.instant and c.field = 'close';

-- the deals at the as-of, with the stages they passed through (a bit per stage order) and their group
create or replace temp table f_deals as
with passed as (
  select id, max(stage_order) filter (where kind = 'open') as furthest_open, bit_or(1::bigint << stage_order) filter (where stage_order is not null) as entered
  from f_values where field = 'stage' group by id
),
owner_names as (select owner_id, max(name) as name, max(team) as team from owners group by owner_id),
lead_sources as (select lead_id, max(source) as source from leads group by lead_id),
deal_sources as (select opportunity_id, max(value) as source from opportunity_fields where field in ('leadsource', 'lead_source', 'source') group by opportunity_id),
snoozes as (select opportunity_id, max(try_cast(value as timestamptz)) as until from opportunity_fields where field in (${list(b.snoozeFields)}) group by opportunity_id)
select s.*, o.name, coalesce(n.name, o.owner_id, '(no owner)') as owner, coalesce(n.team, '(no team)') as team, o.created_at,
       s.kind = 'open' as is_open, coalesce(z.until > ${A}, false) as is_snoozed,
       s.kind in ('won', 'lost') and s.stage_at >= ${F} and s.stage_at < ${A} as closed_in_window,
       s.kind in ('won', 'lost') and s.stage_at >= ${TR} as closed_in_trailing,
       o.created_at >= ${F} and o.created_at < ${A} as in_cohort,
       case when s.kind = 'won' then (select max(stage_order) from cfg_deal_stages where kind = 'won') else greatest(coalesce(p.furthest_open, 1), 1) end as reached_order,
       coalesce(p.furthest_open, 1) as furthest_open, coalesce(p.entered, 0) as entered,
       epoch_us(s.stage_at) - epoch_us(o.created_at) as cycle_us,
       coalesce(l.source, d.source, '(none)') as group_key
from f_state s
join opportunities o on o.opportunity_id = s.id
left join passed p on p.id = s.id
left join owner_names n on n.owner_id = o.owner_id
left join lead_sources l on l.lead_id = o.lead_id
left join deal_sources d on d.opportunity_id = s.id
left join snoozes z on z.opportunity_id = s.id
where s.instant = 'to';

-- win rate, cycle, open pipeline and velocity's trailing closes, overall and per group
create or replace table bench_floor_rates as
select case when grouping(group_key) = 0 then group_key end as group_key,
       count(*) filter (where closed_in_window and kind = 'won') as won,
       count(*) filter (where closed_in_window and kind = 'lost') as lost,
       cast(sum(amount::decimal(38, 6)) filter (where closed_in_window and kind = 'won') as double) as won_amount,
       cast(sum(amount::decimal(38, 6)) filter (where closed_in_window and kind = 'lost') as double) as lost_amount,
       quantile_cont(cycle_us, 0.5) filter (where closed_in_window and kind = 'won') / 86400e6 as median_cycle_days,
       quantile_cont(cycle_us, 0.9) filter (where closed_in_window and kind = 'won') / 86400e6 as p90_cycle_days,
       count(*) filter (where is_open) as open,
       cast(sum(amount::decimal(38, 6)) filter (where is_open) as double) as open_amount,
       count(*) filter (where is_open and amount is null) as open_without_amount,
       count(*) filter (where is_open and is_snoozed) as snoozed,
       count(*) filter (where closed_in_trailing and kind = 'won') as trailing_won,
       count(*) filter (where closed_in_trailing and kind = 'lost') as trailing_lost,
       cast(avg(amount::decimal(38, 6)) filter (where closed_in_trailing and kind = 'won') as double) as trailing_average_won_amount,
       avg(cycle_us) filter (where closed_in_trailing and kind = 'won') / 86400e6 as trailing_average_cycle_days,
       (select max(changed) from f_rows) as freshest
from f_deals group by grouping sets ((), (group_key));

-- the stage funnel of the cohort (a later stage implies the skipped ones) and who is open where now
create or replace table bench_floor_stages as
with stages as (select distinct stage, stage_order, label from cfg_deal_stages where kind in ('open', 'won'))
select st.stage, st.stage_order,
       count(*) filter (where d.in_cohort and d.reached_order >= st.stage_order) as reached,
       count(*) filter (where d.in_cohort and d.reached_order >= st.stage_order and d.entered & (1::bigint << st.stage_order) = 0) as implied_by_skip,
       count(*) filter (where d.in_cohort and d.kind = 'lost' and d.furthest_open = st.stage_order) as lost_here,
       count(*) filter (where d.is_open and d.stage = st.stage) as open_now
from stages st cross join f_deals d
group by st.stage, st.stage_order;

-- time in stage: stays entered in the window, open ones censored at the as-of (Kaplan–Meier)
create or replace table bench_floor_time_in_stage as
with stays as (
  select stage, ${days(`least(coalesce(until, ${A}), ${A})`, 'changed')} as days, until is not null and until <= ${A} as ended
  from f_values
  where field = 'stage' and kind = 'open' and stage is not null and changed >= ${F} and changed < ${A} and id in (select id from f_deals)
),
steps as (
  select stage, days, count(*) filter (where ended) as ended, sum(count(*)) over (partition by stage order by days desc) as at_risk
  from stays group by stage, days
),
survival as (
  select stage, days,
         case when bool_or(ended = at_risk) over w then 0.0
              else exp(coalesce(sum(case when ended > 0 and ended < at_risk then ln(1.0 - ended / at_risk) end) over w, 0.0)) end as s
  from steps window w as (partition by stage order by days rows between unbounded preceding and current row)
)
select stage,
       count(*) filter (where ended) as ended_stays, count(*) filter (where not ended) as open_stays,
       quantile_cont(days, 0.5) filter (where ended) as median_ended_days, quantile_cont(days, 0.5) filter (where not ended) as median_open_days,
       (select min(days) filter (where s <= 0.5) from survival where survival.stage = stays.stage) as median_days,
       (select min(days) filter (where s <= 0.1) from survival where survival.stage = stays.stage) as p90_days
from stays group by stage;

-- open pipeline by stage and age
create or replace table bench_floor_open as
select coalesce(stage, '(unmapped)') as stage,
       case when age < 30 then '0-29 days' when age < 60 then '30-59 days' when age < 90 then '60-89 days' when age < 180 then '90-179 days' else '180+ days' end as age_bucket,
       count(*) as deals, cast(coalesce(sum(amount::decimal(38, 6)), 0) as double) as amount, count(*) filter (where amount is null) as without_amount
from (select *, ${days(A, 'created_at')} as age from f_deals where is_open)
group by all;

-- stale: over the stage's multiplier × the median time deals won in the trailing window spent there, or unchanged too long
create or replace table bench_floor_stale as
with won_time as (
  select v.stage, sum(epoch_us(v.until) - epoch_us(v.changed)) / 86400e6 as days
  from f_values v semi join (select id from f_deals where kind = 'won' and closed_in_trailing) w on w.id = v.id
  where v.field = 'stage' and v.kind = 'open' and v.stage is not null and v.until <= ${A}
  group by v.id, v.stage
),
thresholds as (
  select t.stage, quantile_cont(t.days, 0.5) as median_won_days, max(c.stale_multiplier) as multiplier
  from won_time t join cfg_deal_stages c on c.stage = t.stage group by t.stage
),
checked as (
  select d.id, ${days(A, 'd.stage_at')} as days_in_stage, ${days(A, 'coalesce(d.last_change, d.created_at)')} as days_since_change,
         t.multiplier * t.median_won_days as threshold_days,
         case when d.stage in (${list(b.noChangeStages)}) then ${b.noChangeDays}::double end as no_change_days
  from f_deals d left join thresholds t on t.stage = d.stage
  where d.is_open and not d.is_snoozed
)
select id, days_in_stage, threshold_days, days_since_change, no_change_days,
       coalesce(days_in_stage > threshold_days, false) as slow_stage, coalesce(days_since_change > no_change_days, false) as no_change
from checked
where days_in_stage > threshold_days or days_since_change > no_change_days;

-- close-date moves in the window, per deal
create or replace table bench_floor_pushes as
select r.id, count(*) filter (where r.close_date > r.previous_close) as pushes,
       count(*) filter (where r.close_date > r.previous_close and date_trunc('month', r.close_date) <> date_trunc('month', r.previous_close)) as month_pushes,
       count(*) filter (where r.close_date > r.previous_close and date_trunc('quarter', r.close_date) <> date_trunc('quarter', r.previous_close)) as quarter_pushes,
       count(*) filter (where r.close_date < r.previous_close) as pull_ins,
       coalesce(sum(r.close_date - r.previous_close) filter (where r.close_date > r.previous_close), 0) as days_pushed,
       arg_min(r.previous_close, r.changed) as close_date_before
from f_rows r semi join f_deals d on d.id = r.id
where r.close_start and r.previous_close is not null and r.changed >= ${F} and r.changed < ${A}
group by r.id;

-- the waterfall: each deal's entry and exit between the two instants, in whole cents
create or replace table bench_floor_waterfall as
with pair as (
  select e.id, s.id is not null and s.kind = 'open' as open_at_start,
         s.id is not null and s.kind = 'open' and s.close_date >= ${CF} and s.close_date < ${CT} as in_start,
         e.kind = 'open' and e.close_date >= ${CF} and e.close_date < ${CT} as in_end,
         e.kind in ('won', 'lost') and e.stage_at > ${F} and e.close_date >= ${CF} and e.close_date < ${CT} as closed_in_period,
         e.kind, e.close_date >= ${CT} as after_period, s.amount as start_amount, e.amount as end_amount,
         coalesce(cast(round(s.amount * 100) as bigint), 0) as start_cents, coalesce(cast(round(e.amount * 100) as bigint), 0) as end_cents,
         s.close_date as start_close, e.close_date as end_close, coalesce(s.stage, '') <> coalesce(e.stage, '') as stage_changed
  from f_state e left join f_state s on s.id = e.id and s.instant = 'from'
  where e.instant = 'to'
),
moves as (
  select *, case when in_start then 'start' when (in_end or closed_in_period) and open_at_start then 'pulled_in' when in_end or closed_in_period then 'new' end as entry
  from pair
)
select id, entry,
       case when in_end then 'end' when kind = 'won' then 'won' when kind = 'lost' then 'lost' when after_period then 'pushed_out' else 'pulled_out' end as exit,
       start_amount, end_amount, start_close, end_close,
       case when entry = 'new' then end_cents else start_cents end as entry_cents, end_cents,
       end_cents - case when entry = 'new' then end_cents else start_cents end as change_cents,
       stage_changed and entry <> 'new' as stage_moved
from moves where entry is not null;
`;
}
