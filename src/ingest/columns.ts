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
  // columns from an association marker on are the associated record's (an export with associations)
  const marker = spec.associated ? keys.indexOf(headerKey(spec.associated.header)) : -1;
  const ownColumn = (i: number) => marker < 0 || i < marker;
  const find = (column: LogicalColumn) => {
    const names = column.headers.map(headerKey);
    if (marker >= 0 && names.includes(keys[marker]!) && !used.has(marker)) return marker;
    for (const wanted of names) {
      const index = keys.findIndex((k, i) => k === wanted && !used.has(i) && ownColumn(i));
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
      if (used.has(index) || !ownColumn(index)) return;
      const match = family.pattern.exec(withoutZone(h.trim()));
      if (!match) return;
      used.add(index);
      patterns.push({
        family: family.name,
        raw: rawColumn(index),
        header: h,
        label: match[1] ?? h,
        column: `${family.name}__${patterns.length}`,
        kind: family.kind,
      });
    });
  }
  const extra: ColumnResolution['extra'] = [];
  if (spec.keepExtraFieldsFor) {
    const seen = new Set(logical.map((l) => l.name));
    header.forEach((h, index) => {
      const own = spec.fieldKeys?.[headerKey(h)] ?? fieldKeyFromHeader(h);
      const prefix = ownColumn(index) || own === '' ? '' : spec.associated!.prefix;
      const field = own.startsWith(prefix) ? own : `${prefix}${own}`;
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

/**
 * Which of a file's columns the load reads (logical, pattern and extra-field columns) and which it
 * leaves out, by header name, in file order. A name the header repeats carries its position
 * ("Phone Number (column 9)"), and a column without a name is "(column 12, no name)".
 */
export function columnAccount(header: string[], res: ColumnResolution): { used: string[]; ignored: string[] } {
  const read = new Set([...res.logical.map((c) => c.raw), ...res.patterns.map((p) => p.raw), ...res.extra.map((x) => x.raw)]);
  const counts = new Map<string, number>();
  for (const h of header) counts.set(headerKey(h), (counts.get(headerKey(h)) ?? 0) + 1);
  const label = (h: string, i: number) => (h.trim() === '' ? `(column ${i + 1}, no name)` : counts.get(headerKey(h))! > 1 ? `${h} (column ${i + 1})` : h);
  const used: string[] = [];
  const ignored: string[] = [];
  for (const [i, h] of header.entries()) (read.has(rawColumn(i)) ? used : ignored).push(label(h, i));
  return { used, ignored };
}
