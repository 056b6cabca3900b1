/**
 * Headline tiles: the few numbers each report page exists for, worked out from the typed report
 * the page is built from (pure functions, no database). Every tile carries its definition, its
 * Wilson interval where the report has the counts, and the benchmark or target it is read against.
 */
import type { FunnelReport } from '../metrics/funnel.js';
import { wilson95 } from '../metrics/wilson.js';
import { modelLabel, shortLabel, baselineLabel } from '../scoring/backtestOutput.js';
import type { BacktestReport, PartitionMetrics } from '../scoring/backtestTypes.js';
import type { PipelineReport } from '../pipeline/types.js';
import type { SlaReport, SpeedToLeadReport } from '../sla/types.js';
import { againstRange, coverageTarget, dealWinRateBenchmark, funnelBenchmarks, rangeText, slaComplianceGoal, speedToLeadIdealMinutes } from './benchmarks.js';
import { ciText, days, int, minutes, pct, pct1 } from './format.js';
import type { HeadlineTile } from './types.js';

/** What an empty window shows instead of a number. */
export const noData = 'no data';

const orNoData = (value: number | null | undefined, format: (v: unknown) => string) =>
  value === null || value === undefined || !Number.isFinite(value) ? noData : format(value);

const intervalOf = (ci: readonly [number, number] | null | undefined) => {
  const text = ciText(ci);
  return text ? `95% interval ${text}` : undefined;
};

const positionText = { below: 'below the range', within: 'within the range', above: 'above the range' } as const;

/** Lead→MQL, MQL→SQL, SQL→Opportunity and win rate, each against its benchmark range. */
export function funnelTiles(report: FunnelReport): HeadlineTile[] {
  return funnelBenchmarks.map((b) => {
    const i = report.stages.findIndex((s) => s.stage === b.from);
    const j = report.stages.findIndex((s) => s.stage === b.to);
    const base = { key: b.key, label: b.label, definition: b.definition, target: `benchmark ${rangeText(b)}` };
    const from = report.stages[i];
    const to = report.stages[j];
    if (!from || !to || j <= i) return { ...base, value: noData, status: 'none', statusText: 'stage not in this funnel' };
    // Adjacent stages: the report's own conversion (matured when --window is set); else reached ÷ reached.
    const adjacent = j === i + 1;
    const converted = adjacent && to.matured ? to.matured.converted : to.reached;
    const denominator = adjacent && to.matured ? to.matured.eligible : from.reached;
    const value = adjacent ? to.conversionFromPrevious : denominator > 0 ? converted / denominator : null;
    const ci = adjacent ? to.ci95 : wilson95(converted, denominator);
    const position = againstRange(value, b);
    return {
      ...base,
      value: orNoData(value, pct1),
      detail: `${int(converted)} of ${int(denominator)}`,
      interval: intervalOf(ci),
      status: position === null ? 'none' : position === 'within' ? 'good' : 'warn',
      statusText: position === null ? 'nothing to divide by' : positionText[position],
    };
  });
}

/** Median business response and the share answered within the SLA. */
export function speedToLeadTiles(report: SpeedToLeadReport): HeadlineTile[] {
  const { overall, sla } = report;
  const median = overall.medianBusinessMinutes;
  const goalPct = pct(slaComplianceGoal);
  return [
    {
      key: 'median-business-response',
      label: 'Median response (business)',
      value: orNoData(median, minutes),
      detail: `${int(overall.touched)} of ${int(overall.n)} starts touched`,
      target: `ideal < ${speedToLeadIdealMinutes} min · SLA ${sla.target}`,
      ...(median === null
        ? { status: 'none' as const, statusText: 'no touched starts' }
        : median < speedToLeadIdealMinutes
          ? { status: 'good' as const, statusText: 'under the ideal' }
          : sla.targetMinutes !== null && median <= sla.targetMinutes
            ? { status: 'warn' as const, statusText: 'within the SLA, over the ideal' }
            : { status: 'bad' as const, statusText: 'over the SLA target' }),
      definition: `Median business minutes from ${report.start.toUpperCase()} to the first call, email, meeting or SMS by a person, over touched starts.`,
    },
    {
      key: 'within-sla',
      label: `Within SLA (${sla.target})`,
      value: orNoData(overall.withinTarget, pct1),
      target: `goal ≥ ${goalPct}`,
      ...(overall.withinTarget === null
        ? { status: 'none' as const, statusText: 'no decided starts' }
        : overall.withinTarget >= slaComplianceGoal
          ? { status: 'good' as const, statusText: 'meets the goal' }
          : { status: 'bad' as const, statusText: 'below the goal' }),
      definition: `Met ÷ (met + breached) of the ${sla.name} SLA; starts still inside their deadline are left out.`,
    },
  ];
}

