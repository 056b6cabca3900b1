/**
 * Reads one file into the temp relations the merge step takes: `raw_rows` (DuckDB's CSV reader,
 * every column VARCHAR), `typed` (cleaned and parsed logical columns, each row's reject reason),
 * and `new_<table>` (the spec's canonical rows). DuckDB does the parsing; nothing here loops
 * over rows.
 */
import type { Warehouse } from '../db/connection.js';
import { dataError } from '../errors.js';
import type { ColumnResolution } from './columns.js';
import { rawColumn } from './columns.js';
import type { EmitContext, FormatSpec } from './formats/types.js';
import { SqlParams } from './sqlParams.js';
import { targetColumns, targetTables } from './targets.js';

export interface StagedCounts {
  parsed: number; // records DuckDB's reader returned
  parseRejected: number; // records DuckDB's reader could not split into the header's columns
}

export async function readRawRows(wh: Warehouse, path: string, header: string[], delimiter: string, skipLines = 0): Promise<StagedCounts> {
  const columns = header.map((_, i) => `'${rawColumn(i)}': 'VARCHAR'`).join(', ');
  await wh.run(`drop table if exists reject_errors; drop table if exists reject_scans; drop table if exists raw_rows`);
  await wh.run(
    `create temp table raw_rows as
     select row_number() over ()::integer as __row, *
     from read_csv($path, header = true, skip = $skip, delim = $delim, quote = '"', escape = '"', auto_detect = false,
                   columns = {${columns}}, store_rejects = true, rejects_table = 'reject_errors',
                   rejects_scan = 'reject_scans', max_line_size = 67108864, strict_mode = true)`,
    { path, delim: delimiter, skip: skipLines },
  );
  const counts = await wh.one<StagedCounts>(
    `select (select count(*) from raw_rows)::int as parsed,
            (select count(distinct line) from reject_errors)::int as parseRejected`,
  );
  return counts!;
}

/** Runs the spec's emit statements into fresh `new_<table>` relations. */
export async function emitCanonicalRows(wh: Warehouse, spec: FormatSpec, res: ColumnResolution): Promise<void> {
  for (const table of targetTables) {
    const cols = Object.entries(targetColumns[table]).map(([c, t]) => `${c} ${t}`).join(', ');
    await wh.run(`create or replace temp table new_${table} (${cols}, source_row integer)`);
  }
  const params = new SqlParams();
  const ctx: EmitContext = {
    param: (value) => params.add(value),
    has: (name) => res.logical.some((l) => l.name === name),
    patternColumns: (family) => res.patterns.filter((p) => p.family === family).map((p) => ({ column: p.column, label: p.label, header: p.header })),
    extraColumns: res.extra.map((x) => ({ column: x.column, field: x.field })),
  };
  for (const statement of spec.emit(ctx)) {
    const columns = Object.keys(targetColumns[statement.target]);
    const exprs = columns.map((c) => `${statement.columns[c] ?? 'null'} as ${c}`);
    const where = ['__reject is null', 'not __duplicate', statement.where].filter(Boolean).join(' and ');
    const qualify = statement.qualify ? ` qualify ${statement.qualify}` : '';
    const sql = `insert into new_${statement.target} select ${exprs.join(', ')}, __row from typed where ${where}${qualify}`;
    await wh.run(sql, params.for(sql));
  }
  if (spec.keepExtraFieldsFor && res.extra.length > 0) {
    const id = spec.keepExtraFieldsFor;
    const fieldParams = new SqlParams();
    const fields = res.extra.map((x) => `{'field': ${fieldParams.add(x.field)}, 'value': ${x.column}}`).join(', ');
    await wh.run(
      `insert into new_lead_fields
       select ${id}, f.field, f.value, __row
       from (select ${id}, __row, unnest([${fields}]) as f from typed where __reject is null and not __duplicate)
       where f.value is not null`,
      fieldParams.values,
    );
  }
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
