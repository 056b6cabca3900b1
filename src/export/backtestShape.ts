/** The parts of the scoring-backtest JSON (docs/scoring-backtest.md) its export tables read. */
export interface ScoringBacktestJson {
  models: {
    name: string;
    development: Record<string, unknown>;
    holdout: Record<string, unknown>;
    sweep: Record<string, unknown>[];
    deciles: Record<string, unknown>[];
  }[];
}
