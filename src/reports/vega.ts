/**
 * Vega-Lite spec → static SVG, server-side. Reports embed the SVG instead of shipping a chart
 * runtime: the HTML needs no script, loads nothing, prints well and opens years later.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { chartConfig } from './charts/theme.js';
import { assertInertSvg, scopeSvgIds } from './svg.js';

export type VegaLiteSpec = TopLevelSpec;

export interface RenderChartOptions {
  /** Prefix for element ids, unique per chart within one page (see scopeSvgIds). */
  idPrefix?: string;
}

/** Collects what Vega or Vega-Lite log at or above `level`, instead of printing it. */
function collectingLogger(level: number): { logger: vega.LoggerInterface; messages: string[] } {
  const messages: string[] = [];
  const logger = vega.logger(level, undefined, (_method, levelName, args) => {
    messages.push([levelName, ...args.map((a) => (a instanceof Error ? a.message : String(a)))].join(' '));
  });
  return { logger, messages };
}

// Charts carry their (aggregated) data inline; any attempt to load a URL or file is a bug.
const refuse = (what: string) => Promise.reject(new Error(`charts load no external data (${what})`));
const noNetworkLoader: vega.Loader = {
  load: (uri) => refuse(uri),
  sanitize: (uri) => refuse(uri),
  http: (uri) => refuse(uri),
  file: (filename) => refuse(filename),
};

/** Compile with the report theme; Vega-Lite warnings mean a chart builder bug, so they throw. */
export function compileChart(spec: VegaLiteSpec): vega.Spec {
  const { logger, messages } = collectingLogger(vega.Warn);
  const compiled = compile(spec, { config: chartConfig, logger }).spec;
  if (messages.length > 0) throw new Error(`Vega-Lite warnings for chart: ${messages.join('; ')}`);
  return compiled;
}

/**
 * Render one chart to an SVG string. Deterministic: fixed fonts (theme), no timestamps, the same
 * spec gives the same bytes. Text from data is escaped by Vega and the result checked to be inert.
 */
export async function renderChartSvg(spec: VegaLiteSpec, options: RenderChartOptions = {}): Promise<string> {
  // Vega logs a failed data load as a warning and renders an empty chart; a report must fail
  // instead. Other runtime warnings (an empty extent when a window has no rows) are harmless.
  const { logger, messages: logged } = collectingLogger(vega.Warn);
  const view = new vega.View(vega.parse(compileChart(spec)), { renderer: 'none', loader: noNetworkLoader, logger });
  try {
    const raw = await view.toSVG();
    const messages = logged.filter((m) => m.startsWith('ERROR') || m.includes('Loading failed'));
    if (messages.length > 0) throw new Error(`chart failed to render: ${messages.join('; ')}`);
    const svg = scopeSvgIds(raw, options.idPrefix ?? 'chart-');
    assertInertSvg(svg);
    return svg;
  } finally {
    view.finalize();
  }
}
