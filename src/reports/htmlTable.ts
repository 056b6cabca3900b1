/**
 * A report table as HTML: formatted with format.ts (the same text as the terminal table),
 * numbers right-aligned, every cell escaped. Long ids and ISO timestamps are shown short with the
 * full value as the cell's tooltip, so columns stay narrow and nothing breaks inside a word.
 */
import { escapeHtml, escapeKeepingWords } from './escape.js';
import { columnAlign, formatValue, shortId } from './format.js';
import type { ReportTable, TableColumn } from './types.js';

/** The cell's text, and the full value when the text is a shortened form of it. */
export function cellText(value: unknown, column: TableColumn, row: Record<string, unknown> = {}): { text: string; title?: string } {
  const full = formatValue(value, column.format === 'datetime' ? 'text' : column.format);
  const text = isId(value, column, row) ? shortId(value) : formatValue(value, column.format);
  return text === full ? { text } : { text, title: full };
}

const isId = (value: unknown, column: TableColumn, row: Record<string, unknown>) =>
  column.format === 'id' || (column.idKey !== undefined && value !== null && value !== undefined && value === row[column.idKey]);

export function renderTableHtml(table: ReportTable): string {
  if (table.rows.length === 0) return '<p class="empty">No rows in this window.</p>';
  const aligns = table.columns.map((c) => columnAlign(c, table.rows));
  // Numbers, shortened ids and timestamps never wrap: "2026-04-30 18:22" reads as one value.
  const whole = new Set(['datetime', 'id', 'date']);
  const cls = (i: number, row: Record<string, unknown> = {}) => {
    const c = table.columns[i];
    if (aligns[i] === 'right') return ' class="num"';
    return (c?.format && whole.has(c.format)) || (c && isId(row[c.key], c, row)) ? ' class="nowrap"' : '';
  };
  const head = table.columns.map((c, i) => `<th scope="col"${cls(i)}>${escapeKeepingWords(c.label)}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const cells = table.columns.map((c, i) => {
        const { text, title } = cellText(row[c.key], c, row);
        return `<td${cls(i, row)}${title ? ` title="${escapeHtml(title)}"` : ''}>${escapeKeepingWords(text)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}
