/**
 * The scoring-backtest report page: current model vs candidate vs the actual MQL routing on the
 * same leads, cumulative gains and lift, the threshold trade-off, the method and every warning.
 * A pure function of the BacktestReport (docs/scoring-backtest.md explains each number).
 */
import { baselineLabel, gainsCurve, modelLabel, precisionRecallCurve, summaryColumns, summaryRows, thin } from '../scoring/backtestOutput.js';
import type { BacktestModelResult, BacktestReport, PartitionMetrics, PartitionSummary } from '../scoring/backtestTypes.js';
import { curveChart, lineChart } from './charts/index.js';
import { dateTime } from './format.js';
import { backtestTiles } from './tiles.js';
import type { ReportDocument, Section } from './types.js';

const day = (iso: string | null) => (iso ? dateTime(new Date(iso)).slice(0, 10) : '—');
const range = (p: PartitionSummary) => (p.decisionsFrom ? `${day(p.decisionsFrom)} – ${day(p.decisionsTo)}` : 'none');

function method(r: BacktestReport): string {
  const decision =
    r.decision === 'mql'
      ? `each lead is scored at its qualification review (first MQL entry); a lead never promoted to MQL is scored at creation + the median creation→MQL lag${r.cohort.fallbackLagDays === null ? '' : ` (${r.cohort.fallbackLagDays.toFixed(1)} days, ${r.cohort.decidedByFallback} eligible leads)`}`
      : `each lead is scored at ${r.decision === 'created' ? 'its creation' : `creation + ${r.decision.slice('created+'.length)}`}`;
  return [
    `Decision: ${decision}, from field values and engagement events known then, never today's record.`,
    `Outcome: a win is a first entry into ${r.target} (or a later stage) within ${r.horizon} after the decision. ` +
      `Leads whose ${r.horizon} window had not ended by the as-of are unresolved and excluded; leads already at ${r.target} at their decision are excluded.`,
    `Split: accounts whose first decision is before ${day(r.split.holdoutFrom)} (${r.split.holdoutFromSource}) form the development set, later ones the holdout, so one account never straddles both. ` +
      `Development leads whose ${r.split.embargo} embargo window reaches past the first holdout decision (${day(r.split.firstHoldoutDecision)}) are embargoed. Choose a threshold on development; judge it on the holdout.`,
    'A partition with fewer than 100 resolved leads or 30 wins is inconclusive. Intervals are Wilson 95%.',
  ].join('\n\n');
}

function tradeOff(m: BacktestModelResult, models: readonly BacktestModelResult[]): Section {
  const development = m.sweep.filter((s) => s.partition === 'development');
  // A threshold flags the same leads as the lowest swept score at or above it (the sweep steps
  // through the scores that occur), so each model is marked there; models that coincide share a mark.
  const at = new Map<number, string[]>();
  for (const x of models) {
    const point = development.filter((s) => s.threshold >= x.threshold).sort((a, b) => a.threshold - b.threshold)[0];
    if (point) at.set(point.threshold, [...(at.get(point.threshold) ?? []), `${x.role} ≥ ${x.threshold}`]);
  }
  const kept = new Set(thin(development, 60));
  const points = development.filter((s) => kept.has(s) || at.has(s.threshold));
  const markX = [...at].map(([threshold, labels]) => ({ value: String(threshold), label: labels.join(', ') }));
  const rows = points.flatMap((s) => [
    { threshold: String(s.threshold), measure: 'Workload (share flagged)', value: s.workload },
    { threshold: String(s.threshold), measure: 'Recall (wins caught)', value: s.recall },
    { threshold: String(s.threshold), measure: 'Precision (wins among flagged)', value: s.precision },
  ]);
  return {
    id: `trade-off-${m.role}`,
    heading: `Threshold trade-off — ${modelLabel(m)}`,
    intro:
      'Development leads at every threshold from the highest score down: a lower threshold flags more leads, catches more wins and wastes more reviews. ' +
      "The dotted rules mark each model's threshold (at the lowest score that occurs at or above it). The full sweep is in the CSV output.",
    chart: lineChart({
      rows,
      x: 'threshold',
      y: 'value',
      series: 'measure',
      title: 'Workload, recall and precision by threshold (development)',
      format: 'pct',
      xTitle: 'Threshold (score ≥)',
      markX,
      domain: [0, 1],
      distinct: true,
    }),
  };
}

/** Whether every model has the same holdout lift in every decile (identical rules, or scores ranking alike). */
function sameLift(report: BacktestReport): boolean {
  const lifts = report.models.map((m) =>
    m.deciles
      .filter((d) => d.partition === 'holdout')
      .map((d) => d.lift)
      .join(','),
  );
  return lifts.length > 1 && lifts.every((l) => l === lifts[0]);
}

/** Where each model's own threshold sits on a holdout curve, for the diamond markers. */
function thresholdMarks(report: BacktestReport, at: (p: PartitionMetrics) => [number | null, number | null]) {
  return report.models.flatMap((m) => {
    const [x, y] = at(m.holdout);
    return x === null || y === null ? [] : [{ x, y, label: `${m.role} ≥ ${m.threshold}` }];
  });
}

