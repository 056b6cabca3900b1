/**
 * Benchmark of `routing` (issue 13): BENCH_ROUTING_LEADS leads (default 1M) created over 2025,
 * generated in DuckDB straight into the warehouse tables: 40 owners in two zones (four inactive),
 * a Salesforce queue, owner history in field_history (queue first, reassignments, ping-pong,
 * stamps before the create date, leads with no history or no owner), MQL stage events and
 * engagement events of accounts of eight contacts (buying committees), touches and ABM tiers. The
 * CLI end to end as a child process against a hand-written DuckDB floor (bench/routingFloor.ts, run
 * by bench/floor.ts) on the same database, which works out every number and list the report prints;
 * all are checked equal to the report.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Warehouse } from '../src/db/connection.js';
import { packageRoot } from '../src/paths.js';
import type { RoutingReport } from '../src/routing/types.js';
import { fastestOf, runChild, runFloor } from './child.js';
import { checkRoutingFloor, routingBenchConfig, routingFloorSql } from './routingFloor.js';

export interface RoutingBenchRow {
  what: string;
  seconds: number;
  floorSeconds: number;
  /** user + system CPU seconds of the CLI (with Node start-up) and of the floor: a shared machine moves them less than wall time */
  cpuSeconds: number | null;
  floorCpuSeconds: number;
  peakRssMb: number | null;
  /** what DuckDB spilled at most (big bench: $REVOPS_TEMP_DIR), MB */
  tempPeakMb?: number | null;
}

/**
 * Deterministic (hashes of the row number). Per lead i, by i % 50: 0 no owner and no history; 1 a
 * queue; 2 a person owner but no history; 3–5 a queue first, then a person; 6–9 reassigned once;
 * 10–11 ping-pong (A → B → A); 12 assigned an hour before the create date; else assigned once.
 * The first assignment comes up to two days after creation. 40% of leads become MQL within two
 * weeks; a tenth of accounts engage (half their contacts, twice each over 60 days), and every
 * third lead once more. Every second lead gets an outbound call or email from its first owner within
 * a day of its MQL entry, else of its creation (one in six of those automated, which does not count as a touch), every tenth writes
 * in (an inbound email: an engagement for committees, not a touch). Every twentieth account has an
 * ABM tier (lead field abm_tier "Tier 1"–"Tier 3"); the config names one more account (tier 1).
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
alter table bench_paths add column mql_at timestamptz;
update bench_paths set mql_at = created_at + to_seconds(hash(i * 5) % 1209600) where i % 5 < 2;

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
select lead_id, 'mql', mql_at, 'canonical', 1, i * 2 + 1 from bench_paths where i % 5 < 2;

insert into engagement_events (lead_id, event_type, occurred_at, load_id, source_row)
select lead_id, 'form_submission', created_at + to_seconds(hash(i * 7 + j) % 5184000), 1, i * 3 + j
from bench_paths, range(2) e(j) where (i // 8) % 10 = 0 and i % 8 < 4
union all
select lead_id, 'email_click', created_at + to_seconds(hash(i * 11) % 2592000), 1, i * 3 + 2 from bench_paths where i % 3 = 0;

insert into activities (activity_id, lead_id, owner_id, type, direction, occurred_at, automated, load_id, source_row)
select 'A' || i, lead_id, o1, case when i % 3 = 0 then 'call' else 'email' end, 'outbound',
       coalesce(mql_at, created_at) + to_seconds(hash(i * 13) % 86400), i % 12 = 6, 1, i * 2
from bench_paths where i % 2 = 0
union all
select 'B' || i, lead_id, null, 'email', 'inbound', created_at + to_seconds(hash(i * 17) % 2592000), false, 1, i * 2 + 1
from bench_paths where i % 10 = 1;

insert into lead_fields (lead_id, field, value, load_id)
select lead_id, 'abm_tier', 'Tier ' || (1 + (i // 8) % 3), 1 from bench_paths where (i // 8) % 20 = 0;

drop table bench_paths;
`;
}

export async function benchRouting(work: string, leads: number): Promise<{ rows: RoutingBenchRow[]; diffs: string[] }> {
  const db = join(work, `routing-${leads}.duckdb`);
  const wh = await Warehouse.open({ path: db });
  try {
    const existing = await wh.one<{ n: number }>('select cast(count(*) as integer) as n from leads');
    // a warehouse of an older version of this data (before activities and ABM tiers) is made again
    const activities = await wh.one<{ n: number }>('select cast(count(*) as integer) as n from activities');
    if (existing?.n !== leads || !activities?.n) {
      await wh.run(
        'delete from owners; delete from leads; delete from field_history; delete from stage_events; delete from engagement_events; delete from activities; delete from lead_fields; drop table if exists model_state;',
      );
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
  const run = await fastestOf(cli);
  const report = JSON.parse(run.stdout) as RoutingReport;
  const floor = await fastestOf(() => runFloor(work, db, 'routing_floor', routingFloorSql(report.window.from, report.window.to, report.asOf, report.timezone)));
  const diffs = await checkRoutingFloor(db, report);
  return {
    rows: [
      {
        what: `routing (${leads.toLocaleString('en-US')} leads, owner history, MQLs, activities, ABM tiers, committees; end to end)`,
        seconds: run.seconds,
        floorSeconds: floor.seconds,
        cpuSeconds: run.cpuSeconds,
        floorCpuSeconds: floor.cpuSeconds,
        peakRssMb: run.peakRssMb,
        tempPeakMb: run.tempPeakMb,
      },
    ],
    diffs,
  };
}
