/**
 * Timestamp columns are profiled over the whole column, then parsed with one format in SQL.
 * Accepted: ISO 8601 with or without offset, `MM/DD/YYYY[ HH:MM[ AM]]` or `DD/MM/YYYY[ HH:MM]`,
 * `DD.MM.YYYY[ HH:MM]` (European Excel), and epoch milliseconds. Naive values are read in the
 * load's time zone. Day/month order is decided over the whole column: a value with a first part
 * over 12 means DD/MM, a second part over 12 means MM/DD; a column with neither is ambiguous (an
 * error that names `--date-order`). AM/PM does not decide it: en_AU and en_IN write day first
 * with AM/PM too. A value with both parts over 12 is impossible either way and does not vote.
 * The profile uses character checks, not regular expressions: it runs over every row.
 */
import { dataError } from '../errors.js';

export type DateOrder = 'mdy' | 'dmy';
export type TimestampFormat = 'iso' | 'slash-mdy' | 'slash-dmy' | 'dotted' | 'epoch-ms' | 'empty';

export interface ColumnProfile {
  nonNull: number;
  iso: number;
  slash: number;
  slashFirstOver12: number;
  slashSecondOver12: number;
  dotted: number;
  epoch: number;
}

/** One aggregate row per column: the counts that decide its format. */
export function profileSelect(column: string): string {
  const part = (n: number) => `try_cast(split_part(${column}, '/', ${n}) as integer)`;
  const slash = `contains(${column}, '/')`;
  return [
    `count(${column})::int`,
    `count(*) filter (where substr(${column}, 5, 1) = '-' and substr(${column}, 8, 1) = '-')::int`,
    `count(*) filter (where ${slash})::int`,
    `count(*) filter (where ${slash} and ${part(1)} > 12 and ${part(2)} <= 12)::int`,
    `count(*) filter (where ${slash} and ${part(2)} > 12 and ${part(1)} <= 12)::int`,
    `count(*) filter (where (substr(${column}, 2, 1) = '.' or substr(${column}, 3, 1) = '.'))::int`,
    `count(*) filter (where length(${column}) between 11 and 13 and try_cast(${column} as bigint) is not null)::int`,
  ].join(', ');
}

export function decideFormat(header: string, p: ColumnProfile, dateOrder?: DateOrder): TimestampFormat {
  if (p.nonNull === 0) return 'empty';
  const counts: [TimestampFormat | 'slash', number][] = [
    ['iso', p.iso], ['slash', p.slash], ['dotted', p.dotted], ['epoch-ms', p.epoch],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  const [winner] = counts[0]!;
  // Unparseable values in a column of the winning format become row rejections later.
  if (winner !== 'slash') return winner;
  if (p.slashFirstOver12 > 0 && p.slashSecondOver12 > 0) {
    throw dataError(
      `column "${header}" mixes DD/MM and MM/DD dates (some values have a day over 12 in each position); fix the export`,
    );
  }
  if (p.slashFirstOver12 > 0) return 'slash-dmy';
  if (p.slashSecondOver12 > 0) return 'slash-mdy';
  if (dateOrder) return dateOrder === 'dmy' ? 'slash-dmy' : 'slash-mdy';
  throw dataError(
    `column "${header}" has dates like 03/04/2024 where day and month cannot be told apart; ` +
      `pass --date-order mdy (US: month first) or --date-order dmy (day first)`,
  );
}

/**
 * SQL that parses `column` (cleaned text) in the given format to TIMESTAMPTZ; NULL when the value
 * does not parse or names an impossible date. `$timezone` is the bound zone for naive values.
 */
export function parseTimestampSql(column: string, format: TimestampFormat): string {
  const naive = (expr: string) => `timezone($timezone, ${expr})`;
  switch (format) {
    case 'empty':
      return `null::timestamptz`;
    case 'iso':
      // an offset or Z at the end (Z, +hh, +hhmm, +hh:mm): exact; otherwise naive in the load zone
      return `case when strlen(${column}) > 10 and (ends_with(${column}, 'Z') or ends_with(${column}, 'z') or ${column}[-3] in ('+', '-')
                 or ${column}[-5] in ('+', '-') or ${column}[-6] in ('+', '-'))
        then try_cast(${column} as timestamptz)
        else ${naive(`try_cast(${column} as timestamp)`)} end`;
    case 'slash-mdy':
      return naive(
        `try_strptime(upper(${column}), ['%m/%d/%Y %I:%M %p', '%m/%d/%Y %I:%M%p', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y'])`,
      );
    case 'slash-dmy':
      return naive(`try_strptime(${column}, ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y'])`);
    case 'dotted':
      return naive(`try_strptime(${column}, ['%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M', '%d.%m.%Y'])`);
    case 'epoch-ms':
      return `to_timestamp(try_cast(${column} as bigint) / 1000.0)`;
  }
}

/** Dates (no time of day) are parsed the same way, then kept as the calendar date written. */
export function parseDateSql(column: string, format: TimestampFormat): string {
  if (format === 'epoch-ms') return `cast(to_timestamp(try_cast(${column} as bigint) / 1000.0) as date)`;
  // Parse as if in UTC so the written calendar date survives unchanged.
  return `cast(${parseTimestampSql(column, format).replaceAll('$timezone', `'UTC'`)} as date)`;
}