export function backtestReportDocument(report: BacktestReport, generatedBy = 'revops-report'): ReportDocument {
  const lift = report.models.flatMap((m) =>
    m.deciles.filter((d) => d.partition === 'holdout').map((d) => ({ decile: `D${d.decile}`, lift: d.lift, rule: modelLabel(m) })),
  );
  const cohort = report.cohort;
  const sections: Section[] = [
    {
      id: 'summary',
      heading: 'Current model, candidate and actual routing',
      intro: 'Each rule on the same resolved leads. Holdout rows are the verdict; development rows are where a threshold may be tuned.',
      table: { columns: summaryColumns, rows: summaryRows(report) },
    },
    {
      id: 'gains',
      heading: 'Cumulative gains (holdout)',
      intro:
        'Leads worked in score order against the share of wins caught. The diagonal is random order; a useful score bows above it. Diamonds mark each model at its own threshold.',
      chart: curveChart({
        rows: gainsCurve(report, 'holdout'),
        x: 'x',
        y: 'y',
        series: 'rule',
        title: 'Cumulative gains',
        xTitle: 'Share of leads flagged',
        yTitle: 'Share of wins caught',
        baseline: true,
        marks: thresholdMarks(report, (p) => [p.workload, p.recall]),
      }),
    },
    {
      id: 'lift',
      heading: 'Lift by decile (holdout)',
      intro:
        'Win rate of each tenth of leads, highest scores first, divided by the overall win rate. 1× is no better than chance.' +
        (sameLift(report) ? ' The models put these leads into the same deciles, so their lines lie on top of each other: one line shows both.' : ''),
      // lines, not bars: two models with the same rules have the same deciles and must not stack
      chart: lineChart({
        rows: lift,
        x: 'decile',
        y: 'lift',
        series: 'rule',
        title: 'Lift by score decile',
        xTitle: 'Decile (1 = highest scores)',
        yTitle: 'Lift (× base rate)',
        distinct: true,
      }),
    },
    {
      id: 'precision-recall',
      heading: 'Precision and recall (holdout)',
      intro: 'Diamonds mark each model at its own threshold. Identical models draw the same curve: tell them apart by dash and marker.',
      chart: curveChart({
        rows: precisionRecallCurve(report, 'holdout'),
        x: 'x',
        y: 'y',
        series: 'rule',
        title: 'Precision–recall',
        xTitle: 'Recall',
        yTitle: 'Precision',
        marks: thresholdMarks(report, (p) => [p.recall, p.precision]),
      }),
    },
    ...report.models.map((m) => tradeOff(m, report.models)),
    {
      id: 'cohort',
      heading: 'Cohort and split',
      table: {
        columns: [
          { key: 'what', label: '' },
          { key: 'development', label: 'Development', format: 'int' },
          { key: 'holdout', label: 'Holdout', format: 'int' },
        ],
        rows: (['accounts', 'eligible', 'resolved', 'unresolved', 'embargoed'] as const).map((k) => ({
          what: k[0]!.toUpperCase() + k.slice(1),
          development: report.split.development[k],
          holdout: report.split.holdout[k],
        })),
      },
      intro:
        `${cohort.leads} leads created by the as-of: ${cohort.notDecided} not yet decided, ${cohort.reachedBeforeDecision} already at ${report.target} at their decision, ${cohort.eligible} eligible (${cohort.resolved} resolved, ${cohort.unresolved} unresolved, ${cohort.embargoed} embargoed).` +
        `\n\nDevelopment decisions ${range(report.split.development)}; holdout decisions ${range(report.split.holdout)}.`,
    },
    { id: 'method', heading: 'Method', intro: method(report) },
  ];
  return {
    title: 'Scoring backtest',
    subtitle: `${report.models.map(modelLabel).join(' vs ')} vs ${baselineLabel.toLowerCase()}`,
    meta: {
      asOf: new Date(report.asOf),
      ...(report.zoneAssumption ? { zoneAssumption: report.zoneAssumption } : {}),
      generatedBy,
      extra: [
        ['Decision', report.decision],
        ['Target', `${report.target} within ${report.horizon}`],
        ['Holdout from', day(report.split.holdoutFrom)],
        ['Embargo', report.split.embargo],
        ...report.models.map((m): [string, string] => [`${m.role} model`, `${m.name} v${m.version} ${m.contentHash.slice(0, 19)}`]),
      ],
    },
    tiles: backtestTiles(report),
    warnings: report.warnings,
    sections,
    definitions: [
      { term: 'Flagged (workload)', text: "Leads the rule would send to sales: score at or above the threshold and the model's fit and engagement minimums." },
      { term: 'Precision', text: 'Wins among flagged leads.' },
      { term: 'Recall', text: 'Flagged wins among all wins.' },
      { term: 'False positives', text: 'Flagged leads that did not win: reviews spent for nothing.' },
      { term: 'Missed wins', text: 'Wins the rule did not flag.' },
      { term: 'Lift', text: 'Precision divided by the base win rate of the partition.' },
      { term: 'AUC', text: 'Chance that a random win scores above a random non-win (ties count half).' },
      { term: 'Actual MQL routing', text: 'Leads that really became MQL before their outcome was known, on the same leads.' },
      { term: 'Inconclusive', text: 'Fewer than 100 resolved leads or 30 wins in the partition.' },
    ],
  };
}
