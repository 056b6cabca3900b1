/**
 * Number and date formatting shared by HTML tables and terminal output, so a metric reads the
 * same everywhere. The locale is fixed (en-US) rather than taken from the machine: reports must
 * come out byte-identical on every laptop and in CI.
 */
import { terminalCell } from '../terminal.js';
import type { ColumnFormat, DateLike, ReportMeta, TableColumn } from './types.js';

/** Shown for a missing value (null, undefined, NaN): distinct from a real zero. */
export const missing = '—';

const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const pctFormat = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });
const pct1Format = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const days1Format = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A finite number, or undefined: NaN and ±Infinity are "no value", never printed as "NaN" or "∞". */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return value;
}

/** 1234567 → "1,234,567" (rounded to a whole number). */
export const int = (value: unknown): string => {
  const n = toNumber(value);
  return n === undefined ? missing : intFormat.format(n);
};

/** A ratio as a whole percent: 0.1234 → "12%". */
export const pct = (value: unknown): string => {
  const n = toNumber(value);
  return n === undefined ? missing : pctFormat.format(n);
};

/** A ratio as a percent with one decimal: 0.1234 → "12.3%". */
export const pct1 = (value: unknown): string => {
  const n = toNumber(value);
  return n === undefined ? missing : pct1Format.format(n);
};

/** A 95% interval of a rate as "37.5%–96.4%"; empty when there is none (nothing to divide by). */
export const ciText = (ci: readonly [number, number] | null | undefined): string =>
  ci && toNumber(ci[0]) !== undefined && toNumber(ci[1]) !== undefined ? `${pct1(ci[0])}–${pct1(ci[1])}` : '';

/** A 95% interval in whole percents, "38–96%", or null when there is none. */
export const ciWhole = (ci: readonly [number, number] | null | undefined): string | null =>
  ci && toNumber(ci[0]) !== undefined && toNumber(ci[1]) !== undefined ? `${(ci[0] * 100).toFixed(0)}–${(ci[1] * 100).toFixed(0)}%` : null;

/** A duration in days with one decimal: 3.46 → "3.5 d". */
export const days = (value: unknown): string => {
  const n = toNumber(value);
  return n === undefined ? missing : `${days1Format.format(n)} d`;
};

/**
 * A duration in minutes, the speed-to-lead unit: 0.5 → "30s", 7 → "7m", 65 → "1h 05m",
 * 1505 → "1d 01h". Rounded to whole minutes first so 59.6 reads "1h 00m", never "60m".
 */
export const minutes = (value: unknown): string => {
  const n = toNumber(value);
  if (n === undefined) return missing;
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  if (abs < 1) return `${sign}${Math.round(abs * 60)}s`;
  const total = Math.round(abs);
  if (total < 60) return `${sign}${total}m`;
  const pad = (x: number) => String(x).padStart(2, '0');
  if (total < 24 * 60) return `${sign}${Math.floor(total / 60)}h ${pad(total % 60)}m`;
  const hours = Math.round(total / 60);
  return `${sign}${Math.floor(hours / 24)}d ${pad(hours % 24)}h`;
};

/** A calendar date: Dates in UTC, ISO text cut to its date part, anything else as text. */
export const date = (value: unknown): string => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? missing : value.toISOString().slice(0, 10);
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
  return value === null || value === undefined ? missing : String(value);
};

/** A timestamp for report headers: "2024-06-30" at midnight UTC, else "2024-06-30 14:05 UTC". */
export function dateTime(value: DateLike): string {
  // ISO instants (what the JSON contracts carry) read like Dates; other text is shown as given
  if (typeof value === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(value)) return value;
    return dateTime(new Date(value));
  }
  if (Number.isNaN(value.getTime())) return missing;
  const iso = value.toISOString();
  return iso.slice(11, 16) === '00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const isoInstant = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO timestamp shortened for a table cell: "2025-12-02T21:54:06Z" → "2025-12-02 21:54" (the
 * HTML table keeps the full value in the cell's tooltip). Anything else is shown as given.
 */
export const shortDateTime = (value: unknown): string => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? missing : shortDateTime(value.toISOString());
  if (value === null || value === undefined) return missing;
  const text = String(value);
  const m = isoInstant.exec(text);
  return m ? `${m[1]} ${m[2]}` : text;
};

/** Ids longer than this are cut in HTML cells (the full id is the tooltip). */
export const idDisplayLength = 12;

/** A record id for a cell: long CRM ids ("00Q5e00000AbCdEfGHI") cut to their start with "…". */
export const shortId = (value: unknown): string => {
  if (value === null || value === undefined) return missing;
  const text = String(value);
  return [...text].length > idDisplayLength ? `${[...text].slice(0, idDisplayLength - 1).join('')}…` : text;
};

const formatters: Record<ColumnFormat, (value: unknown) => string> = {
  int,
  pct,
  pct1,
  days,
  minutes,
  date,
  datetime: shortDateTime,
  // The terminal shows ids whole (they are copied from there); HTML cuts them, see htmlTable.ts.
  id: (value) => (value === null || value === undefined ? missing : String(value)),
  text: (value) => (value === null || value === undefined ? missing : String(value)),
};

/** One table cell as text. Without a format, numbers get thousands separators. */
export function formatValue(value: unknown, format?: ColumnFormat): string {
  if (format) return formatters[format](value);
  if (typeof value === 'bigint') return int(value);
  if (typeof value === 'number') return Number.isFinite(value) ? plainFormat.format(value) : missing;
  return formatters.text(value);
}

