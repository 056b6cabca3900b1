/**
 * Rejected rows of both kinds go to `rejected_rows`: records DuckDB's reader could not split into
 * the header's fields (its physical line numbers are exact), and parsed rows our checks refused.
 * For ours the line is estimated from the record number: the header and skipped preamble, the
 * newlines inside earlier quoted fields, and earlier unsplittable records are added; blank lines
 * are not seen after parsing, so a line after one is off by that many.
 */
import type { Warehouse } from '../db/connection.js';
import { rawColumn } from './columns.js';
import { recordLine, recordNewlines } from './wideFiles.js';

/** DuckDB's error types in the words our docs use (the original follows in brackets). */
const parseReasons = `case error_type
    when 'TOO MANY COLUMNS' then 'wrong number of fields: more than the header has'
    when 'MISSING COLUMNS' then 'wrong number of fields: fewer than the header has'
    when 'UNQUOTED VALUE' then 'unterminated or stray quote'
    when 'LINE SIZE OVER MAXIMUM' then 'line longer than the 64 MB line limit'
    when 'INVALID ENCODING' then 'invalid UTF-8 bytes'
    else 'unreadable record' end`;

export interface RejectTally {
  loaded: number;
  rejected: number;
  duplicates: number;
}

export interface RejectSource {
  loadId: number;
  path: string;
  header: string[];
  delimiter: string;
  skipLines: number;
}

/** `known`: the tally when the caller has counted it already (typed.ts's check), saving a scan of `typed`. */
export async function recordRejects(wh: Warehouse, source: RejectSource, known?: RejectTally): Promise<RejectTally> {
  const { loadId, path } = source;
  await wh.run(
    `insert into rejected_rows
     select $load, $path, line::int, null, csv_line, reason || ' (' || detail || ')'
     from (select line, any_value(csv_line) as csv_line,
                  string_agg(distinct ${parseReasons}, '; ') as reason,
                  string_agg(distinct error_type || ': ' || error_message, '; ') as detail
           from reject_errors group by line)
     order by line`,
    { load: loadId, path },
  );
  const tally =
    known ??
    (await wh.one<RejectTally>(
      `select count(*) filter (where __reject is null and not __duplicate)::int as loaded,
            count(*) filter (where __reject is not null)::int as rejected,
            count(*) filter (where __duplicate)::int as duplicates
     from typed`,
    ))!;
  if (tally.rejected > 0) await recordOwnRejects(wh, source);
  return tally;
}

async function recordOwnRejects(wh: Warehouse, { loadId, path, header, delimiter, skipLines }: RejectSource) {
  const columns = header.map((_, i) => rawColumn(i));
  // newlines inside quoted fields: counted only on the rows that have any (contains is cheap)
  const { count: newlines, any: anyNewline } = recordNewlines(columns);
  const rawLine = recordLine(
    columns.map((c) => `r.${c}`),
    '$delim',
  );
  await wh.run(
    `insert into rejected_rows
     with bad as (select __row, __reject from typed where __reject is not null),
     multiline as (select __row, ${newlines} as n from raw_rows where ${anyNewline}),
     parse_lines as (select distinct line from reject_errors),
     estimated as (
       select bad.__row, bad.__reject,
              bad.__row + 1 + $skip + coalesce((select sum(n) from multiline m where m.__row < bad.__row), 0) as base
       from bad
     ),
     placed as (
       select *, base + (select count(*) from parse_lines p where p.line <= base + (select count(*) from parse_lines q where q.line <= base)) as line
       from estimated
     )
     select $load, $path, placed.line::int, placed.__row, ${rawLine}, placed.__reject
     from placed join raw_rows r using (__row)
     order by placed.__row`,
    { load: loadId, path, skip: skipLines, delim: delimiter },
  );
}
