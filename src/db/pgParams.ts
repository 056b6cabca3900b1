/**
 * The warehouse's parameter style on PostgreSQL. Code binds DuckDB-style: named (`$since`) or
 * positional (`$1`, or `?` from Kysely) parameters, JS arrays for lists and Dates for instants. PostgreSQL takes
 * positional parameters only, and cannot infer an untyped array's or instant's type from
 * `unnest($1)` or `$1 - interval '1 day'`: names become positions, and arrays and Dates get a cast
 * from their values, as DuckDB's binding infers list types (connection.ts). Strings, comments and
 * dollar-quoted bodies are left as they are.
 */
import type { SqlParams } from './engine.js';

const token = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|\$\$[\s\S]*?\$\$|\$([A-Za-z_][A-Za-z0-9_]*|\d+)|(\?)/g;

function castFor(value: unknown): string {
  if (value instanceof Date) return '::timestamptz';
  if (!Array.isArray(value)) return typeof value === 'number' && !Number.isInteger(value) ? '::float8' : '';
  const sample = value.find((item) => item !== null && item !== undefined);
  if (typeof sample === 'number') return value.every((v) => v === null || Number.isInteger(v)) ? '::int8[]' : '::float8[]';
  if (typeof sample === 'boolean') return '::bool[]';
  if (sample instanceof Date) return '::timestamptz[]';
  return '::text[]';
}

function toPgValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toPgValue);
  return value;
}

export function bindPostgres(sql: string, params?: SqlParams): { text: string; values: unknown[] } {
  if (!params) return { text: sql, values: [] };
  const values: unknown[] = [];
  const positions = new Map<string, number>();
  let questionMarks = 0;
  const text = sql.replace(token, (match, dollarName: string | undefined, questionMark: string | undefined) => {
    // Kysely's DuckDB dialect writes `?` for its positional parameters
    const name = questionMark && Array.isArray(params) ? String(++questionMarks) : dollarName;
    if (name === undefined) return match;
    const key = /^\d+$/.test(name) ? Number(name) - 1 : name;
    const value = Array.isArray(params) ? params[key as number] : (params as Record<string, unknown>)[name];
    if (Array.isArray(params) ? typeof key !== 'number' || key >= params.length : !(name in params)) return match;
    let position = positions.get(name);
    if (position === undefined) {
      values.push(toPgValue(value));
      position = values.length;
      positions.set(name, position);
    }
    return `$${position}${castFor(value)}`;
  });
  return { text, values };
}

/** A script's statements, split at semicolons outside strings, comments and dollar-quoted bodies. */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  const pieces = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|\$\$[\s\S]*?\$\$|;/g;
  for (const match of script.matchAll(pieces)) {
    if (match[0] !== ';') continue;
    statements.push(script.slice(start, match.index));
    start = match.index + 1;
  }
  statements.push(script.slice(start));
  // a piece of nothing but comments and blanks is no statement
  return statements.filter((s) => s.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim() !== '');
}
