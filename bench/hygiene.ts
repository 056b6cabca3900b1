/**
 * Benchmark of `hygiene` (issue 13): BENCH_HYGIENE_LEADS leads (default 1M) of which 20% have a
 * near-duplicate (an exact copy of the email, the email with case and a +tag, the same person at
 * the same company domain, the same person with the phone written another way), companies under
 * suffix variants (tier 4). The CLI end to end as a child process against a hand-written DuckDB floor doing
 * the same blocking and matching (bench/floor.ts), on the same database; the per-tier duplicate
 * counts of both are checked equal.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Warehouse } from '../src/db/connection.js';
import type { HygieneReport } from '../src/hygiene/types.js';
import { packageRoot } from '../src/paths.js';
import { fastestOf, runChild, runFloor } from './child.js';

/** Leads and their near-duplicates, written by DuckDB itself (range()), no CSV in between. */
export const generateSql = (n: number) => `
insert into leads (lead_id, source_system, email, first_name, last_name, company, created_at, owner_id, stage_raw, load_id)
select 'B' || i, case when i % 3 = 0 then 'marketo' else 'salesforce' end,
       'p' || i || '.x@company' || (i % 50000) || '.com', 'Pat', 'Smith' || translate(cast(i as varchar), '0123456789', 'abcdefghij'),
       'Company ' || (i % 50000) || ['', ' Inc', ', Inc.', ' LLC'][1 + (i // 50000) % 4],
       timestamptz '2024-01-01' + to_seconds(i), 'O' || (i % 40), 'lead', 1
from range(${n}) t(i);
insert into lead_fields select 'B' || i, 'phone', '+1 212 ' || lpad(cast(i % 10000000 as varchar), 7, '0'), 1 from range(${n}) t(i) where i % 5 = 0;
insert into leads (lead_id, source_system, email, first_name, last_name, company, created_at, owner_id, stage_raw, load_id)
select 'D' || i, 'hubspot',
       case (i // 5) % 4
         when 0 then 'p' || i || '.x@company' || (i % 50000) || '.com'
         when 1 then 'P' || i || '.X+webinar@Company' || (i % 50000) || '.com'
         when 2 then 'pat.smith' || i || '@company' || (i % 50000) || '.com'
         else 'ps' || i || '@other' || i || '.com' end,
       'pat', 'SMITH' || translate(cast(i as varchar), '0123456789', 'ABCDEFGHIJ'), 'Company ' || (i % 50000), timestamptz '2025-01-01' + to_seconds(i), null, 'mql', 1
from range(0, ${n}, 5) t(i);
insert into lead_fields select 'D' || i, 'phone_number', '212-' || substr(lpad(cast(i % 10000000 as varchar), 7, '0'), 1, 3) || '-' || substr(lpad(cast(i % 10000000 as varchar), 7, '0'), 4), 1
from range(0, ${n}, 5) t(i) where (i // 5) % 4 = 3;
`;

