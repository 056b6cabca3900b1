/**
 * Decides the format of each date and timestamp column of a file whose values are not all ISO
 * 8601: the whole column is profiled in one aggregate over `raw_rows` (timestamps.ts decides).
 * The loader calls it only when its optimistic ISO parse failed on some value, so the common
 * all-ISO export never pays for it.
 */
import type { Warehouse } from '../db/connection.js';
import { type ColumnProfile, type DateOrder, decideFormat, profileSelect, type TimestampFormat } from './timestamps.js';

export interface TemporalColumn {
  column: string; // logical name in `typed`
  raw: string; // c<i> in raw_rows
  header: string;
  kind: 'timestamp' | 'date';
}

export async function profileTemporal(
  wh: Warehouse,
  columns: TemporalColumn[],
  clean: (raw: string) => string,
  dateOrder?: DateOrder,
): Promise<Map<string, TimestampFormat>> {
  const formats = new Map<string, TimestampFormat>();
  if (columns.length === 0) return formats;
  // Columns that are ISO everywhere keep the ISO parse; one cast per value proves it.
  const isoChecks = columns.map((c, i) => {
    const value = clean(c.raw);
    return `count(*) filter (where ${value} is not null and try_cast(${value} as timestamptz) is null)::int as bad${i}, count(${value})::int as n${i}`;
  });
  const iso = (await wh.one<Record<string, number>>(`select ${isoChecks.join(', ')} from raw_rows`))!;
  const rest = columns.filter((c, i) => {
    if (iso[`bad${i}`] !== 0) return true;
    formats.set(c.column, iso[`n${i}`] === 0 ? 'empty' : 'iso');
    return false;
  });
  if (rest.length === 0) return formats;
  const selects = rest.map((c, i) => `[${profileSelect(clean(c.raw))}] as p${i}`);
  const row = await wh.one<Record<string, number[]>>(`select ${selects.join(', ')} from raw_rows`);
  rest.forEach((c, i) => {
    const [nonNull, iso, slash, dash, dot, firstOver12, secondOver12, epoch] = row![`p${i}`]!.map(Number) as number[];
    const profile: ColumnProfile = {
      nonNull: nonNull!,
      iso: iso!,
      slash: slash!,
      dash: dash!,
      dot: dot!,
      firstOver12: firstOver12!,
      secondOver12: secondOver12!,
      epoch: epoch!,
    };
    formats.set(c.column, decideFormat(c.header, profile, dateOrder));
  });
  return formats;
}
