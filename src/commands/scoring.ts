/**
 * `scoring init` (write a template model), `scoring score` (score every lead as of a date) and
 * `scoring backtest` (a threshold change judged on past decisions). All return typed data; the
 * CLI prints it as text, JSON or CSV.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { loadConfig } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { usageError } from '../errors.js';
import { buildModels } from '../models/build.js';
import { runBacktest } from '../scoring/backtest.js';
import { backtestSpec, type BacktestOptionsInput } from '../scoring/backtestSpec.js';
import type { BacktestReport } from '../scoring/backtestTypes.js';
import { writeDecisionRecord } from '../scoring/decisionRecord.js';
import { assertPatternsRun } from '../scoring/checkPatterns.js';
import { loadScoringModel } from '../scoring/loadModel.js';
import { readLeadScores, scoreAsOf, type LeadScore } from '../scoring/scoreAsOf.js';
import { isTemplateName, templateNames, templates, type TemplateName } from '../scoring/templates.js';
import { withExistingWarehouse } from './warehouse.js';

export interface ScoringInitOptions {
  template: string;
  /** Where to write the model; nothing is written without it. */
  out?: string;
  /** Overwrite an existing `out`. */
  force?: boolean;
}

export interface ScoringInitResult {
  template: TemplateName;
  /** The model as pretty JSON, ending in a newline. */
  text: string;
  writtenTo: string | null;
}

export async function scoringInit(options: ScoringInitOptions): Promise<ScoringInitResult> {
  const { template } = options;
  if (!isTemplateName(template)) {
    throw usageError(`unknown scoring template "${template}"; choose one of ${templateNames.join(', ')}`);
  }
  const text = `${JSON.stringify(templates[template], null, 2)}\n`;
  if (!options.out) return { template, text, writtenTo: null };
  if (existsSync(options.out) && !options.force) {
    throw usageError(`${options.out} already exists; pass --force to overwrite it`);
  }
  await writeFile(options.out, text, 'utf8');
  return { template, text, writtenTo: options.out };
}

export interface ScoringScoreOptions {
  modelPath: string;
  /** ISO date or timestamp; a date means midnight UTC. Leads created before it are scored. */
  asOf: string;
}

export interface ScoredLead {
  lead_id: string;
  score: number;
  fit: number;
  engagement: number;
  negative: number;
  flagged: boolean;
  /** fields read from today's values for lack of history (0 = complete history) */
  fields_from_current: number;
  /** the three rules with the largest effect, e.g. "demo-request +30; personal-email -10" */
  top_rules: string;
}

export interface ScoringScoreResult {
  model: { name: string; version: string; threshold: number };
  asOf: string;
  leads: number;
  flagged: number;
  /** leads whose score used at least one current value: the evaluation is incomplete for them */
  incompleteHistory: number;
  rows: ScoredLead[];
}

export async function scoringScore(warehouse: Warehouse, options: ScoringScoreOptions): Promise<ScoringScoreResult> {
  const model = await loadScoringModel(options.modelPath);
  await assertPatternsRun(warehouse, model, options.modelPath);
  if (Number.isNaN(Date.parse(options.asOf))) throw usageError(`--as-of "${options.asOf}" is not a date (YYYY-MM-DD)`);
  await warehouse.run(
    `create or replace temp table scoring_decisions as
     select lead_id, $as_of::timestamptz as decided_at from leads where created_at < $as_of::timestamptz`,
    { as_of: options.asOf },
  );
  const table = await scoreAsOf(warehouse, model, 'scoring_decisions');
  const rows = (await readLeadScores(warehouse, table)).map(toScoredLead);
  return {
    model: { name: model.name, version: model.version, threshold: model.threshold },
    asOf: options.asOf,
    leads: rows.length,
    flagged: rows.filter((r) => r.flagged).length,
    incompleteHistory: rows.filter((r) => r.fields_from_current > 0).length,
    rows,
  };
}

function toScoredLead(row: LeadScore): ScoredLead {
  const top = [...row.rule_points]
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.rule_id.localeCompare(b.rule_id))
    .slice(0, 3)
    .map((r) => `${r.rule_id} ${r.points > 0 ? '+' : ''}${r.points}`);
  return {
    lead_id: row.lead_id,
    score: row.score,
    fit: row.fit_points,
    engagement: row.engagement_points,
    negative: row.negative_points,
    flagged: row.flagged,
    fields_from_current: row.fields_from_current,
    top_rules: top.join('; '),
  };
}

export interface ScoringBacktestOptions extends BacktestOptionsInput {
  db?: string;
  config?: string;
  /** The current model (--model). */
  modelPath: string;
  /** The candidate model (--compare). */
  comparePath?: string;
  /** The report file (or folder): decision-record.json is written beside it. */
  out?: string;
}

/** `scoring backtest`: what the current model and a candidate would really have done, leakage-free. */
export async function scoringBacktest(options: ScoringBacktestOptions): Promise<BacktestReport> {
  const spec = backtestSpec(options);
  const current = await loadScoringModel(options.modelPath);
  const candidate = options.comparePath ? await loadScoringModel(options.comparePath) : undefined;
  const config = loadConfig(options.config);
  const report = await withExistingWarehouse(options.db, async (wh) => {
    await assertPatternsRun(wh, current, options.modelPath);
    if (candidate) await assertPatternsRun(wh, candidate, options.comparePath!);
    await buildModels(wh, config);
    return runBacktest(wh, spec, { current, candidate });
  });
  if (!options.out) return report;
  return { ...report, decisionRecordPath: await writeDecisionRecord(report, options.out) };
}
