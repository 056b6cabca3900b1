/**
 * Counts in, rates out: precision, recall, lift and their Wilson intervals, the sweep's and the
 * deciles' derived columns, and the inconclusive rule. Pure functions over what the SQL counted.
 */
import { rate, wilson95 } from '../metrics/wilson.js';
import type { DecileRow, Interval, Partition, PartitionMetrics, SweepRow } from './backtestTypes.js';

/** Below either, a partition cannot decide a threshold change (docs/scoring-backtest.md). */
export const inconclusiveBelow = { positives: 30, resolved: 100 } as const;

export interface ConfusionCounts {
  resolved: number;
  positives: number;
  flagged: number;
  true_positives: number;
}

export interface ExcludedCounts {
  unresolved: number;
  embargoed: number;
}

const scale = (interval: Interval, by: number | null): Interval => (interval && by ? [interval[0] / by, interval[1] / by] : null);

function inconclusiveReason(c: ConfusionCounts): string | null {
  const reasons: string[] = [];
  if (c.resolved < inconclusiveBelow.resolved) reasons.push(`${c.resolved} resolved leads (fewer than ${inconclusiveBelow.resolved})`);
  if (c.positives < inconclusiveBelow.positives) reasons.push(`${c.positives} wins (fewer than ${inconclusiveBelow.positives})`);
  return reasons.length ? reasons.join(' and ') : null;
}

export function partitionMetrics(c: ConfusionCounts, excluded: ExcludedCounts, auc: number | null): PartitionMetrics {
  const falsePositives = c.flagged - c.true_positives;
  const missedWins = c.positives - c.true_positives;
  const negatives = c.resolved - c.positives;
  const baseRate = rate(c.positives, c.resolved);
  const precision = rate(c.true_positives, c.flagged);
  const reason = inconclusiveReason(c);
  return {
    eligible: c.resolved + excluded.unresolved + excluded.embargoed,
    resolved: c.resolved,
    unresolved: excluded.unresolved,
    embargoed: excluded.embargoed,
    positives: c.positives,
    baseRate,
    flagged: c.flagged,
    workload: rate(c.flagged, c.resolved),
    truePositives: c.true_positives,
    falsePositives,
    missedWins,
    precision,
    recall: rate(c.true_positives, c.positives),
    lift: precision !== null && baseRate ? precision / baseRate : null,
    auc,
    ci95: {
      workload: wilson95(c.flagged, c.resolved),
      precision: wilson95(c.true_positives, c.flagged),
      recall: wilson95(c.true_positives, c.positives),
      falsePositiveRate: wilson95(falsePositives, negatives),
      missedWinRate: wilson95(missedWins, c.positives),
      lift: scale(wilson95(c.true_positives, c.flagged), baseRate),
    },
    inconclusive: reason !== null,
    inconclusiveReason: reason,
  };
}

export interface SweepCounts {
  threshold: number;
  flagged: number;
  true_positives: number;
}

export function sweepRows(partition: Partition, points: readonly SweepCounts[], totals: ConfusionCounts): SweepRow[] {
  const baseRate = rate(totals.positives, totals.resolved);
  return points.map((p) => {
    const precision = rate(p.true_positives, p.flagged);
    return {
      partition,
      threshold: p.threshold,
      flagged: p.flagged,
      workload: rate(p.flagged, totals.resolved),
      truePositives: p.true_positives,
      falsePositives: p.flagged - p.true_positives,
      missedWins: totals.positives - p.true_positives,
      precision,
      recall: rate(p.true_positives, totals.positives),
      lift: precision !== null && baseRate ? precision / baseRate : null,
    };
  });
}

export interface DecileCounts {
  decile: number;
  leads: number;
  wins: number;
  min_score: number;
  max_score: number;
}

export function decileRows(partition: Partition, deciles: readonly DecileCounts[], totals: ConfusionCounts): DecileRow[] {
  const baseRate = rate(totals.positives, totals.resolved);
  let leads = 0;
  let wins = 0;
  return deciles.map((d) => {
    leads += d.leads;
    wins += d.wins;
    const decileRate = rate(d.wins, d.leads);
    return {
      partition,
      decile: d.decile,
      leads: d.leads,
      positives: d.wins,
      minScore: d.min_score,
      maxScore: d.max_score,
      rate: decileRate,
      lift: decileRate !== null && baseRate ? decileRate / baseRate : null,
      cumulativeShare: rate(leads, totals.resolved),
      gains: rate(wins, totals.positives),
    };
  });
}
