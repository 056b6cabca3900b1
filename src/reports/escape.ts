/**
 * Escaping for the two places report data leaves the tool as text: HTML pages and CSV files.
 * CRM fields are user-typed (lead names, company names, notes), so both are hostile input:
 * HTML must never turn them into markup, and CSV must never let a spreadsheet run them as formulas.
 */

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => htmlEntities[ch] ?? ch);
}

/**
 * Escape running text so that no word is split across lines: browsers may break after a hyphen,
 * dash or slash ("2026-/11-01", "38–/96%"), so a word holding one is wrapped in a no-wrap span.
 * Lines still break at spaces. Everything is escaped first; the span is our only markup.
 */
export function escapeKeepingWords(value: unknown): string {
  return String(value ?? '')
    .split(/(\s+)/)
    .map((part) => (/[-‐‑–—/]/.test(part) && /[\p{L}\p{N}]/u.test(part) && !/\s/.test(part) ? `<span class="nw">${escapeHtml(part)}</span>` : escapeHtml(part)))
    .join('');
}

// Spreadsheets (Excel, LibreOffice, Google Sheets) evaluate a cell whose text starts with one of
// these; tab and carriage return are included because some importers strip them before parsing.
const formulaTriggers = new Set(['=', '+', '-', '@', '\t', '\r']);

// A plain negative number is data, not a formula: "-3.5" or "-1e-3" stays numeric.
const plainNegativeNumber = /^-(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * The text of one cell before quoting: numbers as numbers (to at most 4 decimals: CSV is read by
 * people, JSON, Parquet and Arrow keep every digit), dates as ISO, nothing for null.
 */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toFixed(4))) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

/**
 * One CSV cell, formula-neutralised and quoted per RFC 4180: a leading `'` makes a spreadsheet
 * show formula-like text literally; fields with `"`, `,`, CR or LF are wrapped in quotes.
 */
export function safeCsvCell(value: unknown): string {
  let text = cellText(value);
  const first = text.charAt(0);
  if (formulaTriggers.has(first) && !plainNegativeNumber.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV column: a row key, optionally with the header label to print for it. */
export type CsvColumn = string | { key: string; label: string };

/** A whole CSV document: header row, then one line per row, `\r\n` line ends (RFC 4180). */
export function toCsv(columns: readonly CsvColumn[], rows: readonly Record<string, unknown>[]): string {
  const keys = columns.map((c) => (typeof c === 'string' ? c : c.key));
  const labels = columns.map((c) => (typeof c === 'string' ? c : c.label));
  const lines = [labels.map(safeCsvCell).join(',')];
  for (const row of rows) lines.push(keys.map((k) => safeCsvCell(row[k])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
