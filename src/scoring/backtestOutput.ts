/**
 * The backtest as rows: the summary table (terminal and HTML), the sweep as CSV, and the curve
 * points the report charts. Pure functions over a BacktestReport.
 */
import { toCsv, type CsvColumn } from '../reports/escape.js';
import { pct, pct1 } from '../reports/format.js';
import type { TableColumn } from '../reports/types.js';
import type { BacktestModelResult, BacktestReport, Interval, Partition, PartitionMetrics } from './backtestTypes.js';

export const modelLabel = (m: BacktestModelResult) => `${m.role === 'current' ? 'Current' : 'Candidate'}: ${m.name} v${m.version} (≥ ${m.threshold})`;
export const baselineLabel = 'Actual MQL routing';
/** For table rows, where the full name is in the header: "Candidate (≥ 75)". */
export const shortLabel = (m: BacktestModelResult) => `${m.role === 'current' ? 'Current' : 'Candidate'} (≥ ${m.threshold})`;

// rounded once from the exact rate, by the same helpers as every other table
const pctText = (x: number) => pct(x);
export const intervalText = (i: Interval, asPercent = true) =>
  i === null ? null : asPercent ? `${pctText(i[0])}–${pctText(i[1])}` : `${i[0].toFixed(2)}–${i[1].toFixed(2)}`;

/** "20.0% (4%–62%)": the rate and how far it could be off. */
const withInterval = (value: number | null, interval: Interval) => (value === null ? null : `${pct1(value)} (${intervalText(interval)})`);

export const summaryColumns: TableColumn[] = [
  { key: 'rule', label: 'Rule' },
  { key: 'partition', label: 'Partition' },
  { key: 'resolved', label: 'Resolved', format: 'int' },
  { key: 'positives', label: 'Wins', format: 'int' },
  { key: 'flagged', label: 'Flagged', format: 'int' },
  { key: 'workload', label: 'Workload', format: 'pct1' },
  { key: 'precision', label: 'Precision (95% CI)', align: 'right' },
  { key: 'recall', label: 'Recall (95% CI)', align: 'right' },
  { key: 'falsePositives', label: 'False pos.', format: 'int' },
  { key: 'missedWins', label: 'Missed wins', format: 'int' },
  { key: 'lift', label: 'Lift', align: 'right' },
  { key: 'auc', label: 'AUC', align: 'right' },
  { key: 'verdict', label: 'Verdict' },
];

function summaryRow(rule: string, partition: Partition, m: PartitionMetrics): Record<string, unknown> {
  return {
    rule,
    partition,
    resolved: m.resolved,
    positives: m.positives,
    flagged: m.flagged,
    workload: m.workload,
    precision: withInterval(m.precision, m.ci95.precision),
    recall: withInterval(m.recall, m.ci95.recall),
    falsePositives: m.falsePositives,
    missedWins: m.missedWins,
    lift: m.lift === null ? null : `${m.lift.toFixed(2)}×`,
    auc: m.auc === null ? null : m.auc.toFixed(3),
    verdict: m.inconclusive ? 'inconclusive' : 'conclusive',
  };
}

/** Holdout first (the verdict), then development; each model, then the actual routing. */
export function summaryRows(report: BacktestReport): Record<string, unknown>[] {
  return (['holdout', 'development'] as const).flatMap((p) => [
    ...report.models.map((m) => summaryRow(shortLabel(m), p, m[p])),
    summaryRow(baselineLabel, p, report.baseline[p]),
  ]);
}

const sweepColumns: CsvColumn[] = [
  'model',
  'version',
  'role',
  'partition',
  'threshold',
  'flagged',
  'workload',
  'truePositives',
  'falsePositives',
  'missedWins',
  'precision',
  'recall',
  'lift',
];

/** Every threshold of every model and partition, one row each (`--format csv`). */
export function backtestSweepCsv(report: BacktestReport): string {
  const rows = report.models.flatMap((m) => m.sweep.map((s) => ({ model: m.name, version: m.version, role: m.role, ...s })));
  return toCsv(sweepColumns, rows);
}

export interface CurvePoint {
  rule: string;
  x: number;
  y: number;
}

/** Cumulative gains from the sweep: share of leads flagged → share of wins caught, from (0, 0). */
export function gainsCurve(report: BacktestReport, partition: Partition): CurvePoint[] {
  return report.models.flatMap((m) => {
    const points = m.sweep.filter((s) => s.partition === partition && s.workload !== null && s.recall !== null);
    if (points.length === 0) return [];
    return [{ rule: modelLabel(m), x: 0, y: 0 }, ...thin(points).map((s) => ({ rule: modelLabel(m), x: s.workload!, y: s.recall! }))];
  });
}

/** Precision–recall from the sweep, in sweep order (threshold falling, recall rising). */
export function precisionRecallCurve(report: BacktestReport, partition: Partition): CurvePoint[] {
  return report.models.flatMap((m) =>
    thin(m.sweep.filter((s) => s.partition === partition && s.precision !== null && s.recall !== null)).map((s) => ({
      rule: modelLabel(m),
      x: s.recall!,
      y: s.precision!,
    })),
  );
}

/** At most `limit` evenly spaced rows, always keeping the last: charts carry aggregates, not leads. */
export function thin<T>(rows: readonly T[], limit = 200): T[] {
  if (rows.length <= limit) return [...rows];
  const step = (rows.length - 1) / (limit - 1);
  return Array.from({ length: limit }, (_, i) => rows[Math.round(i * step)]!);
}
