/**
 * The backtest's fixed choices, normalised once from the command's loose options: decision rule,
 * target stage, horizon, split date, embargo and as-of (docs/scoring-backtest.md).
 */
import { usageError } from '../errors.js';
import { durationSeconds, parseAsOf, parseDuration } from '../metrics/window.js';

export const backtestTargets = ['sql', 'opportunity', 'customer'] as const;
export type BacktestTarget = (typeof backtestTargets)[number];

export interface DecisionRule {
  /** created: creation + offset; mql: first MQL entry (fallback: creation + median MQL lag) */
  kind: 'created' | 'mql';
  offsetSeconds: number;
  /** as the user wrote it, normalised: "created", "created+7d", "mql" */
  label: string;
}

export interface BacktestOptionsInput {
  target?: string;
  horizon?: string;
  decision?: string;
  holdoutFrom?: string;
  embargo?: string;
  asOf?: string;
}

export interface BacktestSpec {
  target: BacktestTarget;
  horizon: string;
  horizonSeconds: number;
  decision: DecisionRule;
  /** null: the 70th percentile of resolved decisions (see backtestCohort.ts) */
  holdoutFrom: Date | null;
  embargo: string;
  embargoSeconds: number;
  asOf: Date;
}

export const backtestDefaults = { target: 'customer', horizon: '90d', decision: 'mql' } as const;

export function parseDecisionRule(value: string): DecisionRule {
  const text = value.trim().toLowerCase().replace(/\s+/g, '');
  if (text === 'mql' || text === 'created') return { kind: text, offsetSeconds: 0, label: text };
  const match = /^created\+(.+)$/.exec(text);
  if (match?.[1]) {
    const offset = match[1];
    parseDuration(offset, '--decision');
    return { kind: 'created', offsetSeconds: durationSeconds(offset, '--decision'), label: `created+${offset}` };
  }
  throw usageError(`--decision "${value}" is not a decision rule: use created, created+7d (any duration) or mql`);
}

/** A bare date is the start of that day (UTC): decisions on it fall in the holdout. */
function parseHoldoutFrom(value: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) throw usageError(`--holdout-from "${value}" is not a date (YYYY-MM-DD)`);
  return date;
}

export function backtestSpec(options: BacktestOptionsInput, now = new Date()): BacktestSpec {
  const target = (options.target ?? backtestDefaults.target).toLowerCase();
  if (!(backtestTargets as readonly string[]).includes(target)) {
    throw usageError(`--target "${options.target}" is not one of ${backtestTargets.join(', ')}`);
  }
  const horizon = (options.horizon ?? backtestDefaults.horizon).trim();
  const horizonSeconds = durationSeconds(horizon, '--horizon');
  // The default embargo is the horizon: exactly "development outcomes matured before the holdout".
  const embargo = (options.embargo ?? horizon).trim();
  return {
    target: target as BacktestTarget,
    horizon,
    horizonSeconds,
    decision: parseDecisionRule(options.decision ?? backtestDefaults.decision),
    holdoutFrom: options.holdoutFrom ? parseHoldoutFrom(options.holdoutFrom) : null,
    embargo,
    embargoSeconds: durationSeconds(embargo, '--embargo'),
    asOf: parseAsOf(options.asOf, now),
  };
}
