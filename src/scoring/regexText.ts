/**
 * Writing the PostgreSQL side of a translated scoring regex: characters and character classes in
 * the spelling whose meaning does not depend on the server (no locale classes, no `(?i)`).
 */
import { allCaseOrbits } from './caseOrbits.js';

/** A pattern outside the shared subset; the message names the rule. */
export class RegexRefusal extends Error {
  constructor(
    readonly kind: 'invalid' | 'outside',
    rule: string,
  ) {
    super(rule);
  }
}

export interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
}

/** Inclusive code point range. */
export type Range = [number, number];

const isPunctuation = (cp: number) => (cp >= 0x21 && cp <= 0x2f) || (cp >= 0x3a && cp <= 0x40) || (cp >= 0x5b && cp <= 0x60) || (cp >= 0x7b && cp <= 0x7e);
const isControl = (cp: number) => cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);

/** One character, literal in PostgreSQL inside or outside brackets: punctuation is escaped, controls are \uXXXX. */
export function charText(cp: number): string {
  if (isControl(cp)) return `\\u${cp.toString(16).padStart(4, '0')}`;
  if (isPunctuation(cp)) return `\\${String.fromCodePoint(cp)}`;
  return String.fromCodePoint(cp);
}

/** A bracket expression of the ranges (already folded when case-insensitive). */
export function classText(ranges: Range[], negated: boolean): string {
  const items = merge(ranges).map(([lo, hi]) => (lo === hi ? charText(lo) : hi === lo + 1 ? charText(lo) + charText(hi) : `${charText(lo)}-${charText(hi)}`));
  return `[${negated ? '^' : ''}${items.join('')}]`;
}

/**
 * RE2 with (?i) widens a class by every character that folds like a member (then negates it, so
 * `(?i)[^k]` refuses the Kelvin sign too); PostgreSQL gets the widened class written out.
 */
export function foldClass(ranges: Range[], flags: Flags): Range[] {
  if (!flags.i) return ranges;
  const widened = [...ranges];
  const inside = (cp: number) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
  for (const orbit of allCaseOrbits()) {
    if (orbit.some(inside)) for (const cp of orbit) if (!inside(cp)) widened.push([cp, cp]);
  }
  return widened;
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const [lo, hi] of sorted) {
    const last = merged.at(-1);
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged;
}
