/**
 * Benchmark of `speed-to-lead` and `sla`: each end to end as a child process of the real CLI
 * (Node start-up, model check, calendar, SQL, JSON out), against a hand-written SQL floor for the
 * same numbers run by bench/floor.ts on the same database in the same run. The floors use the
 * business_intervals and owner_calendars tables the reports' calendar builds, as an analyst's
 * query would; a warm-up run builds them (and the lifecycle models) first.
 */
import { join } from 'node:path';
import { resolveWindow } from '../src/metrics/window.js';
import { packageRoot } from '../src/paths.js';
import { listedBreachLimit } from '../src/sla/breaches.js';
import type { SlaReport, SpeedToLeadReport } from '../src/sla/types.js';
import { Warehouse } from '../src/db/connection.js';
import { fastestOf, runChild, runFloor } from './child.js';

export interface SlaBenchRow {
  what: string;
  seconds: number;
  floorSeconds: number;
  peakRssMb: number | null;
  /** what DuckDB spilled at most (big bench: $REVOPS_TEMP_DIR), MB */
  tempPeakMb?: number | null;
}

const ts = (d: Date) => `timestamptz '${d.toISOString()}'`;

/** Business clock positions, the way a hand-written query reads business_intervals. */
const intervals = `iv as (select calendar_key as k, open_at, cumulative_minutes_before as cb,
  (epoch_us(close_at) - epoch_us(open_at)) / 60e6 as m from business_intervals)`;
const leadKeys = `lk as (select d.lead_id, coalesce(oc.calendar_key, 'default') as k
  from dim_leads d left join owner_calendars oc on oc.owner_id = d.owner_id)`;

/** First-touch candidates: a person's call, email, meeting or SMS by the as-of, not the lead's own incoming email. */
const touches = (asOf: Date) => `touch as (select lead_id, occurred_at as t from activities
  where not automated and type in ('call', 'email', 'meeting', 'sms') and not (type = 'email' and direction is not distinct from 'inbound')
    and occurred_at <= ${ts(asOf)})`;

/**
 * Speed-to-lead, every number of the report: per MQL instance (until the lead's next MQL) the first
 * human touch, wall and business minutes, the 4-business-hour deadline and its verdict (met,
 * breached, pending); then n, touched, medians, p90 and within-target overall and by owner, team and
 * source; the response buckets with conversion to SQL (or later) inside the instance; and arrivals
 * by weekday and hour (in $timezone) with their median response. Kept in bench_speed_to_lead_floor.
 */
