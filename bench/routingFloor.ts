/**
 * The routing bench's floor (issue 13): every number and list the routing report prints, by hand in
 * DuckDB from the warehouse tables, into bench_routing_floor_* tables, and the check that the
 * report says the same. Covered: the distribution (actual and expected per kind, week and owner,
 * with a weight and a PTO), its fairness per week and over the window (total, max/min ratio,
 * chi-square and its p-value, df, decisions to absent owners), the owners' totals with residuals
 * and the three furthest off, decisions and those outside the pool; unassigned counts by reason, MQLs
 * never owned and the listed (oldest 1000) unassigned leads; time to assign from creation and from
 * MQL (every status count, wall and business medians, p90, the buckets); reassigned and ping-pong
 * leads and the listed 1000 with their owner paths; ABM tiers (eligible, met, breached, pending,
 * unmeasured per tier, from the tier field and a configured account, with 1 h, 4 h and same
 * business day deadlines) and the listed breaches; the listed buying committees with their window,
 * contacts, owners and whether they share one. Lists are worked out only for the rows listed.
 * Business time is read off business_intervals, business_calendars and owner_calendars, the tables
 * the CLI's warm-up run builds, as the SLA floors do (bench/sla.ts): the floor builds no calendar.
 */
import { Warehouse } from '../src/db/connection.js';
import { chiSquarePValue } from '../src/routing/chiSquare.js';
import { furthestOff } from '../src/routing/fairness.js';
import type { RoutingReport } from '../src/routing/types.js';

/** The config the report runs with: one weighted owner, one on PTO for two weeks, one ABM account by name. */
export const routingBenchConfig = {
  timezone: 'America/New_York',
  routing: {
    weights: { U01: 2 },
    pto: [{ owner: 'U02', from: '2025-03-03', to: '2025-03-14' }],
    abm: { accounts: { 'Acct 7': 1 } },
  },
};

const ts = (iso: string) => `timestamptz '${iso}'`;
const limit = 1000;

