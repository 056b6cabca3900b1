/**
 * An export table from rows of a report's JSON: columns in snake_case, types read from the values
 * (whole numbers → integer, other numbers → double, ISO instants → timestamp, `[low, high]`
 * intervals → two columns). For report tables whose columns follow their JSON contract exactly.
 */
import type { ExportCell, ExportColumn, ExportColumnType, ExportTable } from './types.js';

const snake = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

function flatten(row: Record<string, unknown>): Record<string, ExportCell> {
  const flat: Record<string, ExportCell> = {};
  for (const [key, value] of Object.entries(row)) {
    const name = snake(key);
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')) {
      flat[`${name}_low`] = value[0] as number;
      flat[`${name}_high`] = value[1] as number;
    } else if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) flat[name] = value as ExportCell;
    else if (Array.isArray(value)) flat[name] = value.join('; ');
    // nested objects are tables of their own, exported separately
  }
  return flat;
}

function typeOf(values: ExportCell[]): ExportColumnType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return 'varchar';
  if (present.every((v) => typeof v === 'boolean')) return 'boolean';
  if (present.every((v) => typeof v === 'number')) return present.every((v) => Number.isInteger(v)) ? 'integer' : 'double';
  if (present.every((v) => typeof v === 'string' && instant.test(v))) return 'timestamp';
  return 'varchar';
}

/**
 * `emptyColumns` names the columns when there are no rows to read them from (a quiet week has no
 * breaches), so the file still has its header; they are typed varchar, having no values.
 */
export function inferTable(name: string, rows: readonly object[], emptyColumns: readonly string[] = []): ExportTable {
  const flat = rows.map((r) => flatten(r as Record<string, unknown>));
  const found = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  // an interval that is null on some rows is still the two columns of the others
  const names = flat.length
    ? found.filter((n) => !(found.includes(`${n}_low`) && flat.every((r) => r[n] === null || r[n] === undefined)))
    : emptyColumns.map(snake);
  const columns: ExportColumn[] = names.map((n) => ({ name: n, type: typeOf(flat.map((r) => r[n])) }));
  return { name, columns, rows: flat };
}
