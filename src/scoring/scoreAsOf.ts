/**
 * The as-of scoring engine: scores each (lead, decision time) from field values and engagement
 * events known at that time, in one SQL statement (sql/scoring/score_as_of.sql), into a temp table.
 */
import type { Warehouse } from '../db/connection.js';
import { compileModel, inRegexDialect } from './compileModel.js';
import type { ScoringModel } from './model.js';

export interface ScoreAsOfOptions {
  /** Name of the temp table to (re)create; default `lead_scores`. */
  into?: string;
  /** false: `rule_points` left empty (the backtest reads only the totals); default true */
  rulePoints?: boolean;
}

/** One row of the table scoreAsOf creates. */
export interface LeadScore {
  lead_id: string;
  decided_at: Date;
  fit_points: number;
  engagement_points: number;
  negative_points: number;
  score: number;
  /** score >= threshold and the fit / engagement minimums are met */
  flagged: boolean;
  /** fields the model reads that had no history and fell back to today's value (incomplete history) */
  fields_from_current: number;
  /** points per rule that scored, fit then engagement then negative, in model order (empty with `rulePoints: false`) */
  rule_points: RulePoints[];
}

export interface RulePoints {
  dimension: 'fit' | 'engagement' | 'negative';
  rule_id: string;
  points: number;
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quoteIdentifier(name: string, role: string): string {
  // Table names are spliced into the SQL text, so only plain identifiers are accepted.
  if (!identifier.test(name)) throw new Error(`scoreAsOf: ${role} must be a plain table name, got ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/**
 * Scores every row of `decisionsTable` (lead_id varchar, decided_at timestamptz) with `model`
 * and returns the name of the temp table holding one `LeadScore` row per (lead_id, decided_at).
 */
export async function scoreAsOf(warehouse: Warehouse, model: ScoringModel, decisionsTable: string, options: ScoreAsOfOptions = {}): Promise<string> {
  const into = options.into ?? 'lead_scores';
  const sql = (await warehouse.modelSql('scoring/score_as_of.sql'))
    .replaceAll('{{decisions}}', quoteIdentifier(decisionsTable, 'decisionsTable'))
    .replaceAll('{{lead_scores}}', quoteIdentifier(into, 'into'));
  // patterns translated once here, for the engine that runs them, and bound like every rule value
  const compiled = inRegexDialect(compileModel(model), warehouse.regexDialect);
  await warehouse.run(sql, {
    field_rules: JSON.stringify(compiled.fieldRules),
    event_rules: JSON.stringify(compiled.eventRules),
    inactivity_rules: JSON.stringify(compiled.inactivityRules),
    needed_fields: JSON.stringify(compiled.neededFields),
    threshold: model.threshold,
    fit_minimum: model.fitMinimum ?? null,
    engagement_minimum: model.engagementMinimum ?? null,
    with_rule_points: options.rulePoints ?? true,
  });
  return into;
}

/** Reads a scores table back, ordered by lead and decision time. */
export async function readLeadScores(warehouse: Warehouse, table = 'lead_scores'): Promise<LeadScore[]> {
  return warehouse.all<LeadScore>(`select * from ${quoteIdentifier(table, 'table')} order by lead_id collate "C", decided_at`);
}
