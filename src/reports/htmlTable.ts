/**
 * A report table as HTML: formatted with format.ts (the same text as the terminal table),
 * numbers right-aligned, every cell escaped. Long ids and ISO timestamps are shown short with the
 * full value as the cell's tooltip, so columns stay narrow and nothing breaks inside a word.
 */
import { escapeHtml, escapeKeepingWords } from './escape.js';
import { columnAlign, formatValue, shortId } from './format.js';
import type { ReportTable, TableColumn } from './types.js';

/** The cell's text, and the full value when the text is a shortened form of it. */
export function cellText(value: unknown, column: TableColumn): { text: string; title?: string } {
  const full = formatValue(value, column.format === 'datetime' ? 'text' : column.format);
  const text = column.format === 'id' ? shortId(value) : formatValue(value, column.format);
  return text === full ? { text } : { text, title: full };
}

export function renderTableHtml(table: ReportTable): string {
  if (table.rows.length === 0) return '<p class="empty">No rows in this window.</p>';
  const aligns = table.columns.map((c) => columnAlign(c, table.rows));
  // Numbers, shortened ids and timestamps never wrap: "2026-04-30 18:22" reads as one value.
  const whole = new Set(['datetime', 'id', 'date']);
  const cls = (i: number) => {
    const c = table.columns[i];
    return aligns[i] === 'right' ? ' class="num"' : c?.format && whole.has(c.format) ? ' class="nowrap"' : '';
  };
  const head = table.columns.map((c, i) => `<th scope="col"${cls(i)}>${escapeKeepingWords(c.label)}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const cells = table.columns.map((c, i) => {
        const { text, title } = cellText(row[c.key], c);
        return `<td${cls(i)}${title ? ` title="${escapeHtml(title)}"` : ''}>${escapeKeepingWords(text)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}
