/**
 * The headline tiles on a terminal: one table of the page's few numbers with their change against
 * the previous period, fitted to the width like every other table (the noise verdict and the
 * previous value go first when it is narrow). Nothing when the report has no previous period.
 */
import type { PreviousPeriodJson } from '../metrics/previousPeriod.js';
import { renderTextTable } from './format.js';
import { periodText, previousLabel } from './tileChange.js';
import type { HeadlineTile, TableColumn } from './types.js';

const columns: TableColumn[] = [
  { key: 'label', label: 'headline', abbreviate: true },
  { key: 'value', label: 'now', align: 'right' },
  { key: 'detail', label: 'of', priority: 3, abbreviate: true },
  { key: 'change', label: 'change' },
  { key: 'previous', label: 'previous', priority: 2, abbreviate: true },
  { key: 'noise', label: 'noise (z-test, 95%)', priority: 1 },
];

/** "beyond" or "within": the column's heading says noise and the test. */
const noiseWord = (noise: string | undefined) => noise?.split(' ')[0] ?? '';

export function headlineText(tiles: readonly HeadlineTile[], period: PreviousPeriodJson | undefined, width?: number): string {
  if (!period || tiles.every((t) => !t.change)) return '';
  const rows = tiles.map((t) => ({
    label: t.label,
    value: t.value,
    detail: t.detail ?? '',
    change: t.change?.delta ?? '',
    previous: t.change?.previous?.replace(/^previous /, '') ?? '',
    noise: noiseWord(t.change?.noise),
  }));
  // two short lines, so the heading fits a narrow terminal as the table does
  return `Headline, change vs ${previousLabel(period)}\n(${periodText(period)})\n${renderTextTable(columns, rows, width)}`;
}
