/**
 * Decides the decimal mark of each number column of a file whose values are not all plain numbers:
 * every value is read both ways in one aggregate over `raw_rows` and numbers.ts decides. The loader
 * calls it only when its optimistic parse failed on some value; `--decimal` skips the profile.
 */
import type { Warehouse } from '../db/connection.js';
import { type DecimalMark, decideNumberFormat, type NumberFormat, type NumberProfile, numberProfileSelect, strictNumberSql } from './numbers.js';

export interface NumberColumn {
  column: string; // logical name in `typed`
  raw: string; // c<i> in raw_rows
  header: string;
}

export async function profileNumbers(
  wh: Warehouse,
  columns: NumberColumn[],
  clean: (raw: string) => string,
  decimal?: DecimalMark,
): Promise<Map<string, NumberFormat>> {
  const formats = new Map<string, NumberFormat>();
  if (decimal || columns.length === 0) {
    for (const c of columns) formats.set(c.column, decimal ?? 'point');
    return formats;
  }
  // each value is cleaned and read both ways once, in the inner select; the outer one counts
  const inner = columns.map((c, i) => `${clean(c.raw)} as v${i}`);
  const readings = columns.map((_, i) => `v${i}, ${strictNumberSql(`v${i}`, 'point')} as p${i}, ${strictNumberSql(`v${i}`, 'comma')} as c${i}`);
  const selects = columns.map((_, i) => `${numberProfileSelect(`v${i}`, `p${i}`, `c${i}`)} as n${i}`);
  const row = (await wh.one<Record<string, NumberProfile>>(
    `select ${selects.join(', ')} from (select ${readings.join(', ')} from (select ${inner.join(', ')} from raw_rows))`,
  ))!;
  for (const [i, c] of columns.entries()) formats.set(c.column, decideNumberFormat(c.header, row[`n${i}`]!));
  return formats;
}
