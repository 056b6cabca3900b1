/**
 * The pipeline report page: PipelineReport (the JSON contract) → ReportDocument. Pure: no
 * database, no clock. Headline tiles, then the waterfall, stage, aging charts and the stale and
 * push lists; every CRM string reaches the page as table text, escaped by html.ts.
 */
import { pipelineDefinitions } from '../pipeline/definitions.js';
import type { PipelineReport, StaleReason, WaterfallBucket } from '../pipeline/types.js';
import { barChart, waterfallChart } from './charts/index.js';
import { ciWhole, reportMeta } from './format.js';
import { pipelineTiles } from './tiles.js';
import type { ReportDocument, Section } from './types.js';

/** Lists longer than this show their first rows on the page; the CSV has them all. */
export const listRowsInHtml = 200;

const shown = (total: number) => (total > listRowsInHtml ? ` The first ${listRowsInHtml} of ${total} are shown; --format csv lists them all.` : '');

const staleReasonLabels: Record<StaleReason, string> = { 'slow-stage': 'slow stage', 'no-change': 'no change' };

export const bucketLabels: Record<WaterfallBucket, string> = {
  start: 'Start',
  new: 'New',
  pulled_in: 'Pulled in',
  increased: 'Increased',
  won: 'Won',
  lost: 'Lost',
  pushed_out: 'Pushed out',
  pulled_out: 'Pulled out',
  decreased: 'Decreased',
  end: 'End',
};

function waterfallSection(report: PipelineReport): Section {
  const w = report.waterfall;
  const steps = w.buckets.map((b) => ({
    label: bucketLabels[b.bucket],
    kind: b.sign === 0 ? ('total' as const) : b.sign > 0 ? ('up' as const) : ('down' as const),
    amount: b.amount,
  }));
  return {
    id: 'waterfall',
    heading: 'Waterfall',
    intro:
      `Open pipeline with a close date from ${w.closeFrom} to ${w.closeTo}, from ${w.startAt.slice(0, 10)} to ${w.endAt.slice(0, 10)}. ` +
      `${w.reconciled ? 'Start + moves = end, to the cent.' : 'The buckets do not reconcile: report this as a bug.'} ${w.stageMoves} deals changed stage without changing value.`,
    chart: waterfallChart(steps, 'Pipeline waterfall'),
    table: {
      columns: [
        { key: 'label', label: 'Bucket' },
        { key: 'deals', label: 'Deals', format: 'int' },
        { key: 'amount', label: 'Amount', format: 'int' },
      ],
      rows: w.buckets.map((b) => ({ label: bucketLabels[b.bucket], deals: b.deals, amount: b.sign < 0 && b.amount !== 0 ? -b.amount : b.amount })),
    },
  };
}

function waterfallDealsSection(report: PipelineReport): Section {
  // a deal open in the period at both instants, with the same amount, did not move
  const moved = report.waterfall.deals.filter((d) => d.entry !== 'start' || d.exit !== 'end' || d.change !== 0);
  const label = (bucket: string) => bucketLabels[bucket as WaterfallBucket] ?? bucket;
  return {
    id: 'waterfall-deals',
    heading: `Waterfall moves (${moved.length} deals)`,
    intro: `Each deal that entered, left or changed value, with its entry and exit bucket.${shown(moved.length)}`,
    table: {
      columns: [
        { key: 'name', label: 'Deal' },
        { key: 'owner', label: 'Owner' },
        { key: 'entryLabel', label: 'Entry' },
        { key: 'exitLabel', label: 'Exit' },
        { key: 'startAmount', label: 'Amount then', format: 'int' },
        { key: 'endAmount', label: 'Amount now', format: 'int' },
        { key: 'change', label: 'Change', format: 'int' },
        { key: 'endCloseDate', label: 'Close date' },
      ],
      rows: moved.slice(0, listRowsInHtml).map((d) => ({ ...d, name: d.name ?? d.opportunityId, entryLabel: label(d.entry), exitLabel: label(d.exit) })),
    },
  };
}

function stageSection(report: PipelineReport): Section {
  return {
    id: 'stages',
    heading: 'Stages: where deals die and stall',
    intro: 'Deals created in the window, by the furthest stage reached; lost deals by the stage they died in; time in stage with open stays censored.',
    chart: barChart({
      rows: report.stages.map((s) => ({ label: s.label, reached: s.reached })),
      x: 'label',
      y: 'reached',
      title: 'Deals reaching each stage',
      format: 'int',
    }),
    table: {
      columns: [
        { key: 'label', label: 'Stage' },
        { key: 'reached', label: 'Reached', format: 'int' },
        { key: 'conversionFromPrevious', label: 'From previous', format: 'pct1' },
        { key: 'interval', label: '95% interval' },
        { key: 'impliedBySkip', label: 'By a skip', format: 'int' },
        { key: 'lostHere', label: 'Lost here', format: 'int' },
        { key: 'medianDaysInStage', label: 'Median days (KM)', format: 'days' },
        { key: 'p90DaysInStage', label: 'p90 days (KM)', format: 'days' },
        { key: 'medianEndedDays', label: 'Median ended', format: 'days' },
        { key: 'medianOpenDays', label: 'Median open so far', format: 'days' },
        { key: 'openNow', label: 'Open now', format: 'int' },
      ],
      rows: report.stages.map((s) => ({ ...s, interval: ciWhole(s.ci95) })),
    },
  };
}

