/** The regex subset's rules, by name, and the PostgreSQL spelling of what it accepts. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoringBacktest } from '../../src/commands/scoring.js';
import { UserError } from '../../src/errors.js';
import { parseScoringModel } from '../../src/scoring/loadModel.js';
import { regexSubsetProblem, toPostgresRegex } from '../../src/scoring/regexSubset.js';

const wb = '(?:(?<=[0-9A-Z_a-z])(?![0-9A-Z_a-z])|(?<![0-9A-Z_a-z])(?=[0-9A-Z_a-z]))';

describe('regexSubsetProblem', () => {
  it.each([
    ['vp(?=s)', 'outside', 'a look-ahead (?=…) or (?!…), which RE2 does not run'],
    ['vp(?!s)', 'outside', 'a look-ahead'],
    ['(?<=vp )sales', 'outside', 'a look-behind (?<=…) or (?<!…), which RE2 does not run'],
    ['(?<!co-)founder', 'outside', 'a look-behind'],
    ['(vp)\\1', 'outside', 'a back-reference or octal escape (\\1)'],
    ['\\0', 'outside', 'a back-reference or octal escape (\\0)'],
    ['a*+', 'outside', 'a possessive quantifier (x*+, x++, x?+)'],
    ['a{2}+', 'outside', 'a possessive quantifier'],
    ['a**', 'invalid', 'a quantifier right after another quantifier'],
    ['\\Qa.b\\E', 'outside', '\\Q…\\E quoting, which PostgreSQL does not have'],
    ['(?P<title>vp)', 'outside', 'a named group (?P<name>…), which PostgreSQL does not have'],
    ['(?<title>vp)', 'outside', 'a named group'],
    ['vp(?i)', 'outside', 'inline flags after the start of the pattern'],
    ['(?i:vp)', 'outside', 'a flag group (?i:…), which PostgreSQL does not have'],
    ['(?x)vp', 'outside', 'the inline flag "x" (only i, m and s mean the same in both engines)'],
    ['(?U)vp', 'outside', 'the inline flag "U"'],
    ['(?-i)vp', 'outside', 'the inline flag "-"'],
    ['[\\b]', 'outside', '\\b inside [ ], a backspace in PostgreSQL and an error in RE2'],
    ['[\\W]', 'outside', '\\W inside [ ], which PostgreSQL does not allow'],
    ['\\p{Greek}', 'outside', 'a Unicode class \\p{…}, which PostgreSQL does not have'],
    ['\\yvp\\y', 'outside', '\\y, a PostgreSQL word boundary that RE2 does not run; write \\b'],
    ['caf\\u00e9', 'outside', '\\u, which RE2 does not run; write \\x{00e9} for a character'],
    ['vp\\Z', 'outside', '\\Z, which RE2 does not run; write \\z'],
    ['\\e', 'outside', 'the escape \\e, which DuckDB (RE2) and PostgreSQL do not read the same way'],
    ['\\C', 'outside', 'the escape \\C'],
    ['(?>vp)', 'outside', 'the group syntax (?>…, which RE2 does not run'],
    ['[[.a.]]', 'outside', 'the collating element [. .]'],
    ['[[:^alpha:]]', 'outside', 'the negated POSIX class [:^alpha:], which PostgreSQL does not have'],
    ['[a-c-e]', 'outside', 'a - inside [ ] that is neither first, last nor a range'],
    ['[\\d-z]', 'outside', 'a range that starts or ends at a class'],
    ['a{,3}', 'outside', 'a literal {: write \\{'],
    ['a}', 'outside', 'a literal }: write \\}'],
    ['a{256}', 'outside', 'the repeat count in {256} (PostgreSQL counts to 255)'],
    ['^*', 'outside', 'a quantifier on an anchor or word boundary'],
    ['\\x00', 'outside', 'the NUL character'],
    ['(vp', 'invalid', 'a ( is never closed'],
    ['vp)', 'invalid', 'a ) closes no group'],
    ['[vp', 'invalid', 'a [ is never closed'],
    ['*vp', 'invalid', 'the quantifier * has nothing to repeat'],
    ['vp\\', 'invalid', 'a pattern cannot end with \\'],
    ['[z-a]', 'invalid', 'the range z-a runs backwards'],
    ['a{3,2}', 'invalid', 'the repeat {3,2} counts down'],
    ['[[:letters:]]', 'invalid', '[:letters:] is not a POSIX class'],
  ])('refuses %s: %s', (pattern, kind, rule) => {
    const problem = regexSubsetProblem(pattern);
    expect(problem?.kind).toBe(kind);
    expect(problem?.rule).toContain(rule);
  });

  it.each(['\\b(vp|chief)\\b', '(?i)^c[a-z]o$', '[[:alpha:]]+\\s\\d{1,3}', '\\x{e9}t\\x{e9}', '(?ims)a.b', 'a*?', '[]a\\-]', '\\(x\\)'])(
    'accepts %s',
    (pattern) => {
      expect(regexSubsetProblem(pattern)).toBeUndefined();
    },
  );
});

describe('toPostgresRegex', () => {
  it.each([
    ['\\bvp\\b', `${wb}vp${wb}`],
    ['\\Bvp', '(?:(?<=[0-9A-Z_a-z])(?=[0-9A-Z_a-z])|(?<![0-9A-Z_a-z])(?![0-9A-Z_a-z]))vp'],
    ['(?i)vp', '[Vv][Pp]'],
    ['(?i)k', '[Kk\u212a]'],
    ['(?i)[^k]', '[^Kk\u212a]'],
    ['(?i)7%', '7\\%'],
    ['a.b', 'a[^\\n]b'],
    ['(?s)a.b', 'a.b'],
    ['(?m)^vp$', '(?w)^vp$'],
    ['\\Avp\\z', '\\Avp\\Z'],
    ['\\x41B', 'AB'],
    ['\\x{e9}', 'é'],
    ['\\w\\W', '[0-9A-Z\\_a-z][^0-9A-Z\\_a-z]'],
    ['\\d\\s\\S', '[0-9][\\u0009\\u000a\\u000c\\u000d ][^\\u0009\\u000a\\u000c\\u000d ]'],
    ['[[:alpha:]\\d]', '[0-9A-Za-z]'],
    ['[]a-]', '[\\-\\]a]'],
    ['(?:vp|svp){1,2}?', '(?:vp|svp){1,2}?'],
    ['\\t', '\\u0009'],
  ])('%s becomes %s', (pattern, postgres) => {
    expect(toPostgresRegex(pattern)).toBe(postgres);
  });

  it('refuses a pattern outside the subset as a usage error naming the rule and the pattern', () => {
    let error: unknown;
    try {
      toPostgresRegex('(?i)vp(?=s)');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as Error).message).toBe(
      '"(?i)vp(?=s)" uses a look-ahead (?=…) or (?!…), which RE2 does not run; scoring regexes keep to what DuckDB (RE2) and PostgreSQL both run the same way',
    );
  });
});

describe('a scoring model with a regex outside the subset', () => {
  it('is refused, naming the rule, the pattern and what is not supported', () => {
    const model = {
      name: 'm',
      version: '1',
      threshold: 50,
      fit: [{ id: 'vp-sales', field: 'title', condition: { regex: '(?P<level>vp) sales', flags: 'i' }, points: 5 }],
      engagement: [{ id: 'exec', event: 'webinar_attended', detail: { regex: '[\\b]exec' }, points: 5 }],
      negative: [],
    };
    let error: unknown;
    try {
      parseScoringModel(model);
    } catch (caught) {
      error = caught;
    }
    expect((error as UserError).exitCode).toBe(2);
    expect((error as Error).message.split('\n  - ').slice(1)).toEqual([
      'fit[0] "vp-sales": condition.regex "(?P<level>vp) sales" uses a named group (?P<name>…), which PostgreSQL does not have; use (…); scoring regexes keep to what DuckDB (RE2) and PostgreSQL both run the same way',
      'engagement[0] "exec": detail.regex "[\\\\b]exec" uses \\b inside [ ], a backspace in PostgreSQL and an error in RE2; scoring regexes keep to what DuckDB (RE2) and PostgreSQL both run the same way',
    ]);
  });
});

describe('scoring backtest with such a model', () => {
  it('exits 2 before touching the warehouse, naming the rule and the pattern', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'regex-subset-'));
    const modelPath = join(dir, 'model.json');
    const rule = { id: 'vp-title', field: 'title', condition: { regex: '\\bvp(?=\\s)', flags: 'i' }, points: 5 };
    await writeFile(modelPath, JSON.stringify({ name: 'm', version: '1', threshold: 50, fit: [rule], engagement: [], negative: [] }));
    const error = await scoringBacktest({ modelPath, db: join(dir, 'missing.duckdb') }).catch((caught: unknown) => caught);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as Error).message).toContain('fit[0] "vp-title": condition.regex "\\\\bvp(?=\\\\s)" uses a look-ahead (?=…) or (?!…)');
  });
});
