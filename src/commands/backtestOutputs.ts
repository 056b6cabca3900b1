/** How the scoring backtest reads in each output format (see emit.ts). */
import { renderTextTable } from '../reports/format.js';
import { backtestReportDocument } from '../reports/backtestReport.js';
import { backtestSweepCsv, summaryColumns, summaryRows } from '../scoring/backtestOutput.js';
import type { BacktestReport } from '../scoring/backtestTypes.js';
import { generatedBy } from '../version.js';
import type { ReportOutputs } from './emit.js';

export function backtestOutputs(report: BacktestReport): ReportOutputs {
  return {
    name: 'scoring-backtest',
    json: report,
    document: () => backtestReportDocument(report, generatedBy),
    csv: () => backtestSweepCsv(report),
    table: (width) =>
      [
        `Scoring backtest · decision ${report.decision} · target ${report.target} within ${report.horizon} · as of ${report.asOf}`,
        report.zoneAssumption ?? '',
        `Split: development before ${report.split.holdoutFrom} (embargo ${report.split.embargo}), holdout after; ` +
          `${report.cohort.eligible} eligible, ${report.cohort.unresolved} unresolved, ${report.cohort.embargoed} embargoed`,
        renderTextTable(summaryColumns, summaryRows(report), width),
        report.decisionRecordPath ? `Decision record: ${report.decisionRecordPath}` : '',
        report.warnings.length ? `Warnings:\n${report.warnings.map((w) => `  - ${w}`).join('\n')}` : '',
      ].filter(Boolean).join('\n\n'),
  };
}
