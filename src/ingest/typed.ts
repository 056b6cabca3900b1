/**
 * Builds `typed`: one column per logical name, cleaned and parsed, plus __row (the record's number
 * in the file), __hash (the raw record, for duplicates), __reject (why a row is unusable) and
 * __duplicate. `typed` is a view over the table `typed_rows`.
 *
 * The common file is read once: DuckDB's CSV reader feeds the cleaning and parsing directly, in
 * parallel, and __row is the row's position in `typed_rows` (its rowid, which DuckDB assigns in
 * insertion order; insertion order is the file's). Numbering with row_number() over () instead is
 * a single-threaded pass that doubles the read. Only a file that needs its raw records again, for
 * dates that are not ISO 8601 or to report rejected rows, is read a second time into `raw_rows`.
 *
 * Each raw column is cleaned once in an inner select and the parses and reasons read the cleaned
 * value by name (a CASE repeats its operands otherwise). Dates are parsed as ISO 8601 first; only
 * when some value fails is the column profiled (dateProfile.ts) and `typed` rebuilt from `raw_rows`.
 */
import type { Warehouse } from '../db/connection.js';
import type { ColumnResolution } from './columns.js';
import { profileTemporal, type TemporalColumn } from './dateProfile.js';
import { booleanReasonSql, booleanSql } from './booleans.js';
import { rejectCutRecord } from './cutRecord.js';
import { markDuplicates } from './duplicates.js';
import type { FormatSpec } from './formats/types.js';
import { salesforceId18 } from './salesforceIds.js';
import { type NumberColumn, profileNumbers } from './numberProfile.js';
import { type DecimalMark, type NumberFormat, numberReasonSql, numberSql } from './numbers.js';
import { SqlParams } from './sqlParams.js';
import { headerZone } from './headerZones.js';
import { naiveColumnsSql, type NaiveColumn, type NaiveCount, naiveCounts, naiveCountsSql } from './naiveCounts.js';
import { type DateOrder, naiveSql, parseDateSql, parseTimestampSql, rejectDetailSql, type TimestampFormat } from './timestamps.js';
import { timed } from '../timing.js';
import { typedByColumns, typedByHeaderSql, typedByValue } from './typedBy.js';
import { cleanedRecordsSql, packedExtrasColumn, packsExtras } from './wideFiles.js';
import { type CsvSource, csvReaderSql, dropRejectTables, keepRejectTables, parseRejectedCount, readerError, readRawRows } from './stageFile.js';

export interface StageOptions {
  timezone: string;
  dateOrder?: DateOrder;
  delimiter: string;
  /** --decimal: the decimal mark of every number column, else decided per column */
  decimal?: DecimalMark;
  /** the file's last record when the file does not end with a line end: rejected as cut off */
  cutRecord?: string;
}

/** The format each date, timestamp and number column is parsed with, when not the first pass's. */
type ColumnFormats = Map<string, TimestampFormat | NumberFormat>;

/** Empty, null-like and Salesforce's empty-id values are NULL; values are trimmed (trim() drops Unicode spaces). */
export const fullClean = (raw: string) =>
  `case when lower(trim(${raw})) in ('', 'null', 'none', '\\n') or trim(${raw}) = '000000000000000AAA' then null else trim(${raw}) end`;

/**
 * The same, with the common value let through untouched: a value the full rule could change has
 * the length of a null-like word (0, 2, 4 or 18 bytes), a space at an end, or a non-ASCII
 * character (a Unicode space at an end; bytes and characters differ in count). Testing that is
 * cheap; trimming and lowering every value cost about a second per 5M rows.
 */
export const clean = (raw: string) =>
  `case when strlen(${raw}) in (0, 2, 4, 18) or starts_with(${raw}, ' ') or ends_with(${raw}, ' ') or strlen(${raw}) <> length(${raw})
        then ${fullClean(raw)} else ${raw} end`;