export function speedToLeadFloorSql(from: Date, to: Date, asOf: Date, timezone: string): string {
  return `create or replace table bench_speed_to_lead_floor as
with ${intervals}, ${leadKeys},
mql as (select lead_id, entered_at as s, lead(entered_at) over (partition by lead_id order by entered_at, event_number) as nx
        from fct_stage_entries where stage = 'mql' and entered_at >= ${ts(from)} and entered_at <= ${ts(asOf)}),
${touches(asOf)},
firsts as (select m.lead_id, m.s, m.nx, case when t.t < coalesce(m.nx, 'infinity') then t.t end as e, lk.k
           from mql m asof left join touch t on t.lead_id = m.lead_id and t.t >= m.s join lk on lk.lead_id = m.lead_id
           where m.s < ${ts(to)}),
pos as (select f.*, coalesce(a.cb + least(a.m, (epoch_us(f.s) - epoch_us(a.open_at)) / 60e6), 0) as p0,
               coalesce(b.cb + least(b.m, (epoch_us(f.e) - epoch_us(b.open_at)) / 60e6), 0) as p1
        from firsts f asof left join iv a on a.k = f.k and f.s >= a.open_at asof left join iv b on b.k = f.k and f.e >= b.open_at),
due as (select pos.*, make_timestamptz(epoch_us(d.open_at) + cast(round((p0 + 240 - d.cb) * 60e6) as bigint)) as deadline
        from pos asof left join iv d on d.k = pos.k and pos.p0 + 240 > d.cb),
conversions as (select lead_id, entered_at from fct_stage_entries
                where stage_kind = 'stage' and stage_order >= (select stage_order from cfg_stages where stage = 'sql') and entered_at <= ${ts(asOf)}),
measured as (select due.*, (epoch_us(e) - epoch_us(s)) / 60e6 as wall, case when e is not null then p1 - p0 end as biz,
                    case when e is not null then (case when e <= deadline then 'met' else 'breached' end)
                         when deadline > ${ts(asOf)} then 'pending' else 'breached' end as status,
                    exists (select 1 from conversions c where c.lead_id = due.lead_id and c.entered_at >= due.s
                            and c.entered_at < coalesce(due.nx, 'infinity')) as converted,
                    coalesce(d.owner_name, d.owner_id, '(no owner)') as owner, coalesce(d.team, '(no team)') as team,
                    coalesce(d.source, '(none)') as source, timezone('${timezone}', s) as local_s
             from due join dim_leads d on d.lead_id = due.lead_id),
bucketed as (select *, case when e is null then 'never' when biz < 5 then '<5m' when biz < 30 then '5–30m' when biz < 60 then '30–60m'
                            when biz < 240 then '1–4h' when biz < 1440 then '4–24h' else '>24h' end as bucket
             from measured)
select 'stats' as kind, case when grouping(owner) = 0 then 'owner' when grouping(team) = 0 then 'team' when grouping(source) = 0 then 'source' else '' end as dimension,
       coalesce(owner, team, source, '') as key, count(*) as n, count(e) as touched,
       quantile_cont(wall, 0.5) as median_minutes, quantile_cont(biz, 0.5) as median_business, quantile_cont(biz, 0.9) as p90_business,
       count(*) filter (where status = 'met') as met, count(*) filter (where status = 'breached') as breached, null::bigint as converted
from bucketed group by grouping sets ((), (owner), (team), (source))
union all
select 'bucket', '', bucket, count(*), count(e), null, null, null, null, null, count(*) filter (where converted) from bucketed group by bucket
union all
select 'coverage', isodow(local_s)::varchar, hour(local_s)::varchar, count(*), count(e), quantile_cont(wall, 0.5), null, null, null, null, null
from bucketed group by all;`;
}

/**
 * SLA, every number of the report: for the five default SLAs eligible, met, breached and pending
 * overall and by owner, team and ISO week of the start; the leaks (MQLs with no owner, no touch or
 * no disposition after the deadline); and the listed breaches (the most late). Kept in bench_sla_floor.
 */
