/** How the scoring backtest reads in each output format (see emit.ts). */
import { forTerminal, renderTextTable } from '../reports/format.js';
import { backtestReportDocument } from '../reports/backtestReport.js';
import { backtestSweepCsv, summaryColumns, summaryRows } from '../scoring/backtestOutput.js';
import type { BacktestReport } from '../scoring/backtestTypes.js';
import { generatedBy } from '../version.js';
import type { ReportOutputs } from './emit.js';

/** On a narrow terminal the lowest goes first; rule, partition, workload, precision, recall and the verdict stay. */
const summaryPriorities: Record<string, number> = { falsePositives: 1, missedWins: 2, resolved: 3, positives: 4, flagged: 5, lift: 6, auc: 7 };

/**
 * One table per partition, holdout first, under its own heading: the partition column would
 * otherwise cost 13 columns a row, and at 80 the rules, precision, recall and verdict fit whole.
 */
function partitionTables(report: BacktestReport, width?: number): string[] {
  const columns = forTerminal(
    summaryColumns.filter((c) => c.key !== 'partition'),
    summaryPriorities,
    ['rule'],
  );
  const rows = summaryRows(report);
  return (['holdout', 'development'] as const).map((partition) => {
    const heading = partition === 'holdout' ? `Holdout (decisions from ${report.split.holdoutFrom}): the verdict` : 'Development (before the holdout)';
    return `${heading}\n${renderTextTable(
      columns,
      rows.filter((r) => r.partition === partition),
      width,
    )}`;
  });
}

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
        ...partitionTables(report, width),
        report.decisionRecordPath ? `Decision record: ${report.decisionRecordPath}` : '',
        report.warnings.length ? `Warnings:\n${report.warnings.map((w) => `  - ${w}`).join('\n')}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
  };
}
