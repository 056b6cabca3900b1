/**
 * The backtest's metric SQL at a CRM's size: AUC's P(P+1)/2 overflowed a 32-bit integer once a
 * partition had more than 46,340 won leads (found by the PostgreSQL bench at 1M leads: 267,560 ×
 * 267,561 on DuckDB, "integer out of range" on PostgreSQL). 100,000 resolved leads, 60,000 won:
 * P(P+1) = 3.6e9, past 2^31. Both cases are worked out by hand:
 * - won leads score 1, lost ones 0: every won lead outranks every lost one, AUC = 1;
 * - every lead scores 1: ties average the ranks, each win's rank is (R+1)/2, so
 *   AUC = (P(R+1)/2 − P(P+1)/2) / (P·N) = (R − P) / 2N = 40,000 / 80,000 = 0.5.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/db/engine.js';
import { DuckDbWarehouse } from '../../src/db/connection.js';
import { PostgresWarehouse } from '../../src/db/postgres.js';
import { modelPartitionMetrics } from '../../src/scoring/backtestMetrics.js';
import type { ScoringModel } from '../../src/scoring/model.js';

async function scored(wh: Engine, score: string): Promise<void> {
  await wh.run(`drop table if exists backtest_split; drop table if exists scale_scores`);
  await wh.run(`create temp table backtest_split as
    select 'L' || i as lead_id, timestamptz '2026-01-01 00:00:00+00' as decided_at, 'holdout' as partition, 'resolved' as status, i % 5 < 3 as won
    from generate_series(0, 99999) as t(i)`);
  await wh.run(`create temp table scale_scores as
    select lead_id, decided_at, cast(${score} as double precision) as score, won as flagged,
           cast(0 as double precision) as fit_points, cast(0 as double precision) as engagement_points
    from backtest_split`);
}

const model = {} as ScoringModel;
const engines: [string, () => Promise<Engine>][] = [
  ['DuckDB', () => DuckDbWarehouse.open({ path: ':memory:' })],
  ['PostgreSQL (PGlite)', () => PostgresWarehouse.pglite()],
];

describe.each(engines)('backtest metrics past 2^31 on %s', (_name, open) => {
  it('AUC is 1 when every won lead outranks every lost one, and 0.5 when every score ties', async () => {
    const wh = await open();
    try {
      await scored(wh, 'case when won then 1 else 0 end');
      const separated = await modelPartitionMetrics(wh, 'scale_scores', model, 'holdout', { unresolved: 0, embargoed: 0 });
      expect(separated.metrics).toMatchObject({ resolved: 100_000, positives: 60_000, auc: 1 });
      await scored(wh, '1');
      const tied = await modelPartitionMetrics(wh, 'scale_scores', model, 'holdout', { unresolved: 0, embargoed: 0 });
      expect(tied.metrics).toMatchObject({ resolved: 100_000, positives: 60_000, auc: 0.5 });
    } finally {
      if (wh instanceof PostgresWarehouse) await wh.closed();
      else wh.close();
    }
  }, 120_000);
});
