/**
 * Builds the backtest population in SQL: each lead's decision and outcome (backtest_cohort), then
 * the time split with account grouping and embargo (backtest_split). Returns what was counted.
 */
import type { Warehouse } from '../db/connection.js';
import { usageError } from '../errors.js';
import type { BacktestSpec } from './backtestSpec.js';
import type { BacktestCohort, BacktestSplit, Partition, PartitionSummary } from './backtestTypes.js';

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

interface StatusCount {
  partition: Partition | null;
  status: string | null;
  leads: number;
  accounts: number;
  first: Date | null;
  last: Date | null;
}

export interface CohortResult {
  cohort: BacktestCohort;
  split: BacktestSplit;
}

export async function buildBacktestCohort(wh: Warehouse, spec: BacktestSpec): Promise<CohortResult> {
  const stage = await wh.one<{ n: number }>(`select count(*)::int as n from cfg_stages where stage in ($target, 'mql')`, { target: spec.target });
  if ((stage?.n ?? 0) < 2) throw usageError(`the configured lifecycle needs both "mql" and "${spec.target}" stages for a backtest`);
  await wh.run(await wh.modelSql('scoring/backtest_cohort.sql'), {
    as_of: spec.asOf,
    decision: spec.decision.kind,
    offset_seconds: spec.decision.offsetSeconds,
    target: spec.target,
    horizon_seconds: spec.horizonSeconds,
  });
  const holdoutFrom = spec.holdoutFrom ?? (await defaultHoldoutFrom(wh, spec));
  await wh.run(await wh.modelSql('scoring/backtest_split.sql'), { holdout_from: holdoutFrom, embargo_seconds: spec.embargoSeconds });
  return {
    cohort: await cohortCounts(wh),
    split: await splitSummary(wh, spec, holdoutFrom),
  };
}

/** The day of the 70th-percentile resolved decision: ~70% develop, the latest ~30% are held out. */
async function defaultHoldoutFrom(wh: Warehouse, spec: BacktestSpec): Promise<Date> {
  const row = await wh.one<{ at: Date | null }>(
    // the ordered-set spelling both engines run (DuckDB's quantile_disc, the same element)
    `select date_trunc('day', percentile_disc(0.7) within group (order by decided_at)) as at from backtest_cohort where status = 'resolved'`,
  );
  return row?.at ?? spec.asOf;
}

async function cohortCounts(wh: Warehouse): Promise<BacktestCohort> {
  const row = await wh.one<Omit<BacktestCohort, 'eligible' | 'resolved' | 'unresolved' | 'embargoed'> & { lag: number | null }>(
    `select count(*)::int as leads,
            count(*) filter (where status = 'not_decided')::int as "notDecided",
            count(*) filter (where status = 'reached_before_decision')::int as "reachedBeforeDecision",
            count(*) filter (where decided_by_fallback and status in ('resolved', 'unresolved'))::int as "decidedByFallback",
            max(epoch(decided_at) - epoch(created_at)) filter (where decided_by_fallback)::double / 86400 as lag
     from backtest_cohort`,
  );
  const split = await wh.one<{ resolved: number; unresolved: number; embargoed: number }>(
    `select count(*) filter (where status = 'resolved')::int as resolved,
            count(*) filter (where status = 'unresolved')::int as unresolved,
            count(*) filter (where status = 'embargoed')::int as embargoed
     from backtest_split`,
  );
  const { lag, ...counts } = row!;
  const s = split!;
  return { ...counts, eligible: s.resolved + s.unresolved + s.embargoed, ...s, fallbackLagDays: lag };
}

async function splitSummary(wh: Warehouse, spec: BacktestSpec, holdoutFrom: Date): Promise<BacktestSplit> {
  const rows = await wh.all<StatusCount>(
    `select partition, status, count(*)::int as leads, count(distinct account_key)::int as accounts,
            min(decided_at) as first, max(decided_at) as last
     from backtest_split group by grouping sets ((partition, status), (partition)) order by partition, status`,
  );
  const first = await wh.one<{ at: Date | null }>(`select min(decided_at) as at from backtest_split where partition = 'holdout'`);
  const summary = (partition: Partition): PartitionSummary => {
    const of = (status: string) => rows.find((r) => r.partition === partition && r.status === status)?.leads ?? 0;
    const all = rows.find((r) => r.partition === partition && r.status === null);
    return {
      accounts: all?.accounts ?? 0,
      eligible: all?.leads ?? 0,
      resolved: of('resolved'),
      unresolved: of('unresolved'),
      embargoed: of('embargoed'),
      decisionsFrom: iso(all?.first),
      decisionsTo: iso(all?.last),
    };
  };
  return {
    holdoutFrom: holdoutFrom.toISOString(),
    holdoutFromSource: spec.holdoutFrom ? 'option' : 'default: 70th percentile of resolved decisions',
    firstHoldoutDecision: iso(first?.at),
    embargo: spec.embargo,
    development: summary('development'),
    holdout: summary('holdout'),
  };
}
