/**
 * The funnel on a terminal: the cohort table, then (with --interval) the trend as one table of
 * periods and (with --by) one table with a row per group, so groups and periods compare down a
 * column. Every table fits the given width (see renderTextTable); rates are rounded once, from
 * the exact value in the report.
 */
import type { FunnelReport, FunnelStage } from '../metrics/funnel.js';
import { wilson95 } from '../metrics/wilson.js';
import { ciText, forTerminal, missing, pct1, renderTextTable } from '../reports/format.js';
import { funnelTable } from '../reports/funnelReport.js';
import { headlineText } from '../reports/tileText.js';
import { funnelTiles } from '../reports/tiles.js';
import type { TableColumn } from '../reports/types.js';

/** On a narrow terminal the lowest goes first; stage, reached and conversion from previous always stay. */
const stagePriorities: Record<string, number> = {
  impliedBySkip: 1,
  reentries: 2,
  p90DaysFromPrevious: 3,
  open: 4,
  medianDaysFromPrevious: 5,
  immature: 6,
  ci: 7,
  conversionFromTop: 8,
};

/** The steps of a funnel as columns: "MQL → SQL", the first step kept longest on a narrow terminal. */
function stepColumns(stages: readonly FunnelStage[]): TableColumn[] {
  return stages.slice(1).map((s, i) => ({
    key: `step${i + 1}`,
    label: `${stages[i]!.label} → ${s.label}`,
    align: 'right' as const,
    priority: 100 - i,
  }));
}

/** A step's cell: the rate and its denominator, "53.8% of 13"; "—" when nobody reached the stage before. */
function stepCell(stages: readonly FunnelStage[], i: number): string {
  const to = stages[i];
  const from = stages[i - 1];
  if (!to || !from) return '';
  const of = to.matured ? to.matured.eligible : from.reached;
  return of === 0 ? missing : `${pct1(to.conversionFromPrevious)} of ${of}`;
}

function stepCells(stages: readonly FunnelStage[]): Record<string, string> {
  return Object.fromEntries(stages.slice(1).map((_, i) => [`step${i + 1}`, stepCell(stages, i + 1)]));
}

/** Conversion by cohort period: a row per period, a column per step. */
export function trendText(report: FunnelReport, width?: number): string {
  const columns: TableColumn[] = [
    { key: 'period', label: 'Cohort period' },
    { key: 'top', label: report.stages[0]?.label ?? '', format: 'int' },
    ...stepColumns(report.stages),
  ];
  const rows = report.trend.map((t) => ({ period: t.period, top: t.stages[0]?.reached ?? 0, ...stepCells(t.stages) }));
  return `Conversion from the previous stage by cohort period (recent periods are still maturing)\n${renderTextTable(columns, rows, width)}`;
}

/** The --by breakdown: a row per group, each step's conversion and the whole funnel's with its interval. */
export function groupsText(report: FunnelReport, by: string, width?: number): string {
  const first = report.stages[0]?.label ?? '';
  const last = report.stages[report.stages.length - 1]?.label ?? '';
  const columns: TableColumn[] = [
    { key: 'group', label: by, abbreviate: true },
    { key: 'top', label: first, format: 'int' },
    ...stepColumns(report.stages),
    { key: 'end', label: `${first} → ${last}`, format: 'pct1', priority: 200 },
    { key: 'ci', label: '95% interval', priority: 50 },
  ];
  const rows = report.groups.map((g) => {
    const end = g.stages[g.stages.length - 1];
    return { group: g.key, top: g.stages[0]?.reached ?? 0, ...stepCells(g.stages), end: end?.conversionFromTop ?? null, ci: ciText(cumulativeCi(g.stages)) };
  });
  return `By ${by}: conversion from the previous stage, and from ${first} to ${last}\n${renderTextTable(columns, rows, width)}`;
}

/** The interval of the whole funnel is not in the stage rows (theirs is step to step): computed from the counts. */
const cumulativeCi = (stages: readonly FunnelStage[]) => wilson95(stages[stages.length - 1]?.reached ?? 0, stages[0]?.reached ?? 0);

export function funnelText(report: FunnelReport, width?: number, by = 'group'): string {
  const head = `Funnel · cohort: first ${report.stages[0]?.label} entry ${report.window.from.slice(0, 10)} → ${report.window.to.slice(0, 10)} · as of ${report.asOf} · skipped stages: ${report.skipped}`;
  const table = funnelTable(report.stages, report.maturedWindowDays !== null);
  const parts = [head, renderTextTable(forTerminal(table.columns, stagePriorities, ['label']), table.rows, width)];
  const headline = headlineText(funnelTiles(report), report.previous, width);
  if (headline) parts.splice(1, 0, headline);
  if (report.trend.length) parts.push(trendText(report, width));
  if (report.groups.length) parts.push(groupsText(report, by, width));
  parts.push(`Period view (all stage entries in the window): ${report.period.map((p) => `${p.stage} ${p.entries}`).join(', ')}`);
  if (report.dataFreshness) parts.push(`Data freshness: newest record ${report.dataFreshness}`);
  if (report.zoneAssumption) parts.splice(1, 0, report.zoneAssumption);
  if (report.warnings.length) parts.push(`Warnings:\n${report.warnings.map((w) => `  - ${w}`).join('\n')}`);
  return parts.join('\n\n');
}
