import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { overviewOn, overviewOutputs } from '../../src/commands/overview.js';
import { slaOn } from '../../src/commands/sla.js';
import { speedToLeadOn } from '../../src/commands/speedToLead.js';
import { positionIn, type OverviewReport } from '../../src/metrics/overview.js';
import { wilson95 } from '../../src/metrics/wilson.js';
import { openTestWarehouse } from '../helpers/db.js';
import { loadFixtures } from '../helpers/load.js';
import { canonicalFiles as slaCanonicalFiles, fixtureConfig as slaFixtureConfig } from '../sla/support.js';

// The five leads of test/fixtures/lifecycle (see test/metrics/funnel.test.ts), skipped stages counted:
//   lead 5, mql 5, sql 4, opportunity 2, customer 2 (L1 won; L4 jumped to customer).
const config = parseConfig({ timezone: 'America/New_York' });
const window = { from: '2024-01-01', to: '2024-03-31', asOf: '2024-04-01T00:00:00Z' };

async function lifecycleOverview() {
  const wh = await openTestWarehouse();
  await loadFixtures(wh, ['lifecycle/leads.csv', 'lifecycle/stage_events.csv'], config);
  const made = await overviewOn(wh, config, window);
  // the speed-to-lead and SLA reports of the same warehouse, as their own commands compute them
  return { ...made, speed: await speedToLeadOn(wh, config, window), sla: await slaOn(wh, config, window) };
}

const tile = (r: OverviewReport, id: string) => r.sections.flatMap((s) => s.tiles).find((t) => t.id === id)!;

