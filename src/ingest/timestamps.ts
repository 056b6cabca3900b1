/**
 * Timestamp columns are profiled over the whole column, then parsed with one format in SQL.
 * Accepted: ISO 8601 (with an offset, a zone word, or naive: isoZones.ts), day and month with a
 * four-digit year separated by `/`, `-` or `.` (`03/05/2024`, `20-10-2017 14:05`,
 * `31.12.2024 2:05 PM`), and epoch values. Naive values are read in the load's time zone.
 *
 * Day/month order is decided over the whole column, for every separator alike: a value with a
 * first part over 12 means day first, a second part over 12 means month first; a column with
 * neither is ambiguous (an error that names `--date-order`). An explicit `--date-order` wins, and
 * the values that contradict it are rejected with the reason. AM/PM does not decide it: en_AU and
 * en_IN write day first with AM/PM too. A value with both parts over 12 does not vote.
 *
 * Epoch values carry their unit in their size: seconds, milliseconds or microseconds are told apart
 * per value by which one lands in 1990-2099; a value that fits none is rejected.
 * The profile uses character checks, not regular expressions: it runs over every row.
 */
import { dataError } from '../errors.js';
import { isoDetailSql, isoNaiveSql, isoTimestampSql } from './isoZones.js';

export type DateOrder = 'mdy' | 'dmy';
export type Separator = '/' | '-' | '.';
/** `dmy-` is day first with hyphens (`20-10-2017`), `mdy/` month first with slashes, and so on. */
export type TimestampFormat = 'iso' | 'epoch' | 'empty' | `${DateOrder}${Separator}`;

export interface ColumnProfile {
  nonNull: number;
  iso: number;
  slash: number;
  dash: number;
  dot: number;
  firstOver12: number;
  secondOver12: number;
  epoch: number;
}

const separators: Separator[] = ['/', '-', '.'];

/** The separator after a one- or two-digit first part, as SQL (NULL for ISO and other shapes). */
const separatorSql = (v: string) =>
  `case when substr(${v}, 2, 1) in ('/', '-', '.') then substr(${v}, 2, 1) when substr(${v}, 3, 1) in ('/', '-', '.') then substr(${v}, 3, 1) end`;

/** The n-th part of a day/month value split at its own separator. */
const partSql = (v: string, n: number, sep: string = separatorSql(v)) => `try_cast(split_part(${v}, ${sep}, ${n}) as integer)`;

/** Epoch seconds in 1990-01-01 .. 2099-12-31, and the same span in milliseconds and microseconds. */
const epochSpan = [631152000n, 4102444799n];
const inSpan = (n: string, scale: bigint) => `${n} between ${epochSpan[0]! * scale} and ${(epochSpan[1]! + 1n) * scale - 1n}`;

/** One aggregate row per column: the counts that decide its format. */
export function profileSelect(column: string): string {
  const sep = separatorSql(column);
  const dayMonth = `${sep} is not null`;
  return [
    `count(${column})::int`,
    `count(*) filter (where substr(${column}, 5, 1) = '-' and substr(${column}, 8, 1) = '-')::int`,
    ...separators.map((s) => `count(*) filter (where ${sep} = '${s}')::int`),
    `count(*) filter (where ${dayMonth} and ${partSql(column, 1)} > 12 and ${partSql(column, 2)} <= 12)::int`,
    `count(*) filter (where ${dayMonth} and ${partSql(column, 2)} > 12 and ${partSql(column, 1)} <= 12)::int`,
    `count(*) filter (where length(${column}) between 9 and 16 and try_cast(${column} as bigint) is not null)::int`,
  ].join(', ');
}