const cleaned = (raw: string) => `__v_${raw}`;

/** `from`: the reader (rows unnumbered, __row comes from the view) or `raw_rows` (numbered). */
function createTypedSql(
  res: ColumnResolution,
  header: string[],
  opts: StageOptions,
  formats: ColumnFormats,
  from: { sql: string; params: Record<string, unknown>; numbered: boolean },
) {
  const params = new SqlParams({ timezone: opts.timezone, ...from.params });
  const row = from.numbered ? ['__row'] : [];
  const packed = packsExtras(res);
  const raws = [...new Set([...res.logical.map((c) => c.raw), ...res.patterns.map((p) => p.raw), ...(packed ? [] : res.extra.map((x) => x.raw))])];
  const inner = cleanedRecordsSql({ header, res, raws, row, from: from.sql, clean, cleaned });
  const parsed: string[] = [];
  const reasons: string[] = [];
  const dateChecks: string[] = [];
  const numberChecks: string[] = [];
  const naive: NaiveColumn[] = [];
  // `value`: the cleaned value's SQL; `headerSql`: the header a reason names (typedBy.ts names the row's field too)
  const parse = (column: string, value: string, headerName: string, kind: string, headerSql = params.add(headerName)) => {
    if (kind === 'timestamp' || kind === 'date') {
      const format = (formats.get(column) ?? 'iso') as TimestampFormat;
      dateChecks.push(`(${value} is not null and ${column} is null)`);
      const detail = rejectDetailSql(value, format, opts.dateOrder);
      reasons.push(
        `case when ${value} is not null and ${column} is null then 'unparseable date in "' || ${headerSql} || '": ' || ${value} || coalesce(${detail}, '') end`,
      );
      if (kind === 'date') return parseDateSql(value, format);
      // a header that names its zone reads its column in that zone (headerZones.ts)
      const stated = headerZone(headerName);
      naive.push({ column, header: headerName, flag: naiveSql(value, format), zone: stated });
      return parseTimestampSql(value, format, stated ? params.add(stated) : '$timezone');
    }
    if (kind === 'number') {
      // the first pass reads plain numbers only (or the --decimal mark); a failure profiles the column
      const format = (formats.get(column) ?? opts.decimal ?? 'plain') as NumberFormat;
      numberChecks.push(`(${value} is not null and ${column} is null)`);
      reasons.push(numberReasonSql(value, column, headerSql, format));
      return numberSql(value, format);
    }
    if (kind === 'salesforce_id') return salesforceId18(value);
    if (kind === 'boolean') {
      reasons.push(booleanReasonSql(value, column, params.add(headerName)));
      return booleanSql(value);
    }
    return value;
  };
  for (const c of res.logical) {
    parsed.push(`${parse(c.name, cleaned(c.raw), c.header, c.spec.kind ?? 'text')} as ${c.name}`);
    if (c.spec.nonEmpty) reasons.unshift(`case when ${cleaned(c.raw)} is null then 'missing value in "' || ${params.add(c.header)} || '"' end`);
    // A row the source marks deleted is not loaded; the reason says why it is missing.
    if (c.spec.rejectIfTrue) reasons.unshift(`case when ${c.name} then ${params.add(c.spec.rejectIfTrue)} end`);
  }
  for (const p of res.patterns) parsed.push(`${parse(p.column, cleaned(p.raw), p.header, p.kind ?? 'text')} as ${p.column}`);
  for (const t of typedByColumns(res)) {
    const header = typedByHeaderSql(t, params.add(t.header), cleaned);
    parsed.push(`${parse(t.column, typedByValue(t, cleaned), t.header, t.kind, header)} as ${t.column}`);
  }
  if (packed) parsed.push(packedExtrasColumn);
  else for (const x of res.extra) parsed.push(`${cleaned(x.raw)} as ${x.column}`);
  const sql = `create table typed_rows as
    select * ${raws.length ? `exclude (${raws.map(cleaned).join(', ')})` : ''},
      ${reasons.length ? `coalesce(${reasons.join(', ')})` : 'null::varchar'} as __reject,
      false as __duplicate,
      ${dateChecks.length ? dateChecks.join(' or ') : 'false'} as __date_failed,
      ${numberChecks.length ? numberChecks.join(' or ') : 'false'} as __number_failed${naiveColumnsSql(naive)}
    from (select ${[...row, '__hash', ...raws.map(cleaned), ...parsed].join(',\n      ')}
          from (${inner}) cleaned) parsed`;
  return { sql, params, naive };
}

