/**
 * The regular expressions a scoring model may use: the subset DuckDB (RE2) and PostgreSQL (ARE)
 * both run with the same meaning, and its translation to PostgreSQL. Most of the syntax is shared
 * but means different things: `\b` is a word boundary in RE2 and a backspace in PostgreSQL, `\w`
 * and `[[:alpha:]]` are ASCII in RE2 and follow the server's locale in PostgreSQL, `.` stops at a
 * newline only in RE2, `\x41B` is "AB" in RE2 and one character in PostgreSQL, and `(?i)` folds
 * case by Unicode in RE2 and by locale in PostgreSQL. The translation spells each of these out in
 * the syntax whose meaning PostgreSQL does not vary, so a model scores the same on both engines.
 * What is outside the subset is refused up front with the rule named (docs/scoring-model.md).
 */
import { usageError } from '../errors.js';
import { caseOrbit } from './caseOrbits.js';
import { readBracket, readEscape } from './regexClass.js';
import { charText, classText, type Flags, foldClass, type Range, RegexRefusal } from './regexText.js';

export interface RegexProblem {
  /** `invalid`: neither engine would run it; `outside`: one engine would, differently or not at all. */
  kind: 'invalid' | 'outside';
  rule: string;
}

/** Why a scoring regex cannot be used, or undefined when it is in the subset. */
export function regexSubsetProblem(pattern: string): RegexProblem | undefined {
  try {
    translate(pattern, false);
    return undefined;
  } catch (error) {
    if (error instanceof RegexRefusal) return { kind: error.kind, rule: error.message };
    throw error;
  }
}

/** The sentence a model file's author reads, quoting the pattern. */
export function describeRegexProblem(pattern: string, problem: RegexProblem): string {
  const quoted = JSON.stringify(pattern);
  if (problem.kind === 'invalid') return `${quoted} is not a valid regular expression: ${problem.rule}`;
  return `${quoted} uses ${problem.rule}; scoring regexes keep to what DuckDB (RE2) and PostgreSQL both run the same way`;
}

/**
 * The PostgreSQL pattern that matches exactly what `regexp_matches(value, pattern)` matches in
 * DuckDB, for a pattern as the scoring SQL receives it (leading `(?ims)` flags included). Use it
 * with the case-sensitive `value ~ pattern`: case-insensitivity is already written out.
 */
export function toPostgresRegex(pattern: string): string {
  try {
    return translate(pattern);
  } catch (error) {
    if (error instanceof RegexRefusal) throw usageError(describeRegexProblem(pattern, { kind: error.kind, rule: error.message }));
    throw error;
  }
}

const wordChar = '[0-9A-Z_a-z]';
const wordBoundary = `(?:(?<=${wordChar})(?!${wordChar})|(?<!${wordChar})(?=${wordChar}))`;
const notWordBoundary = `(?:(?<=${wordChar})(?=${wordChar})|(?<!${wordChar})(?!${wordChar}))`;
const anchors: Record<string, string> = { b: wordBoundary, B: notWordBoundary, A: '\\A', z: '\\Z' };

type Last = 'none' | 'atom' | 'anchor' | 'repeat';

/** `fold` false: only check, skipping the case-folding table (it takes a moment to build). */
function translate(pattern: string, fold = true): string {
  const cps = Array.from(pattern, (ch) => ch.codePointAt(0)!);
  const at = (i: number) => (i < cps.length ? String.fromCodePoint(cps[i]!) : '');
  const flags: Flags = { i: false, m: false, s: false };
  let pos = readLeadingFlags(pattern, flags);
  if (!fold) flags.i = false;
  const out: string[] = [];
  let depth = 0;
  let last: Last = 'none';

  while (pos < cps.length) {
    const ch = at(pos);
    if (ch === '\\') {
      const next = at(pos + 1);
      if (next in anchors) {
        out.push(anchors[next]!);
        last = 'anchor';
        pos += 2;
        continue;
      }
      const read = readEscape(cps, pos, false);
      out.push(read.ranges ? classText(foldClass(read.ranges, flags), read.negated) : literal(read.cp!, flags));
      last = 'atom';
      pos = read.end;
    } else if (ch === '[') {
      const read = readBracket(cps, pos);
      out.push(classText(foldClass(read.ranges, flags), read.negated));
      last = 'atom';
      pos = read.end;
    } else if (ch === '(') {
      pos = openGroup(pattern, cps, pos);
      out.push(at(pos - 1) === ':' ? '(?:' : '(');
      depth++;
      last = 'none';
    } else if (ch === ')') {
      if (depth === 0) throw new RegexRefusal('invalid', 'a ) closes no group');
      out.push(')');
      depth--;
      last = 'atom';
      pos++;
    } else if (ch === '|') {
      out.push('|');
      last = 'none';
      pos++;
    } else if (ch === '*' || ch === '+' || ch === '?' || ch === '{') {
      const end = quantifierEnd(cps, pos);
      if (last === 'none') throw new RegexRefusal('invalid', `the quantifier ${ch} has nothing to repeat`);
      if (last === 'anchor') throw new RegexRefusal('outside', 'a quantifier on an anchor or word boundary (^*, \\b+)');
      if (last === 'repeat') {
        throw ch === '+'
          ? new RegexRefusal('outside', 'a possessive quantifier (x*+, x++, x?+), which RE2 does not run')
          : new RegexRefusal('invalid', 'a quantifier right after another quantifier');
      }
      let text = pattern.slice(offset(cps, pos), offset(cps, end));
      pos = end;
      if (at(pos) === '?') {
        text += '?';
        pos++;
      }
      out.push(text);
      last = 'repeat';
    } else if (ch === '}') {
      throw new RegexRefusal('outside', 'a literal }: write \\} (and \\{)');
    } else if (ch === '^' || ch === '$') {
      out.push(ch);
      last = 'anchor';
      pos++;
    } else if (ch === '.') {
      // RE2's dot stops at a newline unless (?s); PostgreSQL's never does in its default mode.
      out.push(flags.s ? '.' : '[^\\n]');
      last = 'atom';
      pos++;
    } else {
      out.push(literal(cps[pos]!, flags));
      last = 'atom';
      pos++;
    }
  }
  if (depth > 0) throw new RegexRefusal('invalid', 'a ( is never closed');
  // (?w): ^ and $ also match at line ends, the meaning of RE2's (?m); PostgreSQL's own m is another.
  return (flags.m ? '(?w)' : '') + out.join('');
}

