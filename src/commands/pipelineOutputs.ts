/** How the pipeline report reads in each output format (see emit.ts). */
import type { PipelineReport } from '../pipeline/types.js';
import { toCsv } from '../reports/escape.js';
import { ciText, renderTextTable } from '../reports/format.js';
import { bucketLabels, pipelineReportDocument } from '../reports/pipelineReport.js';
import { generatedBy } from '../version.js';
import type { ReportOutputs } from './emit.js';

const csvColumns = [
  'list',
  'opportunityId',
  'name',
  'owner',
  'team',
  'stage',
  'amount',
  'closeDate',
  'daysInStage',
  'thresholdDays',
  'pushes',
  'monthPushes',
  'quarterPushes',
  'pullIns',
  'daysPushed',
  'closeDateBefore',
  'entry',
  'exit',
  'startAmount',
  'endAmount',
  'change',
  // appended, so the earlier columns keep their places
  'reason',
  'daysSinceChange',
];

/** Every list of the report in one spreadsheet-safe CSV, one `list` column telling them apart. */
export function pipelineCsv(report: PipelineReport): string {
  return toCsv(csvColumns, [
    ...report.stale.map((s) => ({ list: 'stale', ...s, stage: s.label, reason: s.reason.join('; ') })),
    ...report.pushes.map((p) => ({ list: 'pushed', ...p })),
    ...report.waterfall.deals.map((d) => ({ list: 'waterfall', ...d, amount: d.endAmount, closeDate: d.endCloseDate, closeDateBefore: d.startCloseDate })),
  ]);
}

function pipelineTable(report: PipelineReport, width?: number): string {
  const s = report.summary;
  const w = report.waterfall;
  return [
    `Pipeline${report.pipeline ? ` ${report.pipeline}` : ''} · ${report.window.from.slice(0, 10)} → ${report.window.to.slice(0, 10)} · as of ${report.asOf}` +
      (report.dataFreshness ? ` · newest record ${report.dataFreshness}` : '') +
      (report.zoneAssumption ? `\n${report.zoneAssumption}` : ''),
    renderTextTable(
      [
        { key: 'won', label: 'won', format: 'int' },
        { key: 'lost', label: 'lost', format: 'int' },
        { key: 'winRate', label: 'win rate', format: 'pct1' },
        { key: 'ci', label: '95% interval', priority: 1 },
        { key: 'winRateByAmount', label: 'by amount', format: 'pct1', priority: 3 },
        { key: 'open', label: 'open', format: 'int' },
        { key: 'openAmount', label: 'open amount', format: 'int' },
        { key: 'openWithoutAmount', label: 'no amount', format: 'int', priority: 2 },
        { key: 'medianCycleDays', label: 'median cycle', format: 'days', priority: 4 },
        { key: 'velocityPerDay', label: 'velocity/day', format: 'int' },
      ],
      [{ ...s, ci: ciText(s.ci95.winRate) }],
      width,
    ),
    renderTextTable(
      [
        { key: 'label', label: 'stage', abbreviate: true },
        { key: 'reached', label: 'reached', format: 'int' },
        { key: 'conversionFromPrevious', label: 'from prev', format: 'pct1' },
        { key: 'lostHere', label: 'lost here', format: 'int', priority: 5 },
        { key: 'medianDaysInStage', label: 'median d', format: 'days', priority: 4 },
        { key: 'p90DaysInStage', label: 'p90 d', format: 'days', priority: 2 },
        { key: 'medianOpenDays', label: 'open so far', format: 'days', priority: 1 },
        { key: 'openNow', label: 'open now', format: 'int', priority: 3 },
      ],
      report.stages as unknown as Record<string, unknown>[],
      width,
    ),
    renderTextTable(
      [
        { key: 'label', label: `waterfall ${w.closeFrom} → ${w.closeTo}` },
        { key: 'deals', label: 'deals', format: 'int', priority: 1 },
        { key: 'amount', label: 'amount', format: 'int' },
      ],
      w.buckets.map((b) => ({ label: bucketLabels[b.bucket], deals: b.deals, amount: b.sign < 0 && b.amount !== 0 ? -b.amount : b.amount })),
      width,
    ),
    `${report.stale.length} stale deals${report.summary.snoozed ? ` (${report.summary.snoozed} snoozed not counted)` : ''} · ${report.pushes.length} pushed twice or more (${report.pushTotals.pushes} pushes in the window): --format csv lists them.`,
    report.coverage?.current
      ? `Coverage ${report.coverage.current.period}: ${report.coverage.current.coverage === null ? 'no quota left' : `${report.coverage.current.coverage.toFixed(2)}×`} (needed ${report.coverage.needed?.toFixed(2) ?? '—'}×)`
      : '',
    report.warnings.length ? `Warnings:\n${report.warnings.map((x) => `  - ${x}`).join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function pipelineOutputs(report: PipelineReport): ReportOutputs {
  return {
    name: 'pipeline',
    json: report,
    document: () => pipelineReportDocument(report, generatedBy),
    csv: () => pipelineCsv(report),
    table: (width) => pipelineTable(report, width),
  };
}
