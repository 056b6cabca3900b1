/**
 * Flattens a validated model into the JSON parameters sql/scoring/score_as_of.sql unpacks.
 * The model never becomes SQL text: rule values, patterns and thresholds are all bound values.
 */
import type { RegexDialect } from '../db/engine.js';
import { compileTest, type CompiledTest } from './conditions.js';
import { decayPeriodPattern, derivedFields, type ScoringModel } from './model.js';
import { toPostgresRegex } from './regexSubset.js';

type Dimension = 'fit' | 'engagement' | 'negative';
const dimOrder: Record<Dimension, number> = { fit: 1, engagement: 2, negative: 3 };

interface RuleBase {
  dimension: Dimension;
  dim_order: number;
  ord: number;
  id: string;
  points: number;
}
export interface CompiledFieldRule extends RuleBase, CompiledTest {
  field: string;
}
export interface CompiledEventRule extends RuleBase, Omit<CompiledTest, 'min' | 'max'> {
  event: string;
  cap: number | null;
  per_occurrence: boolean;
  min_count: number | null;
  decay_points: number | null;
  decay_days: number | null;
  scope: 'lead' | 'account';
  min_contacts: number | null;
}
export interface CompiledInactivityRule extends RuleBase {
  days: number;
  events: string[];
}

export interface CompiledModel {
  fieldRules: CompiledFieldRule[];
  eventRules: CompiledEventRule[];
  inactivityRules: CompiledInactivityRule[];
  /** Lowercased stored field names to look up (email when a derived field needs it). */
  neededFields: string[];
}

/** "2 weeks" → 14, "1 month" → 30, "10d" → 10 */
export function decayDays(every: string): number {
  const match = decayPeriodPattern.exec(every);
  if (!match) throw new Error(`not a decay period: ${every}`);
  if (match[1]) return Number(match[1]);
  const unit = match[3]?.startsWith('week') ? 7 : 30;
  return Number(match[2]) * unit;
}

export function compileModel(model: ScoringModel): CompiledModel {
  const fieldRules: CompiledFieldRule[] = [];
  const eventRules: CompiledEventRule[] = [];
  const inactivityRules: CompiledInactivityRule[] = [];
  const base = (dimension: Dimension, ord: number, id: string, points: number): RuleBase => ({
    dimension,
    dim_order: dimOrder[dimension],
    ord,
    id,
    points,
  });

  for (const [i, r] of model.fit.entries()) fieldRules.push({ ...base('fit', i, r.id, r.points), ...compileTest(r.condition), field: r.field.toLowerCase() });
  model.engagement.forEach((r, i) => {
    const { min: _min, max: _max, ...detail } = compileTest(r.detail);
    eventRules.push({
      ...base('engagement', i, r.id, r.points),
      ...detail,
      event: r.event.toLowerCase(),
      cap: r.cap ?? null,
      per_occurrence: r.perOccurrence ?? false,
      min_count: r.minCount ?? null,
      decay_points: r.decay?.points ?? null,
      decay_days: r.decay ? decayDays(r.decay.every) : null,
      scope: r.scope ?? 'lead',
      min_contacts: r.minContacts ?? null,
    });
  });
  model.negative.forEach((r, i) => {
    const b = base('negative', i, r.id, r.points);
    if ('field' in r) {
      fieldRules.push({ ...b, ...compileTest(r.condition), field: r.field.toLowerCase() });
    } else if ('event' in r) {
      const { min: _min, max: _max, ...detail } = compileTest(r.detail);
      eventRules.push({
        ...b,
        ...detail,
        event: r.event.toLowerCase(),
        cap: null,
        per_occurrence: false,
        min_count: r.minCount ?? null,
        decay_points: null,
        decay_days: null,
        scope: 'lead',
        min_contacts: null,
      });
    } else {
      inactivityRules.push({ ...b, days: r.inactiveDays, events: (r.events ?? []).map((e) => e.toLowerCase()) });
    }
  });

  const derived = new Set(derivedFields.map((f) => f.toLowerCase()));
  const needed = new Set<string>();
  for (const rule of fieldRules) needed.add(derived.has(rule.field) ? 'email' : rule.field);
  return { fieldRules, eventRules, inactivityRules, neededFields: [...needed].sort() };
}

/**
 * The compiled model with its regex patterns written for the engine's dialect: as they are for
 * RE2 (DuckDB), translated by toPostgresRegex for PostgreSQL (the same matches, regexSubset.ts).
 */
export function inRegexDialect(compiled: CompiledModel, dialect: RegexDialect): CompiledModel {
  if (dialect === 're2') return compiled;
  const translate = <R extends { pattern: string | null }>(rule: R): R =>
    rule.pattern === null ? rule : { ...rule, pattern: patternInDialect(rule.pattern, dialect) };
  return { ...compiled, fieldRules: compiled.fieldRules.map(translate), eventRules: compiled.eventRules.map(translate) };
}

/** One compiled pattern (RE2, leading flags included) as the engine of `dialect` must receive it. */
export function patternInDialect(pattern: string, dialect: RegexDialect): string {
  return dialect === 're2' ? pattern : toPostgresRegex(pattern);
}
