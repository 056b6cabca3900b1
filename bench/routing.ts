/**
 * Benchmark of `routing` (issue 13): BENCH_ROUTING_LEADS leads (default 1M) created over 2025,
 * generated in DuckDB straight into the warehouse tables: 40 owners in two zones (four inactive),
 * a Salesforce queue, owner history in field_history (queue first, reassignments, ping-pong,
 * stamps before the create date, leads with no history or no owner), MQL stage events and
 * engagement events of accounts of eight contacts (buying committees). The CLI end to end as a
 * child process against a hand-written DuckDB floor (bench/floor.ts) on the same database; the
 * floor computes the distribution (actual and expected per kind, week and owner, with a weight and
 * a PTO), unassigned counts, time to assign (counts, wall and business medians, p90, buckets),
 * reassignments and ping-pong, and the buying committees; all are checked equal to the report.
 * Business minutes are read off business_intervals and owner_calendars, the tables the CLI's
 * warm-up run builds, as the SLA floors do (bench/sla.ts): the floor does not build a calendar.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Warehouse } from '../src/db/connection.js';
import { packageRoot } from '../src/paths.js';
import type { RoutingReport } from '../src/routing/types.js';
import { runChild, runFloor } from './child.js';

export interface RoutingBenchRow {
  what: string;
  seconds: number;
  floorSeconds: number;
  peakRssMb: number | null;
}

/** The config the report runs with: one weighted owner, one on PTO for two weeks. */
export const routingBenchConfig = {
  timezone: 'America/New_York',
  routing: { weights: { U01: 2 }, pto: [{ owner: 'U02', from: '2025-03-03', to: '2025-03-14' }] },
};

/**
 * Deterministic (hashes of the row number). Per lead i, by i % 50: 0 no owner and no history; 1 a
 * queue; 2 a person owner but no history; 3–5 a queue first, then a person; 6–9 reassigned once;
 * 10–11 ping-pong (A → B → A); 12 assigned an hour before the create date; else assigned once.
 * The first assignment comes up to two days after creation. 40% of leads become MQL within two
 * weeks; a tenth of accounts engage (half their contacts, twice each over 60 days), and every
 * third lead once more.
 */
export function routingDataSql(n: number): string {
  const step = Math.max(1, Math.floor(31_536_000 / n));
  const owner = (h: string) => `'U' || lpad(cast(1 + (${h}) % 40 as varchar), 2, '0')`;
  return `
insert into owners (owner_id, name, email, team, timezone, load_id, active)
select 'U' || lpad(cast(k as varchar), 2, '0'), 'Rep ' || k, 'rep' || k || '@bench.example', 'Team ' || (k % 4),
       case when k % 2 = 0 then 'Europe/London' else 'America/New_York' end, 1, k <= 36
from range(1, 41) t(k);

create temp table bench_paths as
select i, 'L' || i as lead_id, timestamptz '2025-01-01 00:00:00+00' + to_seconds(i * ${step}) as created_at,
       i % 50 as r, ${owner('hash(i)')} as o1, ${owner('hash(i) // 40 + 1')} as o2,
       to_seconds(hash(i * 3) % 172800) as delay
from range(${n}) t(i);

insert into leads (lead_id, source_system, email, company, created_at, source, owner_id, stage_raw, load_id, source_row)
select lead_id, 'salesforce', 'p' || i || '@acct' || (i // 8) || '.example', 'Acct ' || (i // 8), created_at, 'web',
       case when r = 0 then null when r = 1 then '00G5e000000Queue' when r in (6, 7, 8, 9) then o2 else o1 end,
       case when i % 5 < 2 then 'mql' else 'lead' end, 1, i
from bench_paths;

insert into field_history (lead_id, field, value, changed_at, source, load_id, source_row)
select lead_id, 'owner_id', value, changed_at, 'bench', 1, i * 4 + seq from (
  select i, lead_id, '00G5e000000Queue' as value, created_at as changed_at, 0 as seq from bench_paths where r = 1 or r in (3, 4, 5)
  union all select i, lead_id, o1, created_at + delay + (case when r in (3, 4, 5) then interval 1 hour else interval 0 hour end), 1
  from bench_paths where r >= 3 and r <> 12
  union all select i, lead_id, o1, created_at - interval 1 hour, 1 from bench_paths where r = 12
  union all select i, lead_id, o2, created_at + delay + interval 3 day, 2 from bench_paths where r in (6, 7, 8, 9, 10, 11)
  union all select i, lead_id, o1, created_at + delay + interval 6 day, 3 from bench_paths where r in (10, 11)
);

insert into stage_events (lead_id, stage_raw, entered_at, origin, load_id, source_row)
select lead_id, 'lead', created_at, 'canonical', 1, i * 2 from bench_paths
union all
select lead_id, 'mql', created_at + to_seconds(hash(i * 5) % 1209600), 'canonical', 1, i * 2 + 1 from bench_paths where i % 5 < 2;

insert into engagement_events (lead_id, event_type, occurred_at, load_id, source_row)
select lead_id, 'form_submission', created_at + to_seconds(hash(i * 7 + j) % 5184000), 1, i * 3 + j
from bench_paths, range(2) e(j) where (i // 8) % 10 = 0 and i % 8 < 4
union all
select lead_id, 'email_click', created_at + to_seconds(hash(i * 11) % 2592000), 1, i * 3 + 2 from bench_paths where i % 3 = 0;

drop table bench_paths;
`;
}

const ts = (iso: string) => `timestamptz '${iso}'`;

