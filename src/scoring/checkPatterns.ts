/**
 * A model's regexes are checked by the engine that runs them. The schema can only ask JavaScript,
 * which accepts look-around, back-references, `\u` escapes and more that RE2 (DuckDB's regex
 * engine) refuses: left to the scoring query, such a pattern ends in an internal error. Each is
 * checked as the scoring SQL will bind it: in the engine's regex dialect (compileModel.ts).
 */
import type { Warehouse } from '../db/connection.js';
import type { RegexDialect } from '../db/engine.js';
import { usageError } from '../errors.js';
import { patternInDialect } from './compileModel.js';
import { compileTest } from './conditions.js';
import type { ScoringModel } from './model.js';

/** The match score_as_of.sql makes, on an empty value: the engine compiles the pattern or says why. */
const probe: Record<RegexDialect, string> = { re2: `select regexp_matches('', $pattern)`, postgres: `select '' ~ $pattern` };

interface RulePattern {
  rule: string;
  regex: string;
  pattern: string;
}

/** Every regex condition or detail matcher of a model, with the rule that holds it. */
export function rulePatterns(model: ScoringModel): RulePattern[] {
  const found: RulePattern[] = [];
  const visit = (value: unknown, rule: string) => {
    if (Array.isArray(value)) for (const item of value) visit(item, rule);
    else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      const id = typeof node.id === 'string' ? node.id : rule;
      if (typeof node.regex === 'string') {
        const compiled = compileTest(node as never);
        found.push({ rule: id, regex: node.regex, pattern: compiled.pattern! });
      } else for (const child of Object.values(node)) visit(child, id);
    }
  };
  visit(model, '(model)');
  return found;
}

export async function assertPatternsRun(wh: Warehouse, model: ScoringModel, label: string): Promise<void> {
  const problems: string[] = [];
  for (const { rule, regex, pattern } of rulePatterns(model)) {
    try {
      await wh.run(probe[wh.regexDialect], { pattern: patternInDialect(pattern, wh.regexDialect) });
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0]!.replace(/^Invalid Input Error: /, '');
      problems.push(`rule "${rule}": the regex "${regex}" is not RE2 syntax (${reason})`);
    }
  }
  if (problems.length === 0) return;
  throw usageError(
    `${label}: DuckDB runs scoring regexes with RE2, which has no look-ahead or look-behind, back-references, ` +
      `possessive quantifiers or \\u escapes (use \\x{00e9}):\n  - ${problems.join('\n  - ')}`,
  );
}
