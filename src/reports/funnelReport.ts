/**
 * The funnel report document: FunnelReport (the JSON contract) → ReportDocument. Pure: charts get
 * the per-stage aggregates only, so rendering does not grow with the number of leads.
 */
import type { FunnelReport, FunnelStage } from '../metrics/funnel.js';
import { wilson95 } from '../metrics/wilson.js';
import { funnelChart, lineChart, rateBarChart } from './charts/index.js';
import { ciText, reportMeta } from './format.js';
import { funnelTiles } from './tiles.js';
import { previousNote } from './tileChange.js';
import type { ReportDocument, Section, TableColumn } from './types.js';

export const funnelDefinitions = [
  {
    term: 'Cohort',
    text: 'The leads whose first entry into the cohort stage (the first listed stage) falls in the window. Each is followed to the as-of date.',
  },
  {
    term: 'Reached',
    text: 'Cohort leads that entered the stage at any time up to the as-of date. With skipped stages counted (the default), reaching a later stage passes the earlier ones; "implied by skip" counts those passes. In strict mode a lead counts only with an entry for the stage and every listed stage before it.',
  },
  {
    term: 'Conversion',
    text: 'Reached ÷ reached at the previous stage ("from previous") or at the top stage ("from top"), with a Wilson 95% interval. With a matured window, a lead counts in the denominator only once the window has passed since it entered the previous stage, and in the numerator only if it converted within the window.',
  },
  {
    term: 'Days from previous',
    text: 'Median and 90th percentile of the days between the first entry into the previous stage and the first entry into this one, over leads with real entries in both. Out-of-order entries (a later stage dated before an earlier one) are counted as reached and left out of these figures.',
  },
  { term: 'Open', text: 'Leads in the previous stage at the as-of date: neither converted, nor recycled, disqualified or closed.' },
  {
    term: 'Re-entries',
    text: 'Cohort leads that entered the stage more than once (e.g. MQL again after a recycle). Each lead counts once per stage in the funnel.',
  },
  { term: 'Period view', text: 'All stage entries dated inside the window, whoever made them: what CRM funnel widgets show. Not a conversion measure.' },
];

const stageColumns: TableColumn[] = [
  { key: 'label', label: 'Stage' },
  { key: 'reached', label: 'Reached', format: 'int' },
  { key: 'conversionFromPrevious', label: 'From previous', format: 'pct1' },
  { key: 'ci', label: '95% interval' },
  { key: 'conversionFromTop', label: 'From top', format: 'pct1' },
  { key: 'medianDaysFromPrevious', label: 'Median days', format: 'days' },
  { key: 'p90DaysFromPrevious', label: 'P90 days', format: 'days' },
  { key: 'open', label: 'Open', format: 'int' },
  { key: 'impliedBySkip', label: 'Implied by skip', format: 'int' },
  { key: 'reentries', label: 'Re-entries', format: 'int' },
];

export function funnelTableRows(stages: FunnelStage[]) {
  return stages.map((s) => ({ ...s, ci: ciText(s.ci95) }));
}

export function funnelTable(stages: FunnelStage[], matured: boolean) {
  const columns = matured ? [...stageColumns, { key: 'immature', label: 'Immature', format: 'int' as const }] : stageColumns;
  return { columns, rows: funnelTableRows(stages).map((r) => ({ ...r, immature: r.matured?.immature ?? null })) };
}

