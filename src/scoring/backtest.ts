/**
 * The scoring backtest on an open warehouse: decisions and outcomes (backtestCohort.ts), as-of
 * scores per model (scoreAsOf), one metric aggregate per model and partition, the actual MQL
 * routing as baseline, warnings. `scoringBacktest` (src/commands/scoring.ts) wraps it.
 */
import type { Warehouse } from '../db/connection.js';
import { buildBacktestCohort } from './backtestCohort.js';
import { compileModel } from './compileModel.js';
import { baselineMetrics, excludedCounts, modelPartitionMetrics, partitions } from './backtestMetrics.js';
import type { BacktestSpec } from './backtestSpec.js';
import type { BacktestModelResult, BacktestReport } from './backtestTypes.js';
import { backtestWarnings } from './backtestWarnings.js';
import { modelContentHash } from './decisionRecord.js';
import type { ScoringModel } from './model.js';
import { scoreAsOf } from './scoreAsOf.js';
import { withZoneAssumption, zoneAssumption } from '../metrics/zoneAssumption.js';
import { timed } from '../timing.js';

export interface BacktestModels {
  current: ScoringModel;
  candidate?: ScoringModel;
}

/** Same rules and points (only threshold, minimums, name or version differ): the same scores. */
const sameRules = (a: ScoringModel, b: ScoringModel) => JSON.stringify(compileModel(a)) === JSON.stringify(compileModel(b));

/**
 * A threshold-only change needs no rescoring: copy the scores and flag them at the candidate's
 * threshold and minimums, with the rule score_as_of.sql applies.
 */
async function reflag(wh: Warehouse, model: ScoringModel, from: string, into: string): Promise<string> {
  await wh.run(
    `create or replace temp table "${into}" as
     select lead_id, decided_at, fit_points, engagement_points, negative_points, score,
            score >= $threshold::double
              and fit_points >= coalesce($fit_minimum::double, '-infinity'::double)
              and engagement_points >= coalesce($engagement_minimum::double, '-infinity'::double) as flagged,
            fields_from_current, rule_points
     from "${from}"`,
    { threshold: model.threshold, fit_minimum: model.fitMinimum ?? null, engagement_minimum: model.engagementMinimum ?? null },
  );
  return into;
}

/** Expects the lifecycle marts (buildModels) to be built. */
export async function runBacktest(wh: Warehouse, spec: BacktestSpec, models: BacktestModels): Promise<BacktestReport> {
  const { cohort, split } = await timed('cohort', buildBacktestCohort(wh, spec));
  // Only judged leads are scored: unresolved and embargoed ones never reach a metric.
  await wh.run(`create or replace temp table backtest_decisions as
                select lead_id, decided_at from backtest_split where status = 'resolved'`);
  const excluded = await excludedCounts(wh);

  const roles = [
    ['current', models.current],
    ['candidate', models.candidate],
  ] as const;
  const results: BacktestModelResult[] = [];
  for (const [role, model] of roles) {
    if (!model) continue;
    const table =
      role === 'candidate' && sameRules(model, models.current)
        ? await reflag(wh, model, 'backtest_scores_current', 'backtest_scores_candidate')
        : await timed(`${role} scores`, scoreAsOf(wh, model, 'backtest_decisions', { into: `backtest_scores_${role}`, rulePoints: false }));
    const incomplete = await wh.one<{ n: number }>(`select count(*) filter (where fields_from_current > 0)::int as n from "${table}"`);
    // One connection runs one query at a time: partitions in turn.
    const development = await timed(`${role} metrics`, modelPartitionMetrics(wh, table, model, partitions[0]!, excluded.development));
    const holdout = await modelPartitionMetrics(wh, table, model, partitions[1]!, excluded.holdout);
    results.push({
      role,
      name: model.name,
      version: model.version,
      contentHash: modelContentHash(model),
      threshold: model.threshold,
      fitMinimum: model.fitMinimum ?? null,
      engagementMinimum: model.engagementMinimum ?? null,
      incompleteHistory: incomplete?.n ?? 0,
      development: development.metrics,
      holdout: holdout.metrics,
      sweep: [...development.sweep, ...holdout.sweep],
      deciles: [...development.deciles, ...holdout.deciles],
    });
  }

  const baseline = await baselineMetrics(wh, excluded);
  const report = {
    report: 'scoring-backtest' as const,
    asOf: spec.asOf.toISOString(),
    target: spec.target,
    horizon: spec.horizon,
    decision: spec.decision.label,
    split,
    cohort,
    models: results,
    baseline: { rule: 'actual MQL routing', ...baseline },
  };
  return { ...report, warnings: backtestWarnings(report), ...withZoneAssumption(await zoneAssumption(wh)), decisionRecordPath: null };
}
