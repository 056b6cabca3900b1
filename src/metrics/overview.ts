/**
 * The revenue overview: the dashboard's numbers taken from the reports that explain them (funnel,
 * speed-to-lead, SLA), grouped into the marketing, sales and executive views. Pure: no query of its
 * own, so a tile can never disagree with the report it links to. Velocity is the pipeline report's
 * (a placeholder when there are no deals); coverage needs a quota file, which the overview does
 * not take, so it stays a placeholder, never an invented number.
 */
import type { FunnelReport } from './funnel.js';
import type { PreviousPeriodJson } from './previousPeriod.js';
import { wilson95 } from './wilson.js';
import type { PipelineReport } from '../pipeline/types.js';
import type { SlaReport, SpeedToLeadReport } from '../sla/types.js';
import { funnelBenchmarks, slaComplianceGoal, speedToLeadIdealMinutes } from '../reports/benchmarks.js';

/** A range with open ends as null: [low, high] in the tile's unit. */
export interface OverviewBenchmark {
  low: number | null;
  high: number | null;
  unit: 'ratio' | 'minutes';
  text: string;
}

export type OverviewStatus = 'below' | 'within' | 'above' | 'no-benchmark' | 'no-data' | 'not-available';

export interface OverviewTile {
  id: string;
  label: string;
  /** full double precision: a ratio 0–1, or minutes */
  value: number | null;
  /** the denominator (or the instances a median is over) */
  n: number | null;
  ci95: [number, number] | null;
  benchmark: OverviewBenchmark | null;
  status: OverviewStatus;
  /** the report page that explains the number, relative to the overview */
  link: string | null;
  /** set when the value is neither a ratio nor minutes: velocity is money per day */
  unit?: 'per-day';
}

export interface OverviewReport {
  report: 'overview';
  asOf: string;
  window: { from: string; to: string };
  /** naive timestamps read in an assumed zone, as every report says it (docs/formats.md) */
  zoneAssumption?: string;
  sections: { name: 'marketing' | 'sales' | 'executive'; tiles: OverviewTile[] }[];
  warnings: string[];
  /** the same tiles' figures for the previous period (docs/overview.md, "Previous period") */
  previous?: OverviewPrevious;
}

export interface OverviewPrevious extends PreviousPeriodJson {
  /** every tile that has a number (not the placeholders), in the sections' order */
  tiles: Pick<OverviewTile, 'id' | 'value' | 'n' | 'ci95'>[];
}

/** The report pages tiles link to: the names under which demo and build write them. */
export const overviewLinks = { funnel: 'funnel.html', speedToLead: 'speed-to-lead.html', sla: 'sla.html', pipeline: 'pipeline.html' } as const;

/** Where a value sits against a range with open ends. */
export function positionIn(value: number | null, b: OverviewBenchmark | null): OverviewStatus {
  if (value === null || !Number.isFinite(value)) return 'no-data';
  if (!b) return 'no-benchmark';
  if (b.low !== null && value < b.low) return 'below';
  if (b.high !== null && value > b.high) return 'above';
  return 'within';
}

const tile = (t: Omit<OverviewTile, 'status'>): OverviewTile => ({ ...t, status: positionIn(t.value, t.benchmark) });

/** A stage-to-stage rate: the funnel's own conversion for adjacent stages (as its headline tiles). */
function funnelRate(report: FunnelReport, key: string): OverviewTile {
  const b = funnelBenchmarks.find((x) => x.key === key)!;
  const benchmark: OverviewBenchmark = { low: b.low, high: b.high, unit: 'ratio', text: `${Math.round(b.low * 100)}–${Math.round(b.high * 100)}%` };
  const i = report.stages.findIndex((s) => s.stage === b.from);
  const j = report.stages.findIndex((s) => s.stage === b.to);
  const from = report.stages[i];
  const to = report.stages[j];
  if (!from || !to || j <= i) return tile({ id: key, label: b.label, value: null, n: null, ci95: null, benchmark, link: overviewLinks.funnel });
  const adjacent = j === i + 1;
  const n = adjacent && to.matured ? to.matured.eligible : from.reached;
  const converted = adjacent && to.matured ? to.matured.converted : to.reached;
  const value = adjacent ? to.conversionFromPrevious : n > 0 ? converted / n : null;
  return tile({ id: key, label: b.label, value, n, ci95: adjacent ? to.ci95 : wilson95(converted, n), benchmark, link: overviewLinks.funnel });
}

