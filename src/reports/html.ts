/**
 * ReportDocument → one self-contained HTML file: the shared template and stylesheet inlined,
 * charts as static SVG, no script, and a Content-Security-Policy that forbids every fetch, so a
 * report can be mailed around and opened offline without phoning home.
 */
import { readFile } from 'node:fs/promises';
import { reportsPath } from '../paths.js';
import { escapeHtml, escapeKeepingWords } from './escape.js';
import { dateTime } from './format.js';
import { renderTableHtml } from './htmlTable.js';
import type { HeadlineTile, ReportDocument, ReportMeta, Section } from './types.js';
import { renderChartSvg } from './vega.js';

const slots = ['generator', 'title', 'css', 'header', 'warnings', 'contents', 'sections', 'definitions', 'footer'] as const;
type Slot = (typeof slots)[number];

let shell: Promise<{ template: string; css: string }> | undefined;

/** The template and stylesheet, read once per process from the package's reports/ folder. */
function loadShell(): Promise<{ template: string; css: string }> {
  shell ??= Promise.all([readFile(reportsPath('template.html'), 'utf8'), readFile(reportsPath('report.css'), 'utf8')]).then(([template, css]) => {
    for (const slot of slots) {
      if (template.split(`{{${slot}}}`).length !== 2) throw new Error(`reports/template.html needs {{${slot}}} once`);
    }
    if (/<\/style/i.test(css)) throw new Error('reports/report.css must not contain </style');
    return { template, css };
  });
  return shell;
}

