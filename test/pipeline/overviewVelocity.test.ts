/** The overview's velocity tile is the pipeline report's, linked to its page; coverage stays a placeholder (no quota file). */
import { describe, expect, it } from 'vitest';
import { overviewOn, overviewOutputs } from '../../src/commands/overview.js';
import { parseConfig } from '../../src/config/config.js';
import { overviewReportDocument } from '../../src/reports/overviewReport.js';
import { handWarehouse } from './handFixture.js';

describe('overview velocity from the pipeline report', () => {
  it('shows the pipeline report velocity in JSON, table and HTML', async () => {
    const wh = await handWarehouse();
    const made = await overviewOn(wh, parseConfig({}), { from: '2024-01-01', to: '2024-03-31', asOf: '2024-03-31' });
    wh.close();
    const tiles = made.report.sections.flatMap((s) => s.tiles);
    const velocity = tiles.find((t) => t.id === 'velocity')!;
    expect(velocity).toMatchObject({ value: (5 * 2000 * (2 / 3)) / 55, n: 5, unit: 'per-day', link: 'pipeline.html', status: 'no-benchmark' });
    expect(tiles.find((t) => t.id === 'coverage')).toMatchObject({ value: null, status: 'not-available' });
    expect(overviewOutputs(made).table()).toMatch(/Pipeline velocity\s+121 \/ day/);
    const html = overviewReportDocument(made.report, made.sources, 'test').sections.flatMap((s) => s.tiles ?? []);
    expect(html.find((t) => t.key === 'velocity')).toMatchObject({ value: '121 / day', href: 'pipeline.html', hrefLabel: 'Pipeline report' });
  });
});
