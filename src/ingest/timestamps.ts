/**
 * Timestamp columns are profiled over the whole column, then parsed with one format in SQL.
 * Accepted: ISO 8601 with or without offset, `MM/DD/YYYY[ HH:MM[ AM]]` or `DD/MM/YYYY[ HH:MM]`,
 * `DD.MM.YYYY[ HH:MM]` (European Excel), and epoch milliseconds. Naive values are read in the
 * load's time zone. Day/month order is decided over the whole column: a value with a first part
 * over 12 means DD/MM, a second part over 12 means MM/DD; a column with neither is ambiguous (an
 * error that names `--date-order`) unless AM/PM marks a US export.
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
  slashAmPm: number;
  dotted: number;
  epoch: number;
}

const ISO = `'^\\d{4}-\\d{2}-\\d{2}([T ]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?\\s*(Z|[+-]\\d{2}(:?\\d{2})?)?$'`;
const SLASH = `'^(\\d{1,2})/(\\d{1,2})/(\\d{4})( \\d{1,2}:\\d{2}(:\\d{2})?( ?[AaPp][Mm])?)?$'`;
const DOTTED = `'^\\d{1,2}\\.\\d{1,2}\\.\\d{4}( \\d{1,2}:\\d{2}(:\\d{2})?)?$'`;
const EPOCH = `'^\\d{11,13}$'`;

/** One aggregate row per column: the counts that decide its format. */
export function profileSelect(column: string): string {
  const part = (n: number) => `try_cast(regexp_extract(${column}, ${SLASH}, ${n}) as integer)`;
  return [
    `count(${column})::int`,
    `count(*) filter (where regexp_full_match(${column}, ${ISO}))::int`,
    `count(*) filter (where regexp_full_match(${column}, ${SLASH}))::int`,
    `count(*) filter (where ${part(1)} > 12)::int`,
    `count(*) filter (where ${part(2)} > 12)::int`,
    `count(*) filter (where regexp_full_match(${column}, ${SLASH}) and regexp_matches(${column}, '[AaPp][Mm]$'))::int`,
    `count(*) filter (where regexp_full_match(${column}, ${DOTTED}))::int`,
    `count(*) filter (where regexp_full_match(${column}, ${EPOCH}))::int`,
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
  if (p.slashAmPm > 0) return 'slash-mdy';
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
      return `case when regexp_matches(${column}, '(Z|[+-]\\d{2}(:?\\d{2})?)$') and length(${column}) > 10
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