describe('overview', () => {
  it('takes the four funnel rates, worked out by hand, with their denominators, intervals and range positions', async () => {
    const { report } = await lifecycleOverview();
    expect(report.report).toBe('overview');
    expect(report.asOf).toBe('2024-04-01T00:00:00.000Z');
    expect(report.sections.map((s) => [s.name, s.tiles.map((t) => t.id)])).toEqual([
      ['marketing', ['lead-to-mql', 'mql-to-sql']],
      ['sales', ['speed-to-lead', 'sql-to-opportunity', 'win-rate', 'velocity']],
      ['executive', ['lead-to-customer', 'sla-compliance', 'coverage']],
    ]);
    const pick = (id: string) => {
      const t = tile(report, id);
      return [t.value, t.n, t.ci95, t.status, t.link];
    };
    expect(pick('lead-to-mql')).toEqual([1, 5, wilson95(5, 5), 'above', 'funnel.html']); // 5 of 5 against 5–15%
    // the previous 91 days hold no lead: every tile but the placeholders, with nothing to divide by
    expect(report.previous).toMatchObject({
      window: { from: '2023-10-02T00:00:00.000Z', to: '2024-01-01T00:00:00.000Z' },
      asOf: '2024-01-01T00:00:00.000Z',
      days: 91,
    });
    expect(report.previous!.tiles.map((t) => [t.id, t.value])).toEqual(
      ['lead-to-mql', 'mql-to-sql', 'speed-to-lead', 'sql-to-opportunity', 'win-rate', 'lead-to-customer', 'sla-compliance'].map((id) => [id, null]),
    );
    expect(pick('mql-to-sql')).toEqual([0.8, 5, wilson95(4, 5), 'above', 'funnel.html']); // 4 of 5 against 30–50%
    expect(pick('sql-to-opportunity')).toEqual([0.5, 4, wilson95(2, 4), 'within', 'funnel.html']); // 2 of 4: the range's low end counts as within
    expect(pick('win-rate')).toEqual([1, 2, wilson95(2, 2), 'above', 'funnel.html']); // 2 of 2 against 20–30%
    expect(pick('lead-to-customer')).toEqual([0.4, 5, wilson95(2, 5), 'no-benchmark', 'funnel.html']); // 2 of 5, no range in the seed
    expect(tile(report, 'win-rate').benchmark).toEqual({ low: 0.2, high: 0.3, unit: 'ratio', text: '20–30%' });
  });

  it('shows speed-to-lead and SLA compliance exactly as those reports compute them on the same warehouse', async () => {
    const { report, speed, sla } = await lifecycleOverview();
    const s = tile(report, 'speed-to-lead');
    expect([s.value, s.n, s.link]).toEqual([speed.overall.medianBusinessMinutes, speed.overall.touched, 'speed-to-lead.html']);
    // no activity in the fixture: nobody was touched, so no median, and it says so
    expect(speed.overall.touched).toBe(0);
    expect(s.status).toBe('no-data');
    const c = tile(report, 'sla-compliance');
    expect([c.value, c.n, c.ci95, c.link]).toEqual([sla.slas[0]!.compliance, sla.slas[0]!.met + sla.slas[0]!.breached, sla.slas[0]!.ci95, 'sla.html']);
    expect(c.benchmark).toEqual({ low: 0.9, high: null, unit: 'ratio', text: '≥ 90% goal' });
  });

  it('marks velocity and coverage as not available, never with a number', async () => {
    const { report } = await lifecycleOverview();
    for (const id of ['velocity', 'coverage']) {
      expect(tile(report, id)).toMatchObject({ value: null, n: null, ci95: null, benchmark: null, status: 'not-available', link: null });
    }
  });

  it('prints one table row and one CSV row per tile, each percentage rounded once from the exact value', async () => {
    const made = await lifecycleOverview();
    const outputs = overviewOutputs(made);
    const lines = outputs.table().split('\n');
    expect(lines.find((l) => l.includes('MQL → SQL'))).toMatch(/^marketing\s+MQL → SQL\s+80\.0%\s+5\s+37\.6–96\.4%\s+30–50%\s+above\s+no previous data$/);
    // the window before 2024-01-01 has no lead: the change column says so, and the heading says which window
    expect(lines[2]).toBe('change vs the previous 91 days (2023-10-02 – 2024-01-01, as of 2024-01-01)');
    expect(lines.find((l) => l.includes('Pipeline velocity'))).toMatch(/not yet available\s+—\s+not-available$/);
    const csv = outputs.csv().trim().split(/\r?\n/);
    expect(csv[0]).toBe('section,id,label,value,n,ciLow,ciHigh,benchmark,status,link');
    expect(csv).toHaveLength(10);
    expect(outputs.json).toBe(made.report);
  });

  it('places a value against a range with open ends', () => {
    const ideal = { low: null, high: 5, unit: 'minutes' as const, text: '' };
    expect([positionIn(4.9, ideal), positionIn(5, ideal), positionIn(5.1, ideal), positionIn(null, ideal), positionIn(0.3, null)]).toEqual([
      'within',
      'within',
      'above',
      'no-data',
      'no-benchmark',
    ]);
  });
});

describe('overview on the SLA fixture', () => {
  // April 1 to Friday 2024-04-12 18:00Z; the period before (March 20–31) holds L09's MQL of March 28
  const slaWindow = { from: '2024-04-01', to: '2024-04-12', asOf: '2024-04-12T18:00:00Z' };

  it('shares one build of the SLA outcomes per period, and its speed-to-lead and SLA reports are those commands’ own', async () => {
    const wh = await openTestWarehouse();
    await loadFixtures(wh, slaCanonicalFiles, slaFixtureConfig);
    const made = await overviewOn(wh, slaFixtureConfig, slaWindow);
    const speed = await speedToLeadOn(wh, slaFixtureConfig, slaWindow);
    const sla = await slaOn(wh, slaFixtureConfig, slaWindow);
    expect(made.sources.speedToLead).toEqual(speed);
    expect(made.sources.sla).toEqual(sla);
    // the fixture's figures, so the comparison is not of two empty reports: 9 first touches in the
    // window, 7 touched (speedToLead.test.ts); one MQL, L09's, in the period before
    expect([speed.overall.n, speed.overall.touched, speed.previous!.overall.n]).toEqual([9, 7, 1]);
    expect(sla.previous!.slas.find((s) => s.name === 'first_touch')!.eligible).toBe(1);
  });
});
