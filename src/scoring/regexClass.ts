/**
 * Reading escapes and bracket expressions of a scoring regex into code point ranges, refusing
 * what RE2 and PostgreSQL read differently. The classes are RE2's, which are ASCII: `\w` is
 * [0-9A-Za-z_] and `[[:alpha:]]` is [A-Za-z] there, whatever the PostgreSQL server's locale says.
 */
import { type Range, RegexRefusal } from './regexText.js';

export interface Read {
  /** One character, or a class as ranges. */
  cp?: number;
  ranges?: Range[];
  negated: boolean;
  end: number;
}

const digits: Range[] = [[0x30, 0x39]];
const upper: Range[] = [[0x41, 0x5a]];
const lower: Range[] = [[0x61, 0x7a]];
const perlClasses: Record<string, Range[]> = {
  d: digits,
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
  w: [...digits, ...upper, [0x5f, 0x5f], ...lower],
};
const posixClasses: Record<string, Range[]> = {
  alnum: [...digits, ...upper, ...lower],
  alpha: [...upper, ...lower],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  // NUL left out: PostgreSQL text cannot hold it
  cntrl: [
    [0x01, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: digits,
  graph: [[0x21, 0x7e]],
  lower,
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper,
  word: perlClasses.w!,
  xdigit: [...digits, [0x41, 0x46], [0x61, 0x66]],
};
const controlEscapes: Record<string, number> = { a: 0x07, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b };

const refuse = (rule: string) => new RegexRefusal('outside', rule);
const invalid = (rule: string) => new RegexRefusal('invalid', rule);
const isPunctuation = (ch: string) => /^[!-/:-@[-`{-~]$/.test(ch);

/** A backslash sequence at `pos`, other than the anchors \b \B \A \z outside brackets. */
export function readEscape(cps: number[], pos: number, inClass: boolean): Read {
  const ch = cps[pos + 1] === undefined ? '' : String.fromCodePoint(cps[pos + 1]!);
  const one = (cp: number, end = pos + 2): Read => ({ cp, negated: false, end });
  if (ch === '') throw invalid('a pattern cannot end with \\');
  const perl = perlClasses[ch.toLowerCase()];
  if (perl && /[a-z]/i.test(ch)) {
    const negated = ch !== ch.toLowerCase();
    if (negated && inClass) throw refuse(`\\${ch} inside [ ], which PostgreSQL does not allow; write the class out`);
    return { ranges: perl, negated, end: pos + 2 };
  }
  if (ch in controlEscapes) return one(controlEscapes[ch]!);
  if (ch === 'x') return readHex(cps, pos);
  if (isPunctuation(ch)) return one(cps[pos + 1]!);
  if (inClass && ch === 'b') throw refuse('\\b inside [ ], a backspace in PostgreSQL and an error in RE2');
  if (/[0-9]/.test(ch)) throw refuse(`a back-reference or octal escape (\\${ch}), which the engines read differently; write \\x{…} for a character`);
  if (ch === 'Q' || ch === 'E') throw refuse('\\Q…\\E quoting, which PostgreSQL does not have; escape each character with \\');
  if (ch === 'p' || ch === 'P') throw refuse('a Unicode class \\p{…}, which PostgreSQL does not have');
  if (/[yYmM]/.test(ch)) throw refuse(`\\${ch}, a PostgreSQL word boundary that RE2 does not run; write \\b`);
  if (ch === 'u' || ch === 'U') throw refuse(`\\${ch}, which RE2 does not run; write \\x{00e9} for a character`);
  if (ch === 'Z') throw refuse('\\Z, which RE2 does not run; write \\z for the end of the value');
  if (inClass && /[BAz]/.test(ch)) throw refuse(`the anchor \\${ch} inside [ ]`);
  throw refuse(`the escape \\${ch}, which DuckDB (RE2) and PostgreSQL do not read the same way`);
}

/** `\xHH` (exactly two digits, as RE2 reads it; PostgreSQL would read on) or `\x{H…}`. */
function readHex(cps: number[], pos: number): Read {
  const text = String.fromCodePoint(...cps.slice(pos, pos + 12));
  const match = /^\\x(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{2}))/.exec(text);
  if (!match) throw invalid('\\x needs two hex digits or \\x{…}');
  const cp = Number.parseInt(match[1] ?? match[2]!, 16);
  if (cp === 0) throw refuse('the NUL character \\x00, which PostgreSQL text cannot hold');
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw invalid(`${match[0]} is not a character`);
  return { cp, negated: false, end: pos + match[0].length };
}

/** A bracket expression `[…]` at `pos`. */
export function readBracket(cps: number[], pos: number): Read & { ranges: Range[] } {
  let i = pos + 1;
  const negated = cps[i] === 0x5e;
  if (negated) i++;
  const ranges: Range[] = [];
  for (let first = true; ; first = false) {
    if (i >= cps.length) throw invalid('a [ is never closed');
    const ch = String.fromCodePoint(cps[i]!);
    if (ch === ']' && !first) return { ranges, negated, end: i + 1 };
    if (ch === '-' && !first && cps[i + 1] !== 0x5d) throw refuse('a - inside [ ] that is neither first, last nor a range; write \\-');
    const item = readItem(cps, i);
    i = item.end;
    if (item.ranges) {
      if (cps[i] === 0x2d && cps[i + 1] !== 0x5d) throw refuse('a range that starts or ends at a class, like [\\d-z]');
      ranges.push(...item.ranges);
      continue;
    }
    if (cps[i] !== 0x2d || cps[i + 1] === 0x5d || cps[i + 1] === undefined) {
      ranges.push([item.cp!, item.cp!]);
      continue;
    }
    const hi = readItem(cps, i + 1);
    if (hi.ranges) throw refuse('a range that starts or ends at a class, like [\\d-z]');
    if (hi.cp! < item.cp!) throw invalid(`the range ${String.fromCodePoint(item.cp!)}-${String.fromCodePoint(hi.cp!)} runs backwards`);
    ranges.push([item.cp!, hi.cp!]);
    i = hi.end;
  }
}

function readItem(cps: number[], i: number): Read {
  const ch = String.fromCodePoint(cps[i]!);
  if (ch === '\\') {
    const read = readEscape(cps, i, true);
    if (read.negated) throw refuse('a negated class inside [ ]');
    return read;
  }
  if (ch === '[') {
    const next = cps[i + 1] === undefined ? '' : String.fromCodePoint(cps[i + 1]!);
    if (next === '.' || next === '=') throw refuse(`the collating element [${next} ${next}], which RE2 does not run`);
    if (next === ':') return readPosix(cps, i);
  }
  return { cp: cps[i]!, negated: false, end: i + 1 };
}

function readPosix(cps: number[], i: number): Read {
  const text = String.fromCodePoint(...cps.slice(i, i + 12));
  const match = /^\[:(\^?)([a-z]*):\]/.exec(text);
  if (!match) throw invalid('[: starts a POSIX class like [:alpha:] that is never closed');
  if (match[1]) throw refuse(`the negated POSIX class [:^${match[2]}:], which PostgreSQL does not have`);
  const ranges = posixClasses[match[2]!];
  if (!ranges) throw invalid(`[:${match[2]}:] is not a POSIX class`);
  return { ranges, negated: false, end: i + match[0].length };
}
