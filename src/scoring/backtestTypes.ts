/**
 * The scoring-backtest report: the stable JSON contract (`--format json`, docs/scoring-backtest.md)
 * and the typed value `scoringBacktest` returns. Dates are ISO-8601 UTC strings; ratios are 0..1;
 * a ratio with nothing to divide by is null.
 */

export type Interval = [low: number, high: number] | null;
export type Partition = 'development' | 'holdout';

/** How one routing rule (a model at its threshold, or the actual MQL routing) did on one partition. */
export interface PartitionMetrics {
  /** Leads of the partition decided by the as-of: resolved + unresolved (+ embargoed). */
  eligible: number;
  /** Leads whose outcome window had elapsed, that the metrics are computed on. */
  resolved: number;
  /** Outcome window still open at the as-of: excluded, counted. */
  unresolved: number;
  /** Development only: outcome matured after the first holdout decision: excluded, counted. */
  embargoed: number;
  /** Resolved leads that reached the target within the horizon (wins). */
  positives: number;
  /** positives ÷ resolved */
  baseRate: number | null;
  /** Leads the rule sends to sales: the workload. */
  flagged: number;
  /** flagged ÷ resolved */
  workload: number | null;
  truePositives: number;
  /** Flagged leads that did not win: wasted reviews. */
  falsePositives: number;
  /** Wins the rule did not flag. */
  missedWins: number;
  /** truePositives ÷ flagged */
  precision: number | null;
  /** truePositives ÷ positives */
  recall: number | null;
  /** precision ÷ baseRate */
  lift: number | null;
  /** ROC AUC of the score (null for the baseline, which has no score). */
  auc: number | null;
  /** Wilson 95% intervals; lift's is precision's divided by the base rate. */
  ci95: {
    workload: Interval;
    precision: Interval;
    recall: Interval;
    /** falsePositives ÷ resolved non-wins */
    falsePositiveRate: Interval;
    /** missedWins ÷ positives */
    missedWinRate: Interval;
    lift: Interval;
  };
  /** Too few resolved leads or wins to decide anything. */
  inconclusive: boolean;
  inconclusiveReason: string | null;
}

/** One threshold of the sweep: flag leads with score >= threshold (and the model's minimums). */
export type SweepRow = { partition: Partition; threshold: number } & Pick<
  PartitionMetrics,
  'flagged' | 'workload' | 'truePositives' | 'falsePositives' | 'missedWins' | 'precision' | 'recall' | 'lift'
>;

export interface DecileRow {
  partition: Partition;
  /** 1 = the highest-scored tenth */
  decile: number;
  leads: number;
  positives: number;
  minScore: number;
  maxScore: number;
  /** positives ÷ leads in this decile */
  rate: number | null;
  /** rate ÷ base rate */
  lift: number | null;
  /** share of the partition's leads in deciles 1..this */
  cumulativeShare: number | null;
  /** share of the partition's wins in deciles 1..this (cumulative gains) */
  gains: number | null;
}

export interface BacktestModelResult {
  role: 'current' | 'candidate';
  name: string;
  version: string;
  /** sha256 of the model's canonical JSON (keys sorted): changes whenever a rule or threshold does */
  contentHash: string;
  threshold: number;
  fitMinimum: number | null;
  engagementMinimum: number | null;
  /** Scored leads whose fields fell back to today's values (no field history). */
  incompleteHistory: number;
  development: PartitionMetrics;
  holdout: PartitionMetrics;
  sweep: SweepRow[];
  deciles: DecileRow[];
}

export interface PartitionSummary {
  accounts: number;
  eligible: number;
  resolved: number;
  unresolved: number;
  embargoed: number;
  /** first and last decision in the partition */
  decisionsFrom: string | null;
  decisionsTo: string | null;
}

export interface BacktestSplit {
  holdoutFrom: string;
  holdoutFromSource: 'option' | 'default: 70th percentile of resolved decisions';
  firstHoldoutDecision: string | null;
  embargo: string;
  development: PartitionSummary;
  holdout: PartitionSummary;
}

export interface BacktestCohort {
  /** Leads created by the as-of. */
  leads: number;
  /** Decision time after the as-of (e.g. created+7d for a lead created yesterday). */
  notDecided: number;
  /** Already at or past the target stage at the decision: nothing left to predict. */
  reachedBeforeDecision: number;
  eligible: number;
  resolved: number;
  unresolved: number;
  embargoed: number;
  /** decision mql: eligible leads never promoted to MQL, decided at creation + the median MQL lag */
  decidedByFallback: number;
  /** decision mql: that median creation→MQL lag, in days */
  fallbackLagDays: number | null;
}

export interface BacktestReport {
  report: 'scoring-backtest';
  asOf: string;
  target: string;
  horizon: string;
  decision: string;
  split: BacktestSplit;
  cohort: BacktestCohort;
  /** current model first, then the --compare candidate */
  models: BacktestModelResult[];
  baseline: { rule: string; development: PartitionMetrics; holdout: PartitionMetrics };
  warnings: string[];
  /** naive timestamps read in an assumed UTC (metrics/zoneAssumption.ts); absent when none were */
  zoneAssumption?: string;
  /** Where decision-record.json was written, when `out` was given. */
  decisionRecordPath: string | null;
}
