/**
 * The pipeline page's HTML shell on the hand-computed deals (golden, like the routing and overview
 * pages): the same numbers render the same page. Charts and styles are left out; their specs and
 * the stylesheet have goldens and tests of their own.
 */
import { describe, it } from 'vitest';
import { pipelineOn } from '../../src/commands/pipeline.js';
import { parseConfig } from '../../src/config/config.js';
import { renderReportHtml } from '../../src/reports/html.js';
import { pipelineReportDocument } from '../../src/reports/pipelineReport.js';
import { expectGolden } from '../reports/golden.js';
import { handWarehouse } from './handFixture.js';

describe('pipeline page golden', () => {
  it('renders the same HTML shell from the same numbers (golden; charts and styles left out)', async () => {
    const wh = await handWarehouse();
    // S1 snoozed until after the as-of: the stale list leaves it out and its intro counts it
    await wh.run(`insert into opportunity_fields (opportunity_id, field, value, load_id) values ('S1', 'snooze_until', '2024-04-15', 1)`);
    const report = await pipelineOn(wh, parseConfig({}), { from: '2024-01-01', to: '2024-03-31', asOf: '2024-03-31' });
    wh.close();
    const html = await renderReportHtml(pipelineReportDocument(report, 'revops-report test'));
    const shell = html
      .replace(/<style>[\s\S]*?<\/style>/, '<style>/* reports/report.css */</style>')
      .replace(/<svg[\s\S]*?<\/svg>/g, '<svg><!-- chart --></svg>');
    expectGolden('pipeline-report.html', shell);
  });
});
