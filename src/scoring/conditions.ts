/**
 * The value tests a scoring rule applies: field conditions (fit and negative field rules) and
 * detail matchers (on an engagement event's detail, e.g. the URL path of a page view).
 * Each shape is a strict object with one key, so the key names the kind.
 */
import { z } from 'zod';
import { describeRegexProblem, regexSubsetProblem } from './regexSubset.js';

/** JS regex flags that RE2 (DuckDB's regex engine) also understands as inline flags. */
const regexFlags = z
  .string()
  .regex(/^[ims]*$/, 'flags may only contain i, m, s')
  .optional()
  .meta({ description: 'i = ignore case, m = multi-line, s = dot matches newline' });

/**
 * Patterns are held to the subset DuckDB (RE2) and PostgreSQL run alike (regexSubset.ts), so a
 * model scores the same on either engine and a pattern neither runs is refused naming the rule.
 */
const regexPattern = z
  .string()
  .min(1, 'must not be empty')
  .superRefine((pattern, ctx) => {
    const problem = regexSubsetProblem(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: describeRegexProblem(pattern, problem) });
  })
  .meta({ description: 'RE2 syntax within the subset PostgreSQL also runs: no look-around, back-references, named groups or \\Q…\\E' });

export const scalarSchema = z.union([z.string(), z.number()]);

const equalsCondition = z
  .strictObject({ equals: scalarSchema })
  .meta({ description: 'Case-insensitive text match; a number also matches numerically ("500.0" = 500).' });
const inCondition = z
  .strictObject({ in: z.array(scalarSchema).min(1, 'must list at least one value') })
  .meta({ description: 'Matches any listed value, like equals.' });
const rangeCondition = z
  .strictObject({
    range: z
      .strictObject({ min: z.number().optional(), max: z.number().optional() })
      .refine((r) => r.min !== undefined || r.max !== undefined, 'needs min or max')
      .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must be <= max'),
  })
  .meta({ description: 'Numeric, both ends inclusive; thousands separators are ignored ("1,200").' });
const regexCondition = z.strictObject({ regex: regexPattern, flags: regexFlags }).meta({ description: 'Regular expression searched anywhere in the value.' });
const presentCondition = z.strictObject({ present: z.literal(true) }).meta({ description: 'The field has a non-empty value.' });

export const fieldConditionSchema = z.union([equalsCondition, inCondition, rangeCondition, regexCondition, presentCondition]);
export type FieldCondition = z.infer<typeof fieldConditionSchema>;

export const detailMatcherSchema = z.union([
  equalsCondition,
  inCondition,
  regexCondition,
  z.strictObject({ prefix: z.string().min(1, 'must not be empty') }).meta({ description: 'Case-insensitive "starts with", e.g. "/case-studies/".' }),
]);
export type DetailMatcher = z.infer<typeof detailMatcherSchema>;

/** The canonical form the SQL engine evaluates: one kind, lowercased texts, numbers, a pattern. */
export interface CompiledTest {
  kind: 'none' | 'in' | 'range' | 'regex' | 'present' | 'prefix';
  texts: string[];
  nums: number[];
  min: number | null;
  max: number | null;
  pattern: string | null;
}

const none: CompiledTest = { kind: 'none', texts: [], nums: [], min: null, max: null, pattern: null };

export function compileTest(test: FieldCondition | DetailMatcher | undefined): CompiledTest {
  if (!test) return none;
  if ('equals' in test) return compileValues([test.equals]);
  if ('in' in test) return compileValues(test.in);
  if ('range' in test) return { ...none, kind: 'range', min: test.range.min ?? null, max: test.range.max ?? null };
  if ('regex' in test) {
    const flags = test.flags ? `(?${test.flags})` : '';
    return { ...none, kind: 'regex', pattern: flags + test.regex };
  }
  if ('prefix' in test) return { ...none, kind: 'prefix', texts: [test.prefix.trim().toLowerCase()] };
  return { ...none, kind: 'present' };
}

function compileValues(values: (string | number)[]): CompiledTest {
  return {
    ...none,
    kind: 'in',
    texts: values.map((v) => String(v).trim().toLowerCase()),
    nums: values.filter((v): v is number => typeof v === 'number'),
  };
}