/** Compliance of each SLA against the compliance goal, with its interval. */
export function slaTiles(report: SlaReport): HeadlineTile[] {
  return report.slas.map((s) => {
    const decided = s.met + s.breached;
    const upper = s.ci95?.[1] ?? null;
    const state =
      s.compliance === null
        ? { status: 'none' as const, statusText: 'no decided instances' }
        : s.compliance >= slaComplianceGoal
          ? { status: 'good' as const, statusText: 'meets the goal' }
          : upper !== null && upper >= slaComplianceGoal
            ? { status: 'warn' as const, statusText: 'below the goal, within the interval' }
            : { status: 'bad' as const, statusText: 'below the goal' };
    return {
      key: `sla-${s.name}`,
      label: s.label,
      value: orNoData(s.compliance, pct1),
      detail: `${int(s.met)} of ${int(decided)} met · ${int(s.pending)} pending`,
      interval: intervalOf(s.ci95),
      target: /deadline/.test(s.target) ? `goal ≥ ${pct(slaComplianceGoal)}` : `goal ≥ ${pct(slaComplianceGoal)} within ${s.target}`,
      ...state,
      definition: `Compliance: met ÷ (met + breached) instances of "${s.label}" (target ${s.target}); pending instances are left out.`,
    };
  });
}

function ruleTile(key: string, label: string, m: PartitionMetrics, title: string): HeadlineTile {
  return {
    key,
    label,
    value: m.recall === null ? noData : `${pct1(m.recall)} recall`,
    detail: `workload ${orNoData(m.workload, pct1)} (${int(m.flagged)} of ${int(m.resolved)} flagged) · ${int(m.truePositives)} of ${int(m.positives)} wins caught`,
    interval:
      [ciText(m.ci95.recall) && `recall ${ciText(m.ci95.recall)}`, ciText(m.ci95.workload) && `workload ${ciText(m.ci95.workload)}`]
        .filter(Boolean)
        .join(' · ') || undefined,
    status: m.inconclusive ? 'warn' : 'none',
    statusText: m.inconclusive ? 'inconclusive' : 'conclusive',
    definition: `${title} on the holdout. Recall: wins flagged ÷ all wins. Workload: flagged ÷ resolved leads, what sales must review.`,
  };
}

/** The holdout verdict, then workload and recall of each rule on the holdout. */
export function backtestTiles(report: BacktestReport): HeadlineTile[] {
  const rules = [...report.models.map((m) => m.holdout), report.baseline.holdout];
  const inconclusive = rules.filter((m) => m.inconclusive);
  const reason = inconclusive.find((m) => m.inconclusiveReason)?.inconclusiveReason;
  const verdict: HeadlineTile = {
    key: 'verdict',
    label: 'Verdict (holdout)',
    value: inconclusive.length > 0 ? 'inconclusive' : 'conclusive',
    detail: `${int(report.models[0]?.holdout.resolved ?? 0)} resolved leads · ${int(report.models[0]?.holdout.positives ?? 0)} wins`,
    ...(reason ? { statusText: reason } : {}),
    status: inconclusive.length > 0 ? 'warn' : 'good',
    target: 'needs ≥ 100 resolved leads and ≥ 30 wins',
    definition: 'Whether the holdout is large enough to judge the rules: at least 100 resolved leads and 30 wins in the partition.',
  };
  return [
    verdict,
    ...report.models.map((m) => ruleTile(`rule-${m.role}`, shortLabel(m), m.holdout, modelLabel(m))),
    ruleTile('rule-baseline', baselineLabel, report.baseline.holdout, baselineLabel),
  ];
}

