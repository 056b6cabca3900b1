/**
 * Benchmark (skipped unless SLA_BENCH=1; SLA_BENCH_MQLS sets the size, default 1,000,000 MQLs
 * with 10 activities each): speed-to-lead and sla end to end against a hand-written SQL floor
 * computing the same first-touch numbers in one statement on the same calendar, in the same run.
 *   SLA_BENCH=1 TZ=UTC npx vitest run test/sla/benchmark.test.ts
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { buildModels } from '../../src/models/build.js';
import { computeSlaReport } from '../../src/sla/compliance.js';
import { resolveSlas } from '../../src/sla/definitions.js';
import { buildSlaOutcomes } from '../../src/sla/outcomes.js';
import { computeSpeedToLead, touchSla } from '../../src/sla/speedToLead.js';
import { openTestWarehouse } from '../helpers/db.js';

const mqls = Number(process.env.SLA_BENCH_MQLS ?? 1_000_000);
const config = parseConfig({ timezone: 'America/New_York' });
const asOf = new Date('2024-07-01T00:00:00Z');
const window = { from: new Date('2024-01-01T00:00:00Z'), to: asOf, asOf };
const seconds = (start: number) => Number(((performance.now() - start) / 1000).toFixed(2));
const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

// The floor: first touch per MQL entry and its business minutes, in one hand-written statement.
const floorSql = `
with mql as (
  select lead_id, entered_at as start_at,
         lead(entered_at) over (partition by lead_id order by entered_at) as next_at
  from fct_stage_entries where stage = 'mql' and entered_at <= $as_of
),
touch as (select lead_id, occurred_at from activities
          where not automated and type in ('call', 'email', 'meeting', 'sms') and occurred_at <= $as_of),
firsts as (
  select mql.lead_id, mql.start_at, case when t.occurred_at < coalesce(mql.next_at, 'infinity') then t.occurred_at end as end_at,
         coalesce(oc.calendar_key, 'default') as k
  from mql asof left join touch t on t.lead_id = mql.lead_id and t.occurred_at >= mql.start_at
  left join dim_leads d on d.lead_id = mql.lead_id left join owner_calendars oc on oc.owner_id = d.owner_id
  where mql.start_at >= $from and mql.start_at < $to
),
iv as (select calendar_key, open_at, cumulative_minutes_before cb, (epoch_us(close_at) - epoch_us(open_at)) / 60e6 as m from business_intervals),
pos as (
  select f.*, coalesce(a.cb + least(a.m, (epoch_us(f.start_at) - epoch_us(a.open_at)) / 60e6), 0) as p0,
         coalesce(b.cb + least(b.m, (epoch_us(f.end_at) - epoch_us(b.open_at)) / 60e6), 0) as p1
  from firsts f
  asof left join iv a on a.calendar_key = f.k and f.start_at >= a.open_at
  asof left join iv b on b.calendar_key = f.k and f.end_at >= b.open_at
)
select cast(count(*) as integer) as n, cast(count(end_at) as integer) as touched,
       quantile_cont((epoch_us(end_at) - epoch_us(start_at)) / 60e6, 0.5) as median_minutes,
       quantile_cont(case when end_at is not null then p1 - p0 end, 0.5) as median_business,
       cast(count(*) filter (where end_at is not null and p1 - p0 <= 240) as integer) as within
from pos`;

describe.skipIf(!process.env.SLA_BENCH)('SLA benchmark', () => {
  it(`speed-to-lead and sla on ${mqls} MQLs and ${mqls * 10} activities`, async () => {
    const wh = await openTestWarehouse();
    let start = performance.now();
    await wh.run(`insert into owners (owner_id, name, team, role, timezone, load_id) select 'O' || i, 'Owner ' || i, 'Team ' || (i % 3), 'SDR',
      ['America/New_York', 'Europe/Berlin', 'America/Los_Angeles'][1 + i % 3], 1 from range(60) t(i)`);
    await wh.run(`insert into leads (lead_id, source_system, created_at, source, owner_id, load_id)
      select 'L' || i, 'canonical', timestamptz '2024-01-01' + to_seconds(cast(hash(i) % 15552000 as bigint)),
             ['Web', 'Webinar', 'Referral', 'Paid Search'][1 + i % 4], 'O' || (hash(i * 7) % 60), 1 from range($n) t(i)`, { n: mqls });
    await wh.run(`insert into stage_events (lead_id, stage_raw, entered_at, origin, load_id)
      select lead_id, 'mql', created_at + interval 1 hour, 'canonical', 1 from leads
      union all select lead_id, case when hash(lead_id) % 10 < 4 then 'sql' else 'disqualified' end,
             created_at + to_seconds(cast(3600 + hash(lead_id || 'd') % 259200 as bigint)), 'canonical', 1
      from leads where hash(lead_id) % 10 < 7`);
    await wh.run(`insert into activities (activity_id, lead_id, owner_id, type, occurred_at, automated, load_id)
      select 'A' || l.lead_id || '-' || k, l.lead_id, l.owner_id, ['call', 'email', 'meeting', 'sms', 'other'][cast(1 + hash(l.lead_id, k) % 5 as integer)],
             l.created_at + to_seconds(cast(hash(k, l.lead_id) % 432000 as bigint)), hash(k, l.lead_id, 1) % 5 = 0, 1
      from leads l, range(10) t(k)`);
    await buildModels(wh, config, { force: true });
    const loadSeconds = seconds(start);

    const slas = resolveSlas(config);
    start = performance.now();
    await buildSlaOutcomes(wh, config, { window, slas: [touchSla(slas)] });
    const speed = await computeSpeedToLead(wh, config, { window, sla: touchSla(slas) });
    const speedSeconds = seconds(start);

    start = performance.now();
    await buildSlaOutcomes(wh, config, { window, slas });
    const report = await computeSlaReport(wh, { window, slas });
    const slaSeconds = seconds(start);

    start = performance.now();
    const floor = await wh.one<{ n: number; touched: number; median_minutes: number; median_business: number; within: number }>(
      floorSql, { as_of: asOf, from: window.from, to: window.to },
    );
    const floorSeconds = seconds(start);
    console.log(JSON.stringify({ mqls, loadSeconds, speedSeconds, slaSeconds, floorSeconds, peakRssMb: rssMb(), breaches: report.breaches.length }));

    // the same numbers both ways
    expect([speed.overall.n, speed.overall.touched]).toEqual([floor!.n, floor!.touched]);
    expect(speed.overall.medianMinutes).toBeCloseTo(floor!.median_minutes, 1);
    expect(speed.overall.medianBusinessMinutes).toBeCloseTo(floor!.median_business, 1);
  }, 1_800_000);
});