/** The same keys, clusters and first-tier-wins rule, written as one query the way an analyst would. */
export const hygieneFloorSql = `
create or replace table bench_hygiene_floor as
with ph as (select lead_id, min(value) as phone from lead_fields where field in ('phone', 'phone_number') group by lead_id),
nf as (select lead_id, count(*) as n from lead_fields group by lead_id),
c as (
  select l.lead_id, nullif(trim(l.email), '') as e1, lower(regexp_replace(l.email, '\\s+', '', 'g')) as el,
         case when trim(l.first_name) <> '' and trim(l.last_name) <> ''
              then trim(regexp_replace(strip_accents(lower(l.first_name || ' ' || l.last_name)), '[^a-z]+', ' ', 'g')) end as nm,
         regexp_replace(ph.phone, '[^0-9]', '', 'g') as digits, starts_with(trim(ph.phone), '+') as intl,
         nullif(trim(regexp_replace(regexp_replace(regexp_replace(strip_accents(lower(coalesce(l.company, ''))), '\\.', '', 'g'), '[^a-z0-9]+', ' ', 'g'),
           '(\\s(inc|incorporated|llc|ltd|limited|gmbh|sa|ag|bv|corp|corporation|co|company|plc))+\\s*$', '', 'g')), '') as cn,
         trim(l.company) as spelling,
         row_number() over (order by l.source_system in ('salesforce', 'hubspot') desc,
           (l.email is not null)::int + (l.first_name is not null)::int + (l.last_name is not null)::int + (l.company is not null)::int
           + (l.owner_id is not null)::int + (l.created_at is not null)::int + coalesce(nf.n, 0) desc, l.created_at, l.lead_id) as rk
  from leads l left join ph using (lead_id) left join nf using (lead_id)
),
k as (
  select *, split_part(el, '@', 2) as dom,
         case when split_part(el, '@', 2) in ('gmail.com', 'googlemail.com')
              then replace(split_part(split_part(el, '@', 1), '+', 1), '.', '') || '@gmail.com'
              else split_part(split_part(el, '@', 1), '+', 1) || '@' || split_part(el, '@', 2) end as e2,
         case when intl then '+' || digits when length(digits) = 10 then '+1' || digits end as e164
  from c
),
keys as (
  select lead_id, rk, 1 as tier, 0 as kind, e1 as key from k where e1 is not null
  union all select lead_id, rk, 2, 0, e2 from k where el like '%_@_%'
  union all select lead_id, rk, 3, 0, nm || ' @' || dom from k
  where nm is not null and el like '%_@_%' and dom not in ('gmail.com', 'googlemail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'aol.com')
  union all select lead_id, rk, 3, 1, nm || ' ' || e164 from k where nm is not null and e164 is not null
),
cl as (select tier, kind, key, arg_min(lead_id, rk) as survivor from keys group by all having count(*) > 1),
spellings as (select cn, spelling, min(rk) as rk from k where cn is not null and spelling <> '' group by all),
accounts as (select cn from spellings group by cn having count(*) > 1)
select keys.tier, count(*)::int as duplicates from (
  select keys.lead_id, keys.tier from keys join cl using (tier, kind, key)
  where keys.lead_id <> cl.survivor
  qualify row_number() over (partition by keys.lead_id order by keys.tier, keys.kind, keys.key) = 1
) keys group by keys.tier
union all
select 4, (count(*) - count(distinct cn))::int from spellings where cn in (select cn from accounts)
order by 1;
`;

export interface HygieneBenchRow {
  what: string;
  seconds: number;
  floorSeconds: number;
  peakRssMb: number | null;
  /** what DuckDB spilled at most (big bench: $REVOPS_TEMP_DIR), MB */
  tempPeakMb?: number | null;
  floorPeakRssMb: number;
  cpuSeconds: number | null;
  floorCpuSeconds: number;
}

/** The bench rows, the per-tier differences from the floor, and the measured run's stderr (its step timings under REVOPS_PROFILE). */
export async function benchHygiene(work: string, leads: number): Promise<{ rows: HygieneBenchRow[]; diffs: string[]; stderr: string }> {
  const db = join(work, 'hygiene.duckdb');
  const wh = await Warehouse.open({ path: db });
  try {
    await wh.run('delete from leads; delete from lead_fields;');
    await wh.runScript(generateSql(leads), 'hygiene bench data');
  } finally {
    wh.close();
  }
  const config = join(work, 'hygiene.config.json');
  await writeFile(config, JSON.stringify({ hygiene: { defaultCountry: 'US' } }));
  const args = [join(packageRoot, 'bin', 'revops-report.js'), 'hygiene', '--db', db, '--config', config, '--as-of', '2026-06-01', '--format', 'json'];
  // the first run builds the lifecycle models; the second is the one measured
  await runChild(process.execPath, args);
  const run = await fastestOf(() => runChild(process.execPath, args));
  if (run.code !== 0) throw new Error(`hygiene failed (${run.code}): ${run.stderr}`);
  const floor = await fastestOf(() => runFloor(work, db, 'hygiene_floor', hygieneFloorSql));
  const report = JSON.parse(run.stdout) as HygieneReport;
  const check = await Warehouse.open({ path: db });
  const diffs: string[] = [];
  try {
    const rows = await check.all<{ tier: number; duplicates: number }>('select tier, duplicates from bench_hygiene_floor');
    for (const tier of [1, 2, 3, 4]) {
      const floorCount = rows.find((r) => r.tier === tier)?.duplicates ?? 0;
      const reportCount = report.duplicates.tiers.find((t) => t.tier === tier)?.duplicates ?? 0;
      if (floorCount !== reportCount) diffs.push(`tier ${tier}: report ${reportCount}, floor ${floorCount}`);
    }
  } finally {
    check.close();
  }
  return {
    rows: [
      {
        what: `hygiene (${leads.toLocaleString('en-US')} leads, 20% near-duplicates)`,
        seconds: run.seconds,
        floorSeconds: floor.seconds,
        peakRssMb: run.peakRssMb,
        tempPeakMb: run.tempPeakMb,
        floorPeakRssMb: floor.peakRssMb,
        cpuSeconds: run.cpuSeconds,
        floorCpuSeconds: floor.cpuSeconds,
      },
    ],
    diffs,
    stderr: run.stderr,
  };
}