/** Win rate against its benchmark, velocity, open pipeline and (with a quota file) coverage. */
export function pipelineTiles(report: PipelineReport): HeadlineTile[] {
  const { summary, velocity, coverage } = report;
  const position = againstRange(summary.winRate, dealWinRateBenchmark);
  const current = coverage?.current ?? null;
  const covered = current?.coverage ?? null;
  // 1 ÷ win rate needs no quota file
  const needed = coverage?.needed ?? (velocity.winRate ? 1 / velocity.winRate : null);
  return [
    {
      key: 'deal-win-rate',
      label: 'Win rate',
      value: orNoData(summary.winRate, pct1),
      detail: `${int(summary.won)} won of ${int(summary.won + summary.lost)} closed · by amount ${orNoData(summary.winRateByAmount, pct1)}`,
      interval: intervalOf(summary.ci95.winRate),
      target: `benchmark ${rangeText(dealWinRateBenchmark)}`,
      status: position === null ? 'none' : position === 'within' ? 'good' : 'warn',
      statusText: position === null ? 'no deal closed in the window' : positionText[position],
      definition: 'Won ÷ (won + lost) over the deals closed in the window; open deals are neither. By amount: won amount ÷ closed amount.',
    },
    {
      key: 'pipeline-velocity',
      label: 'Pipeline velocity',
      value: velocity.velocityPerDay === null ? noData : `${int(velocity.velocityPerDay)} / day`,
      detail: `${int(velocity.openDeals)} open × ${orNoData(velocity.averageWonAmount, int)} avg won × ${orNoData(velocity.winRate, pct1)} ÷ ${orNoData(velocity.averageCycleDays, days)}`,
      target: `closes ${velocity.from.slice(0, 10)} – ${velocity.to.slice(0, 10)}`,
      status: 'none',
      statusText: velocity.velocityPerDay === null ? 'no deal won in the trailing window' : 'money per day',
      definition: 'Open deals × average won deal size × win rate ÷ average cycle days (created → won), from the deals closed in the trailing window.',
    },
    {
      key: 'open-pipeline',
      label: 'Open pipeline',
      value: int(summary.openAmount),
      detail: `${int(summary.open)} open deals${summary.openWithoutAmount ? ` · ${int(summary.openWithoutAmount)} without an amount` : ''}`,
      status: 'none',
      statusText: `as of ${report.asOf.slice(0, 10)}`,
      definition: 'The amount of every deal open at the as-of; a deal without an amount is counted apart, not as 0.',
    },
    {
      key: 'pipeline-coverage',
      label: 'Coverage',
      value: covered === null ? (coverage ? noData : 'no quota file') : `${covered.toFixed(1)}×`,
      detail: current ? `${int(current.pipeline)} pipeline ÷ ${int(current.remaining)} quota to close (${current.period})` : undefined,
      target: `target ${coverageTarget.low}–${coverageTarget.high}× · needed ${needed ? `${needed.toFixed(1)}×` : noData} (1 ÷ win rate)`,
      ...(covered === null
        ? {
            status: coverage ? ('none' as const) : ('unavailable' as const),
            statusText: coverage ? 'no quota left in the current period' : 'run with --quota FILE',
          }
        : covered >= (needed ?? coverageTarget.low)
          ? { status: 'good' as const, statusText: 'covers what the win rate needs' }
          : { status: 'bad' as const, statusText: 'below what the win rate needs' }),
      definition: 'Open qualified pipeline with a close date in the period ÷ the quota still to close in it; the coverage needed is 1 ÷ the trailing win rate.',
    },
  ];
}
