/**
 * Wide exports (HubSpot "export all properties": hundreds to thousands of columns). One SQL
 * expression per column does not scale there: DuckDB's common-subexpression pass compares the
 * expressions of a select pairwise (15 s to plan 700 cleaned columns), and every expression keeps
 * its own intermediate vectors per thread (2,000 columns ran out of a 1.2 GiB budget on 20 rows).
 * So past a threshold the many columns travel as one list and one lambda does the per-cell work:
 * the extra fields travel as one list column and are cleaned after unnesting, and a rejected row's
 * raw text is rebuilt from a list of its cells. Narrower files keep one column per field, the faster form at millions of rows.
 */
import { type ColumnResolution, rawColumn } from './columns.js';

/** Above this many columns, per-column expressions give way to one list and a lambda. */
export const wideColumnCount = 48;

/**
 * The column of `typed` that holds a wide file's extra-field values as read, in `res.extra` order:
 * they are cleaned one per row after unnesting (a lambda over 2,000-value lists of 2,048 rows runs
 * out of memory).
 */
export const packedExtrasColumn = '__extras';

export const packsExtras = (res: ColumnResolution) => res.extra.length > wideColumnCount;

/**
 * The select `typed` starts from: __row when numbered, __hash of the whole record, each raw column
 * it reads cleaned, and a wide file's extra fields as one list. For a wide file the hash and
 * the list are taken in a select of their own, so the cleaning CASEs run over a narrow chunk: a
 * CASE over a 2,000-column chunk holds intermediate vectors for every column of it.
 */
export function cleanedRecordsSql(a: {
  header: string[];
  res: ColumnResolution;
  raws: string[];
  row: string[];
  from: string;
  clean: (raw: string) => string;
  cleaned: (raw: string) => string;
}): string {
  const hash = `hash(${a.header.map((_, i) => rawColumn(i)).join(', ')}) as __hash`;
  const cleans = a.raws.map((r) => `${a.clean(r)} as ${a.cleaned(r)}`);
  if (a.header.length <= wideColumnCount) return `select ${[...a.row, hash, ...cleans].join(',\n        ')} from ${a.from}`;
  const packed = packsExtras(a.res);
  const narrow = [...a.row, hash, ...a.raws, ...(packed ? [`[${a.res.extra.map((x) => x.raw).join(', ')}] as ${packedExtrasColumn}`] : [])];
  return `select ${[...a.row, '__hash', ...cleans, ...(packed ? [packedExtrasColumn] : [])].join(',\n        ')}
        from (select ${narrow.join(', ')} from ${a.from}) narrow`;
}

/** SQL: the newlines inside a record's fields, and whether it has any (rejects.ts places lines by them). */
export function recordNewlines(columns: string[]): { count: string; any: string } {
  if (columns.length <= wideColumnCount) {
    return {
      count: columns.map((c) => `coalesce(length(${c}) - length(replace(${c}, chr(10), '')), 0)`).join(' + '),
      any: columns.map((c) => `contains(${c}, chr(10))`).join(' or '),
    };
  }
  // one text of the whole record (concat skips NULLs): two expressions instead of 2,000
  const text = `concat(${columns.join(', ')})`;
  return { count: `length(${text}) - length(replace(${text}, chr(10), ''))`, any: `contains(${text}, chr(10))` };
}

/** SQL: a record's raw line rebuilt from its cells, every field quoted, empty for NULL. */
export function recordLine(columns: string[], delimiter: string): string {
  const quoted = (c: string) => `coalesce('"' || replace(${c}, '"', '""') || '"', '')`;
  if (columns.length <= wideColumnCount) return `concat_ws(${delimiter}, ${columns.map(quoted).join(', ')})`;
  // only rejected rows get here, so a lambda over their lists stays small
  return `array_to_string(list_transform([${columns.join(', ')}], lambda v: ${quoted('v')}), ${delimiter})`;
}

/** A wide file's extra fields as (lead id, field, value) rows: unnested beside their keys, then cleaned. */
export function packedFieldsSelect(
  id: string,
  fieldKeys: string,
  clean: (raw: string) => string,
  records = 'typed where __reject is null and not __duplicate',
): string {
  return `select ${id}, field, value, __row from (
      select ${id}, __row, field, ${clean('raw')} as value
      from (select ${id}, __row, unnest(${fieldKeys}::varchar[]) as field, unnest(${packedExtrasColumn}) as raw
            from ${records}))
    where value is not null`;
}
