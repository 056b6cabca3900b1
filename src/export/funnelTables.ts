/**
 * The funnel report's tables as export data: the overall stages, the per-group stages (--by), the
 * per-period trend (--interval) and the period view of stage entries. Column names follow the
 * JSON contract (docs/metrics.md) in snake_case; rates are ratios (0.42, not 42%).
 */
import type { FunnelReport, FunnelStage } from '../metrics/funnel.js';
import type { ExportCell, ExportColumn, ExportTable } from './types.js';

const stageColumns: ExportColumn[] = [
  { name: 'stage', type: 'varchar' },
  { name: 'label', type: 'varchar' },
  { name: 'reached', type: 'integer' },
  { name: 'conversion_from_previous', type: 'double' },
  { name: 'ci95_low', type: 'double' },
  { name: 'ci95_high', type: 'double' },
  { name: 'conversion_from_top', type: 'double' },
  { name: 'median_days_from_previous', type: 'double' },
  { name: 'p90_days_from_previous', type: 'double' },
  { name: 'open', type: 'integer' },
  { name: 'implied_by_skip', type: 'integer' },
  { name: 'reentries', type: 'integer' },
  { name: 'out_of_order', type: 'integer' },
  { name: 'matured_eligible', type: 'integer' },
  { name: 'matured_converted', type: 'integer' },
  { name: 'matured_immature', type: 'integer' },
  { name: 'matured_conversion', type: 'double' },
];

function stageRow(s: FunnelStage): Record<string, ExportCell> {
  return {
    stage: s.stage,
    label: s.label,
    reached: s.reached,
    conversion_from_previous: s.conversionFromPrevious,
    ci95_low: s.ci95?.[0] ?? null,
    ci95_high: s.ci95?.[1] ?? null,
    conversion_from_top: s.conversionFromTop,
    median_days_from_previous: s.medianDaysFromPrevious,
    p90_days_from_previous: s.p90DaysFromPrevious,
    open: s.open,
    implied_by_skip: s.impliedBySkip,
    reentries: s.reentries,
    out_of_order: s.outOfOrder,
    matured_eligible: s.matured?.eligible ?? null,
    matured_converted: s.matured?.converted ?? null,
    matured_immature: s.matured?.immature ?? null,
    matured_conversion: s.matured?.conversion ?? null,
  };
}

export function funnelExportTables(report: FunnelReport): ExportTable[] {
  return [
    { name: 'stages', columns: stageColumns, rows: report.stages.map(stageRow) },
    {
      name: 'groups',
      columns: [{ name: 'group_key', type: 'varchar' }, ...stageColumns],
      rows: report.groups.flatMap((g) => g.stages.map((s) => ({ group_key: g.key, ...stageRow(s) }))),
    },
    {
      name: 'trend',
      columns: [{ name: 'period', type: 'varchar' }, ...stageColumns],
      rows: report.trend.flatMap((t) => t.stages.map((s) => ({ period: t.period, ...stageRow(s) }))),
    },
    {
      name: 'period',
      columns: [
        { name: 'stage', type: 'varchar' },
        { name: 'entries', type: 'integer' },
      ],
      rows: report.period.map((p) => ({ stage: p.stage, entries: p.entries })),
    },
  ];
}