function agingSection(report: PipelineReport): Section {
  const rows = report.openPipeline.map((o) => ({ ...o }));
  return {
    id: 'aging',
    heading: 'Open pipeline by stage and age',
    intro: `${report.summary.open} deals open at the as-of; ${report.summary.openWithoutAmount} without an amount are counted, not valued.`,
    ...(rows.length > 0
      ? { chart: barChart({ rows, x: 'label', y: 'amount', color: 'ageBucket', title: 'Open amount by stage and deal age', format: 'int', colorTitle: 'Age' }) }
      : {}),
    table: {
      columns: [
        { key: 'label', label: 'Stage' },
        { key: 'ageBucket', label: 'Age' },
        { key: 'deals', label: 'Deals', format: 'int' },
        { key: 'amount', label: 'Amount', format: 'int' },
        { key: 'withoutAmount', label: 'Without amount', format: 'int' },
      ],
      rows,
    },
  };
}

function listSections(report: PipelineReport): Section[] {
  return [
    {
      id: 'groups',
      heading: `Win rate by ${report.by}`,
      table: {
        columns: [
          { key: 'key', label: report.by },
          { key: 'won', label: 'Won', format: 'int' },
          { key: 'lost', label: 'Lost', format: 'int' },
          { key: 'winRate', label: 'Win rate', format: 'pct1' },
          { key: 'interval', label: '95% interval' },
          { key: 'winRateByAmount', label: 'By amount', format: 'pct1' },
          { key: 'medianCycleDays', label: 'Median cycle', format: 'days' },
          { key: 'open', label: 'Open', format: 'int' },
          { key: 'openAmount', label: 'Open amount', format: 'int' },
          { key: 'velocityPerDay', label: 'Velocity / day', format: 'int' },
        ],
        rows: report.groups.map((g) => ({ ...g, interval: ciWhole(g.ci95) })),
      },
    },
    {
      id: 'stale',
      heading: `Stale deals (${report.stale.length})`,
      intro: `Open deals longer in their stage than the multiplier × the median time won deals spent there (slow stage), or in a mid or late stage with no stage, amount or close-date change for too long (no change). Snoozed deals are not listed${report.summary.snoozed ? ` (${report.summary.snoozed} snoozed now)` : ''}.${shown(report.stale.length)}`,
      table: {
        columns: [
          { key: 'name', label: 'Deal' },
          { key: 'owner', label: 'Owner' },
          { key: 'label', label: 'Stage' },
          { key: 'daysInStage', label: 'Days in stage', format: 'days' },
          { key: 'thresholdDays', label: 'Stale after', format: 'days' },
          { key: 'daysSinceChange', label: 'Days unchanged', format: 'days' },
          { key: 'why', label: 'Why' },
          { key: 'amount', label: 'Amount', format: 'int' },
          { key: 'closeDate', label: 'Close date' },
        ],
        rows: report.stale
          .slice(0, listRowsInHtml)
          .map((s) => ({ ...s, name: s.name ?? s.opportunityId, why: s.reason.map((r) => staleReasonLabels[r]).join(' · ') })),
      },
    },
    {
      id: 'pushes',
      heading: `Pushed twice or more (${report.pushes.length})`,
      intro: `${report.pushTotals.pushes} pushes of ${report.pushTotals.dealsPushed} deals in the window: ${report.pushTotals.monthPushes} into a later month, ${report.pushTotals.quarterPushes} into a later quarter; ${report.pushTotals.pullIns} pulled in.${shown(report.pushes.length)}`,
      table: {
        columns: [
          { key: 'name', label: 'Deal' },
          { key: 'owner', label: 'Owner' },
          { key: 'stage', label: 'Stage' },
          { key: 'pushes', label: 'Pushes', format: 'int' },
          { key: 'monthPushes', label: 'Month', format: 'int' },
          { key: 'quarterPushes', label: 'Quarter', format: 'int' },
          { key: 'daysPushed', label: 'Days pushed', format: 'int' },
          { key: 'closeDateBefore', label: 'Close date before' },
          { key: 'closeDate', label: 'Close date now' },
          { key: 'amount', label: 'Amount', format: 'int' },
        ],
        rows: report.pushes.slice(0, listRowsInHtml).map((p) => ({ ...p, name: p.name ?? p.opportunityId })),
      },
    },
    ...(report.coverage
      ? [
          {
            id: 'coverage',
            heading: 'Coverage',
            intro: `Coverage needed at the trailing win rate: ${report.coverage.needed === null ? 'unknown' : `${report.coverage.needed.toFixed(1)}×`}.`,
            table: {
              columns: [
                { key: 'period', label: 'Period' },
                { key: 'key', label: report.coverage.rows[0]?.scope ?? 'scope' },
                { key: 'quota', label: 'Quota', format: 'int' as const },
                { key: 'won', label: 'Won', format: 'int' as const },
                { key: 'remaining', label: 'To close', format: 'int' as const },
                { key: 'pipeline', label: 'Pipeline', format: 'int' as const },
                { key: 'coverageText', label: 'Coverage' },
              ],
              rows: report.coverage.rows.map((r) => ({ ...r, coverageText: r.coverage === null ? null : `${r.coverage.toFixed(2)}×` })),
            },
          },
        ]
      : []),
  ];
}

export function pipelineReportDocument(report: PipelineReport, generatedBy = 'revops-report'): ReportDocument {
  return {
    title: 'Pipeline',
    subtitle: `Where deals die, stall and slip${report.pipeline ? ` · pipeline ${report.pipeline}` : ''}`,
    meta: reportMeta(report, generatedBy),
    tiles: pipelineTiles(report),
    warnings: report.warnings,
    sections: [waterfallSection(report), stageSection(report), agingSection(report), ...listSections(report), waterfallDealsSection(report)],
    definitions: pipelineDefinitions,
  };
}
