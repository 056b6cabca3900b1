/**
 * Backtest benchmark: 200k invented leads with 5M engagement events, the PLG template against a
 * candidate that changes points as well as the threshold (so both are scored in full). The whole
 * backtest, as a ratio to the bare as-of scoring SQL for one model on the same decisions, in the
 * same process and run. Target (issue): within 3x.
 */
import { parseConfig } from '../src/config/config.js';
import { Warehouse } from '../src/db/connection.js';
import { buildModels } from '../src/models/build.js';
import { runBacktest } from '../src/scoring/backtest.js';
import { backtestSpec } from '../src/scoring/backtestSpec.js';
import { scoreAsOf } from '../src/scoring/scoreAsOf.js';
import { templates } from '../src/scoring/templates.js';

const types = ['page_view', 'login', 'created_account', 'completed_onboarding', 'core_feature_used', 'invited_teammate', 'hit_usage_limit', 'email_click'];

async function seed(wh: Warehouse, leads: number, events: number): Promise<void> {
  // shaped like a PLG funnel: 30% MQL, 40% of those SQL, a third of those customers
  await wh.run(`insert into leads (lead_id, source_system, email, account_id, created_at, load_id)
    select 'L' || i, 'bench', 'p' || i || (case when i % 5 = 0 then '@gmail.com' else '@firm' || (i % 60000) || '.io' end),
           'A' || (i % 60000), timestamptz '2024-01-01' + to_seconds((hash(i) % 47000000)::bigint), 0
    from range(${leads}) t(i)`);
  await wh.run(`create temp table bench_journeys as
    select lead_id, created_at, hash(lead_id) % 100 as r, to_seconds((hash(lead_id || 'm') % 864000)::bigint) as lag from leads`);
  await wh.run(`insert into stage_events (lead_id, stage_raw, entered_at, origin, load_id)
    select lead_id, 'lead', created_at, 'canonical', 0 from bench_journeys
    union all select lead_id, 'mql', created_at + lag, 'canonical', 0 from bench_journeys where r < 30
    union all select lead_id, 'sql', created_at + lag * 2, 'canonical', 0 from bench_journeys where r < 12
    union all select lead_id, 'customer', created_at + lag * 5, 'canonical', 0 from bench_journeys where r < 4`);
  await wh.run(
    `insert into engagement_events (lead_id, event_type, occurred_at, detail, load_id)
    select j.lead_id, ($types::varchar[])[(1 + hash(i, 't') % 8)::bigint], j.created_at + to_seconds((hash(i, 'o') % 10368000)::bigint - 432000),
           case when hash(i, 'd') % 4 = 0 then '/pricing' else '/blog/x' end, 0
    from range(${events}) t(i) join bench_journeys j on j.lead_id = 'L' || (hash(i) % ${leads})`,
    { types },
  );
  await wh.run(`insert into field_history (lead_id, field, value, changed_at, load_id)
    select lead_id, 'industry', case when r < 50 then 'Software' else 'Retail' end, created_at, 0 from bench_journeys
    union all select lead_id, 'title', case when r % 3 = 0 then 'VP Growth' else 'Analyst' end, created_at, 0 from bench_journeys`);
}

export async function benchBacktest(leads = 200_000, events = 5_000_000) {
  const wh = await Warehouse.open({ path: ':memory:' });
  try {
    await seed(wh, leads, events);
    await buildModels(wh, parseConfig({}), { force: true });
    const spec = backtestSpec({ decision: 'mql', target: 'customer', horizon: '90d', asOf: '2025-09-30' });
    const stricter = {
      ...templates.plg,
      name: 'PLG stricter',
      version: '2',
      threshold: 75,
      engagement: templates.plg.engagement.map((r) => (r.id === 'pricing-page' ? { ...r, points: 10 } : r)),
    };
    // untimed warm-up (allocator, first-query costs), so neither timing pays it
    await wh.run(`create temp table bench_decisions as select lead_id, created_at + interval 7 day as decided_at from leads`);
    await scoreAsOf(wh, templates.plg, 'bench_decisions', { into: 'bench_warmup' });
    let started = performance.now();
    const report = await runBacktest(wh, spec, { current: templates.plg, candidate: stricter });
    const seconds = (performance.now() - started) / 1000;
    started = performance.now();
    await scoreAsOf(wh, templates.plg, 'backtest_decisions', { into: 'bench_scores' });
    const floorSeconds = (performance.now() - started) / 1000;
    return { seconds, floorSeconds, resolved: report.cohort.resolved, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    wh.close();
  }
}
