/**
 * What a reader must know before trusting a backtest: incomplete field history (a retrospective
 * backtest), cohorts too small to decide, an embargo shorter than the horizon, empty partitions.
 */
import { durationSeconds } from '../metrics/window.js';
import type { BacktestReport, Partition } from './backtestTypes.js';

const percent = (k: number, n: number) => (n > 0 ? `${((100 * k) / n).toFixed(1)}%` : '0%');
const label: Record<Partition, string> = { development: 'Development', holdout: 'Holdout' };

export function backtestWarnings(report: Omit<BacktestReport, 'warnings' | 'decisionRecordPath'>): string[] {
  const warnings: string[] = [];
  const scored = report.split.development.resolved + report.split.holdout.resolved;

  for (const m of report.models) {
    if (m.incompleteHistory === 0) continue;
    warnings.push(
      `RETROSPECTIVE BACKTEST, INCOMPLETE HISTORY: model "${m.name}" v${m.version} used today's value of a field with no ` +
        `history for ${m.incompleteHistory} of ${scored} scored leads (${percent(m.incompleteHistory, scored)}). ` +
        'Those scores may use facts learned after the decision, so these results are optimistic; load field history to make the backtest honest.',
    );
  }

  if (report.cohort.resolved === 0) {
    warnings.push(`No lead's ${report.horizon} outcome window had elapsed by the as-of: nothing can be judged yet.`);
  }
  for (const p of ['development', 'holdout'] as const) {
    const metrics = report.baseline[p];
    if (report.split[p].eligible === 0) warnings.push(`${label[p]} has no leads: move --holdout-from.`);
    else if (metrics.inconclusive) warnings.push(`${label[p]} is inconclusive: ${metrics.inconclusiveReason}.`);
  }

  if (durationSeconds(report.split.embargo, '--embargo') < durationSeconds(report.horizon, '--horizon')) {
    warnings.push(
      `The embargo (${report.split.embargo}) is shorter than the horizon (${report.horizon}): some development outcomes were ` +
        'not known when the holdout began, so development results leak across the split.',
    );
  }
  if (report.split.development.embargoed > 0 && report.split.development.resolved === 0) {
    warnings.push('Every resolved development lead was embargoed: pick an earlier --holdout-from or a shorter horizon.');
  }
  return warnings;
}