/** Lead → Customer: the share of the cohort that closed won; no benchmark range in the seed. */
function leadToCustomer(report: FunnelReport): OverviewTile {
  const top = report.stages[0];
  const last = report.stages.find((s) => s.stage === 'customer');
  const n = top?.reached ?? null;
  const value = top && last ? last.conversionFromTop : null;
  const ci95 = top && last && n ? wilson95(last.reached, n) : null;
  return tile({ id: 'lead-to-customer', label: `${top?.label ?? 'Lead'} → Customer`, value, n, ci95, benchmark: null, link: overviewLinks.funnel });
}

const withPrevious = (previous: OverviewPrevious | undefined) => (previous ? { previous } : {});

const placeholder = (id: string, label: string): OverviewTile => ({
  id,
  label,
  value: null,
  n: null,
  ci95: null,
  benchmark: null,
  status: 'not-available',
  link: null,
});

/**
 * The previous period's tiles: the same tile code run on the source reports' previous figures, so
 * a previous value is defined exactly as the current one. Only when all three sources have one.
 */
function previousTiles(funnel: FunnelReport, speed: SpeedToLeadReport, sla: SlaReport): OverviewPrevious | undefined {
  const [f, s, l] = [funnel.previous, speed.previous, sla.previous];
  if (!f || !s || !l) return undefined;
  const before = overviewFrom(
    { ...funnel, stages: f.stages, previous: undefined },
    { ...speed, overall: s.overall, previous: undefined },
    { ...sla, slas: sla.slas.map((x) => ({ ...x, ...l.slas.find((p) => p.name === x.name) })), previous: undefined },
  );
  const { window, asOf, days } = f;
  const tiles = before.sections.flatMap((x) => x.tiles).filter((t) => t.status !== 'not-available');
  return { window, asOf, days, tiles: tiles.map(({ id, value, n, ci95 }) => ({ id, value, n, ci95 })) };
}

/** The pipeline report's velocity (money per day), or the placeholder when there is no pipeline report. */
const velocityTile = (pipeline: PipelineReport | undefined): OverviewTile =>
  pipeline
    ? {
        ...tile({
          id: 'velocity',
          label: 'Pipeline velocity',
          value: pipeline.summary.velocityPerDay,
          n: pipeline.velocity.openDeals,
          ci95: null,
          benchmark: null,
          link: overviewLinks.pipeline,
        }),
        unit: 'per-day',
      }
    : placeholder('velocity', 'Pipeline velocity');

export function overviewFrom(funnel: FunnelReport, speed: SpeedToLeadReport, sla: SlaReport, pipeline?: PipelineReport): OverviewReport {
  const firstSla = sla.slas[0];
  const speedTile = tile({
    id: 'speed-to-lead',
    label: 'Speed-to-lead (median, business)',
    value: speed.overall.medianBusinessMinutes,
    n: speed.overall.touched,
    ci95: null,
    benchmark: { low: null, high: speedToLeadIdealMinutes, unit: 'minutes', text: `< ${speedToLeadIdealMinutes} min ideal` },
    link: overviewLinks.speedToLead,
  });
  const compliance = firstSla
    ? tile({
        id: 'sla-compliance',
        label: `SLA compliance (${firstSla.label})`,
        value: firstSla.compliance,
        n: firstSla.met + firstSla.breached,
        ci95: firstSla.ci95,
        benchmark: { low: slaComplianceGoal, high: null, unit: 'ratio', text: `≥ ${Math.round(slaComplianceGoal * 100)}% goal` },
        link: overviewLinks.sla,
      })
    : null;
  return {
    report: 'overview',
    asOf: funnel.asOf,
    window: funnel.window,
    ...(funnel.zoneAssumption ? { zoneAssumption: funnel.zoneAssumption } : {}),
    sections: [
      { name: 'marketing', tiles: [funnelRate(funnel, 'lead-to-mql'), funnelRate(funnel, 'mql-to-sql')] },
      {
        name: 'sales',
        tiles: [speedTile, funnelRate(funnel, 'sql-to-opportunity'), funnelRate(funnel, 'win-rate'), velocityTile(pipeline)],
      },
      { name: 'executive', tiles: [leadToCustomer(funnel), ...(compliance ? [compliance] : []), placeholder('coverage', 'Pipeline coverage')] },
    ],
    // each source report's caveats, once, said with the report they come from
    warnings: [
      ...new Set([...funnel.warnings.map((w) => `funnel: ${w}`), ...speed.warnings.map((w) => `speed-to-lead: ${w}`), ...sla.warnings.map((w) => `sla: ${w}`)]),
    ],
    ...withPrevious(previousTiles(funnel, speed, sla)),
  };
}