export function funnelReportDocument(report: FunnelReport, generatedBy: string): ReportDocument {
  const cohort = report.stages[0]?.label ?? report.cohortStage;
  const sections: Section[] = [
    {
      id: 'funnel',
      heading: `${cohort} cohort funnel`,
      intro: `Leads that first entered ${cohort} in the window, followed to the as-of date. Skipped stages: ${report.skipped === 'count' ? 'counted as passed' : 'strict'}.`,
      chart: funnelChart(
        report.stages.map((s) => ({ ...s, conversionFromTop: s.conversionFromTop ?? 0 })),
        { title: `${cohort} cohort: leads reaching each stage` },
      ),
      table: funnelTable(report.stages, report.maturedWindowDays !== null),
    },
  ];
  const steps = report.stages.slice(1).map((to, i) => {
    const from = report.stages[i]!;
    return {
      category: `${from.label} → ${to.label}`,
      rate: to.conversionFromPrevious,
      successes: to.matured ? to.matured.converted : to.reached,
      trials: to.matured ? to.matured.eligible : from.reached,
      ci95: to.ci95,
    };
  });
  if (steps.length > 0) {
    sections.push({
      id: 'stage-conversion',
      heading: 'Stage-to-stage conversion',
      intro:
        'Each stage reached ÷ the stage before it, with its Wilson 95% interval as a whisker and its denominator as n. ' +
        'Faded bars have fewer than 20 leads in the denominator.',
      chart: rateBarChart({ bars: steps, title: `${cohort} cohort: conversion from the previous stage`, horizontal: true, unit: 'n' }),
    });
  }
  if (report.trend.length > 0) {
    const rows = report.trend.flatMap((t) =>
      t.stages.slice(1).map((s, i) => ({
        period: t.period,
        stage: `${t.stages[i]?.label ?? ''} → ${s.label}`,
        reached: s.reached,
        of: s.matured ? s.matured.eligible : (t.stages[i]?.reached ?? 0),
        conversion: s.conversionFromPrevious,
        ci: ciText(s.ci95),
      })),
    );
    const charted = rows.filter((r) => r.conversion !== null);
    sections.push({
      id: 'trend',
      heading: 'Conversion by cohort period',
      intro:
        'Conversion from the previous stage for the leads whose cohort entry fell in each period, one panel per step. ' +
        'Recent periods are still maturing; a period with nobody at the previous stage has no point.',
      chart: lineChart({
        rows: charted,
        x: 'period',
        y: 'conversion',
        series: 'stage',
        title: 'Conversion from previous stage, by cohort period',
        format: 'pct',
        facet: true,
        domain: [0, 1],
        seriesOrder: steps.map((s) => s.category),
      }),
      foldTable: `Per-period counts (${rows.length} rows)`,
      table: {
        columns: [
          { key: 'period', label: 'Period' },
          { key: 'stage', label: 'Step' },
          { key: 'reached', label: 'Reached', format: 'int' },
          { key: 'of', label: 'Of', format: 'int' },
          { key: 'conversion', label: 'From previous', format: 'pct1' },
          { key: 'ci', label: '95% interval' },
        ],
        rows,
      },
    });
  }
  if (report.groups.length > 0) {
    const last = report.stages.length - 1;
    const second = report.stages[1] ? 1 : 0;
    const rows = report.groups.map((g) => {
      const top = g.stages[0]?.reached ?? 0;
      const next = g.stages[second]?.reached ?? 0;
      const end = g.stages[last]?.reached ?? 0;
      return {
        key: g.key,
        top,
        next,
        end,
        first: top > 0 ? next / top : null,
        firstCi: ciText(wilson95(next, top)),
        conversion: g.stages[last]?.conversionFromTop ?? null,
        ci: ciText(wilson95(end, top)),
      };
    });
    const nextLabel = report.stages[second]?.label ?? '';
    const endLabel = report.stages[last]?.label ?? '';
    sections.push({
      id: 'breakdown',
      heading: 'Breakdown',
      intro:
        `The same cohort split by the --by field; "(none)" collects leads without a value. The chart shows ${cohort} → ${nextLabel}, ` +
        `the step every group has leads for, with its interval and n; faded bars are groups of fewer than 20 leads.`,
      chart: rateBarChart({
        bars: rows.map((r) => ({ category: r.key, rate: r.first, successes: r.next, trials: r.top })),
        title: `${cohort} → ${nextLabel} conversion by group`,
        horizontal: true,
        unit: 'n',
      }),
      table: {
        columns: [
          { key: 'key', label: 'Group' },
          { key: 'top', label: cohort, format: 'int' },
          { key: 'next', label: nextLabel, format: 'int' },
          { key: 'first', label: `${cohort} → ${nextLabel}`, format: 'pct1' },
          { key: 'firstCi', label: '95% interval' },
          { key: 'end', label: endLabel, format: 'int' },
          { key: 'conversion', label: `${cohort} → ${endLabel}`, format: 'pct1' },
          { key: 'ci', label: '95% interval' },
        ],
        rows,
      },
    });
  }
  sections.push({
    id: 'period',
    heading: 'Period view: stage entries in the window',
    intro: 'Every stage entry dated inside the window (what CRM funnel widgets show). This is not the cohort above.',
    table: {
      columns: [
        { key: 'stage', label: 'Stage' },
        { key: 'entries', label: 'Entries', format: 'int' },
      ],
      rows: report.period,
    },
  });
  return {
    title: 'Lifecycle funnel',
    subtitle: `Cohort: first entry into ${cohort} in the window`,
    meta: reportMeta(report, generatedBy, report.maturedWindowDays ? [['Matured window', `${report.maturedWindowDays} days`]] : []),
    tiles: funnelTiles(report),
    ...(report.previous ? { tilesNote: previousNote(report.previous, report.maturedWindowDays) } : {}),
    warnings: report.warnings,
    sections,
    definitions: funnelDefinitions,
  };
}
