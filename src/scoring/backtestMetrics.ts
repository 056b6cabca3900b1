/**
 * Runs the metric SQL over backtest_split: one aggregate per model and partition
 * (sql/scoring/backtest_metrics.sql) and one for the actual MQL routing (backtest_baseline.sql).
 */
import type { Warehouse } from '../db/connection.js';
import { decileRows, partitionMetrics, sweepRows, type ConfusionCounts, type DecileCounts, type SweepCounts } from './backtestRates.js';
import type { DecileRow, Partition, PartitionMetrics, SweepRow } from './backtestTypes.js';
import type { ScoringModel } from './model.js';

export const partitions: readonly Partition[] = ['development', 'holdout'];

interface MetricsRow extends ConfusionCounts {
  auc: number | null;
  sweep: SweepCounts[];
  deciles: DecileCounts[];
}

export interface ModelPartitionResult {
  metrics: PartitionMetrics;
  sweep: SweepRow[];
  deciles: DecileRow[];
}

/** Leads excluded from each partition, counted (unresolved, embargoed). */
export async function excludedCounts(wh: Warehouse): Promise<Record<Partition, { unresolved: number; embargoed: number }>> {
  const rows = await wh.all<{ partition: Partition; unresolved: number; embargoed: number }>(
    `select partition, count(*) filter (where status = 'unresolved')::int as unresolved,
            count(*) filter (where status = 'embargoed')::int as embargoed
     from backtest_split group by partition`,
  );
  const of = (p: Partition) => rows.find((r) => r.partition === p) ?? { unresolved: 0, embargoed: 0 };
  return { development: of('development'), holdout: of('holdout') };
}

export async function modelPartitionMetrics(
  wh: Warehouse,
  scoresTable: string,
  model: ScoringModel,
  partition: Partition,
  excluded: { unresolved: number; embargoed: number },
): Promise<ModelPartitionResult> {
  // Only a plain identifier is spliced in; scoreAsOf created the table under that name.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(scoresTable)) throw new Error(`not a table name: ${scoresTable}`);
  const metricsSql = await wh.modelSql('scoring/backtest_metrics.sql');
  const row = (await wh.one<MetricsRow>(metricsSql.replaceAll('{{scores}}', `"${scoresTable}"`), {
    partition,
    fit_minimum: model.fitMinimum ?? null,
    engagement_minimum: model.engagementMinimum ?? null,
  }))!;
  return {
    metrics: partitionMetrics(row, excluded, row.auc),
    sweep: sweepRows(partition, row.sweep, row),
    deciles: decileRows(partition, row.deciles, row),
  };
}

export async function baselineMetrics(
  wh: Warehouse,
  excluded: Record<Partition, { unresolved: number; embargoed: number }>,
): Promise<Record<Partition, PartitionMetrics>> {
  const rows = await wh.all<ConfusionCounts & { partition: Partition }>(await wh.modelSql('scoring/backtest_baseline.sql'));
  const empty: ConfusionCounts = { resolved: 0, positives: 0, flagged: 0, true_positives: 0 };
  const of = (p: Partition) => partitionMetrics(rows.find((r) => r.partition === p) ?? empty, excluded[p], null);
  return { development: of('development'), holdout: of('holdout') };
}
