/**
 * Number columns are read like date columns: a cheap optimistic parse of plain numbers first, and
 * only when some value fails, the whole column is profiled and parsed with one decimal mark.
 *
 * Accepted: thousands separated by `,` `.` `'` or a (no-break) space, a decimal point or comma, a
 * currency symbol or ISO code before or after, and negatives written `-500`, `500-` or `(500)`.
 * The delimiter says nothing about the decimal mark (a `;` file often has decimal points). Each
 * value is parsed both ways: one that reads only with a point (`39300.50`, `1,234.56`, `0.125`) or
 * only with a comma (`39.300,50`, `12,5`) votes for that mark; one that reads both ways as
 * different numbers (`1,234`, `1.234`) is ambiguous. A column with votes both ways is an error;
 * ambiguous values in a column nothing decides are rejected with a reason naming `--decimal`.
 */
import { dataError } from '../errors.js';

export type DecimalMark = 'point' | 'comma';
/** 'plain': the optimistic first pass; 'unknown': nothing decided the mark, ambiguous values are rejected. */
export type NumberFormat = 'plain' | DecimalMark | 'unknown';

const spaces = ' \u00a0\u202f';
const currency = `(?:[A-Z]{3}|[A-Z]{0,2}\\$|[€£¥₹₩₽₺₪₱₫]|kr\\.?|zł)`;
/** (sign or opening bracket) (currency) (sign) body (currency) (trailing minus) (closing bracket) */
const shape = `^(\\(?)[${spaces}]*([-+]?)[${spaces}]*${currency}?[${spaces}]*([-+]?)[${spaces}]*([0-9.,'${spaces}]*[0-9])[${spaces}]*${currency}?[${spaces}]*(-?)[${spaces}]*(\\)?)$`;

/** The digits of a body with `decimal` as its decimal mark and `groups` the thousands separators it may use. */
function bodyPattern(decimal: string, groups: string[]): string {
  const grouped = groups.map((g) => `(?:${g}[0-9]{3})+`).join('|');
  const fraction = `(?:\\${decimal}[0-9]+)`;
  const exponent = decimal === '.' ? '(?:[eE][-+]?[0-9]+)?' : '';
  return `^(?:[1-9][0-9]{0,2}(?:${grouped})${fraction}?|[0-9]+${fraction}?${exponent}|${fraction})$`;
}
const bodies: Record<DecimalMark, { pattern: string; strip: string; decimal: string }> = {
  point: { pattern: bodyPattern('.', [',', "'", `[${spaces}]`]), strip: `[,'${spaces}]`, decimal: '.' },
  comma: { pattern: bodyPattern(',', ['\\.', "'", `[${spaces}]`]), strip: `[.'${spaces}]`, decimal: ',' },
};

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** SQL: `value` (cleaned text) read with one decimal mark; NULL when it is not a number written that way. */
export function strictNumberSql(value: string, mark: DecimalMark): string {
  const body = bodies[mark];
  const digits = `replace(regexp_replace(p.body, ${literal(body.strip)}, '', 'g'), ${literal(body.decimal)}, '.')`;
  // one sign at most: a bracket pair, a leading sign (before or after the currency) or a trailing minus
  const signs = `(p.open = '(')::int + (p.sign <> '')::int + (p.sign2 <> '')::int + (p.trail <> '')::int`;
  return `list_transform([regexp_extract(${value}, ${literal(shape)}, ['open', 'sign', 'sign2', 'body', 'trail', 'close'])], lambda p:
      case when (p.open = '(') = (p.close = ')') and ${signs} <= 1 and regexp_full_match(p.body, ${literal(body.pattern)})
        then case when p.open = '(' or p.sign = '-' or p.sign2 = '-' or p.trail = '-' then -1 else 1 end * cast(${digits} as double) end)[1]`;
}

/**
 * SQL: the optimistic parse, cheap enough for every row: a value DuckDB casts to a double, ending
 * in a digit (no nan/inf), with no `_` (DuckDB reads 1_000), and not `1.234`-like (a German 1234).
 */
export function plainNumberSql(value: string): string {
  return `case when ${value}[-1] between '0' and '9' and not contains(${value}, '_')
      and not (${value}[-4] = '.' and regexp_full_match(${value}, '[-+]?[1-9][0-9]{0,2}[.][0-9]{3}'))
    then try_cast(${value} as double) end`;
}

export function numberSql(value: string, format: NumberFormat): string {
  if (format === 'plain') return plainNumberSql(value);
  if (format !== 'unknown') return strictNumberSql(value, format);
  // nothing decided the mark: a value both readings agree on (1200, 1 200) is that number
  return `case when ${strictNumberSql(value, 'point')} = ${strictNumberSql(value, 'comma')} then ${strictNumberSql(value, 'point')} end`;
}

/** SQL: why a non-empty `value` whose parse (`column`) is NULL was rejected. */
export function numberReasonSql(value: string, column: string, header: string, format: NumberFormat): string {
  const notANumber = `'not a number in "' || ${header} || '": ' || ${value}`;
  const other: Record<string, DecimalMark | undefined> = { point: 'comma', comma: 'point' };
  const otherMark = other[format];
  let reason = notANumber;
  if (otherMark) {
    // the value is a number with the other mark: say which mark the column is read with
    reason = `${notANumber} || case when ${strictNumberSql(value, otherMark)} is not null then ' (read with a decimal ${format})' else '' end`;
  } else if (format === 'unknown') {
    reason = `case when ${strictNumberSql(value, 'point')} is not null and ${strictNumberSql(value, 'comma')} is not null
      then 'ambiguous number in "' || ${header} || '": ' || ${value} || ' (a decimal or a thousands separator?); pass --decimal point or --decimal comma'
      else ${notANumber} end`;
  }
  return `case when ${value} is not null and ${column} is null then ${reason} end`;
}

export interface NumberProfile {
  pointOnly: number;
  commaOnly: number;
  ambiguous: number;
  pointExample: string | null;
  commaExample: string | null;
}

/** SQL for one aggregate row of a column's profile, over a subquery giving `v`, `p` (point) and `c` (comma). */
export function numberProfileSelect(v: string, p: string, c: string): string {
  return `{'pointOnly': count(*) filter (where ${p} is not null and ${c} is null)::int,
    'commaOnly': count(*) filter (where ${c} is not null and ${p} is null)::int,
    'ambiguous': count(*) filter (where ${p} <> ${c})::int,
    'pointExample': any_value(${v}) filter (where ${p} is not null and ${c} is null),
    'commaExample': any_value(${v}) filter (where ${c} is not null and ${p} is null)}`;
}

export function decideNumberFormat(header: string, p: NumberProfile, decimal?: DecimalMark): NumberFormat {
  if (decimal) return decimal;
  if (p.pointOnly > 0 && p.commaOnly > 0) {
    throw dataError(
      `column "${header}" mixes numbers with a decimal point (${p.pointExample}) and a decimal comma (${p.commaExample}); ` +
        `pass --decimal point or --decimal comma to read one and reject the other, or fix the export`,
    );
  }
  if (p.pointOnly > 0) return 'point';
  if (p.commaOnly > 0) return 'comma';
  return p.ambiguous > 0 ? 'unknown' : 'point';
}