function literal(cp: number, flags: Flags): string {
  if (!flags.i) return charText(cp);
  const orbit = caseOrbit(cp);
  return orbit.length > 1
    ? classText(
        orbit.map((c): Range => [c, c]),
        false,
      )
    : charText(cp);
}

/** Flags at the very start, e.g. `(?i)` that the rule's `flags` put there; PostgreSQL takes them nowhere else. */
function readLeadingFlags(pattern: string, flags: Flags): number {
  let pos = 0;
  for (let match = /^\(\?([a-zA-Z-]*)\)/.exec(pattern); match; match = /^\(\?([a-zA-Z-]*)\)/.exec(pattern.slice(pos))) {
    for (const flag of match[1]!) {
      if (flag !== 'i' && flag !== 'm' && flag !== 's') {
        throw new RegexRefusal('outside', `the inline flag "${flag}" (only i, m and s mean the same in both engines)`);
      }
      flags[flag] = true;
    }
    pos += match[0].length;
  }
  // a UTF-16 offset; flag groups are ASCII, so it is also the code point index
  return pos;
}

/** Reads `(` or `(?:`; every other `(?` form is refused, each by name. Returns the index after it. */
function openGroup(pattern: string, cps: number[], pos: number): number {
  const rest = pattern.slice(offset(cps, pos));
  if (!rest.startsWith('(?')) return pos + 1;
  if (rest.startsWith('(?:')) return pos + 3;
  if (/^\(\?[=!]/.test(rest)) throw new RegexRefusal('outside', 'a look-ahead (?=…) or (?!…), which RE2 does not run');
  if (/^\(\?<[=!]/.test(rest)) throw new RegexRefusal('outside', 'a look-behind (?<=…) or (?<!…), which RE2 does not run');
  if (/^\(\?(P?<|')/.test(rest)) throw new RegexRefusal('outside', 'a named group (?P<name>…), which PostgreSQL does not have; use (…)');
  if (/^\(\?[a-zA-Z-]*\)/.test(rest)) {
    throw new RegexRefusal('outside', 'inline flags after the start of the pattern, which PostgreSQL does not take; use the rule\'s "flags"');
  }
  if (/^\(\?[a-zA-Z-]*:/.test(rest)) throw new RegexRefusal('outside', 'a flag group (?i:…), which PostgreSQL does not have; use the rule\'s "flags"');
  throw new RegexRefusal('outside', `the group syntax ${rest.slice(0, 3)}…, which RE2 does not run`);
}

/** The end of `*`, `+`, `?` or a bound `{n}`, `{n,}`, `{n,m}` (PostgreSQL allows counts up to 255). */
function quantifierEnd(cps: number[], pos: number): number {
  if (cps[pos] !== 0x7b) return pos + 1;
  const text = String.fromCodePoint(...cps.slice(pos, pos + 12));
  const bound = /^\{(\d+)(,(\d*))?\}/.exec(text);
  if (!bound) throw new RegexRefusal('outside', 'a literal {: write \\{ (and \\})');
  const min = Number(bound[1]);
  const max = bound[3] ? Number(bound[3]) : min;
  if (min > 255 || max > 255) throw new RegexRefusal('outside', `the repeat count in ${bound[0]} (PostgreSQL counts to 255)`);
  if (max < min) throw new RegexRefusal('invalid', `the repeat ${bound[0]} counts down`);
  return pos + bound[0].length;
}

/** UTF-16 offset of code point index `i`. */
function offset(cps: number[], i: number): number {
  let units = 0;
  for (let k = 0; k < i; k++) units += cps[k]! > 0xffff ? 2 : 1;
  return units;
}