interface TypedCheck {
  rows: number;
  rejects: number;
  dateFailures: number;
  numberFailures: number;
  keyRepeats: number;
  /** naive values per timestamp column, in the order of `naive` */
  naive: number[];
  naiveColumns: NaiveCount[];
  /** the span of typed_rows' rowids (null when it is empty) */
  first: string | null;
  last: string | null;
}

/**
 * (Re)creates `typed_rows` and the `typed` view over it, and checks its rows in the same scan.
 * Null when rowids cannot number the rows (a gap in them): the caller numbers them from `raw_rows`.
 * Keys are compared by hash: a collision only sends the file down the exact duplicate pass.
 */
async function typedFrom(
  wh: Warehouse,
  res: ColumnResolution,
  header: string[],
  opts: StageOptions,
  formats: ColumnFormats,
  from: { sql: string; params: Record<string, unknown>; numbered: boolean },
  key: string,
): Promise<TypedCheck | null> {
  await dropTyped(wh);
  const { sql, params, naive } = createTypedSql(res, header, opts, formats, from);
  await wh.run(sql, params.for(sql));
  const check = (await timed(
    '  check',
    wh.one<TypedCheck>(
      `select count(*)::int as rows, count(*) filter (where __reject is not null)::int as rejects,
            count(*) filter (where __date_failed)::int as "dateFailures",
            count(*) filter (where __number_failed)::int as "numberFailures",
            (count(*) filter (where __reject is null) - count(distinct hash(${key})) filter (where __reject is null))::int as "keyRepeats",
            ${naiveCountsSql(naive)}, min(rowid)::varchar as first, max(rowid)::varchar as last
     from typed_rows`,
    ),
  ))!;
  check.naiveColumns = naiveCounts(naive, check.naive.map(Number));
  if (from.numbered) {
    await wh.run(`create view typed as select * from typed_rows`);
    return check;
  }
  // rowids are consecutive in insertion order; a gap would mean they no longer number the records
  if (check.rows > 0 && BigInt(check.last!) - BigInt(check.first!) + 1n !== BigInt(check.rows)) return null;
  await wh.run(`create view typed as select cast(rowid - ${check.rows > 0 ? BigInt(check.first!) : 0n} + 1 as integer) as __row, * from typed_rows`);
  return check;
}

/** Drops `typed` and the table behind it. */
export async function dropTyped(wh: Warehouse): Promise<void> {
  await wh.run(`drop view if exists typed; drop table if exists typed_rows`);
}

export interface TypedCounts {
  parsed: number; // records DuckDB's reader returned
  parseRejected: number; // records DuckDB's reader could not split into the header's columns
  naive: NaiveCount[]; // timestamp columns with values read in the load's (or the header's) zone
  /** loaded, rejected and duplicate rows of `typed` when its check scan already counted them (no key repeated) */
  tally?: { loaded: number; rejected: number; duplicates: number };
}

/**
 * Reads `source` into `typed`, and into `raw_rows` when something needs the raw records, on `wh`: the
 * stage connection, its scratch database the default (scratch.ts), which keeps them and the reader's rejects.
 */
