/**
 * The revenue overview page: the dashboard's tiles in marketing, sales and executive sections,
 * each linking to the report that explains it. Pure: the overview JSON and the typed reports it was
 * taken from → one ReportDocument. The funnel, speed-to-lead and SLA tiles are those reports' own
 * headline tiles (tiles.ts), so the overview shows exactly what the linked page shows.
 */
import type { FunnelReport } from '../metrics/funnel.js';
import type { OverviewReport, OverviewTile } from '../metrics/overview.js';
import type { PipelineReport } from '../pipeline/types.js';
import type { SlaReport, SpeedToLeadReport } from '../sla/types.js';
import { ciText, int, pct1 } from './format.js';
import { previousNote, rateChange } from './tileChange.js';
import { funnelTiles, noData, pipelineTiles, slaTiles, speedToLeadTiles } from './tiles.js';
import type { HeadlineTile, ReportDocument, Section } from './types.js';

export interface OverviewSources {
  funnel: FunnelReport;
  speedToLead: SpeedToLeadReport;
  sla: SlaReport;
  /** absent when the warehouse has no deals */
  pipeline?: PipelineReport;
}

/** Shown instead of a number until the pipeline report exists. */
export const notYetAvailable = 'not yet available (pipeline report)';

const sectionText = {
  marketing: { heading: 'Marketing', intro: 'Is marketing producing leads that qualify? The top of the funnel, against common B2B SaaS ranges.' },
  sales: { heading: 'Sales', intro: 'Does sales answer fast and turn qualified leads into won deals?' },
  executive: {
    heading: 'Executive',
    intro: 'What the funnel yields end to end, whether handoffs keep their promises, and (with the pipeline report) coverage.',
  },
} as const;

const linkLabel = (href: string | null) =>
  href === 'funnel.html'
    ? 'Funnel report'
    : href === 'speed-to-lead.html'
      ? 'Speed-to-lead report'
      : href === 'sla.html'
        ? 'SLA report'
        : href === 'pipeline.html'
          ? 'Pipeline report'
          : 'Report';

const placeholderDefinition: Record<string, string> = {
  velocity: 'Pipeline velocity: (open deals × average deal size × win rate) ÷ sales-cycle days. Needs the pipeline report (deal amounts and cycle length).',
  coverage: 'Pipeline coverage: open pipeline ÷ the revenue target of the period. Needs the pipeline report and a revenue target.',
};

/** The HTML tile for one overview tile: the source report's own headline tile, plus the link. */
function htmlTile(t: OverviewTile, sources: OverviewSources, source: Map<string, HeadlineTile>): HeadlineTile {
  const link = t.link ? { href: t.link, hrefLabel: linkLabel(t.link) } : {};
  if (t.status === 'not-available') {
    return { key: t.id, label: t.label, value: notYetAvailable, status: 'unavailable', definition: placeholderDefinition[t.id] ?? t.label };
  }
  const own = source.get(t.id);
  if (own) return { ...own, key: t.id, label: t.label, ...link };
  // Lead → Customer: the funnel's conversion from the top, which has no tile of its own there.
  const top = sources.funnel.stages[0];
  const customer = sources.funnel.stages.find((s) => s.stage === 'customer');
  const previous = sources.funnel.previous;
  const endToEnd = (stages: FunnelReport['stages']) => {
    const [k, n] = [stages.find((s) => s.stage === 'customer')?.reached, stages[0]?.reached ?? 0];
    return k === undefined ? { value: null, k: 0, n: 0 } : { value: n > 0 ? k / n : null, k, n };
  };
  return {
    key: t.id,
    label: t.label,
    value: t.value === null ? noData : pct1(t.value),
    detail: t.n === null ? undefined : `${int(customer?.reached ?? 0)} of ${int(t.n)}`,
    interval: ciText(t.ci95) ? `95% interval ${ciText(t.ci95)}` : undefined,
    ...(previous ? { change: rateChange(endToEnd(sources.funnel.stages), endToEnd(previous.stages), previous) } : {}),
    target: 'no benchmark range',
    status: 'none',
    definition: `Customers ÷ cohort ${top?.label ?? 'leads'}: the share of the cohort that became Customer by the as-of.`,
    ...link,
  };
}

export function overviewReportDocument(report: OverviewReport, sources: OverviewSources, generatedBy: string): ReportDocument {
  const speedTiles = speedToLeadTiles(sources.speedToLead);
  const source = new Map<string, HeadlineTile>([
    ...funnelTiles(sources.funnel).map((t) => [t.key, t] as const),
    ['speed-to-lead', speedTiles[0]!],
    ['sla-compliance', slaTiles(sources.sla)[0]!],
    ...(sources.pipeline ? [['velocity', pipelineTiles(sources.pipeline)[1]!] as const] : []),
  ]);
  const sections: Section[] = report.sections.map((s) => ({
    id: s.name,
    heading: sectionText[s.name].heading,
    intro: sectionText[s.name].intro,
    tiles: s.tiles.map((t) => htmlTile(t, sources, source)),
  }));
  const tiles = sections.flatMap((s) => s.tiles ?? []);
  const freshness = [sources.funnel.dataFreshness, sources.speedToLead.dataFreshness, sources.sla.dataFreshness]
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);
  return {
    title: 'Revenue overview',
    subtitle: 'The metrics dashboard on one page: each number against its benchmark, linked to the report that explains it',
    meta: {
      window: report.window,
      asOf: report.asOf,
      ...(freshness ? { dataFreshness: freshness } : {}),
      ...(sources.funnel.zoneAssumption ? { zoneAssumption: sources.funnel.zoneAssumption } : {}),
      generatedBy,
    },
    warnings: report.warnings,
    ...(sources.funnel.previous ? { tilesNote: previousNote(sources.funnel.previous) } : {}),
    sections,
    definitions: [
      ...tiles.map((t) => ({ term: t.label, text: t.definition })),
      {
        term: 'Benchmark ranges',
        text: 'Common B2B SaaS figures for a metrics dashboard: they describe typical companies, not a goal for yours (docs/overview.md).',
      },
    ],
  };
}
