/**
 * The relations one file passes through: DuckDB's CSV reader (every column VARCHAR), `typed`
 * (typed.ts: cleaned and parsed logical columns, each row's reject reason), `raw_rows` (the records
 * as read, only when rejected rows or dates need them), and the spec's canonical rows, either
 * straight into the warehouse tables or into `new_<table>` for the merge. DuckDB does the parsing;
 * nothing here loops over rows.
 */
import type { Warehouse } from '../db/connection.js';
import { dataError } from '../errors.js';
import type { ColumnResolution } from './columns.js';
import { rawColumn } from './columns.js';
import type { EmitContext, EmitStatement, FormatSpec } from './formats/types.js';
import { isEmpty, type MergeContext, mergeKeys, stampsFor } from './merge.js';
import { SqlParams } from './sqlParams.js';
import { entityFields, type FieldEntity, isFieldsTable, type TargetTable, targetColumns, targetTables } from './targets.js';
import { clean } from './typed.js';
import { packedFieldsSelect, packsExtras, wideColumnCount } from './wideFiles.js';

/** Where a file's records come from: DuckDB's CSV reader over the UTF-8 copy, every column VARCHAR. */
export interface CsvSource {
  path: string;
  header: string[];
  delimiter: string;
  skipLines: number;
}

/**
 * The reader over a file, as SQL with its parameters. Records it cannot split into the header's
 * columns go to `reject_errors` (their line, raw text and error), never into the result.
 * buffer_size is the longest line: DuckDB's default is 16 of them, 1 GiB, which it must allocate
 * at once and a --memory-limit under 1 GiB refuses.
 */
export function csvReaderSql(source: CsvSource): { sql: string; params: Record<string, unknown> } {
  const columns = source.header.map((_, i) => `'${rawColumn(i)}': 'VARCHAR'`).join(', ');
  return {
    sql: `read_csv($path, header = true, skip = $skip, delim = $delim, quote = '"', escape = '"', auto_detect = false,
                   columns = {${columns}}, store_rejects = true, rejects_table = 'reject_errors',
                   rejects_scan = 'reject_scans', max_line_size = 67108864, buffer_size = 67108864, strict_mode = true)`,
    params: { path: source.path, delim: source.delimiter, skip: source.skipLines },
  };
}

/** The reader's reject tables, always temp tables of the connection that read. */
export async function dropRejectTables(wh: Warehouse): Promise<void> {
  await wh.run(`drop table if exists temp.reject_errors; drop table if exists temp.reject_scans`);
}

/** The reader's rejects, copied from the stage connection's temp tables into its scratch database for the load to read. */
export async function keepRejectTables(stage: Warehouse): Promise<void> {
  await stage.run(`create table reject_errors as select * from temp.reject_errors; create table reject_scans as select * from temp.reject_scans`);
}

/** Records the reader could not split (counted once per physical line). */
export async function parseRejectedCount(wh: Warehouse): Promise<number> {
  return (await wh.one<{ n: number }>(`select count(distinct line)::int as n from reject_errors`))!.n;
}

/**
 * `raw_rows`: the file's records as read, numbered in file order. Only needed to place rejected rows
 * (their raw text and line) and to profile dates that are not ISO 8601, so built only then: in the
 * stage connection's scratch database (scratch.ts), or as a temp table of the load (`temp`) when
 * the load's own checks find rows to reject after staging.
 */
export async function readRawRows(wh: Warehouse, source: CsvSource, temp = false): Promise<void> {
  const reader = csvReaderSql(source);
  const kind = temp ? 'temp table' : 'table';
  await dropRejectTables(wh);
  await wh.run(`drop table if exists ${temp ? 'temp.' : ''}raw_rows`);
  if (source.header.length > wideColumnCount) return readWideRawRows(wh, reader, kind);
  await wh.run(`create ${kind} raw_rows as select row_number() over ()::integer as __row, * from ${reader.sql}`, reader.params).catch((error: unknown) => {
    throw readerError(error);
  });
}

/**
 * A wide file's records are numbered by their position in the table (rowids are consecutive in
 * insertion order, which is the file's): row_number() over a 2,000-column window ran out of memory.
 */
async function readWideRawRows(wh: Warehouse, reader: { sql: string; params: Record<string, unknown> }, kind: string): Promise<void> {
  await wh.run(`drop table if exists raw_records`);
  await wh.run(`create ${kind} raw_records as select * from ${reader.sql}`, reader.params).catch((error: unknown) => {
    throw readerError(error);
  });
  // numbered in place: a second copy of 2,000 columns costs seconds
  await wh.run(`alter table raw_records add column __row integer;
    update raw_records set __row = (rowid - (select min(rowid) from raw_records) + 1)::integer;
    alter table raw_records rename to raw_rows`);
}

/** DuckDB's reader refused the whole file: the file's problem, not a crash. */
export class CsvReadError extends Error {}

/**
 * A failed statement that read a file: the reader's own errors (unreadable input, a file it cannot
 * open) become CsvReadError; anything else is ours and stays as it is.
 */
export function readerError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  return /^(Invalid Input Error|IO Error)/.test(message) ? new CsvReadError(message.split('\n')[0]!, { cause: error }) : error;
}

/** One emitted relation: a target table, its staged columns and the select over `typed` that fills them. */
interface EmitQuery {
  target: TargetTable;
  columns: string[];
  /** selects the columns, then __row */
  select: string;
  statement?: EmitStatement;
}