export async function buildTyped(wh: Warehouse, spec: FormatSpec, res: ColumnResolution, source: CsvSource, opts: StageOptions): Promise<TypedCounts> {
  const { header } = source;
  const temporal: TemporalColumn[] = [
    ...res.logical
      .filter((c) => c.spec.kind === 'timestamp' || c.spec.kind === 'date')
      .map((c) => ({ column: c.name, raw: c.raw, header: c.header, kind: c.spec.kind as 'timestamp' | 'date' })),
    ...res.patterns
      .filter((p) => p.kind === 'timestamp' || p.kind === 'date')
      .map((p) => ({ column: p.column, raw: p.raw, header: p.header, kind: p.kind as 'timestamp' | 'date' })),
    // a typed-by column is profiled over its own rows only (raw: an expression over raw_rows)
    ...typedByColumns(res)
      .filter((t) => t.kind === 'date')
      .map((t) => ({ column: t.column, raw: typedByValue(t, fullClean), header: `${t.header} (dates)`, kind: 'date' as const })),
  ];
  const present = spec.key.filter((k) => res.logical.some((l) => l.name === k));
  const key = present.length ? present.join(', ') : '__hash';
  const reader = csvReaderSql(source);
  const fromRaw = { sql: 'raw_rows', params: {}, numbered: true };
  let raw = false;
  const ensureRaw = async () => {
    if (!raw) await timed('  raw rows', readRawRows(wh, source));
    raw = true;
  };
  await dropRejectTables(wh);
  let check = await timed('  typed', typedFrom(wh, res, header, opts, new Map(), { ...reader, numbered: false }, key)).catch((error: unknown) => {
    throw readerError(error);
  });
  if (!check) {
    await ensureRaw();
    check = (await typedFrom(wh, res, header, opts, new Map(), fromRaw, key))!;
  }
  if (check.dateFailures > 0 || check.numberFailures > 0) {
    await ensureRaw();
    const formats: ColumnFormats = new Map();
    if (check.dateFailures > 0) for (const [c, f] of await timed('  profile dates', profileTemporal(wh, temporal, clean, opts.dateOrder))) formats.set(c, f);
    if (check.numberFailures > 0)
      for (const [c, f] of await timed('  profile numbers', profileNumbers(wh, numberColumns(res), clean, opts.decimal))) formats.set(c, f);
    const firstNumberFormat = opts.decimal ?? 'plain';
    if ([...formats.values()].some((f) => f !== 'iso' && f !== 'empty' && f !== firstNumberFormat)) {
      check = (await timed('  typed again', typedFrom(wh, res, header, opts, formats, fromRaw, key)))!;
    }
  }
  if (opts.cutRecord !== undefined && (await rejectCutRecord(wh, opts.cutRecord))) check = { ...check, rejects: check.rejects + 1 };
  // Most exports repeat no key: the window pass over every row runs only when one does.
  if (check.keyRepeats > 0) await timed('  duplicates', markDuplicates(wh, key));
  // rejected rows (conflicting duplicates among them) are reported with their raw text and line
  if (check.rejects > 0 || check.keyRepeats > 0) await ensureRaw();
  // without repeats nothing is a duplicate, and the check's counts are the tally: no scan to count them again
  const tally = check.keyRepeats > 0 ? undefined : { loaded: check.rows - check.rejects, rejected: check.rejects, duplicates: 0 };
  const parseRejected = await parseRejectedCount(wh);
  await keepRejectTables(wh);
  return { parsed: check.rows, parseRejected, naive: check.naiveColumns, tally };
}

function numberColumns(res: ColumnResolution): NumberColumn[] {
  return [
    ...res.logical.filter((c) => c.spec.kind === 'number').map((c) => ({ column: c.name, raw: c.raw, header: c.header })),
    ...res.patterns.filter((p) => p.kind === 'number').map((p) => ({ column: p.column, raw: p.raw, header: p.header })),
    ...typedByColumns(res)
      .filter((t) => t.kind === 'number')
      .map((t) => ({ column: t.column, raw: typedByValue(t, fullClean), header: `${t.header} (numbers)` })),
  ];
}
