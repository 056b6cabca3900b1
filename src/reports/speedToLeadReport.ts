/**
 * The speed-to-lead report page: SpeedToLeadReport (the JSON contract) → ReportDocument. Pure: no
 * database, no clock; the same report gives the same document.
 */
import type { SpeedToLeadReport } from '../sla/types.js';
import { heatmap, rateBarChart, weekdays } from './charts/index.js';
import { ciWhole, reportMeta } from './format.js';
import { speedToLeadTiles } from './tiles.js';
import { previousNote } from './tileChange.js';
import type { ReportDocument, Section, TableColumn } from './types.js';

const statsColumns: TableColumn[] = [
  { key: 'n', label: 'Starts', format: 'int' },
  { key: 'touched', label: 'Touched', format: 'int' },
  { key: 'medianMinutes', label: 'Median (real)', format: 'minutes' },
  { key: 'medianBusinessMinutes', label: 'Median (business)', format: 'minutes' },
  { key: 'p90BusinessMinutes', label: 'p90 (business)', format: 'minutes' },
  { key: 'withinTarget', label: 'Within target', format: 'pct1' }, // as the tile says it
];

const dimensionLabels = { owner: 'Owner', team: 'Team', source: 'Source', by: 'Group' } as const;

function groupSections(report: SpeedToLeadReport): Section[] {
  return (['owner', 'team', 'source', 'by'] as const).flatMap((dimension) => {
    const rows = report.groups.filter((g) => g.dimension === dimension);
    if (rows.length === 0) return [];
    const label = dimensionLabels[dimension];
    return [
      {
        id: `by-${dimension}`,
        heading: `By ${label.toLowerCase()}`,
        table: { columns: [{ key: 'key', label }, ...statsColumns], rows: rows.map((r) => ({ ...r })) },
      },
    ];
  });
}

export function speedToLeadReportDocument(report: SpeedToLeadReport, generatedBy = 'revops-report'): ReportDocument {
  const { overall, sla } = report;
  const clockWord = report.bucketClock === 'business' ? 'business' : 'real';
  const coverage = report.coverage.map((c) => ({ ...c, day: weekdays[c.weekday - 1] ?? String(c.weekday) }));
  const buckets = report.buckets.map((b) => ({ ...b }));
  const conversion = report.conversionByBucket.map((c) => ({
    ...c,
    interval: ciWhole(c.ci95),
  }));
  const starts = report.buckets.reduce((sum, b) => sum + b.n, 0);
  const sections: Section[] = [
    {
      id: 'overall',
      heading: 'Time to first touch',
      intro:
        `From ${report.start.toUpperCase()} to the first call, email, meeting or SMS by a person (automated emails and the lead's own incoming emails do not count). ` +
        `Target: ${sla.target}; "within target" leaves out leads whose clock is still running.`,
      table: { columns: statsColumns, rows: [{ ...overall }] },
    },
    {
      id: 'buckets',
      heading: 'Response time',
      intro: `Share of starts by ${clockWord} time to first touch; "never" is no touch by the as-of. Whiskers are 95% Wilson intervals; faded bars have fewer than 20 starts.`,
      chart: rateBarChart({
        bars: buckets.map((b) => ({ category: b.bucket, rate: b.share, successes: b.n, trials: starts, size: b.n })),
        title: `Time to first touch (${clockWord} minutes): share of ${starts} starts`,
        unit: 'n',
      }),
      table: {
        columns: [
          { key: 'bucket', label: 'Response' },
          { key: 'n', label: 'Starts', format: 'int' },
          { key: 'share', label: 'Share', format: 'pct1' },
        ],
        rows: buckets,
      },
    },
    ...groupSections(report),
    {
      id: 'coverage',
      heading: 'Coverage gaps',
      intro:
        `Arrivals by weekday and hour (${report.coverageTimezone}), coloured by their median real time to first touch: ` +
        'dark cells are hours when leads wait.',
      // An empty grid would only draw a legend from NaN to NaN: say there is nothing instead.
      ...(coverage.some((c) => c.medianMinutes !== null)
        ? {
            chart: heatmap({
              rows: coverage,
              x: 'hour',
              y: 'day',
              value: 'medianMinutes',
              title: 'Median time to first touch by arrival hour',
              format: 'minutes',
              xTitle: `Hour of day (${report.coverageTimezone})`,
              valueTitle: 'Median (real)',
            }),
          }
        : { intro: 'No touched arrivals in this window: no data to map.' }),
    },
    {
      id: 'conversion',
      heading: 'Does speed pay?',
      intro:
        `Conversion to ${report.conversionStage.toUpperCase()} (or a later stage) by response time, with 95% Wilson intervals as whiskers. ` +
        'Faded bars have fewer than 20 starts: read their interval, not their height.',
      chart: rateBarChart({
        bars: conversion.map((c) => ({ category: c.bucket, rate: c.conversion, successes: c.converted, trials: c.n, ci95: c.ci95 })),
        title: `Conversion to ${report.conversionStage.toUpperCase()} by response time`,
        unit: 'n',
      }),
      table: {
        columns: [
          { key: 'bucket', label: 'Response' },
          { key: 'n', label: 'Starts', format: 'int' },
          { key: 'converted', label: 'Converted', format: 'int' },
          { key: 'conversion', label: 'Conversion', format: 'pct1' },
          { key: 'interval', label: '95% interval' },
        ],
        rows: conversion,
      },
    },
  ];
  return {
    title: 'Speed-to-lead',
    subtitle: `${sla.name}: ${report.start.toUpperCase()} → first touch within ${sla.target}`,
    meta: reportMeta(report, generatedBy),
    tiles: speedToLeadTiles(report),
    ...(report.previous ? { tilesNote: previousNote(report.previous) } : {}),
    warnings: report.warnings,
    sections,
    definitions: [
      {
        term: 'First touch',
        text: 'The earliest call, email, meeting or SMS logged by a person at or after the start and up to the as-of; automated activities do not count, nor any activity before the start.',
      },
      {
        term: 'Business minutes',
        text: "Minutes inside the working hours of the lead owner's calendar (zone, hours, holidays); nights, weekends and holidays add nothing.",
      },
      {
        term: 'Within target',
        text: 'Met ÷ (met + breached) for the first-touch SLA; leads still inside their deadline at the as-of are pending and left out.',
      },
      { term: 'Re-entries', text: 'Each entry into the start stage is measured on its own: a recycled lead that becomes MQL again counts again.' },
    ],
  };
}