/** What a spec's emit sees of one file: its columns, and values bound into `params`. */
export function emitContext(res: ColumnResolution, params: SqlParams): EmitContext {
  return {
    param: (value) => params.add(value),
    has: (name) => res.logical.some((l) => l.name === name),
    patternColumns: (family) => res.patterns.filter((p) => p.family === family).map((p) => ({ column: p.column, label: p.label, header: p.header })),
    extraColumns: res.extra.map((x) => ({ column: x.column, field: x.field })),
  };
}

function emitQueries(spec: FormatSpec, res: ColumnResolution, params: SqlParams): EmitQuery[] {
  const statements = spec.emit(emitContext(res, params));
  const queries: EmitQuery[] = statements.map((statement) => {
    const columns = Object.keys(targetColumns[statement.target]);
    const exprs = columns.map((c) => `${statement.columns[c] ?? 'null'} as ${c}`);
    const where = ['__reject is null', 'not __duplicate', statement.where].filter(Boolean).join(' and ');
    const qualify = statement.qualify ? ` qualify ${statement.qualify}` : '';
    return { target: statement.target, columns, statement, select: `select ${exprs.join(', ')}, __row from typed where ${where}${qualify}` };
  });
  if (spec.keepExtraFieldsFor && res.extra.length > 0) {
    const entity = statements.find((s) => s.target === spec.object);
    queries.push(extraFieldsQuery(spec, spec.keepExtraFieldsFor, res, params, entity?.qualify));
  }
  return queries;
}

/**
 * The file's extra columns as fields of its entity: one row per record and non-empty field, from
 * the records the entity row comes from (a history-mode file's latest version: the entity
 * statement's window condition applies here too).
 */
function extraFieldsQuery(spec: FormatSpec, id: string, res: ColumnResolution, params: SqlParams, entityQualify?: string): EmitQuery {
  const fields = entityFields[spec.object as FieldEntity];
  if (!fields) throw new Error(`${spec.variant}: keepExtraFieldsFor on ${spec.object}, which has no fields table`);
  const qualify = entityQualify ? ` qualify ${entityQualify}` : '';
  const records = `(select * from typed where __reject is null and not __duplicate${qualify}) records`;
  const values = () => res.extra.map((x) => `{'field': ${params.add(x.field)}, 'value': ${x.column}}`).join(', ');
  return {
    target: fields.table,
    columns: [fields.key, 'field', 'value'],
    // a wide file's values come as one list (wideFiles.ts)
    select: packsExtras(res)
      ? packedFieldsSelect(id, params.add(res.extra.map((x) => x.field)), clean, records)
      : `select ${id}, f.field, f.value, __row
     from (select ${id}, __row, unnest([${values()}]) as f from ${records})
     where f.value is not null`,
  };
}

/** Runs the spec's emit statements into fresh `new_<table>` relations, for the merge step. */
export async function emitCanonicalRows(wh: Warehouse, spec: FormatSpec, res: ColumnResolution): Promise<void> {
  for (const table of targetTables) {
    const cols = Object.entries(targetColumns[table])
      .map(([c, t]) => `${c} ${t}`)
      .join(', ');
    await wh.run(`create or replace temp table new_${table} (${cols}, source_row integer)`);
  }
  const params = new SqlParams();
  for (const query of emitQueries(spec, res, params)) {
    const sql = `insert into new_${query.target} ${query.select}`;
    await wh.run(sql, params.for(sql));
  }
}

/**
 * The first load of a table needs no merge when the file's rows map one to one onto distinct rows
 * of it: one emit statement (no window condition) whose target key columns carry the file's key
 * columns as they are, and keys unique in the file (typed.ts rejected or marked every repeat). Then
 * the rows go straight from `typed` into the warehouse tables, stamped as the merge would: the same
 * rows, without the `new_<table>` copy and the insert from it. Returns false, doing nothing, when
 * the file does not qualify.
 */
export async function emitDirectly(wh: Warehouse, spec: FormatSpec, res: ColumnResolution, ctx: MergeContext): Promise<boolean> {
  const params = new SqlParams({ load: ctx.loadId, snapshot: ctx.snapshotAt });
  const queries = emitQueries(spec, res, params);
  const fileKey = spec.key.filter((k) => res.logical.some((l) => l.name === k));
  const [main, ...rest] = queries;
  if (!main?.statement || main.statement.qualify || fileKey.length === 0) return false;
  const carried = new Set(mergeKeys[main.target].map((k) => main.statement!.columns[k]));
  if (!fileKey.every((k) => carried.has(k))) return false;
  // extra fields: one row per field of each record, distinct when the record's id is the file key
  if (rest.some((q) => !isFieldsTable(q.target)) || (rest.length > 0 && !(fileKey.length === 1 && fileKey[0] === spec.keepExtraFieldsFor))) return false;
  for (const query of queries) if (!(await isEmpty(wh, query.target))) return false;
  for (const query of queries) {
    const stamps = stampsFor(query.target, '__row');
    const sql = `insert into ${query.target} (${query.columns.join(', ')}, ${stamps.columns})
      select * exclude (__row), ${stamps.values} from (${query.select})`;
    await wh.run(sql, params.for(sql));
  }
  return true;
}

/** Drops the `new_<table>` relations once merged. */
export async function dropStagedRows(wh: Warehouse): Promise<void> {
  await wh.run(targetTables.map((table) => `drop table if exists new_${table};`).join('\n'));
}

export function assertColumns(path: string, spec: FormatSpec, res: ColumnResolution, header: string[]): void {
  if (res.missing.length === 0) return;
  throw dataError(
    `${path}: looks like a ${spec.crm} ${spec.object} export (${spec.variant}) but lacks column(s) ` +
      `${res.missing.map((m) => `"${m}"`).join(', ')}; columns found: ${header.map((h) => `"${h}"`).join(', ')}`,
  );
}