// Unformatted numbers: separators, at most two decimals (no 0.30000000000000004 in a table).
const plainFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

const numericFormats = new Set<ColumnFormat>(['int', 'pct', 'pct1', 'days', 'minutes']);

/** Numbers line up on the right; text and dates read from the left. */
export function columnAlign(column: TableColumn, rows: readonly Record<string, unknown>[]): 'left' | 'right' {
  if (column.align) return column.align;
  if (column.format) return numericFormats.has(column.format) ? 'right' : 'left';
  const present = rows.map((r) => r[column.key]).filter((v) => v !== null && v !== undefined);
  return present.length > 0 && present.every((v) => typeof v === 'number' || typeof v === 'bigint') ? 'right' : 'left';
}

/**
 * A shared table's columns with their terminal fitting (priorities, abbreviable text), so the
 * HTML document of the same table stays as it is: `priorities` by column key, lowest dropped first.
 */
export function forTerminal(columns: readonly TableColumn[], priorities: Record<string, number>, abbreviate: readonly string[] = []): TableColumn[] {
  return columns.map((c) => ({
    ...c,
    ...(priorities[c.key] !== undefined ? { priority: priorities[c.key] } : {}),
    ...(abbreviate.includes(c.key) ? { abbreviate: true } : {}),
  }));
}

/** Text cells of an abbreviable column are cut to no fewer than this many characters. */
const minAbbreviated = 12;
const gap = 2;

/**
 * An aligned plain-text table for the terminal: header, dashed rule, one line per row. Cells hold
 * CRM text: each goes through the terminal-safe formatter, so it stays one line and moves nothing.
 * With a width (the terminal's columns), a wider table first loses its lowest-priority columns,
 * then, with none left to lose, has long text cut with "…"; a line under it names what was left out and that --wide
 * shows all. Without a width every column is shown whole.
 */
export function renderTextTable(columns: readonly TableColumn[], rows: readonly Record<string, unknown>[], width?: number): string {
  const len = (s: string) => [...s].length; // code points, so "—" and accented names count as one
  const all = columns.map((c) => {
    const label = terminalCell(c.label);
    const cells = rows.map((row) => terminalCell(formatValue(row[c.key], c.format)));
    const natural = Math.max(len(label), ...cells.map(len));
    const least = c.abbreviate ? Math.min(natural, Math.max(len(label), minAbbreviated)) : natural;
    return { column: c, label, cells, width: natural, least, align: columnAlign(c, rows) };
  });
  const total = (cols: typeof all, key: 'width') => cols.reduce((sum, c) => sum + c[key], 0) + gap * Math.max(0, cols.length - 1);
  let shown = all;
  const dropped: string[] = [];
  if (width !== undefined) {
    // drop by priority until the table fits whole: a name cut short is worse than a column gone
    const order = all.filter((c) => c.column.priority !== undefined).sort((a, b) => a.column.priority! - b.column.priority!);
    for (const candidate of order) {
      if (total(shown, 'width') <= width) break;
      shown = shown.filter((c) => c !== candidate);
      dropped.push(candidate.label || candidate.column.key);
    }
    // then cut the widest abbreviable column a character at a time (a handful of columns, not rows)
    let excess = total(shown, 'width') - width;
    while (excess > 0) {
      const widest = shown.filter((c) => c.width > c.least).sort((a, b) => b.width - a.width)[0];
      if (!widest) break;
      widest.width -= 1;
      excess -= 1;
    }
  }
  const cutToWidth = (text: string, w: number) => (len(text) > w ? `${[...text].slice(0, Math.max(0, w - 1)).join('')}…` : text);
  const line = (texts: string[]) =>
    texts
      .map((t, i) => {
        const col = shown[i]!;
        const cut = cutToWidth(t, col.width);
        const pad = ' '.repeat(col.width - len(cut));
        return col.align === 'right' ? pad + cut : cut + pad;
      })
      .join(' '.repeat(gap))
      .trimEnd();
  const header = line(shown.map((c) => c.label));
  const rule = shown
    .map((c) => '-'.repeat(c.width))
    .join(' '.repeat(gap))
    .trimEnd();
  const body = rows.map((_, r) => line(shown.map((c) => c.cells[r] ?? '')));
  const cut = shown.some((c) => c.width < Math.max(len(c.label), ...c.cells.map(len)));
  // short, so the note itself fits: the columns it names are the ones to look for with --wide
  const notes = [dropped.length ? `left out: ${dropped.join(', ')}` : '', cut ? 'long text cut with …' : ''].filter(Boolean);
  const note = notes.length ? wrap(`(${notes.join('; ')}; --wide shows all)`, width ?? Infinity) : [];
  return [header, rule, ...body, ...note].join('\n');
}

/** Words onto lines of at most `width` characters (a word longer than that keeps its own line). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (current && [...next].length > width) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  return current ? [...lines, current] : lines;
}

/** A report header's facts: window, as-of, freshness and the zone assumption, each only when known. */
export function reportMeta(
  report: { window?: ReportMeta['window']; asOf: DateLike; dataFreshness?: DateLike | null; zoneAssumption?: string },
  generatedBy: string,
  extra?: ReportMeta['extra'],
): ReportMeta {
  return {
    ...(report.window ? { window: report.window } : {}),
    asOf: report.asOf,
    ...(report.dataFreshness ? { dataFreshness: report.dataFreshness } : {}),
    ...(report.zoneAssumption ? { zoneAssumption: report.zoneAssumption } : {}),
    generatedBy,
    ...(extra ? { extra } : {}),
  };
}
