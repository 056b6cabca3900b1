/**
 * Coverage from a quota file (CSV: period, owner or team, amount): open qualified pipeline with a
 * close date in the period ÷ the quota still to close in it; the coverage needed is 1 ÷ win rate.
 * The file is read as text by DuckDB's CSV reader on either engine (Warehouse.readSmallCsv) and
 * parsed in SQL; a line that does not parse refuses the file, naming the line (read it right or say so).
 */
import type { Warehouse } from '../db/connection.js';
import { usageError } from '../errors.js';
import { day, type PipelineParams, pipelineTable } from './sql.js';
import type { Coverage, CoverageRow } from './types.js';

const scopes = ['owner', 'team'] as const;

async function readQuota(wh: Warehouse, path: string): Promise<'owner' | 'team' | 'all'> {
  let columns: string[];
  try {
    columns = await wh.readSmallCsv(path, 'pipeline_quota_file');
  } catch (error) {
    throw usageError(`--quota ${path}: cannot read it as a CSV file (${(error as Error).message.split('\n')[0]})`);
  }
  // the file's columns are c1…cn by position (Warehouse.readSmallCsv)
  const find = (name: string) => {
    const i = columns.findIndex((c) => c.trim().toLowerCase() === name);
    return i === -1 ? undefined : `c${i + 1}`;
  };
  const period = find('period');
  const amount = find('amount') ?? find('quota');
  const scope = scopes.find((s) => find(s));
  if (!period || !amount) throw usageError(`--quota ${path}: needs the columns period and amount (and owner or team); it has ${columns.join(', ')}`);
  await wh.run(
    `create or replace temp table pipeline_quota_raw as
     select record_number + 1 as line_number, ${period} as period, ${scope ? find(scope) : 'cast(null as varchar)'} as scope_key, ${amount} as amount
     from pipeline_quota_file`,
  );
  return scope ?? 'all';
}

export async function computeCoverage(wh: Warehouse, path: string, params: PipelineParams, winRate: number | null): Promise<Coverage> {
  const scope = await readQuota(wh, path);
  await pipelineTable(wh, 'pipeline_quota', 'pipeline__quota', params);
  const bad = await wh.all<{ line_number: number; period: string | null; amount_text: string | null }>(
    `select cast(line_number as integer) as line_number, period, amount_text from pipeline_quota
     where period_from is null or amount is null order by line_number limit 5`,
  );
  if (bad.length > 0) {
    const lines = bad.map((b) => `line ${b.line_number} (period "${b.period ?? ''}", amount "${b.amount_text ?? ''}")`).join(', ');
    throw usageError(`--quota ${path}: ${lines}: a period is 2024-Q3, 2024-07 or 2024 and an amount a number`);
  }
  await pipelineTable(wh, 'pipeline_coverage', 'pipeline__coverage', { ...params, scope });
  const rows = await wh.all<{ period: string; scope_key: string; quota: number; won: number; pipeline: number; pipeline_deals: number }>(
    `select period, scope_key, quota, won, pipeline, pipeline_deals from pipeline_coverage order by line_number`,
  );
  const coverageOf = (pipeline: number, remaining: number) => (remaining > 0 ? pipeline / remaining : null);
  // the lines whose period holds the as-of (the first such period when the file has several), summed
  const current = await wh.one<{ period: string | null; quota: number; won: number; pipeline: number }>(
    `with current_lines as (
       select * from pipeline_coverage
       where period_from <= cast($as_of as date) and period_to > cast($as_of as date)
         and period_from = (select max(period_from) from pipeline_coverage where period_from <= cast($as_of as date) and period_to > cast($as_of as date))
     )
     select min(period) as period, sum(quota) as quota, sum(won) as won, sum(pipeline) as pipeline from current_lines`,
    // the as-of is an instant (a bare --as-of date is the end of that day): the day it closes is the one before it
    { as_of: day(new Date((params.as_of as Date).getTime() - 1)) },
  );
  const remainingOf = (quota: number, won: number) => Math.max(quota - won, 0);
  return {
    needed: winRate && winRate > 0 ? 1 / winRate : null,
    winRate,
    current: current?.period
      ? {
          period: current.period,
          quota: current.quota,
          won: current.won,
          remaining: remainingOf(current.quota, current.won),
          pipeline: current.pipeline,
          coverage: coverageOf(current.pipeline, remainingOf(current.quota, current.won)),
        }
      : null,
    rows: rows.map(
      (r): CoverageRow => ({
        period: r.period,
        scope,
        key: r.scope_key,
        quota: r.quota,
        won: r.won,
        remaining: remainingOf(r.quota, r.won),
        pipeline: r.pipeline,
        pipelineDeals: r.pipeline_deals,
        coverage: coverageOf(r.pipeline, remainingOf(r.quota, r.won)),
      }),
    ),
  };
}
