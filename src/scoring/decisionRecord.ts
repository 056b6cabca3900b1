/**
 * The decision record: the audit trail of a threshold change, written as decision-record.json
 * beside the report. It names exactly which model files were compared (content hashes), on which
 * cohort, under which rules, and what they scored; the sweep and deciles stay in the report.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BacktestReport } from './backtestTypes.js';
import type { ScoringModel } from './model.js';

/** JSON with object keys sorted at every level, so the hash ignores key order and whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function modelContentHash(model: ScoringModel): string {
  return `sha256:${createHash('sha256').update(canonicalJson(model)).digest('hex')}`;
}

export interface DecisionRecord {
  record: 'scoring-backtest-decision';
  asOf: string;
  models: { role: string; name: string; version: string; contentHash: string; threshold: number }[];
  decision: string;
  target: string;
  horizon: string;
  split: BacktestReport['split'];
  cohort: BacktestReport['cohort'];
  metrics: {
    model: string;
    development: BacktestReport['baseline']['development'];
    holdout: BacktestReport['baseline']['holdout'];
  }[];
  warnings: string[];
}

/** The record for a report: everything needed to reproduce and judge it, nothing per lead. */
export function decisionRecord(report: BacktestReport): DecisionRecord {
  return {
    record: 'scoring-backtest-decision',
    asOf: report.asOf,
    models: report.models.map((m) => ({ role: m.role, name: m.name, version: m.version, contentHash: m.contentHash, threshold: m.threshold })),
    decision: report.decision,
    target: report.target,
    horizon: report.horizon,
    split: report.split,
    cohort: report.cohort,
    metrics: [
      ...report.models.map((m) => ({ model: `${m.role}: ${m.name} v${m.version}`, development: m.development, holdout: m.holdout })),
      { model: `baseline: ${report.baseline.rule}`, development: report.baseline.development, holdout: report.baseline.holdout },
    ],
    warnings: report.warnings,
  };
}

/** `out` is the report file (the record goes beside it) or a directory (the record goes in it). */
export function decisionRecordPath(out: string): string {
  const isDirectory = /[\\/]$/.test(out) || (existsSync(out) && statSync(out).isDirectory());
  return join(isDirectory ? out : dirname(out), 'decision-record.json');
}

export async function writeDecisionRecord(report: BacktestReport, out: string): Promise<string> {
  const path = decisionRecordPath(out);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(decisionRecord(report), null, 2)}\n`, 'utf8');
  return path;
}
