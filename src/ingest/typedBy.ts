/**
 * Text columns that hold numbers or dates in some rows: a field history's value is an amount where
 * the field is Amount and a date where it is CloseDate. Those rows are parsed with the loader's
 * number and date rules into extra columns of `typed` (`<column>__number`, `<column>__date`), and
 * their failures are rejected rows with the reason like any number or date column's; the other
 * rows are left alone (a Probability or an owner stays text).
 */
import type { ColumnResolution } from './columns.js';
import type { TypedBy } from './formats/types.js';

export interface TypedByColumn {
  /** the SQL name in `typed` */
  column: string;
  kind: 'number' | 'date';
  /** the value's header, and the header of the column that says which rows are typed */
  header: string;
  raw: string;
  byRaw: string;
  values: string[];
}

/** The typed columns a file's resolution asks for (none when the deciding column is absent). */
export function typedByColumns(res: ColumnResolution): TypedByColumn[] {
  return res.logical.flatMap((c) => {
    const typedBy: TypedBy | undefined = c.spec.typedBy;
    const by = typedBy && res.logical.find((l) => l.name === typedBy.by);
    if (!typedBy || !by) return [];
    return (['number', 'date'] as const).flatMap((kind) => {
      const values = typedBy.kinds[kind];
      return values?.length ? [{ column: `${c.name}__${kind}`, kind, header: c.header, raw: c.raw, byRaw: by.raw, values }] : [];
    });
  });
}

/** The field names are the spec's own constants (checked), so they are written as literals. */
const literals = (values: string[]) =>
  values
    .map((v) => {
      if (!/^[a-z_ ]+$/.test(v)) throw new Error(`typedBy value "${v}" is not a plain field name`);
      return `'${v}'`;
    })
    .join(', ');

/** SQL: the column's value in the rows its deciding column names, else NULL; `cleanedOf` gives a raw column's cleaned value. */
export function typedByValue(c: TypedByColumn, cleanedOf: (raw: string) => string): string {
  return `(case when lower(${cleanedOf(c.byRaw)}) in (${literals(c.values)}) then ${cleanedOf(c.raw)} end)`;
}

/** SQL: the header a reason names: `NewValue of Amount`, with the row's own field. */
export const typedByHeaderSql = (c: TypedByColumn, headerParam: string, cleanedOf: (raw: string) => string) =>
  `(${headerParam} || ' of ' || ${cleanedOf(c.byRaw)})`;
