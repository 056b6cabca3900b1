import { describe, expect, it } from 'vitest';
import { buildIndexDocument, formatDelta, type IndexRun, renderBuildIndexHtml } from '../../src/reports/indexPage.js';

const run = (name: string, status: IndexRun['status'], headline: Record<string, number | null>): IndexRun => ({
  run: name,
  status,
  asOf: `${name}T23:59:59Z`,
  finishedAt: `${name}T02:10:00Z`,
  dataFreshness: `${name}T01:00:00Z`,
  headline,
  links:
    status === 'complete'
      ? [
          { label: 'funnel', href: `${name}/funnel.html` },
          { label: 'manifest', href: `${name}/manifest.json` },
        ]
      : [],
  note: status === 'failed' ? 'data check failed: <max-reject-rate>' : null,
});

// newest first, as the index lists them
const runs = [
  run('2026-11-03', 'complete', { mqlToSql: 0.42, speedToLeadMedianMinutes: 95, slaCompliance: 0.9 }),
  run('2026-11-02', 'failed', { mqlToSql: 0.1 }),
  run('2026-11-01', 'complete', { mqlToSql: 0.385, speedToLeadMedianMinutes: 140, slaCompliance: null }),
];

describe('build index', () => {
  it('compares each run with the previous complete one, skipping failed runs', () => {
    const doc = buildIndexDocument(runs, { run: '2026-11-03', links: [] }, 'revops-report 0.1.0');
    const [newest, failed, oldest] = doc.runs;
    // 0.42 − 0.385 = +3.5 pp (not against the failed run's 0.1); 95 − 140 = −45 minutes;
    // SLA compliance had no value before, so no change is shown
    expect(newest!.cells.map((c) => [c.text, c.deltaText])).toEqual([
      ['42.0%', '+3.5 pp'],
      ['1h 35m', '−45m'],
      ['90.0%', '—'],
      ...Array.from({ length: 6 }, () => ['—', '—']),
    ]);
    // the failed run is compared with 11-01 too: 0.1 − 0.385 = −28.5 pp
    expect(failed!.cells[0]!.deltaText).toBe('−28.5 pp');
    expect(oldest!.cells.map((c) => c.deltaText)).toEqual(Array.from({ length: 9 }, () => '—'));
  });

  it('formats changes as percentage points and durations', () => {
    expect(formatDelta(0.0123, 'ratio')).toBe('+1.2 pp');
    expect(formatDelta(0, 'ratio')).toBe('±0.0 pp');
    expect(formatDelta(-0.00004, 'ratio')).toBe('±0.0 pp'); // rounds to zero, so no sign
    expect(formatDelta(-90, 'minutes')).toBe('−1h 30m');
    expect(formatDelta(null, 'minutes')).toBe('—');
    expect(formatDelta(-3, 'count')).toBe('−3');
    expect(formatDelta(1234.4, 'amount')).toBe('+1,234');
    expect(formatDelta(0.3, 'amount')).toBe('±0'); // rounds to zero, so no sign
  });

  it('shows the routing, pipeline and hygiene headlines with their change from the previous complete run', () => {
    const newer = run('2026-11-05', 'complete', {
      unassignedLeads: 4,
      medianTimeToAssignBusinessMinutes: 30,
      dealWinRate: 0.25,
      velocityPerDay: 1500.4,
      duplicateRate: 0.02,
      requiredFieldsComplete: 0.875,
    });
    const older = run('2026-11-04', 'complete', {
      unassignedLeads: 7,
      medianTimeToAssignBusinessMinutes: 75,
      dealWinRate: 0.2,
      velocityPerDay: 1000,
      duplicateRate: null,
      requiredFieldsComplete: 0.9,
    });
    const doc = buildIndexDocument([newer, older], null, 'revops-report 0.1.0');
    // the three lead metrics are absent from these runs: "—" without a change
    // 4 − 7 = −3 leads; 30 − 75 = −45 minutes; 25% − 20% = +5.0 pp; 1,500 − 1,000 = +500 a day;
    // no duplicate rate before; 87.5% − 90% = −2.5 pp
    expect(doc.runs[0]!.cells.map((c) => [c.text, c.deltaText])).toEqual([
      ['—', '—'],
      ['—', '—'],
      ['—', '—'],
      ['4', '−3'],
      ['30m', '−45m'],
      ['25.0%', '+5.0 pp'],
      ['1,500', '+500'],
      ['2.0%', '—'],
      ['87.5%', '−2.5 pp'],
    ]);
  });

  it('heads a column for every headline metric: the lead ones in the run table, the rest in a table below', async () => {
    const html = await renderBuildIndexHtml(buildIndexDocument(runs, null, 'revops-report 0.1.0'));
    const tables = [...html.matchAll(/<thead><tr>(.*?)<\/tr><\/thead>/g)].map((t) =>
      [...t[1]!.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((m) => m[1]!.replace(/<[^>]*>/g, '')),
    );
    expect(tables).toEqual([
      ['Run', 'Status', 'Finished', 'Data freshness', 'MQL→SQL', 'Speed-to-lead median', 'SLA compliance', 'Reports'],
      ['Run', 'Unassigned leads', 'Time to assign median', 'Deal win rate', 'Velocity / day', 'Duplicate rate', 'Required fields complete'],
    ]);
    // the newest run's row of the second table: every value "—" (these runs built no such report)
    expect(html).toContain(`<tr><td class="nowrap">2026-11-03</td>${'<td class="num">—<br><small class="delta">—</small></td>'.repeat(6)}</tr>`);
  });

  it('renders relative links only, escapes run notes, and shows "—" for missing numbers', async () => {
    const html = await renderBuildIndexHtml(
      buildIndexDocument(runs, { run: '2026-11-03', links: [{ label: 'funnel', href: 'latest/funnel.html' }] }, 'revops-report 0.1.0'),
    );
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['latest/funnel.html', '2026-11-03/funnel.html', '2026-11-03/manifest.json', '2026-11-01/funnel.html', '2026-11-01/manifest.json']);
    expect(html).toContain('data check failed: &lt;max-reject-rate&gt;');
    expect(html).not.toContain('<script');
    expect(html).toContain(`default-src 'none'`); // the reports' CSP: no request can leave the page
    expect(html).toMatch(/<td class="num">—<br><small class="delta">—<\/small><\/td>/);
  });
});
