/**
 * Benchmark of `speed-to-lead` and `sla`: each end to end as a child process of the real CLI
 * (Node start-up, model check, calendar, SQL, JSON out), against a hand-written SQL floor for the
 * same numbers run by bench/floor.ts on the same database in the same run. The floors use the
 * business_intervals and owner_calendars tables the reports' calendar builds, as an analyst's
 * query would; a warm-up run builds them (and the lifecycle models) first.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveWindow } from '../src/metrics/window.js';
import { packageRoot } from '../src/paths.js';
import { runChild } from './child.js';

export interface SlaBenchRow { what: string; seconds: number; floorSeconds: number; peakRssMb: number | null }

const ts = (d: Date) => `timestamptz '${d.toISOString()}'`;

/** Business clock positions, the way a hand-written query reads business_intervals. */
const intervals = `iv as (select calendar_key as k, open_at, cumulative_minutes_before as cb,
  (epoch_us(close_at) - epoch_us(open_at)) / 60e6 as m from business_intervals)`;
const leadKeys = `lk as (select d.lead_id, coalesce(oc.calendar_key, 'default') as k
  from dim_leads d left join owner_calendars oc on oc.owner_id = d.owner_id)`;

/** Speed-to-lead: n, touched, medians and p90 (real and business), within 4 business hours, overall and by owner, team, source, and buckets. */
export function speedToLeadFloorSql(from: Date, to: Date, asOf: Date): string {
  return `create or replace temp table floor_result as
with ${intervals}, ${leadKeys},
mql as (select lead_id, entered_at as s, lead(entered_at) over (partition by lead_id order by entered_at, event_number) as nx
        from fct_stage_entries where stage = 'mql' and entered_at >= ${ts(from)} and entered_at <= ${ts(asOf)}),
touch as (select lead_id, occurred_at as t from activities
          where not automated and type in ('call', 'email', 'meeting', 'sms') and occurred_at <= ${ts(asOf)}),
firsts as (select m.lead_id, m.s, case when t.t < coalesce(m.nx, 'infinity') then t.t end as e, lk.k
           from mql m asof left join touch t on t.lead_id = m.lead_id and t.t >= m.s join lk on lk.lead_id = m.lead_id
           where m.s < ${ts(to)}),
pos as (select f.*, coalesce(a.cb + least(a.m, (epoch_us(f.s) - epoch_us(a.open_at)) / 60e6), 0) as p0,
               coalesce(b.cb + least(b.m, (epoch_us(f.e) - epoch_us(b.open_at)) / 60e6), 0) as p1
        from firsts f asof left join iv a on a.k = f.k and f.s >= a.open_at asof left join iv b on b.k = f.k and f.e >= b.open_at),
measured as (select pos.*, (epoch_us(e) - epoch_us(s)) / 60e6 as wall, case when e is not null then p1 - p0 end as biz,
                    d.owner_name as owner, d.team, d.source
             from pos join dim_leads d on d.lead_id = pos.lead_id)
select owner, team, source, count(*) as n, count(e) as touched, quantile_cont(wall, 0.5) as median_minutes,
       quantile_cont(biz, 0.5) as median_business, quantile_cont(biz, 0.9) as p90_business,
       count(*) filter (where biz <= 240) as within,
       count(*) filter (where e is null) as never, count(*) filter (where biz < 5) as under5, count(*) filter (where biz >= 1440) as over24h
from measured group by grouping sets ((), (owner), (team), (source));`;
}