/** The report's main numbers by hand, from the warehouse tables, into bench_routing_floor_* tables. */
export function routingFloorSql(from: string, to: string, asOf: string, timezone: string): string {
  const config = routingBenchConfig.routing;
  const pto = config.pto.map((p) => `('${p.owner}', date '${p.from}', date '${p.to}')`).join(', ');
  const weights = Object.entries(config.weights)
    .map(([o, w]) => `('${o}', ${w})`)
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
create or replace temp table timed as
with iv as (select calendar_key as ck, open_at, cumulative_minutes_before as cb, (epoch_us(close_at) - epoch_us(open_at)) / 60e6 as m from business_intervals),
a as (select * from starts where status = 'assigned'),
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
create or replace table bench_routing_floor_unassigned as
select reason, count(*) as n from (
  select case when nullif(nullif(lower(trim(l.owner_id)), ''), 'null') is null then 'no_owner' when trim(l.owner_id) like '00G%' then 'queue'
              when o.active = false then 'inactive_owner' end as reason
  from leads l left join owners o on o.owner_id = l.owner_id where l.created_at <= ${ts(asOf)})
where reason is not null group by reason
union all select 'mqls_never_owned', count(*) from starts where k = 'mql' and status = 'unassigned';
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
create or replace table bench_routing_floor_committees as
with acc as (select lead_id, 'company:' || lower(trim(company)) as ak from leads where nullif(trim(company), '') is not null),
tc as (select distinct acc.ak, e.lead_id, e.occurred_at as t from engagement_events e join acc using (lead_id)
       where e.occurred_at >= ${ts(from)} and e.occurred_at <= ${ts(asOf)}),
w as (select a.ak, a.t, count(distinct b.lead_id) as contacts from tc a join tc b on b.ak = a.ak and b.t <= a.t and b.t > a.t - interval 30 day group by all)
select ak as account_key, max(contacts) as contacts from w group by ak having max(contacts) >= 3;
`;
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The report's numbers that differ from the floor's, as "what: report vs floor" lines. */
export async function checkRoutingFloor(db: string, report: RoutingReport): Promise<string[]> {
  const wh = await Warehouse.open({ path: db, readOnly: true, skipSchema: true });
  const table = (name: string) => wh.all<Row>(`select * from bench_routing_floor_${name}`);
  const diffs: string[] = [];
  const compare = (what: string, ours: unknown, floor: unknown, tolerance = 0) => {
    const [x, y] = [num(ours), num(floor)];
    const same = x === null || y === null ? x === y : Math.abs(x - y) <= tolerance * Math.max(1, Math.abs(y));
    if (!same) diffs.push(`${what}: report ${String(ours)} vs floor ${String(floor)}`);
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
    const unassigned = await table('unassigned');
    const reason = (r: string) => unassigned.find((u) => u.reason === r)?.n ?? 0;
    for (const r of ['no_owner', 'queue', 'inactive_owner'] as const) compare(`unassigned ${r}`, report.unassigned.byReason[r], reason(r));
    compare('mqls never owned', report.unassigned.mqlsNeverOwned, reason('mqls_never_owned'));
    // the report lists at most 1000 committees: the floor's first ones in the same order
    const committees = await wh.all<Row>('select * from bench_routing_floor_committees order by contacts desc, account_key');
    const listed = report.committees.accounts;
    if (committees.length < 1000) compare('committees', listed.length, committees.length);
    for (const [i, c] of listed.entries()) {
      const f = committees[i];
      if (c.accountKey !== f?.account_key || c.contacts !== num(f?.contacts))
        diffs.push(`committee ${i + 1}: report ${c.accountKey} (${c.contacts}) vs floor ${String(f?.account_key)} (${String(f?.contacts)})`);
    }
  } finally {
    wh.close();
  }
  return diffs;
}

export async function benchRouting(work: string, leads: number): Promise<{ rows: RoutingBenchRow[]; diffs: string[] }> {
  const db = join(work, `routing-${leads}.duckdb`);
  const wh = await Warehouse.open({ path: db });
  try {
    const existing = await wh.one<{ n: number }>('select cast(count(*) as integer) as n from leads');
    if (existing?.n !== leads) {
      await wh.run('delete from owners; delete from leads; delete from field_history; delete from stage_events; delete from engagement_events;');
      await wh.runScript(routingDataSql(leads), 'routing bench data');
    }
  } finally {
    wh.close();
  }
  const config = join(work, 'routing.config.json');
  await writeFile(config, JSON.stringify(routingBenchConfig));
  const [from, to, asOf] = ['2025-01-01', '2025-12-31', '2026-01-01'];
  const args = [join(packageRoot, 'bin', 'revops-report.js'), 'routing', '--db', db, '--config', config, '--from', from, '--to', to, '--as-of', asOf];
  const cli = async () => {
    const run = await runChild(process.execPath, [...args, '--format', 'json']);
    if (run.code !== 0) throw new Error(`revops-report routing failed (${run.code}): ${run.stderr}`);
    return run;
  };
  await cli(); // warm-up: the lifecycle models and the calendars the floor reads
  const run = await cli();
  const report = JSON.parse(run.stdout) as RoutingReport;
  const floor = await runFloor(work, db, 'routing_floor', routingFloorSql(report.window.from, report.window.to, report.asOf, report.timezone));
  const diffs = await checkRoutingFloor(db, report);
  return {
    rows: [
      {
        what: `routing (${leads.toLocaleString('en-US')} leads, owner history, MQLs, committees; end to end)`,
        seconds: run.seconds,
        floorSeconds: floor.seconds,
        peakRssMb: run.peakRssMb,
      },
    ],
    diffs,
  };
}
