/**
 * Printing a command's typed result: JSON for machines (stable, documented in docs/), aligned
 * tables for people. Each command's table view lives in its own renderer under src/views/.
 */
import { renderTextTable } from './reports/format.js';
import type { TableColumn } from './reports/types.js';

export type OutputFormat = 'table' | 'json' | 'csv' | 'html';

type TableView = (result: never) => string;
const views: Record<string, TableView> = {};

/** Commands register how their result reads as text. */
export function registerView<T>(kind: string, view: (result: T) => string): void {
  views[kind] = view as TableView;
}

export function printResult(result: unknown, format: OutputFormat, kind: string): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const view = views[kind];
  process.stdout.write(`${view ? view(result as never) : JSON.stringify(result, null, 2)}\n`);
}

/** A titled block: a table, or a list of lines, under a heading. */
export function textBlock(title: string, body: string | string[]): string {
  const text = Array.isArray(body) ? body.map((l) => `  ${l}`).join('\n') : body;
  return `${title}\n${text}`;
}

export const table = (columns: TableColumn[], rows: Record<string, unknown>[]) => renderTextTable(columns, rows);