/** SLA: eligible, met, breached and pending for the five default SLAs. */
export function slaFloorSql(from: Date, to: Date, asOf: Date): string {
  const inWindow = `s >= ${ts(from)} and s < ${ts(to)}`;
  return `create or replace temp table floor_result as
with ${intervals}, ${leadKeys},
entries as (select lead_id, stage, entered_at, event_number, reason from fct_stage_entries where entered_at <= ${ts(asOf)}),
starts as (select lead_id, stage, entered_at as s, event_number,
                  lead(entered_at) over (partition by stage, lead_id order by entered_at, event_number) as nx
           from entries where stage in ('mql', 'sql') and entered_at >= ${ts(from)}),
recycled as (select lead_id, min(event_number) as fr from entries where stage = 'recycled' group by lead_id),
touch as (select lead_id, occurred_at as t from activities where not automated and type in ('call', 'email', 'meeting', 'sms') and occurred_at <= ${ts(asOf)}),
decision as (select lead_id, entered_at as t, reason from entries where stage in ('sql', 'opportunity', 'customer', 'disqualified', 'recycled')),
rejection as (select lead_id, entered_at as t, reason from entries where stage in ('disqualified', 'recycled')),
opportunity as (select lead_id, entered_at as t from entries where stage = 'opportunity'),
assigned as (select distinct lead_id, changed_at as t from field_history where field = 'owner_id' and changed_at <= ${ts(asOf)}
             and nullif(nullif(lower(trim(value)), ''), 'null') is not null and value not like '00G%'),
mql as (select * from starts where stage = 'mql' and ${inWindow}),
ends as (
  select 'first_touch' as sla, m.lead_id, m.s, case when x.t < coalesce(m.nx, 'infinity') then x.t end as e, 240 as tgt, true as biz, null as reason
  from mql m asof left join touch x on x.lead_id = m.lead_id and x.t >= m.s
  union all select 'qualification_decision', m.lead_id, m.s, case when x.t < coalesce(m.nx, 'infinity') then x.t end, 2880, false, null
  from mql m asof left join decision x on x.lead_id = m.lead_id and x.t >= m.s
  union all select 'rejection_reason', m.lead_id, m.s, case when x.t < coalesce(m.nx, 'infinity') then x.t end, null, false,
         case when x.t < coalesce(m.nx, 'infinity') then coalesce(trim(x.reason), '') end
  from mql m asof left join rejection x on x.lead_id = m.lead_id and x.t >= m.s
  union all select 'sql_to_opportunity', q.lead_id, q.s, case when x.t < coalesce(q.nx, 'infinity') then x.t end, 2400, true, null
  from (select * from starts where stage = 'sql' and ${inWindow}) q asof left join opportunity x on x.lead_id = q.lead_id and x.t >= q.s
  union all select 'recycled_rerouted', m.lead_id, m.s, case when x.t < coalesce(m.nx, 'infinity') then x.t end, 60, true, null
  from mql m join recycled r on r.lead_id = m.lead_id and m.event_number > r.fr asof left join assigned x on x.lead_id = m.lead_id and x.t >= m.s
),
placed as (select ends.*, lk.k, coalesce(a.cb + least(a.m, (epoch_us(ends.s) - epoch_us(a.open_at)) / 60e6), 0) as p0
           from ends join lk on lk.lead_id = ends.lead_id asof left join iv a on a.k = lk.k and ends.s >= a.open_at),
due as (select placed.*, case when not biz then make_timestamptz(epoch_us(s) + cast(tgt * 60e6 as bigint))
                              else make_timestamptz(epoch_us(d.open_at) + cast(round((p0 + tgt - d.cb) * 60e6) as bigint)) end as deadline
        from placed asof left join iv d on d.k = placed.k and placed.p0 + placed.tgt > d.cb),
judged as (select sla, case when tgt is null then (case when e is null then null when reason = '' then 'breached' else 'met' end)
                            when e is not null then (case when e <= deadline then 'met' else 'breached' end)
                            when deadline > ${ts(asOf)} then 'pending' else 'breached' end as verdict from due)
select sla, count(verdict) as eligible, count(*) filter (where verdict = 'met') as met,
       count(*) filter (where verdict = 'breached') as breached, count(*) filter (where verdict = 'pending') as pending
from judged group by sla;`;
}

export async function benchSla(options: { db: string; asOf: string; since: string; work: string }): Promise<SlaBenchRow[]> {
  const bin = join(packageRoot, 'bin', 'revops-report.js');
  const floorJs = join(packageRoot, 'dist', 'bench', 'floor.js');
  const window = resolveWindow({ asOf: options.asOf, since: options.since });
  const cli = async (command: string) => {
    const run = await runChild(process.execPath, [bin, command, '--db', options.db, '--as-of', options.asOf, '--since', options.since, '--format', 'json']);
    if (run.code !== 0) throw new Error(`revops-report ${command} failed (${run.code}): ${run.stderr}`);
    return run;
  };
  const floor = async (name: string, sql: string) => {
    const file = join(options.work, `${name}.sql`);
    await writeFile(file, sql);
    const run = await runChild(process.execPath, [floorJs, options.db, file]);
    if (run.code !== 0) throw new Error(`floor ${name} failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as { seconds: number; peakRssMb: number };
  };
  await cli('speed-to-lead'); // warm-up: lifecycle models, business calendar, owner calendars
  const rows: SlaBenchRow[] = [];
  const speed = await cli('speed-to-lead');
  const speedFloor = await floor('speed_to_lead_floor', speedToLeadFloorSql(window.from, window.to, window.asOf));
  rows.push({ what: 'speed-to-lead (end to end)', seconds: speed.seconds, floorSeconds: speedFloor.seconds, peakRssMb: speed.peakRssMb });
  const sla = await cli('sla');
  const slaFloor = await floor('sla_floor', slaFloorSql(window.from, window.to, window.asOf));
  rows.push({ what: 'sla, 5 SLAs (end to end)', seconds: sla.seconds, floorSeconds: slaFloor.seconds, peakRssMb: sla.peakRssMb });
  return rows;
}
