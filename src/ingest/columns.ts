/**
 * Matches a file's header to a format spec: which raw column (c0, c1, …) holds each logical
 * column, which columns follow a spec pattern, and which are extra fields to keep.
 */
import type { FormatSpec, LogicalColumn } from './formats/types.js';
import { fieldKeyFromHeader, headerKey } from './formats/types.js';
import { withoutZone } from './headerZones.js';

export interface ResolvedColumn {
  name: string;
  raw: string; // c<i>
  header: string;
  spec: LogicalColumn;
}

export interface ResolvedPatternColumn {
  family: string;
  raw: string;
  header: string;
  label: string;
  column: string; // the logical SQL name in `typed`
  kind: LogicalColumn['kind'];
}

export interface ColumnResolution {
  logical: ResolvedColumn[];
  patterns: ResolvedPatternColumn[];
  extra: { raw: string; header: string; field: string; column: string }[];
  missing: string[]; // required logical columns not found, as their first header name
}

export const rawColumn = (index: number) => `c${index}`;

export function resolveColumns(spec: FormatSpec, header: string[]): ColumnResolution {
  const keys = header.map(headerKey);
  const used = new Set<number>();
  const logical: ResolvedColumn[] = [];
  const missing: string[] = [];
  const find = (column: LogicalColumn) => {
    for (const wanted of column.headers) {
      const index = keys.findIndex((k, i) => k === headerKey(wanted) && !used.has(i));
      if (index >= 0) return index;
    }
    return -1;
  };
  const entries: [string, LogicalColumn, boolean][] = [
    ...Object.entries(spec.required).map(([n, c]): [string, LogicalColumn, boolean] => [n, c, true]),
    ...Object.entries(spec.optional ?? {}).map(([n, c]): [string, LogicalColumn, boolean] => [n, c, false]),
  ];
  for (const [name, column, required] of entries) {
    const index = find(column);
    if (index < 0) {
      if (required) missing.push(column.headers[0]!);
      continue;
    }
    used.add(index);
    logical.push({ name, raw: rawColumn(index), header: header[index]!, spec: column });
  }
  const patterns: ResolvedPatternColumn[] = [];
  for (const family of spec.patterns ?? []) {
    header.forEach((h, index) => {
      if (used.has(index)) return;
      const match = family.pattern.exec(withoutZone(h.trim()));
      if (!match) return;
      used.add(index);
      patterns.push({
        family: family.name, raw: rawColumn(index), header: h, label: match[1] ?? h,
        column: `${family.name}__${patterns.length}`, kind: family.kind,
      });
    });
  }
  const extra: ColumnResolution['extra'] = [];
  if (spec.keepExtraFieldsFor) {
    const seen = new Set(logical.map((l) => l.name));
    header.forEach((h, index) => {
      const field = spec.fieldKeys?.[headerKey(h)] ?? fieldKeyFromHeader(h);
      if (used.has(index) || field === '' || seen.has(field)) return; // trailing empty or repeated
      seen.add(field);
      extra.push({ raw: rawColumn(index), header: h, field, column: `x${index}` });
    });
  }
  return { logical, patterns, extra, missing };
}

/** How well a header fits a spec: required columns found, minus disqualifying ones. */
export function matchScore(spec: FormatSpec, header: string[]): number {
  const keys = new Set(header.map(headerKey));
  if (spec.excludes?.some((e) => keys.has(headerKey(e)))) return -1;
  const resolution = resolveColumns({ ...spec, keepExtraFieldsFor: undefined }, header);
  if (resolution.missing.length > 0) return -1;
  return resolution.logical.length + resolution.patterns.length;
}
