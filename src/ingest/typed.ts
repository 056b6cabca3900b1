/**
 * Builds `typed` from `raw_rows`: one column per logical name, cleaned and parsed, plus __row,
 * __hash (the raw record, for duplicates), __reject (why a row is unusable) and __duplicate.
 * One statement, one pass: each raw column is cleaned once in an inner select and the parses
 * and reasons read the cleaned value by name (a CASE repeats its operands otherwise). Dates are
 * parsed as ISO 8601 first; only when some value fails is the column profiled (dateProfile.ts)
 * and `typed` rebuilt, so the common all-ISO export is read once.
 */
import type { Warehouse } from '../db/connection.js';
import type { ColumnResolution } from './columns.js';
import { profileTemporal, type TemporalColumn } from './dateProfile.js';
import { markDuplicates } from './duplicates.js';
import type { FormatSpec } from './formats/types.js';
import { salesforceId18 } from './salesforceIds.js';
import { SqlParams } from './sqlParams.js';
import { type DateOrder, parseDateSql, parseTimestampSql, type TimestampFormat } from './timestamps.js';
import { timed } from '../timing.js';

export interface StageOptions {
  timezone: string;
  dateOrder?: DateOrder;
  delimiter: string;
  decimalComma: boolean;
}

/** Empty, null-like and Salesforce's empty-id values are NULL. */
export const clean = (raw: string) =>
  `case when lower(trim(${raw})) in ('', 'null', 'none', '\\n') or trim(${raw}) = '000000000000000AAA' then null else trim(${raw}) end`;

const cleaned = (raw: string) => `__v_${raw}`;

function createTypedSql(res: ColumnResolution, header: string[], opts: StageOptions, formats: Map<string, TimestampFormat>) {
  const params = new SqlParams({ timezone: opts.timezone });
  const raws = [...new Set([...res.logical.map((c) => c.raw), ...res.patterns.map((p) => p.raw), ...res.extra.map((x) => x.raw)])];
  const inner = ['__row', `hash(${header.map((_, i) => `c${i}`).join(', ')}) as __hash`, ...raws.map((r) => `${clean(r)} as ${cleaned(r)}`)];
  const parsed: string[] = [];
  const reasons: string[] = [];
  const dateChecks: string[] = [];
  const parse = (column: string, raw: string, headerName: string, kind: string) => {
    const value = cleaned(raw);
    if (kind === 'timestamp' || kind === 'date') {
      const format = formats.get(column) ?? 'iso';
      dateChecks.push(`(${value} is not null and ${column} is null)`);
      reasons.push(`case when ${value} is not null and ${column} is null then 'unparseable date in "' || ${params.add(headerName)} || '": ' || ${value} end`);
      return kind === 'date' ? parseDateSql(value, format) : parseTimestampSql(value, format);
    }
    if (kind === 'number') {
      const text = opts.decimalComma ? `replace(replace(${value}, '.', ''), ',', '.')` : `regexp_replace(${value}, '[^0-9.eE+-]', '', 'g')`;
      // the cleaned text is NULL exactly when the value is: a NULL number from a value did not parse
      reasons.push(`case when ${value} is not null and ${column} is null then 'not a number in "' || ${params.add(headerName)} || '": ' || ${value} end`);
      return `try_cast(${text} as double)`;
    }
    if (kind === 'salesforce_id') return salesforceId18(value);
    if (kind === 'boolean') {
      return `case when lower(${value}) in ('true', '1', 'yes', 'y', 't', 'x') then true when lower(${value}) in ('false', '0', 'no', 'n', 'f') then false end`;
    }
    return value;
  };
  for (const c of res.logical) {
    parsed.push(`${parse(c.name, c.raw, c.header, c.spec.kind ?? 'text')} as ${c.name}`);
    if (c.spec.nonEmpty) reasons.unshift(`case when ${cleaned(c.raw)} is null then 'missing value in "' || ${params.add(c.header)} || '"' end`);
    // A row the source marks deleted is not loaded; the reason says why it is missing.
    if (c.spec.rejectIfTrue) reasons.unshift(`case when ${c.name} then ${params.add(c.spec.rejectIfTrue)} end`);
  }
  for (const p of res.patterns) parsed.push(`${parse(p.column, p.raw, p.header, p.kind ?? 'text')} as ${p.column}`);
  for (const x of res.extra) parsed.push(`${cleaned(x.raw)} as ${x.column}`);
  const sql = `create or replace temp table typed as
    select * ${raws.length ? `exclude (${raws.map(cleaned).join(', ')})` : ''},
      ${reasons.length ? `coalesce(${reasons.join(', ')})` : 'null::varchar'} as __reject,
      false as __duplicate,
      ${dateChecks.length ? dateChecks.join(' or ') : 'false'} as __date_failed
    from (select __row, __hash, ${[...raws.map(cleaned), ...parsed].join(',\n      ')}
          from (select ${inner.join(',\n        ')} from raw_rows) cleaned) parsed`;
  return { sql, params };
}

async function createTyped(wh: Warehouse, res: ColumnResolution, header: string[], opts: StageOptions, formats: Map<string, TimestampFormat>) {
  const { sql, params } = createTypedSql(res, header, opts, formats);
  await wh.run(sql, params.for(sql));
}

/** Keys are compared by hash: a collision only sends the file down the exact duplicate pass. */
async function checkTyped(wh: Warehouse, key: string) {
  return (await wh.one<{ dateFailures: number; keyRepeats: number }>(
    `select count(*) filter (where __date_failed)::int as "dateFailures",
            (count(*) filter (where __reject is null) - count(distinct hash(${key})) filter (where __reject is null))::int as "keyRepeats"
     from typed`,
  ))!;
}

export async function buildTyped(wh: Warehouse, spec: FormatSpec, res: ColumnResolution, header: string[], opts: StageOptions): Promise<void> {
  const temporal: TemporalColumn[] = [
    ...res.logical.filter((c) => c.spec.kind === 'timestamp' || c.spec.kind === 'date').map((c) => ({ column: c.name, raw: c.raw, header: c.header, kind: c.spec.kind as 'timestamp' | 'date' })),
    ...res.patterns.filter((p) => p.kind === 'timestamp' || p.kind === 'date').map((p) => ({ column: p.column, raw: p.raw, header: p.header, kind: p.kind as 'timestamp' | 'date' })),
  ];
  const present = spec.key.filter((k) => res.logical.some((l) => l.name === k));
  const key = present.length ? present.join(', ') : '__hash';
  await timed('  typed', createTyped(wh, res, header, opts, new Map()));
  let check = await timed('  check', checkTyped(wh, key));
  if (check.dateFailures > 0) {
    const formats = await timed('  profile dates', profileTemporal(wh, temporal, clean, opts.dateOrder));
    if ([...formats.values()].some((f) => f !== 'iso' && f !== 'empty')) {
      await timed('  typed again', createTyped(wh, res, header, opts, formats));
      check = await checkTyped(wh, key);
    }
  }
  // Most exports repeat no key: the window pass over every row runs only when one does.
  if (check.keyRepeats > 0) await timed('  duplicates', markDuplicates(wh, key));
}
