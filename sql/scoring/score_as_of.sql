-- Scores leads AS OF their decision time, leakage-free (see docs/scoring-model.md).
-- Grain: one row per (lead_id, decided_at) of the decisions table.
-- The model arrives as bound JSON parameters (src/scoring/compileModel.ts); only the two table
-- names are spliced in, after validation, as quoted identifiers: {{decisions}}, {{lead_scores}}.
create or replace temp table {{lead_scores}} as
with decisions as (
  select distinct lead_id, decided_at from {{decisions}}
),

field_rules as (
  select unnest(from_json($field_rules::varchar, '[{"dimension":"VARCHAR","dim_order":"INTEGER","ord":"INTEGER","id":"VARCHAR","field":"VARCHAR","points":"DOUBLE","kind":"VARCHAR","texts":["VARCHAR"],"nums":["DOUBLE"],"min":"DOUBLE","max":"DOUBLE","pattern":"VARCHAR"}]'), recursive := true)
),
event_rules as (
  select unnest(from_json($event_rules::varchar, '[{"dimension":"VARCHAR","dim_order":"INTEGER","ord":"INTEGER","id":"VARCHAR","event":"VARCHAR","kind":"VARCHAR","texts":["VARCHAR"],"nums":["DOUBLE"],"pattern":"VARCHAR","points":"DOUBLE","cap":"DOUBLE","per_occurrence":"BOOLEAN","min_count":"INTEGER","decay_points":"DOUBLE","decay_days":"DOUBLE","scope":"VARCHAR","min_contacts":"INTEGER"}]'), recursive := true)
),
inactivity_rules as (
  select unnest(from_json($inactivity_rules::varchar, '[{"dimension":"VARCHAR","dim_order":"INTEGER","ord":"INTEGER","id":"VARCHAR","days":"INTEGER","events":["VARCHAR"],"points":"DOUBLE"}]'), recursive := true)
),
needed_fields as (
  select unnest(from_json($needed_fields::varchar, '["VARCHAR"]')) as field
),

