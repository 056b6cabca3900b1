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
import { timed } from './timing.js';
import { targetColumns, targetTables } from './targets.js';
import { salesforceId18 } from './salesforceIds.js';
import { type ColumnProfile, type DateOrder, decideFormat, parseDateSql, parseTimestampSql, profileSelect } from './timestamps.js';

export interface StageOptions {
  timezone: string;
  dateOrder?: DateOrder;
  delimiter: string;
  decimalComma: boolean;
}

export interface StagedCounts {
  parsed: number; // records DuckDB's reader returned
  parseRejected: number; // records DuckDB's reader could not split into the header's columns
}

const clean = (raw: string) =>
  `case when lower(trim(${raw})) in ('', 'null', 'none', '\\n') or trim(${raw}) = '000000000000000AAA' then null else trim(${raw}) end`;

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

/** Builds `typed`: one column per logical name, parsed, plus __reject (why a row is unusable). */
export async function buildTyped(wh: Warehouse, spec: FormatSpec, res: ColumnResolution, header: string[], opts: StageOptions): Promise<void> {
  const params = new SqlParams({ timezone: opts.timezone });
  const selects = ['__row', `hash(${header.map((_, i) => rawColumn(i)).join(', ')}) as __hash`];
  const reasons: string[] = [];
  const temporal = [
    ...res.logical.filter((c) => c.spec.kind === 'timestamp' || c.spec.kind === 'date').map((c) => ({ column: c.name, raw: c.raw, header: c.header, kind: c.spec.kind! })),
    ...res.patterns.filter((p) => p.kind === 'timestamp' || p.kind === 'date').map((p) => ({ column: p.column, raw: p.raw, header: p.header, kind: p.kind! })),
  ];
  const formats = await timed('  profile dates', profileTemporal(wh, temporal, opts.dateOrder));
  const parse = (column: string, raw: string, headerName: string, kind: string) => {
    const value = clean(raw);
    if (kind === 'timestamp' || kind === 'date') {
      const format = formats.get(column)!;
      const parsed = kind === 'date' ? parseDateSql(value, format) : parseTimestampSql(value, format);
      reasons.push(`case when ${value} is not null and (${parsed}) is null then 'unparseable date in "' || ${params.add(headerName)} || '": ' || ${value} end`);
      return parsed;
    }
    if (kind === 'number') {
      const text = opts.decimalComma ? `replace(replace(${value}, '.', ''), ',', '.')` : `regexp_replace(${value}, '[^0-9.eE+-]', '', 'g')`;
      reasons.push(`case when ${value} is not null and try_cast(${text} as double) is null then 'not a number in "' || ${params.add(headerName)} || '": ' || ${value} end`);
      return `try_cast(${text} as double)`;
    }
    if (kind === 'salesforce_id') return salesforceId18(value);
    if (kind === 'boolean') {
      return `case when lower(${value}) in ('true', '1', 'yes', 'y', 't', 'x') then true when lower(${value}) in ('false', '0', 'no', 'n', 'f') then false end`;
    }
    return value;
  };
  for (const c of res.logical) {
    const expr = parse(c.name, c.raw, c.header, c.spec.kind ?? 'text');
    selects.push(`${expr} as ${c.name}`);
    if (c.spec.nonEmpty) reasons.unshift(`case when ${clean(c.raw)} is null then 'missing value in "' || ${params.add(c.header)} || '"' end`);
    // A row the source marks deleted is not loaded; the reason says why it is missing.
    if (c.spec.rejectIfTrue) reasons.unshift(`case when ${expr} then ${params.add(c.spec.rejectIfTrue)} end`);
  }
  for (const p of res.patterns) selects.push(`${parse(p.column, p.raw, p.header, p.kind ?? 'text')} as ${p.column}`);
  for (const x of res.extra) selects.push(`${clean(x.raw)} as ${x.column}`);
  selects.push(`${reasons.length ? `coalesce(${reasons.join(', ')})` : 'null::varchar'} as __reject`);
  await wh.run(`drop table if exists typed`);
  const sql = `create temp table typed as select ${selects.join(',\n  ')} from raw_rows`;
  await timed('  typed', wh.run(sql, params.for(sql)));
  await timed('  duplicates', markDuplicates(wh, spec, res));
}

async function profileTemporal(wh: Warehouse, columns: { column: string; raw: string; header: string }[], dateOrder?: DateOrder) {
  const formats = new Map<string, ReturnType<typeof decideFormat>>();
  if (columns.length === 0) return formats;
  // Most exports write ISO 8601 everywhere: one cast per value proves it, and the full profile
  // (several tests per value) runs only for the columns that are not.
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
    const [nonNull, isoCount, slash, slashFirstOver12, slashSecondOver12, dotted, epoch] = row![`p${i}`]!.map(Number);
    const profile: ColumnProfile = { nonNull: nonNull!, iso: isoCount!, slash: slash!, slashFirstOver12: slashFirstOver12!, slashSecondOver12: slashSecondOver12!, dotted: dotted!, epoch: epoch! };
    formats.set(c.column, decideFormat(c.header, profile, dateOrder));
  });
  return formats;
}

/** Exact repeats of an earlier record are duplicates; the same key with other values is rejected. */
async function markDuplicates(wh: Warehouse, spec: FormatSpec, res: ColumnResolution): Promise<void> {
  const present = spec.key.filter((k) => res.logical.some((l) => l.name === k));
  const key = present.length ? present.join(', ') : '__hash';
  // Most exports repeat no key: one hash aggregate proves it, and the window pass is skipped.
  const repeats = await wh.one<{ n: number }>(`select (count(*) - count(distinct (${key})))::int as n from typed where __reject is null`);
  if (repeats!.n === 0) {
    await wh.run(`alter table typed add column __duplicate boolean default false`);
    return;
  }
  await wh.run(`
    create or replace temp table typed as
    with ranked as (
      select *,
        row_number() over (partition by __hash order by __row) as __copy,
        first_value(__row) over (partition by ${key} order by __row) as __first_row,
        first_value(__hash) over (partition by ${key} order by __row) as __first_hash
      from typed
      where __reject is null
    )
    select * exclude (__copy, __first_row, __first_hash, __reject),
      __copy > 1 as __duplicate,
      case when __copy = 1 and __hash <> __first_hash
           then 'conflicting duplicate: same key as row ' || __first_row || ' with different values' end as __reject
    from ranked
    union all by name
    select * , false as __duplicate from typed where __reject is not null`);
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

export function assertColumns(path: string, spec: FormatSpec, res: ColumnResolution, header: string[]): void {
  if (res.missing.length === 0) return;
  throw dataError(
    `${path}: looks like a ${spec.crm} ${spec.object} export (${spec.variant}) but lacks column(s) ` +
      `${res.missing.map((m) => `"${m}"`).join(', ')}; columns found: ${header.map((h) => `"${h}"`).join(', ')}`,
  );
}
