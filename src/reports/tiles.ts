/**
 * Headline tiles: the few numbers each report page exists for, worked out from the typed report
 * the page is built from (pure functions, no database). Every tile carries its definition, its
 * Wilson interval where the report has the counts, and the benchmark or target it is read against.
 */
import type { FunnelPrevious, FunnelReport, FunnelStage } from '../metrics/funnel.js';
import { wilson95 } from '../metrics/wilson.js';
import { modelLabel, shortLabel, baselineLabel } from '../scoring/backtestOutput.js';
import type { BacktestReport, PartitionMetrics } from '../scoring/backtestTypes.js';
import type { HygieneReport } from '../hygiene/types.js';
import type { PipelineReport } from '../pipeline/types.js';
import type { SlaPrevious, SlaReport, SpeedToLeadPrevious, SpeedToLeadReport } from '../sla/types.js';
import {
  againstRange,
  coverageTarget,
  dealWinRateBenchmark,
  funnelBenchmarks,
  type RateBenchmark,
  rangeText,
  slaComplianceGoal,
  speedToLeadIdealMinutes,
} from './benchmarks.js';
import { ciText, days, int, minutes, pct, pct1 } from './format.js';
import { durationChange, rateChange } from './tileChange.js';
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

/** A benchmark's rate from a funnel's stages, or null when a stage is not in the funnel. */
function stepFigures(stages: readonly FunnelStage[], b: RateBenchmark) {
  const i = stages.findIndex((s) => s.stage === b.from);
  const j = stages.findIndex((s) => s.stage === b.to);
  const from = stages[i];
  const to = stages[j];
  if (!from || !to || j <= i) return null;
  // Adjacent stages: the report's own conversion (matured when --window is set); else reached ÷ reached.
  const adjacent = j === i + 1;
  const converted = adjacent && to.matured ? to.matured.converted : to.reached;
  const denominator = adjacent && to.matured ? to.matured.eligible : from.reached;
  const value = adjacent ? to.conversionFromPrevious : denominator > 0 ? converted / denominator : null;
  const ci = adjacent ? to.ci95 : wilson95(converted, denominator);
  return { value, k: converted, n: denominator, ci };
}

/**
 * Lead→MQL, MQL→SQL, SQL→Opportunity and win rate, each against its benchmark range and, given the
 * previous period's stages (the report's own by default), with its change in percentage points.
 */
export function funnelTiles(report: FunnelReport, previous: FunnelPrevious | undefined = report.previous): HeadlineTile[] {
  return funnelBenchmarks.map((b) => {
    const base = { key: b.key, label: b.label, definition: b.definition, target: `benchmark ${rangeText(b)}` };
    const figures = stepFigures(report.stages, b);
    if (!figures) return { ...base, value: noData, status: 'none', statusText: 'stage not in this funnel' };
    const { value, k, n, ci } = figures;
    const position = againstRange(value, b);
    return {
      ...base,
      value: orNoData(value, pct1),
      detail: `${int(k)} of ${int(n)}`,
      interval: intervalOf(ci),
      ...(previous ? { change: rateChange(figures, stepFigures(previous.stages, b), previous) } : {}),
      status: position === null ? 'none' : position === 'within' ? 'good' : 'warn',
      statusText: position === null ? 'nothing to divide by' : positionText[position],
    };
  });
}

/** The within-SLA rate with its counts: k is recovered from the exact rate and its denominator. */
const withinFigures = (o: SpeedToLeadReport['overall']) => ({
  value: o.withinTarget,
  n: o.decided ?? 0,
  k: o.withinTarget === null ? 0 : Math.round(o.withinTarget * (o.decided ?? 0)),
});

/** Median business response and the share answered within the SLA, with their change. */
export function speedToLeadTiles(report: SpeedToLeadReport, previous: SpeedToLeadPrevious | undefined = report.previous): HeadlineTile[] {
  const { overall, sla } = report;
  const before = previous?.overall;
  const median = overall.medianBusinessMinutes;
  const goalPct = pct(slaComplianceGoal);
  return [
    {
      key: 'median-business-response',
      label: 'Median response (business)',
      value: orNoData(median, minutes),
      detail: `${int(overall.touched)} of ${int(overall.n)} starts touched`,
      ...(previous && before ? { change: durationChange(median, { value: before.medianBusinessMinutes, n: before.touched }, previous, 'touched') } : {}),
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
      ...(overall.decided !== undefined ? { detail: `${int(withinFigures(overall).k)} of ${int(overall.decided)} decided` } : {}),
      ...(previous && before ? { change: rateChange(withinFigures(overall), withinFigures(before), previous) } : {}),
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

const complianceFigures = (s: { met: number; breached: number; compliance: number | null }) => ({ value: s.compliance, k: s.met, n: s.met + s.breached });

/** Compliance of each SLA against the compliance goal, with its interval and its change. */
export function slaTiles(report: SlaReport, previous: SlaPrevious | undefined = report.previous): HeadlineTile[] {
  return report.slas.map((s) => {
    const before = previous?.slas.find((p) => p.name === s.name);
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
      ...(previous ? { change: rateChange(complianceFigures(s), before && complianceFigures(before), previous) } : {}),
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

/** Duplicate rate, completeness against the target, stuck and unowned leads. */
export function hygieneTiles(report: HygieneReport): HeadlineTile[] {
  const d = report.duplicates;
  const c = report.completeness;
  return [
    {
      key: 'duplicate-rate',
      label: 'Duplicate rate',
      value: orNoData(d.duplicateRate, pct1),
      detail: `${int(d.duplicateLeads)} of ${int(d.leads)} leads`,
      status: d.duplicateRate === null ? 'none' : d.duplicateLeads === 0 ? 'good' : 'warn',
      statusText: d.duplicateRate === null ? 'no leads' : d.duplicateLeads === 0 ? 'no duplicates' : 'duplicates to merge',
      definition:
        'Leads that duplicate another (tiers 1–3: same email, same normalised email, same person at the same company) and would merge into its survivor, ÷ all leads.',
    },
    {
      key: 'completeness',
      label: 'Required fields complete',
      value: orNoData(c.overall, pct1),
      detail: `${int(c.fieldsBelowTarget)} of ${int(c.fields.length)} fields below target`,
      target: `target ≥ ${pct(c.target)} per field`,
      ...(c.overall === null
        ? { status: 'none' as const, statusText: 'no records in scope' }
        : c.fieldsBelowTarget === 0
          ? { status: 'good' as const, statusText: 'every field meets the target' }
          : { status: 'bad' as const, statusText: 'fields below the target' }),
      definition: 'Required-field checks passed ÷ all checks, over every stage rule and field (a check: one record in a rule’s scope and one of its fields).',
    },
    {
      key: 'stuck',
      label: 'Stuck leads',
      value: int(report.stuck.count),
      target: `over ${report.stuck.multiple}× the stage's median stay`,
      status: report.stuck.count === 0 ? 'good' : 'warn',
      statusText: report.stuck.count === 0 ? 'none stuck' : 'leads to move or close',
      definition: `Leads whose time in their current stage is over ${report.stuck.multiple}× the median of that stage’s completed stays.`,
    },
    {
      key: 'unowned',
      label: 'Leads without an owner',
      value: int(report.unowned.count),
      status: report.unowned.count === 0 ? 'good' : 'bad',
      statusText: report.unowned.count === 0 ? 'every lead owned' : 'unowned leads go cold',
      definition: 'Leads with no owner id in the latest export.',
    },
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