export function routingFloorSql(from: string, to: string, asOf: string, timezone: string): string {
  const config = routingBenchConfig.routing;
  const pto = config.pto.map((p) => `('${p.owner}', date '${p.from}', date '${p.to}')`).join(', ');
  const weights = Object.entries(config.weights)
    .map(([o, w]) => `('${o}', ${w})`)
    .join(', ');
  const accounts = Object.entries(config.abm.accounts)
    .map(([a, t]) => `('${a.toLowerCase()}', ${t})`)
    .join(', ');
  return `
create or replace temp table ch as
select lead_id, changed_at as t, min(trim(value)) as v from field_history
where field = 'owner_id' and changed_at <= ${ts(asOf)} group by lead_id, changed_at;
create or replace temp table ch2 as
select *, nullif(nullif(lower(v), ''), 'null') is not null and v not like '00G%' as person from ch;
create or replace temp table paths as
with pc as (select lead_id, t, v, lag(v) over (partition by lead_id order by t) as prev from ch2 where person),
st as (select *, lag(v, 2) over (partition by lead_id order by t) as back2 from pc where prev is distinct from v)
select lead_id, min(t) as first_at, arg_min(v, t) as first_v, max(t) as last_at, count(*) - 1 as reassignments,
       count(*) filter (where back2 = v) as ping_pongs
from st group by lead_id;
create or replace temp table ls as
select l.lead_id, l.created_at, l.owner_id as cur, nullif(nullif(lower(trim(l.owner_id)), ''), 'null') is not null and l.owner_id not like '00G%' as has_person,
       l.lead_id in (select lead_id from ch) as has_history
from leads l;
create or replace temp table starts as
with created as (
  select 'created' as k, ls.lead_id, ls.created_at as s, false as owned, null::varchar as held_v,
         case when p.first_at is not null then greatest(p.first_at, ls.created_at) end as e, p.first_v as ev, ls.has_person, ls.has_history, ls.cur
  from ls left join paths p using (lead_id)
  where ls.created_at >= ${ts(from)} and ls.created_at < ${ts(to)} and ls.created_at <= ${ts(asOf)}),
mql as (
  select f.lead_id, f.entered_at as s, ls.has_person, ls.has_history, ls.cur from fct_stage_entries f join ls using (lead_id)
  where f.stage = 'mql' and f.entered_at >= ${ts(from)} and f.entered_at < ${ts(to)} and f.entered_at <= ${ts(asOf)}),
held as (select mql.*, coalesce(b.person, false) as owned, b.v as held_v from mql asof left join ch2 b on b.lead_id = mql.lead_id and mql.s >= b.t),
mqls as (select 'mql', h.lead_id, h.s, h.owned, h.held_v, case when not h.owned then a.t end, case when not h.owned then a.v end,
                h.has_person, h.has_history, h.cur
         from held h asof left join (select lead_id, t, v from ch2 where person) a on a.lead_id = h.lead_id and h.s <= a.t),
u as (select * from created union all select * from mqls)
select u.*, case when owned then 'owned_at_start' when e is not null then 'assigned' when has_person and not has_history then 'no_history'
                 when has_person then 'untimed' else 'unassigned' end as status,
       coalesce(c1.calendar_key, c2.calendar_key, 'default') as ck
from u left join owner_calendars c1 on c1.owner_id = u.ev left join owner_calendars c2 on c2.owner_id = u.cur;
create or replace temp table iv as
select calendar_key as ck, open_at, close_at, day, cumulative_minutes_before as cb, (epoch_us(close_at) - epoch_us(open_at)) / 60e6 as m,
       lead(open_at) over (partition by calendar_key order by open_at) as next_open
from business_intervals;
create or replace temp table timed as
with a as (select * from starts where status = 'assigned'),
pos as (select a.k, a.s, a.e, coalesce(x.cb + least(x.m, (epoch_us(a.s) - epoch_us(x.open_at)) / 60e6), 0) as p0,
               coalesce(y.cb + least(y.m, (epoch_us(a.e) - epoch_us(y.open_at)) / 60e6), 0) as p1
        from a asof left join iv x on x.ck = a.ck and a.s >= x.open_at asof left join iv y on y.ck = a.ck and a.e >= y.open_at)
select k, (epoch_us(e) - epoch_us(s)) / 60e6 as wall, p1 - p0 as biz from pos;
create or replace table bench_routing_floor_assign as
select st.k, count(*) as starts, count(*) filter (where status = 'assigned') as assigned, count(*) filter (where status = 'owned_at_start') as owned_at_start,
       count(*) filter (where status = 'no_history') as no_history, count(*) filter (where status = 'untimed') as untimed,
       count(*) filter (where status = 'unassigned') as unassigned, tm.median_wall, tm.median_biz, tm.p90_biz
from starts st join (select k, quantile_cont(wall, 0.5) as median_wall, quantile_cont(biz, 0.5) as median_biz, quantile_cont(biz, 0.9) as p90_biz
                     from timed group by k) tm using (k)
group by all;
create or replace table bench_routing_floor_buckets as
select k, case when biz < 5 then '<5m' when biz < 30 then '5–30m' when biz < 60 then '30–60m' when biz < 240 then '1–4h'
               when biz < 1440 then '4–24h' else '>24h' end as bucket, count(*) as n from timed group by all
union all select k, 'never', count(*) from starts where status = 'unassigned' group by all;
create or replace table bench_routing_floor_reassign as
select count(*) as leads, sum(reassignments) as reassignments, count(*) filter (where ping_pongs > 0) as ping_pong
from paths where last_at >= ${ts(from)} and reassignments > 0;
-- the listed reassigned leads, and the owner path (names, first 20 steps) of only those
create or replace table bench_routing_floor_reassigned as
with top as (select * from paths where last_at >= ${ts(from)} and reassignments > 0 order by ping_pongs desc, reassignments desc, lead_id limit ${limit}),
pc as (select ch2.lead_id, ch2.t, ch2.v, lag(ch2.v) over (partition by ch2.lead_id order by ch2.t) as prev from ch2 semi join top using (lead_id) where person),
st as (select *, row_number() over (partition by lead_id order by t) as step from pc where prev is distinct from v),
named as (select st.lead_id, string_agg(coalesce(o.name, st.v), ' → ' order by st.t) as path
          from st left join owners o on o.owner_id = st.v where step <= 20 group by st.lead_id)
select row_number() over (order by ping_pongs desc, reassignments desc, lead_id) as n, top.*, named.path from top join named using (lead_id);
create or replace table bench_routing_floor_unassigned as
select reason, count(*) as n from (
  select case when nullif(nullif(lower(trim(l.owner_id)), ''), 'null') is null then 'no_owner' when trim(l.owner_id) like '00G%' then 'queue'
              when o.active = false then 'inactive_owner' end as reason
  from leads l left join owners o on o.owner_id = l.owner_id where l.created_at <= ${ts(asOf)})
where reason is not null group by reason
union all select 'mqls_never_owned', count(*) from starts where k = 'mql' and status = 'unassigned';
-- the listed unassigned leads: the oldest first
create or replace table bench_routing_floor_unassigned_list as
with flagged as (
  select l.lead_id, l.created_at, case when nullif(nullif(lower(trim(l.owner_id)), ''), 'null') is null then 'no_owner'
              when trim(l.owner_id) like '00G%' then 'queue' when o.active = false then 'inactive_owner' end as reason
  from leads l left join owners o on o.owner_id = l.owner_id where l.created_at <= ${ts(asOf)}),
top as (select *, (epoch(${ts(asOf)}) - epoch(created_at)) / 86400.0 as age_days from flagged where reason is not null
        order by age_days desc nulls last, lead_id limit ${limit})
select row_number() over (order by age_days desc nulls last, lead_id) as n, top.*,
       top.lead_id in (select lead_id from starts where k = 'mql' and status = 'unassigned') as never_owned
from top;
create or replace table bench_routing_floor_distribution as
with ev as (
  select case k when 'created' then 'lead' else 'mql' end as kind, s,
         case when status = 'owned_at_start' then held_v when status in ('assigned', 'untimed', 'no_history') then coalesce(ev, cur) end as owner_id
  from starts),
d as (select kind, owner_id, cast(timezone('${timezone}', s) as date) as day from ev where owner_id is not null),
pool as (select distinct d.owner_id, coalesce(w.weight, 1) as weight from d left join (values ${weights}) w(owner_id, weight) using (owner_id)),
days as (select kind, day, count(*) as n from d group by all),
avail as (select days.*, pool.owner_id, case when exists (select 1 from (values ${pto}) p(owner_id, f, t) where p.owner_id = pool.owner_id and day between f and t)
                                             then 0 else pool.weight end as w from days cross join pool),
shared as (select *, w / sum(w) over (partition by kind, day) as share from avail),
expected as (select kind, date_trunc('week', day) as week, owner_id, sum(n * share) as expected from shared group by all),
actual as (select kind, date_trunc('week', day) as week, owner_id, count(*) as actual from d group by all)
select e.kind, cast(e.week as date) as week, e.owner_id, coalesce(a.actual, 0) as actual, e.expected
from expected e left join actual a using (kind, week, owner_id);
create or replace table bench_routing_floor_decisions as
select case k when 'created' then 'lead' else 'mql' end as kind, count(*) as decisions,
       count(*) filter (where status = 'owned_at_start' and held_v is not null or status in ('assigned', 'untimed', 'no_history') and coalesce(ev, cur) is not null) as pooled
from starts group by all;
-- fairness per week and over the window, and each owner's totals over the window
create or replace table bench_routing_floor_owners as
select kind, owner_id, sum(actual) as actual, sum(expected) as expected,
       case when sum(expected) > 0 then (sum(actual) - sum(expected)) / sqrt(sum(expected)) end as residual
from bench_routing_floor_distribution group by all;
create or replace table bench_routing_floor_fairness as
with periods as (select kind, cast(week as varchar) as period, actual, expected from bench_routing_floor_distribution
                 union all select kind, 'overall', actual, expected from bench_routing_floor_owners)
select kind, period, sum(actual) as total, count(*) filter (where expected > 0) - 1 as df,
       sum((actual - expected) ^ 2 / expected) filter (where expected > 0) as chi_square,
       max(actual / expected) filter (where expected > 0) / nullif(min(actual / expected) filter (where expected > 0), 0) as max_min,
       coalesce(sum(actual) filter (where not expected > 0), 0) as to_absent
from periods group by all;
-- ABM: tiered MQLs, their first touch and deadline on the owner's calendar
create or replace table bench_routing_floor_abm as
with ft as (select lead_id, min(cast(nullif(regexp_extract(value, '[123]'), '') as integer)) as tier from lead_fields where field = 'abm_tier' group by lead_id),
cfg as (select * from (values ${accounts}) c(ref, tier)),
tiered as (select l.lead_id, l.owner_id, l.company, coalesce(a.tier, c.tier, ft.tier) as tier from leads l
           left join cfg a on a.ref = lower(trim(l.account_id)) left join cfg c on c.ref = lower(trim(l.company)) left join ft using (lead_id)),
st as (select f.lead_id, f.entered_at as s, t.tier, t.owner_id, t.company from fct_stage_entries f join tiered t using (lead_id)
       where t.tier is not null and f.stage = 'mql' and f.entered_at >= ${ts(from)} and f.entered_at < ${ts(to)} and f.entered_at <= ${ts(asOf)}),
touch as (select lead_id, occurred_at from activities where not automated and lead_id is not null and occurred_at <= ${ts(asOf)}
          and type in ('call', 'email', 'meeting', 'sms') and not (type = 'email' and direction is not distinct from 'inbound')),
j as (select st.*, x.occurred_at as e, coalesce(oc.calendar_key, 'default') as ck
      from st asof left join touch x on x.lead_id = st.lead_id and st.s <= x.occurred_at left join owner_calendars oc on oc.owner_id = st.owner_id),
cov as (select calendar_key as ck, timezone(timezone, cast(first_day as timestamp)) as cf, timezone(timezone, cast(last_day + 1 as timestamp)) as cu,
               (select min(open_at) from iv where iv.ck = c.calendar_key) as first_open from business_calendars c),
p as (select j.*, j.s >= cov.cf and j.s <= cov.cu as covered, coalesce(x.cb + least(x.m, (epoch_us(j.s) - epoch_us(x.open_at)) / 60e6), 0) as p0,
             case when x.open_at is null then cov.first_open when j.s < x.close_at then j.s else x.next_open end as cs
      from j left join cov using (ck) asof left join iv x on x.ck = j.ck and j.s >= x.open_at),
hours as (select p.*, case when covered and p.p0 + t.minutes <= y.cb + y.m
                           then make_timestamptz(epoch_us(y.open_at) + cast(round((p.p0 + t.minutes - y.cb) * 60e6) as bigint)) end as deadline
          from p join (values (1, 60.0), (2, 240.0)) t(tier, minutes) using (tier)
          asof left join iv y on y.ck = p.ck and p.p0 + t.minutes > y.cb),
closes as (select ck, day, max(close_at) as close_at from iv group by all),
same_day as (select p.*, (select close_at from closes where closes.ck = p.ck and closes.day = z.day) as deadline
             from p asof join iv z on z.ck = p.ck and p.cs >= z.open_at where p.tier = 3 and p.covered),
judged as (select * from hours union all select * from same_day union all select *, null::timestamptz from p where tier = 3 and (not covered or cs is null))
select judged.*, case when deadline is null then 'unmeasured' when e is not null and e <= deadline then 'met'
                      when e is not null or ${ts(asOf)} > deadline then 'breached' else 'pending' end as status
from judged;
create or replace table bench_routing_floor_committees as
with acc as (select l.lead_id, coalesce(nullif(trim(l.account_id), ''), 'company:' || lower(trim(l.company))) as ak, coalesce(l.company, l.account_id) as account,
                    l.owner_id, coalesce(o.name, l.owner_id) as owner
             from leads l left join owners o on o.owner_id = l.owner_id where nullif(trim(l.account_id), '') is not null or nullif(trim(l.company), '') is not null),
eng as (select lead_id, occurred_at from engagement_events where occurred_at >= ${ts(from)} and occurred_at <= ${ts(asOf)}
        union select lead_id, occurred_at from activities where direction = 'inbound' and lead_id is not null and occurred_at >= ${ts(from)} and occurred_at <= ${ts(asOf)}),
tc as (select distinct acc.ak, eng.lead_id, eng.occurred_at as t from eng join acc using (lead_id)),
w as (select a.ak, a.t, count(distinct b.lead_id) as contacts from tc a join tc b on b.ak = a.ak and b.t <= a.t and b.t > a.t - interval 30 day group by all),
best as (select ak, max(contacts) as contacts, arg_max(t, contacts * 1e12 - epoch(t)) as window_end from w group by ak having max(contacts) >= 3
         order by contacts desc, ak limit ${limit}),
inside as (select best.ak, best.contacts, best.window_end, tc.lead_id, tc.t from best join tc on tc.ak = best.ak and tc.t <= best.window_end and tc.t > best.window_end - interval 30 day)
select row_number() over (order by inside.contacts desc, inside.ak) as n, inside.ak as account_key, any_value(acc.account) as account, inside.contacts,
       min(inside.t) as window_start, inside.window_end, list(distinct inside.lead_id order by inside.lead_id) as lead_ids,
       list(distinct coalesce(acc.owner, '(no owner)') order by coalesce(acc.owner, '(no owner)')) as owners,
       count(distinct acc.owner_id) = 1 and bool_and(acc.owner_id is not null) as shared_owner
from inside join acc using (lead_id) group by inside.ak, inside.contacts, inside.window_end;
`;
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const text = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

/**
 * The floor's three owners furthest off, ranked by the report's own rule (largest |residual| first,
 * residuals within 1e-9 a tie, ties by name): the residuals are the floor's, only the ranking is shared.
 */
export function floorFurthestOff(rows: { ownerId: string; residual: number | null }[], names: ReadonlyMap<string, string>, count = 3): string[] {
  return furthestOff(
    rows.map((r) => ({ ...r, owner: names.get(r.ownerId) ?? r.ownerId })),
    count,
  ).map((o) => o.ownerId);
}

/** The report's numbers that differ from the floor's, as "what: report vs floor" lines. */
export async function checkRoutingFloor(db: string, report: RoutingReport): Promise<string[]> {
  const wh = await Warehouse.open({ path: db, readOnly: true, skipSchema: true });
  const table = (name: string, order = '') => wh.all<Row>(`select * from bench_routing_floor_${name} ${order}`);
  const diffs: string[] = [];
  const compare = (what: string, ours: unknown, floor: unknown, tolerance = 0) => {
    const [x, y] = [num(ours), num(floor)];
    const same = x === null || y === null ? x === y : Math.abs(x - y) <= tolerance * Math.max(1, Math.abs(y));
    if (!same) diffs.push(`${what}: report ${String(ours)} vs floor ${String(floor)}`);
  };
  const same = (what: string, ours: unknown, floor: unknown) => {
    if (text(ours) !== text(floor)) diffs.push(`${what}: report ${text(ours)} vs floor ${text(floor)}`);
  };
  try {
    const dist = await table('distribution');
    const key = (kind: unknown, week: unknown, owner: unknown) =>
      `${String(kind)} ${week instanceof Date ? week.toISOString().slice(0, 10) : String(week).slice(0, 10)} ${String(owner)}`;
    const floorDist = new Map(dist.map((r) => [key(r.kind, r.week, r.owner_id), r]));
    compare('distribution rows', report.distribution.rows.length, dist.length);
    for (const row of report.distribution.rows) {
      const f = floorDist.get(key(row.kind, row.week, row.ownerId));
      if (!f) {
        diffs.push(`distribution ${key(row.kind, row.week, row.ownerId)}: not in the floor`);
        continue;
      }
      compare(`distribution ${key(row.kind, row.week, row.ownerId)} actual`, row.actual, f.actual);
      compare(`distribution ${key(row.kind, row.week, row.ownerId)} expected`, row.expected, f.expected, 1e-9);
    }
    const fairness = await table('fairness');
    const decisions = await table('decisions');
    const owners = await table('owners');
    for (const kind of report.distribution.kinds) {
      const d = decisions.find((r) => r.kind === kind.kind);
      compare(`${kind.kind} decisions`, kind.decisions, d?.decisions ?? 0);
      compare(`${kind.kind} outside the pool`, kind.outsidePool, num(d?.decisions ?? 0)! - num(d?.pooled ?? 0)!);
      const periods = [{ period: 'overall', ...kind.overall }, ...kind.weeks.map((w) => ({ period: w.week, ...w }))];
      compare(`${kind.kind} fairness periods`, periods.length, fairness.filter((f) => f.kind === kind.kind).length);
      for (const p of periods) {
        const f = fairness.find((r) => r.kind === kind.kind && String(r.period).slice(0, 10) === p.period);
        const what = `${kind.kind} ${p.period}`;
        const df = num(f?.df) ?? 0;
        compare(`${what} total`, p.total, f?.total);
        compare(`${what} df`, p.df, df > 0 ? df : null);
        compare(`${what} chi-square`, p.chiSquare, df > 0 ? f?.chi_square : null, 1e-9);
        compare(`${what} p-value`, p.pValue, df > 0 ? chiSquarePValue(num(f?.chi_square)!, df) : null, 1e-9);
        compare(`${what} max/min`, p.maxMinRatio, f?.max_min, 1e-9);
        compare(`${what} to absent owners`, p.toAbsentOwners, f?.to_absent);
      }
      const mine = owners.filter((o) => o.kind === kind.kind);
      compare(`${kind.kind} owners`, kind.owners.length, mine.length);
      for (const o of kind.owners) {
        const f = mine.find((r) => r.owner_id === o.ownerId);
        compare(`${kind.kind} owner ${o.ownerId} actual`, o.actual, f?.actual);
        compare(`${kind.kind} owner ${o.ownerId} expected`, o.expected, f?.expected, 1e-9);
        compare(`${kind.kind} owner ${o.ownerId} residual`, o.residual, f?.residual, 1e-7);
      }
      const names = new Map(kind.owners.map((o) => [o.ownerId, o.owner]));
      const furthest = floorFurthestOff(
        mine.map((r) => ({ ownerId: String(r.owner_id), residual: num(r.residual) ?? null })),
        names,
      );
      same(`${kind.kind} furthest off`, kind.furthestOff.map((o) => o.ownerId).join(','), furthest.join(','));
    }
    const assign = await table('assign');
    for (const [kind, stats] of [
      ['created', report.timeToAssign.fromCreated],
      ['mql', report.timeToAssign.fromMql],
    ] as const) {
      const f = assign.find((r) => r.k === kind);
      compare(`${kind} starts`, stats.starts, f?.starts);
      compare(`${kind} assigned`, stats.assigned, f?.assigned);
      compare(`${kind} ownedAtStart`, stats.ownedAtStart, f?.owned_at_start);
      compare(`${kind} noHistory`, stats.noHistory, f?.no_history);
      compare(`${kind} untimed`, stats.untimed, f?.untimed);
      compare(`${kind} unassigned`, stats.unassigned, f?.unassigned);
      compare(`${kind} median minutes`, stats.medianMinutes, f?.median_wall, 1e-9);
      compare(`${kind} median business minutes`, stats.medianBusinessMinutes, f?.median_biz, 1e-9);
      compare(`${kind} p90 business minutes`, stats.p90BusinessMinutes, f?.p90_biz, 1e-9);
    }
    const buckets = await table('buckets');
    for (const b of report.timeToAssign.buckets) {
      compare(`bucket ${b.start} ${b.bucket}`, b.n, buckets.find((r) => r.k === b.start && r.bucket === b.bucket)?.n ?? 0);
    }
    const [reassign] = await table('reassign');
    compare('reassigned leads', report.timeToAssign.reassignedLeads, reassign?.leads);
    compare('reassignments', report.timeToAssign.reassignments, reassign?.reassignments);
    compare('ping-pong leads', report.timeToAssign.pingPongLeads, reassign?.ping_pong);
    const reassigned = await table('reassigned', 'order by n');
    compare('listed reassigned leads', report.timeToAssign.reassigned.length, reassigned.length);
    for (const [i, r] of report.timeToAssign.reassigned.entries()) {
      const f = reassigned[i];
      same(
        `reassigned ${i + 1}`,
        `${r.leadId} ${r.reassignments} ${r.pingPongs} ${r.path} ${r.firstAssignedAt} ${r.lastAssignedAt}`,
        `${text(f?.lead_id)} ${text(f?.reassignments)} ${text(f?.ping_pongs)} ${text(f?.path)} ${text(f?.first_at)} ${text(f?.last_at)}`,
      );
    }
    const unassigned = await table('unassigned');
    const reason = (r: string) => unassigned.find((u) => u.reason === r)?.n ?? 0;
    for (const r of ['no_owner', 'queue', 'inactive_owner'] as const) compare(`unassigned ${r}`, report.unassigned.byReason[r], reason(r));
    compare('mqls never owned', report.unassigned.mqlsNeverOwned, reason('mqls_never_owned'));
    const unassignedList = await table('unassigned_list', 'order by n');
    compare('listed unassigned leads', report.unassigned.leads.length, unassignedList.length);
    for (const [i, u] of report.unassigned.leads.entries()) {
      const f = unassignedList[i];
      same(
        `unassigned ${i + 1}`,
        `${u.leadId} ${u.reason} ${u.createdAt} ${u.neverOwnedMql}`,
        `${text(f?.lead_id)} ${text(f?.reason)} ${text(f?.created_at)} ${text(f?.never_owned)}`,
      );
      compare(`unassigned ${i + 1} age`, u.ageDays, f?.age_days, 1e-9);
    }
    const abm = await table('abm');
    for (const tier of report.abm.tiers) {
      const mine = abm.filter((r) => r.tier === tier.tier);
      compare(`abm tier ${tier.tier} eligible`, tier.eligible, mine.length);
      for (const status of ['met', 'breached', 'pending', 'unmeasured'] as const) {
        compare(`abm tier ${tier.tier} ${status}`, tier[status], mine.filter((r) => r.status === status).length);
      }
    }
    const breaches = abm
      .filter((r) => r.status === 'breached')
      .sort((a, b) => num(a.s)! - num(b.s)! || String(a.lead_id).localeCompare(String(b.lead_id)))
      .slice(0, 1000);
    compare('listed abm breaches', report.abm.breaches.length, breaches.length);
    for (const [i, b] of report.abm.breaches.entries()) {
      const f = breaches[i];
      same(
        `abm breach ${i + 1}`,
        `${b.leadId} ${b.tier} ${b.startAt} ${b.deadlineAt} ${b.endAt}`,
        `${text(f?.lead_id)} ${text(f?.tier)} ${text(f?.s)} ${text(f?.deadline)} ${text(f?.e)}`,
      );
    }
    const committees = await table('committees', 'order by n');
    compare('listed committees', report.committees.accounts.length, committees.length);
    for (const [i, c] of report.committees.accounts.entries()) {
      const f = committees[i];
      same(
        `committee ${i + 1}`,
        `${c.accountKey} ${c.account} ${c.contacts} ${c.windowStart} ${c.windowEnd} ${c.leadIds.join(',')} ${c.owners.join(',')} ${c.sharedOwner}`,
        `${text(f?.account_key)} ${text(f?.account)} ${text(f?.contacts)} ${text(f?.window_start)} ${text(f?.window_end)} ${(f?.lead_ids as string[] | undefined)?.join(',')} ${(f?.owners as string[] | undefined)?.join(',')} ${text(f?.shared_owner)}`,
      );
    }
  } finally {
    wh.close();
  }
  return diffs;
}
