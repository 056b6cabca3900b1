/**
 * A report table as HTML: formatted with format.ts (the same text as the terminal table),
 * numbers right-aligned, every cell escaped.
 */
import { escapeHtml } from './escape.js';
import { columnAlign, formatValue } from './format.js';
import type { ReportTable } from './types.js';

export function renderTableHtml(table: ReportTable): string {
  if (table.rows.length === 0) return '<p class="empty">No rows in this window.</p>';
  const aligns = table.columns.map((c) => columnAlign(c, table.rows));
  const cls = (i: number) => (aligns[i] === 'right' ? ' class="num"' : '');
  const head = table.columns.map((c, i) => `<th scope="col"${cls(i)}>${escapeHtml(c.label)}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const cells = table.columns.map((c, i) => `<td${cls(i)}>${escapeHtml(formatValue(row[c.key], c.format))}</td>`);
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}