export function slaFloorSql(from: Date, to: Date, asOf: Date): string {
  const inWindow = `s >= ${ts(from)} and s < ${ts(to)}`;
  return `create or replace table bench_sla_floor as
with ${intervals}, ${leadKeys},
entries as (select lead_id, stage, entered_at, event_number, reason from fct_stage_entries where entered_at <= ${ts(asOf)}),
starts as (select lead_id, stage, entered_at as s, event_number,
                  lead(entered_at) over (partition by stage, lead_id order by entered_at, event_number) as nx
           from entries where stage in ('mql', 'sql') and entered_at >= ${ts(from)}),
recycled as (select lead_id, min(event_number) as fr from entries where stage = 'recycled' group by lead_id),
${touches(asOf)},
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
judged as (select due.*, case when tgt is null then (case when e is null then null when reason = '' then 'breached' else 'met' end)
                            when e is not null then (case when e <= deadline then 'met' else 'breached' end)
                            when deadline > ${ts(asOf)} then 'pending' else 'breached' end as verdict,
                   coalesce(d.owner_name, d.owner_id, '(no owner)') as owner, coalesce(d.team, '(no team)') as team, d.owner_id,
                   strftime(make_timestamp(epoch_us(due.s)), '%G-W%V') as week
            from due join dim_leads d on d.lead_id = due.lead_id),
counts as (select 'counts' as kind, sla, case when grouping(owner) = 0 then 'owner' when grouping(team) = 0 then 'team' when grouping(week) = 0 then 'week' else '' end as dimension,
                  coalesce(owner, team, week, '') as key, count(verdict) as eligible, count(*) filter (where verdict = 'met') as met,
                  count(*) filter (where verdict = 'breached') as breached, count(*) filter (where verdict = 'pending') as pending
           from judged group by grouping sets ((sla), (sla, owner), (sla, team), (sla, week))),
leaks as (select lead_id, s, bool_or(owner_id is null) as no_owner,
                 coalesce(bool_or(sla = 'first_touch' and verdict = 'breached' and e is null), false) as no_touch,
                 coalesce(bool_or(sla = 'qualification_decision' and verdict = 'breached' and e is null), false) as no_disposition
          from judged where sla in ('first_touch', 'qualification_decision') group by lead_id, s)
select *, null::double as minutes_late from counts
union all select 'leaks', '', '', '', count(*), count(*) filter (where no_owner), count(*) filter (where no_touch), count(*) filter (where no_disposition), null from leaks
union all select 'leaks_flagged', '', '', '', count(*), null, null, null, null from leaks where no_owner or no_touch or no_disposition
union all (select 'breach', sla, lead_id, strftime(make_timestamp(epoch_us(s)), '%Y-%m-%dT%H:%M:%SZ'), null, null, null, null,
                  (epoch_us(coalesce(e, ${ts(asOf)})) - epoch_us(deadline)) / 60e6 as late
           from judged where verdict = 'breached' and deadline is not null order by late desc limit ${listedBreachLimit});`;
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const near = (a: unknown, b: unknown, digits: number) => {
  const [x, y] = [num(a), num(b)];
  return x === null || y === null ? x === y : Math.abs(x - y) <= 10 ** -digits + 1e-9;
};

/** Collects "what: report vs floor" lines for the values that differ (beyond `digits` decimals). */
function differences() {
  const diffs: string[] = [];
  const compare = (what: string, ours: unknown, floor: unknown, digits = 0) => {
    if (!near(ours, floor, digits)) diffs.push(`${what}: report ${String(ours)} vs floor ${String(floor)}`);
  };
  return { diffs, compare };
}

async function floorRows(db: string, table: string): Promise<Row[]> {
  const wh = await Warehouse.open({ path: db, readOnly: true, skipSchema: true });
  try {
    return await wh.all<Row>(`select * from ${table}`);
  } finally {
    wh.close();
  }
}

/** The report's numbers that differ from the floor's, as "what: report vs floor" lines (none when they agree). */
export async function checkSpeedToLeadFloor(db: string, report: SpeedToLeadReport): Promise<string[]> {
  const rows = await floorRows(db, 'bench_speed_to_lead_floor');
  const { diffs, compare } = differences();
  const stats = (dimension: string, key: string) => rows.find((r) => r.kind === 'stats' && r.dimension === dimension && r.key === key);
  const statGroups = [{ dimension: '', key: '', ...report.overall }, ...report.groups];
  for (const group of statGroups) {
    const row = stats(group.dimension, group.key);
    const what = `speed-to-lead ${group.dimension || 'overall'} ${group.key}`;
    if (!row) {
      diffs.push(`${what}: not in the floor`);
      continue;
    }
    compare(`${what} n`, group.n, row.n);
    compare(`${what} touched`, group.touched, row.touched);
    compare(`${what} median minutes`, group.medianMinutes, row.median_minutes, 2);
    compare(`${what} median business minutes`, group.medianBusinessMinutes, row.median_business, 2);
    compare(`${what} p90 business minutes`, group.p90BusinessMinutes, row.p90_business, 2);
    const [met, breached] = [num(row.met)!, num(row.breached)!];
    compare(`${what} within target`, group.withinTarget, met + breached ? met / (met + breached) : null, 4);
  }
  for (const bucket of report.conversionByBucket) {
    const row = rows.find((r) => r.kind === 'bucket' && r.key === bucket.bucket);
    compare(`bucket ${bucket.bucket} n`, bucket.n, row?.n ?? 0);
    compare(`bucket ${bucket.bucket} converted`, bucket.converted, row?.converted ?? 0);
  }
  for (const slot of report.coverage) {
    const row = rows.find((r) => r.kind === 'coverage' && r.dimension === String(slot.weekday) && r.key === String(slot.hour));
    compare(`coverage ${slot.weekday}/${slot.hour} arrivals`, slot.arrivals, row?.n);
    compare(`coverage ${slot.weekday}/${slot.hour} median`, slot.medianMinutes, row?.median_minutes, 2);
  }
  return diffs;
}

export async function checkSlaFloor(db: string, report: SlaReport): Promise<string[]> {
  const rows = await floorRows(db, 'bench_sla_floor');
  const { diffs, compare } = differences();
  for (const sla of report.slas) {
    for (const group of [{ dimension: '', key: '', ...sla }, ...sla.groups]) {
      const row = rows.find((r) => r.kind === 'counts' && r.sla === sla.name && r.dimension === group.dimension && r.key === group.key);
      for (const field of ['eligible', 'met', 'breached', 'pending'] as const) {
        compare(`${sla.name} ${group.dimension || 'overall'} ${group.key} ${field}`, group[field], row?.[field] ?? 0);
      }
    }
  }
  const leaks = rows.find((r) => r.kind === 'leaks');
  compare('leaks mqls', report.leaks.mqls, leaks?.eligible);
  compare('leaks no owner', report.leaks.noOwner, leaks?.met);
  compare('leaks no touch', report.leaks.noTouch, leaks?.breached);
  compare('leaks no disposition', report.leaks.noDisposition, leaks?.pending);
  compare('leaks flagged', report.leaks.leadCount, rows.find((r) => r.kind === 'leaks_flagged')?.eligible);
  // the most late breaches: the same lateness at each rank (ties may list other leads)
  const floorLate = rows
    .filter((r) => r.kind === 'breach')
    .map((r) => num(r.minutes_late)!)
    .sort((x, y) => y - x);
  // (the report lists them by SLA and start: compare them by lateness)
  const reportLate = report.breaches.map((b) => b.minutesLate ?? Number.NEGATIVE_INFINITY).sort((x, y) => y - x);
  compare('listed breaches', reportLate.length, floorLate.length);
  for (const [i, late] of floorLate.entries()) compare(`listed breach ${i + 1} minutes late`, reportLate[i], late, 0);
  return diffs;
}

export interface SlaBenchResult {
  rows: SlaBenchRow[];
  diffs: string[];
}

/** Runs both reports and their floors on `db` (loaded with the SLA bench data) and checks their numbers agree. */
export async function benchSla(options: { db: string; asOf: string; since: string; work: string }): Promise<SlaBenchResult> {
  const bin = join(packageRoot, 'bin', 'revops-report.js');
  const window = resolveWindow({ asOf: options.asOf, since: options.since });
  const cli = async (command: string) => {
    const run = await runChild(process.execPath, [bin, command, '--db', options.db, '--as-of', options.asOf, '--since', options.since, '--format', 'json']);
    if (run.code !== 0) throw new Error(`revops-report ${command} failed (${run.code}): ${run.stderr}`);
    return run;
  };
  const floor = (name: string, sql: string) => fastestOf(() => runFloor(options.work, options.db, name, sql));
  await cli('speed-to-lead'); // warm-up: lifecycle models, business calendar, owner calendars
  const rows: SlaBenchRow[] = [];
  const speed = await fastestOf(() => cli('speed-to-lead'));
  const speedReport = JSON.parse(speed.stdout) as SpeedToLeadReport;
  const speedFloor = await floor('speed_to_lead_floor', speedToLeadFloorSql(window.from, window.to, window.asOf, speedReport.coverageTimezone));
  rows.push({
    what: 'speed-to-lead (end to end)',
    seconds: speed.seconds,
    floorSeconds: speedFloor.seconds,
    peakRssMb: speed.peakRssMb,
    tempPeakMb: speed.tempPeakMb,
  });
  const sla = await fastestOf(() => cli('sla'));
  const slaFloor = await floor('sla_floor', slaFloorSql(window.from, window.to, window.asOf));
  rows.push({ what: 'sla, 5 SLAs (end to end)', seconds: sla.seconds, floorSeconds: slaFloor.seconds, peakRssMb: sla.peakRssMb, tempPeakMb: sla.tempPeakMb });
  const diffs = [...(await checkSpeedToLeadFloor(options.db, speedReport)), ...(await checkSlaFloor(options.db, JSON.parse(sla.stdout) as SlaReport))];
  return { rows, diffs };
}