/** Section ids become anchors: letters, digits and dashes, unique within the page. */
function anchorIds(sections: readonly Section[]): string[] {
  const seen = new Map<string, number>();
  return sections.map((s) => {
    const base =
      s.id
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'section';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

function renderHeader(doc: ReportDocument): string {
  const meta: ReportMeta = doc.meta;
  const items: [string, string][] = [];
  if (meta.window) items.push(['Window', `${dateTime(meta.window.from)} – ${dateTime(meta.window.to)}`]);
  items.push(['As of', dateTime(meta.asOf)]);
  if (meta.dataFreshness) items.push(['Data freshness', `latest event ${dateTime(meta.dataFreshness)}`]);
  if (meta.zoneAssumption) items.push(['Time zone', meta.zoneAssumption]);
  items.push(...(meta.extra ?? []));
  const dl = items.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeKeepingWords(v)}</dd></div>`).join('\n');
  const subtitle = doc.subtitle ? `\n<p class="subtitle">${escapeHtml(doc.subtitle)}</p>` : '';
  return `<header class="report-header">\n<h1>${escapeHtml(doc.title)}</h1>${subtitle}\n<dl class="meta">\n${dl}\n</dl>\n</header>`;
}

function renderTile(tile: HeadlineTile): string {
  const key = tile.key.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const line = (cls: string, text: string | undefined) => (text ? `<div class="${cls}">${escapeKeepingWords(text)}</div>` : '');
  const status = tile.statusText ? ` <span class="tile-status">${escapeKeepingWords(tile.statusText)}</span>` : '';
  const target =
    tile.target || status ? `<div class="tile-target">${escapeKeepingWords(tile.target ?? '')}${tile.target && status ? ' ·' : ''}${status}</div>` : '';
  return [
    `<div class="tile tile-${tile.status ?? 'none'}" id="tile-${key}" data-tile="${key}" title="${escapeHtml(tile.definition)}">`,
    line('tile-label', tile.label),
    line('tile-value', tile.value),
    line('tile-detail', tile.detail),
    line('tile-interval', tile.interval),
    renderChange(tile),
    target,
    `<p class="tile-definition">${escapeKeepingWords(tile.definition)}</p>`,
    tile.href ? `<a class="tile-link" href="${escapeHtml(tile.href)}">${escapeHtml(tile.hrefLabel ?? 'Explained in the report')} →</a>` : '',
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The change against the previous period: the arrow line, then the previous value and the noise verdict. */
function renderChange(tile: HeadlineTile): string {
  const change = tile.change;
  if (!change) return '';
  const below = [change.previous, change.noise].filter(Boolean).join(' · ');
  return [
    `<div class="tile-change tile-change-${change.direction}" title="${escapeHtml(`previous period: ${change.period}`)}">${escapeKeepingWords(change.text)}</div>`,
    below ? `<div class="tile-previous">${escapeKeepingWords(below)}</div>` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The headline numbers, before everything else but the header and warnings. */
function renderTiles(tiles: readonly HeadlineTile[] | undefined): string {
  if (!tiles || tiles.length === 0) return '';
  return `<section class="tiles" aria-label="Headline numbers">\n${tiles.map(renderTile).join('\n')}\n</section>`;
}

const renderTilesNote = (note: string | undefined) => (note ? `<p class="tiles-note">${escapeKeepingWords(note)}</p>` : '');

function renderWarnings(warnings: readonly string[]): string {
  if (warnings.length === 0) return '';
  const items = warnings.map((w) => `<li>${escapeKeepingWords(w)}</li>`).join('\n');
  const heading = warnings.length === 1 ? 'Warning' : `Warnings (${warnings.length})`;
  return `<aside class="warnings" role="note" aria-label="Warnings">\n<h2>${heading}</h2>\n<ul>\n${items}\n</ul>\n</aside>`;
}

function renderContents(sections: readonly Section[], ids: readonly string[]): string {
  if (sections.length < 2) return '';
  const items = sections.map((s, i) => `<li><a href="#${ids[i]}">${escapeHtml(s.heading)}</a></li>`).join('');
  return `<nav class="contents" aria-label="Contents"><h2>Contents</h2><ol>${items}</ol></nav>`;
}

async function renderSection(section: Section, id: string): Promise<string> {
  const parts = [`<section class="report-section" id="${id}">`, `<h2>${escapeHtml(section.heading)}</h2>`];
  // Blank lines in an intro separate paragraphs; everything else is plain text.
  for (const para of (section.intro ?? '').split(/\n\s*\n/).filter((p) => p.trim())) {
    parts.push(`<p class="intro">${escapeKeepingWords(para.trim())}</p>`);
  }
  if (section.tiles?.length) parts.push(renderTiles(section.tiles));
  if (section.chart) {
    const svg = await renderChartSvg(section.chart, { idPrefix: `chart-${id}-` });
    parts.push(`<figure class="chart">\n${svg}\n</figure>`);
  }
  if (section.table && section.foldTable) {
    parts.push(`<details class="fold">\n<summary>${escapeHtml(section.foldTable)}</summary>\n${renderTableHtml(section.table)}\n</details>`);
  } else if (section.table) parts.push(renderTableHtml(section.table));
  parts.push('</section>');
  return parts.join('\n');
}

function renderDefinitions(definitions: ReportDocument['definitions']): string {
  if (definitions.length === 0) return '';
  const items = definitions.map((d) => `<dt>${escapeHtml(d.term)}</dt><dd>${escapeKeepingWords(d.text)}</dd>`).join('\n');
  return `<section class="definitions" id="definitions">\n<h2>Definitions</h2>\n<dl>\n${items}\n</dl>\n</section>`;
}

/** Render a whole report page. Deterministic: the same document gives the same bytes. */
export async function renderReportHtml(report: ReportDocument): Promise<string> {
  const { template, css } = await loadShell();
  const ids = anchorIds(report.sections);
  const sections = await Promise.all(report.sections.map((s, i) => renderSection(s, ids[i] ?? 'section')));
  const values: Record<Slot, string> = {
    generator: escapeHtml(report.meta.generatedBy),
    title: escapeHtml(report.title),
    css: css.trim(),
    header: renderHeader(report),
    // Warnings stay above the tiles: a caveat must be read before any number.
    warnings: [renderWarnings(report.warnings), renderTiles(report.tiles), renderTilesNote(report.tilesNote)].filter(Boolean).join('\n'),
    contents: renderContents(report.sections, ids),
    sections: sections.join('\n'),
    definitions: renderDefinitions(report.definitions),
    footer: `<footer class="report-footer">${escapeHtml(report.meta.generatedBy)} · as of ${escapeHtml(dateTime(report.meta.asOf))} · self-contained file: no scripts, no network</footer>`,
  };
  // One pass with a replacer function: inserted text is never rescanned for {{slots}}, and a
  // `$&` in report text stays literal.
  return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => ((slots as readonly string[]).includes(name) ? values[name as Slot] : match));
}