-- current values: the fixed whitelist of lead columns first, then exported fields (latest load)
lead_columns as (
  unpivot (select lead_id, email, first_name, last_name, company, account_id, source, owner_id, stage_raw, lead_status from leads)
  on columns(* exclude (lead_id)) into name field value value
),
current_values as (
  select lead_id, field, arg_max(value, priority) as value
  from (
    select lead_id, field, value, 2 as priority from lead_columns
    union all
    select lead_id, lower(field), value, 1 from lead_fields where value is not null and trim(value) <> ''
  ) c
  where field in (select field from needed_fields)
  group by lead_id, field
),
-- history: the latest change at or before the decision; a field with history but no change yet
-- was empty then (using today's value would leak the future)
history as (
  select d.lead_id, d.decided_at, lower(h.field) as field,
         arg_max(h.value, h.changed_at) filter (where h.changed_at <= d.decided_at) as value
  from decisions d
  join field_history h on h.lead_id = d.lead_id and lower(h.field) in (select field from needed_fields)
  group by d.lead_id, d.decided_at, lower(h.field)
),
field_values as (
  select d.lead_id, d.decided_at, n.field,
         case when h.field is not null then h.value else c.value end as value,
         -- the address and name a lead was created with are known at any decision about it;
         -- every other field without history is today's value, and said so
         (h.field is null and c.value is not null and n.field not in ('email', 'first_name', 'last_name')) as used_current_value
  from decisions d
  cross join needed_fields n
  left join history h on h.lead_id = d.lead_id and h.decided_at = d.decided_at and h.field = n.field
  left join current_values c on c.lead_id = d.lead_id and c.field = n.field
),
email_domains as (
  select lead_id, decided_at, nullif(lower(trim(split_part(value, '@', 2))), '') as domain
  from field_values where field = 'email'
),
all_values as (
  select lead_id, decided_at, field, value from field_values
  union all
  select lead_id, decided_at, 'emaildomain', domain from email_domains
  union all
  select lead_id, decided_at, 'emailtld', nullif(regexp_extract(domain, '\.([^.]+)$', 1), '') from email_domains
),

-- each rule is tested once per distinct value, then joined back to the leads holding it: values
-- repeat (titles, industries), and a regex from a column is compiled for every row it tests
matching_values as (
  select r.dimension, r.dim_order, r.ord, r.id, r.points, r.field, v.value
  from field_rules r
  join (select distinct field, value from all_values where value is not null and trim(value) <> '') v on v.field = r.field
  where case r.kind
      when 'present' then true
      when 'in' then list_contains(r.texts, lower(trim(v.value)))
                  or coalesce(list_contains(r.nums, try_cast(replace(trim(v.value), ',', '') as double)), false)
      when 'range' then try_cast(replace(trim(v.value), ',', '') as double)
                        between coalesce(r.min, '-infinity'::double) and coalesce(r.max, 'infinity'::double)
      when 'regex' then regexp_matches(v.value, r.pattern)
    end
),
field_points as (
  select v.lead_id, v.decided_at, m.dimension, m.dim_order, m.ord, m.id, m.points
  from matching_values m
  join all_values v on v.field = m.field and v.value = m.value
),

-- events known at the decision: the lead's own, and for account-scoped rules every contact's
lead_accounts as (
  select lead_id, coalesce(account_id, nullif(lower(trim(company)), '')) as account_key from leads
),
visible_events as (
  select d.lead_id, d.decided_at, 'lead' as scope, e.lead_id as contact_id, lower(e.event_type) as event_type, e.detail, e.occurred_at
  from decisions d
  join engagement_events e on e.lead_id = d.lead_id and e.occurred_at < d.decided_at
  union all
  select d.lead_id, d.decided_at, 'account', e.lead_id, lower(e.event_type), e.detail, e.occurred_at
  from decisions d
  join lead_accounts a on a.lead_id = d.lead_id
  join lead_accounts b on b.account_key = a.account_key
  join engagement_events e on e.lead_id = b.lead_id and e.occurred_at < d.decided_at
  where exists (select 1 from event_rules where scope = 'account')
),
rule_events as (
  select r.*, v.lead_id, v.decided_at, v.contact_id, v.detail, v.occurred_at
  from event_rules r join visible_events v on v.scope = r.scope and v.event_type = r.event
  union all
  select r.*, v.lead_id, v.decided_at, v.contact_id, v.detail, v.occurred_at
  from event_rules r join visible_events v on v.scope = r.scope and r.event = '*'
),
matched_events as (
  select lead_id, decided_at, dimension, dim_order, ord, id, cap, per_occurrence, min_count, min_contacts, contact_id,
         case when decay_days is null then points
              else greatest(points - decay_points * floor(date_diff('second', occurred_at, decided_at) / (decay_days * 86400)), 0)
         end as worth
  from rule_events
  where case kind
    when 'none' then true
    when 'in' then list_contains(texts, lower(trim(detail)))
                or coalesce(list_contains(nums, try_cast(trim(detail) as double)), false)
    when 'prefix' then starts_with(lower(trim(detail)), texts[1])
    when 'regex' then regexp_matches(detail, pattern)
  end
),
event_points as (
  select lead_id, decided_at, dimension, dim_order, ord, id,
         least(case when any_value(per_occurrence) then sum(worth) else max(worth) end,
               coalesce(any_value(cap), 'infinity'::double)) as points
  from matched_events
  group by lead_id, decided_at, dimension, dim_order, ord, id
  having count(*) >= coalesce(any_value(min_count), 1)
     and count(distinct contact_id) >= coalesce(any_value(min_contacts), 1)
),

-- inactivity: no counted event in N days before the decision; a newer lead counts from creation.
-- Events are matched to rules first, so the join to decisions is on keys (an OR in the join
-- condition would make DuckDB compare every decision with every event).
inactivity_events as (
  select r.id, e.lead_id, e.occurred_at
  from inactivity_rules r
  join engagement_events e on len(r.events) = 0 or list_contains(r.events, lower(e.event_type))
),
last_activity as (
  select d.lead_id, d.decided_at, r.dimension, r.dim_order, r.ord, r.id, r.days, r.points,
         max(e.occurred_at) as last_event
  from decisions d
  cross join inactivity_rules r
  left join inactivity_events e
    on e.id = r.id and e.lead_id = d.lead_id and e.occurred_at < d.decided_at
  group by all
),
inactivity_points as (
  select a.lead_id, a.decided_at, a.dimension, a.dim_order, a.ord, a.id, a.points
  from last_activity a
  left join leads l on l.lead_id = a.lead_id
  where coalesce(greatest(a.last_event, l.created_at), '-infinity'::timestamptz) <= a.decided_at - to_days(a.days)
),

all_points as (
  select * from field_points
  union all select * from event_points where points <> 0
  union all select * from inactivity_points
),
totals as (
  select d.lead_id, d.decided_at,
         coalesce(sum(p.points) filter (where p.dimension = 'fit'), 0)::double as fit_points,
         coalesce(sum(p.points) filter (where p.dimension = 'engagement'), 0)::double as engagement_points,
         coalesce(sum(p.points) filter (where p.dimension = 'negative'), 0)::double as negative_points,
         -- empty unless $with_rule_points: the backtest never reads them, and DuckDB cannot spill
         -- an ordered list (at 10M decisions it ran out of a 4GB limit here)
         coalesce(list({'dimension': p.dimension, 'rule_id': p.id, 'points': p.points::double} order by p.dim_order, p.ord)
                    filter (where p.id is not null and $with_rule_points::boolean), []) as rule_points
  from decisions d
  left join all_points p on p.lead_id = d.lead_id and p.decided_at = d.decided_at
  group by d.lead_id, d.decided_at
),
coverage as (
  select lead_id, decided_at, count(*) filter (where used_current_value)::integer as fields_from_current
  from field_values group by lead_id, decided_at
),
final as (
  select t.lead_id, t.decided_at, t.fit_points, t.engagement_points, t.negative_points,
         t.fit_points + t.engagement_points + t.negative_points as score,
         (t.fit_points + t.engagement_points + t.negative_points >= $threshold::double
           and t.fit_points >= coalesce($fit_minimum::double, '-infinity'::double)
           and t.engagement_points >= coalesce($engagement_minimum::double, '-infinity'::double)) as flagged,
         coalesce(c.fields_from_current, 0) as fields_from_current,
         t.rule_points
  from totals t
  left join coverage c on c.lead_id = t.lead_id and c.decided_at = t.decided_at
)
select * from final order by lead_id, decided_at
