/**
 * Printing a command's typed result: JSON for machines (stable, documented in docs/), aligned
 * tables for people. Each command's table view lives in its own renderer under src/views/.
 */
import { renderTextTable } from './reports/format.js';
import type { TableColumn } from './reports/types.js';
import { tableWidth } from './tableWidth.js';
import { safeJson, terminalCell, terminalText } from './terminal.js';

export type OutputFormat = 'table' | 'json' | 'csv' | 'html';

type TableView = (result: never, width?: number) => string;
const views: Record<string, TableView> = {};

/** Commands register how their result reads as text. */
export function registerView<T>(kind: string, view: (result: T, width?: number) => string): void {
  views[kind] = view as TableView;
}

export function printResult(result: unknown, format: OutputFormat, kind: string, layout: { wide?: boolean } = {}): void {
  if (format === 'json') {
    process.stdout.write(`${safeJson(result, 2)}\n`);
    return;
  }
  const view = views[kind];
  // views build text from CRM values: the whole of it passes the terminal-safe formatter
  process.stdout.write(`${terminalText(view ? view(result as never, tableWidth(layout.wide)) : safeJson(result, 2))}\n`);
}

/** A titled block: a table, or a list of lines (each kept on its line), under a heading. */
export function textBlock(title: string, body: string | string[]): string {
  const text = Array.isArray(body) ? body.map((l) => `  ${terminalCell(l)}`).join('\n') : body;
  return `${title}\n${text}`;
}

export const table = (columns: TableColumn[], rows: Record<string, unknown>[], width?: number) => renderTextTable(columns, rows, width);