export function decideFormat(header: string, p: ColumnProfile, dateOrder?: DateOrder): TimestampFormat {
  if (p.nonNull === 0) return 'empty';
  const counts: [TimestampFormat | Separator, number][] = [
    ['iso', p.iso],
    ['/', p.slash],
    ['-', p.dash],
    ['.', p.dot],
    ['epoch', p.epoch],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  const [winner] = counts[0]!;
  // Unparseable values in a column of the winning format become row rejections later.
  if (!separators.includes(winner as Separator)) return winner as TimestampFormat;
  const sep = winner as Separator;
  if (dateOrder) return `${dateOrder}${sep}`;
  const example = `03${sep}04${sep}2024`;
  if (p.firstOver12 > 0 && p.secondOver12 > 0) {
    throw dataError(
      `column "${header}" mixes DD${sep}MM and MM${sep}DD dates (some values have a day over 12 in each position); ` +
        `fix the export, or pass --date-order to reject the values that contradict the order you name`,
    );
  }
  if (p.firstOver12 > 0) return `dmy${sep}`;
  if (p.secondOver12 > 0) return `mdy${sep}`;
  throw dataError(
    `column "${header}" has dates like ${example} where day and month cannot be told apart; ` +
      `pass --date-order mdy (US: month first) or --date-order dmy (day first)`,
  );
}

/** strptime formats for one order and separator, with and without a time (24-hour or AM/PM). */
function dayMonthFormats(order: DateOrder, sep: Separator): string[] {
  const date = order === 'dmy' ? `%d${sep}%m${sep}%Y` : `%m${sep}%d${sep}%Y`;
  return [' %H:%M:%S', ' %H:%M', ' %I:%M:%S %p', ' %I:%M %p', ' %I:%M%p', ''].map((time) => `${date}${time}`);
}

const epochSql = (column: string) => {
  const n = `try_cast(${column} as bigint)`;
  return `case when ${inSpan(n, 1n)} then to_timestamp(${n})
    when ${inSpan(n, 1000n)} then timezone('UTC', make_timestamp(${n} * 1000))
    when ${inSpan(n, 1000000n)} then timezone('UTC', make_timestamp(${n})) end`;
};

/**
 * SQL that parses `column` (cleaned text) in the given format to TIMESTAMPTZ; NULL when the value
 * does not parse or names an impossible date. `zone` is the SQL (a bound parameter) of the zone
 * naive values are read in.
 */
export function parseTimestampSql(column: string, format: TimestampFormat, zone = '$timezone'): string {
  switch (format) {
    case 'empty':
      return `null::timestamptz`;
    case 'iso':
      return isoTimestampSql(column, zone);
    case 'epoch':
      return epochSql(column);
    default: {
      const formats = dayMonthFormats(format.slice(0, 3) as DateOrder, format[3] as Separator);
      return `timezone(${zone}, try_strptime(upper(${column}), [${formats.map((f) => `'${f}'`).join(', ')}]))`;
    }
  }
}

/** Dates (no time of day) are parsed the same way, then kept as the calendar date written. */
export function parseDateSql(column: string, format: TimestampFormat): string {
  if (format === 'epoch') return `cast(${epochSql(column)} as date)`;
  // Parse as if in UTC so the written calendar date survives unchanged.
  return `cast(${parseTimestampSql(column, format, `'UTC'`)} as date)`;
}

/** True for a value that was read in the load's zone because it names none (SQL). */
export function naiveSql(column: string, format: TimestampFormat): string {
  if (format === 'iso') return isoNaiveSql(column);
  return format === 'epoch' || format === 'empty' ? 'false' : `${column} is not null`;
}

/**
 * Why a value of this format did not parse, beyond "unparseable" (SQL text, NULL when there is
 * nothing more to say): an ambiguous zone word, an epoch out of range, a part that is not a month.
 * `dateOrder` is the order the user passed, named in the reason when it decided.
 */
export function rejectDetailSql(column: string, format: TimestampFormat, dateOrder?: DateOrder): string {
  if (format === 'iso') return isoDetailSql(column);
  if (format === 'epoch') {
    return `case when try_cast(${column} as bigint) is not null then ' (outside 1990-2099 as epoch seconds, milliseconds or microseconds)' end`;
  }
  if (format === 'empty') return 'null';
  const order = format.slice(0, 3) as DateOrder;
  const monthPart = partSql(column, order === 'dmy' ? 2 : 1, `'${format[3]}'`);
  const how = `read ${order === 'dmy' ? 'day' : 'month'} first${dateOrder === order ? `, as --date-order ${order} says` : ''}`;
  // bound once in a lambda: DuckDB would hoist a repeated subexpression out of the reason's CASE
  return `list_transform([${monthPart}], __m -> case when __m > 12 then ' (' || __m || ' is not a month; ${how})' end)[1]`;
}
