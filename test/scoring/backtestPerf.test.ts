/**
 * Benchmark (run with REVOPS_BENCH=1; skipped otherwise, it takes minutes): 200k leads with 5M
 * engagement events, PLG against a stricter candidate. The whole backtest must finish within 3x
 * of the bare as-of scoring SQL for one model on the same decisions, in the same run.
 * Prints both timings and the peak RSS.
 */
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/scoring/backtest.js';
import { backtestSpec } from '../../src/scoring/backtestSpec.js';
import { scoreAsOf } from '../../src/scoring/scoreAsOf.js';
import { templates } from '../../src/scoring/templates.js';
import { openTestWarehouse } from '../helpers/db.js';
import { buildMarts } from './backtestRows.js';

const leads = Number(process.env.REVOPS_BENCH_LEADS ?? 200_000);
const events = Number(process.env.REVOPS_BENCH_EVENTS ?? 5_000_000);
const types = ['page_view', 'login', 'created_account', 'completed_onboarding', 'core_feature_used', 'invited_teammate', 'hit_usage_limit', 'email_click'];

describe.runIf(process.env.REVOPS_BENCH)('backtest benchmark', () => {
  it(`backtests ${leads} leads and ${events} events within 3x of one model's as-of scoring`, { timeout: 1_800_000 }, async () => {
    const wh = await openTestWarehouse();
    // invented data, shaped like a PLG funnel: 30% MQL, 40% of those SQL, 30% of those customers
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
    await wh.run(`insert into engagement_events (lead_id, event_type, occurred_at, detail, load_id)
      select j.lead_id, ($types::varchar[])[(1 + hash(i, 't') % 8)::bigint], j.created_at + to_seconds((hash(i, 'o') % 10368000)::bigint - 432000),
             case when hash(i, 'd') % 4 = 0 then '/pricing' else '/blog/x' end, 0
      from range(${events}) t(i) join bench_journeys j on j.lead_id = 'L' || (hash(i) % ${leads})`, { types });
    await wh.run(`insert into field_history (lead_id, field, value, changed_at, load_id)
      select lead_id, 'industry', case when r < 50 then 'Software' else 'Retail' end, created_at, 0 from bench_journeys
      union all select lead_id, 'title', case when r % 3 = 0 then 'VP Growth' else 'Analyst' end, created_at, 0 from bench_journeys`);
    await buildMarts(wh);
    const spec = backtestSpec({ decision: 'mql', target: 'customer', horizon: '90d', asOf: '2025-09-30' });
    // the candidate changes points as well as the threshold, so both models are scored in full
    // (a threshold-only candidate reuses the current scores and costs almost nothing)
    const stricter = {
      ...templates.plg, name: 'PLG stricter', version: '2', threshold: 75,
      engagement: templates.plg.engagement.map((r) => (r.id === 'pricing-page' ? { ...r, points: 10 } : r)),
    };

    // untimed warm-up (allocator, first-query costs), so neither timing below pays it
    await wh.run(`create temp table bench_decisions as select lead_id, created_at + interval 7 day as decided_at from leads`);
    await scoreAsOf(wh, templates.plg, 'bench_decisions', { into: 'bench_warmup' });

    let start = performance.now();
    const report = await runBacktest(wh, spec, { current: templates.plg, candidate: stricter });
    const backtestMs = performance.now() - start;
    // the bare SQL: one model's as-of scores on the same judged decisions
    start = performance.now();
    await scoreAsOf(wh, templates.plg, 'backtest_decisions', { into: 'bench_scores' });
    const bareMs = performance.now() - start;

    const rssMb = process.resourceUsage().maxRSS / 1024;
    console.log(`backtest ${backtestMs.toFixed(0)} ms, bare as-of scoring ${bareMs.toFixed(0)} ms, ratio ${(backtestMs / bareMs).toFixed(2)}, ` +
      `scored ${report.cohort.resolved} leads, peak RSS ${rssMb.toFixed(0)} MB`);
    expect(report.cohort.leads).toBe(leads);
    expect(backtestMs / bareMs).toBeLessThan(3);
  });
});
