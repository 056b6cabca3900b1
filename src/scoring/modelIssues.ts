/**
 * Turns zod issues on a scoring-model file into sentences a RevOps lead can act on, naming the
 * rule by position and id: `fit[2] "size-10-500": condition.range.min must be a number`.
 * Unions (condition kinds, negative rule kinds) report the branch the user evidently meant.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type Path = PropertyKey[];

export function describeModelIssues(issues: Issue[], input: unknown): string[] {
  const problems = issues.flatMap((issue) => describe(issue, input, []));
  // zod skips the model-level id check while rules are invalid; report duplicates anyway.
  for (const duplicate of duplicateRuleIds(input)) if (!problems.includes(duplicate)) problems.push(duplicate);
  return problems;
}

function duplicateRuleIds(input: unknown): string[] {
  const seen = new Set<unknown>();
  const problems: string[] = [];
  for (const dimension of ['fit', 'engagement', 'negative']) {
    const rules = valueAt(input, [dimension]);
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, index) => {
      const id = valueAt(rule, ['id']);
      if (typeof id !== 'string') return;
      if (seen.has(id)) problems.push(`${where(input, [dimension, index, 'id'])}"${id}" is used by another rule`);
      seen.add(id);
    });
  }
  return problems;
}

function describe(issue: Issue, input: unknown, base: Path): string[] {
  const path = [...base, ...issue.path];
  const value = valueAt(input, path);
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branches = issue.errors;
    if (branches.every((b) => b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0)) {
      const expected = branches.map((b) => (b[0] as { expected: string }).expected);
      return [`${where(input, path)}must be a ${expected.join(' or ')}`];
    }
    const scored = branches.map((errors) => ({ errors, misfit: misfit(errors, value) }));
    const best = scored.reduce((a, b) => (b.misfit < a.misfit || (b.misfit === a.misfit && b.errors.length < a.errors.length) ? b : a));
    if (best.misfit > 0 && isObject(value)) {
      // No shape fits: list the keys that tell the shapes apart.
      const shapes = branches.map((errors) => missingKeys(errors, value).join('+')).filter(Boolean);
      return [`${where(input, path)}must have one of: ${shapes.join(', ')}`];
    }
    return best.errors.flatMap((inner) => describe(inner, input, path));
  }
  return [`${where(input, path)}${sentence(issue, value)}`];
}

/** How badly a union branch fits the value's shape: unknown keys, missing keys, wrong type. */
function misfit(errors: Issue[], value: unknown): number {
  let score = 0;
  for (const e of errors) {
    if (e.code === 'unrecognized_keys' && e.path.length === 0) score += e.keys.length;
    else if (e.code === 'invalid_type' && e.path.length === 0) score += 1;
    else if (e.path.length === 1 && valueAt(value, e.path) === undefined) score += 1;
  }
  return score;
}

function missingKeys(errors: Issue[], value: unknown): string[] {
  return errors.filter((e) => e.path.length === 1 && valueAt(value, e.path) === undefined).map((e) => String(e.path[0]));
}

function sentence(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is required';
      // a message set in the schema (e.g. on .int()) says it better than the type name
      return issue.message.startsWith('Invalid input') ? `must be ${article(issue.expected)}` : issue.message;
    case 'unrecognized_keys':
      return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** `fit[2] "size-10-500": condition.range.min ` — the rule by position and id, then the key path. */
function where(input: unknown, path: Path): string {
  const [head, index, ...rest] = path;
  if ((head === 'fit' || head === 'engagement' || head === 'negative') && typeof index === 'number') {
    const id = valueAt(input, [head, index, 'id']);
    const rule = `${head}[${index}]${typeof id === 'string' ? ` "${id}"` : ''}`;
    return rest.length > 0 ? `${rule}: ${keyPath(rest)} ` : `${rule}: `;
  }
  return path.length > 0 ? `${keyPath(path)} ` : '';
}

function keyPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
