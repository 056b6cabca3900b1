/**
 * The build index (`DIR/index.html`): every run with its status, data freshness and headline
 * numbers (MQL→SQL, speed-to-lead median, SLA compliance, unassigned leads, time to assign, deal
 * win rate, velocity, duplicate rate, required fields complete) beside their change from the
 * previous complete run. Links are relative, so the folder works copied or opened from a share; the page
 * uses the reports' template and stylesheet, so it has no script and makes no request.
 */
import { readFile } from 'node:fs/promises';
import { reportsPath } from '../paths.js';
import { escapeHtml, escapeKeepingWords } from './escape.js';
import { dateTime, int, minutes, missing, pct1 } from './format.js';

export type IndexRunStatus = 'complete' | 'failed' | 'interrupted' | 'running';

export interface IndexLink {
  label: string;
  href: string;
}

export interface IndexRun {
  run: string;
  status: IndexRunStatus;
  asOf: string | null;
  finishedAt: string | null;
  dataFreshness: string | null;
  headline: Record<string, number | null>;
  /** relative links: each report's page, then the manifest */
  links: IndexLink[];
  note: string | null;
  /** the run loaded no new rows: why (manifest.nothingNew) */
  nothingNew?: string | null;
}

export interface HeadlineCell {
  value: number | null;
  text: string;
  delta: number | null;
  deltaText: string;
}

export interface BuildIndexDocument {
  title: string;
  generatedBy: string;
  latest: { run: string; links: IndexLink[] } | null;
  /** newest first */
  runs: (IndexRun & { cells: HeadlineCell[] })[];
}

export type HeadlineKind = 'ratio' | 'minutes' | 'count' | 'amount';

/**
 * The headline numbers the index shows, in the report set's order; reports put them in
 * `WrittenReport.headline` (src/reportSet.ts). A run without a report shows "—" in its columns.
 */
export const headlineMetrics: readonly { key: string; label: string; kind: HeadlineKind; table: 'runs' | 'more' }[] = [
  { key: 'mqlToSql', label: 'MQL→SQL', kind: 'ratio', table: 'runs' },
  { key: 'speedToLeadMedianMinutes', label: 'Speed-to-lead median', kind: 'minutes', table: 'runs' },
  { key: 'slaCompliance', label: 'SLA compliance', kind: 'ratio', table: 'runs' },
  // the run table holds only these three: with six more columns and the links it no longer fits a
  // 1400 px screen or an A4 page, so the rest have a table of their own below it
  { key: 'unassignedLeads', label: 'Unassigned leads', kind: 'count', table: 'more' },
  { key: 'medianTimeToAssignBusinessMinutes', label: 'Time to assign median', kind: 'minutes', table: 'more' },
  { key: 'dealWinRate', label: 'Deal win rate', kind: 'ratio', table: 'more' },
  // money per day in the CRM's currency, whole units as on the pipeline page
  { key: 'velocityPerDay', label: 'Velocity / day', kind: 'amount', table: 'more' },
  { key: 'duplicateRate', label: 'Duplicate rate', kind: 'ratio', table: 'more' },
  { key: 'requiredFieldsComplete', label: 'Required fields complete', kind: 'ratio', table: 'more' },
];

const metricsOf = (table: 'runs' | 'more') => headlineMetrics.flatMap((m, i) => (m.table === table ? [{ ...m, index: i }] : []));

const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±');

/** A change as text: ratios in percentage points, minutes as a duration, counts and amounts whole. */
export function formatDelta(delta: number | null, kind: HeadlineKind): string {
  if (delta === null || !Number.isFinite(delta)) return missing;
  if (kind === 'ratio') return `${sign(Number((delta * 100).toFixed(1)))}${Math.abs(delta * 100).toFixed(1)} pp`;
  if (kind === 'minutes') return `${sign(Math.round(delta * 60) / 60)}${minutes(Math.abs(delta))}`;
  return `${sign(Math.round(delta))}${int(Math.abs(delta))}`;
}

const headlineText = (value: number | null, kind: HeadlineKind) => (kind === 'ratio' ? pct1(value) : kind === 'minutes' ? minutes(value) : int(value));

export function buildIndexDocument(runs: readonly IndexRun[], latest: { run: string; links: IndexLink[] } | null, generatedBy: string): BuildIndexDocument {
  const rows = runs.map((run, i) => {
    // "previous" = the next older run that completed: failed runs have no trustworthy numbers.
    const previous = runs.slice(i + 1).find((r) => r.status === 'complete');
    const cells = headlineMetrics.map(({ key, kind }) => {
      const value = run.headline[key] ?? null;
      const before = previous?.headline[key] ?? null;
      const delta = value !== null && before !== null ? value - before : null;
      return { value, text: headlineText(value, kind), delta, deltaText: formatDelta(delta, kind) };
    });
    return { ...run, cells };
  });
  return { title: 'Report builds', generatedBy, latest, runs: rows };
}

const link = (l: IndexLink) => `<a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a>`;
const when = (value: string | null) => (value ? dateTime(new Date(value)) : missing);

const cellHtml = (c: HeadlineCell) => `<td class="num">${escapeHtml(c.text)}<br><small class="delta">${escapeHtml(c.deltaText)}</small></td>`;

function runRow(row: BuildIndexDocument['runs'][number], isLatest: boolean): string {
  const cells = metricsOf('runs').map((m) => cellHtml(row.cells[m.index]!));
  const status = `<span class="status status-${row.status}">${escapeHtml(row.status)}</span>${isLatest ? ' <span class="status status-latest">latest</span>' : ''}`;
  return [
    `<tr id="run-${escapeHtml(row.run)}">`,
    `<td class="nowrap">${escapeHtml(row.run)}</td>`,
    `<td class="nowrap badges">${status}</td>`,
    // a date never breaks at its hyphens ("2026-/12-01"); the time may go to the next line
    `<td>${escapeKeepingWords(when(row.finishedAt))}</td>`,
    `<td>${escapeKeepingWords(when(row.dataFreshness))}</td>`,
    ...cells,
    `<td class="links">${row.links.map(link).join(' · ') || missing}${row.note ? `<br><small class="note">${escapeHtml(row.note)}</small>` : ''}</td>`,
    '</tr>',
  ].join('');
}

const extraCss = `
.status { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 600; }
.status-complete { background: #e3f2e6; color: #1e5b2b; }
.status-failed, .status-interrupted { background: #fde8e8; color: #8a1f1f; }
.status-running { background: #eef1f4; color: #52606d; }
.status-latest { background: #e6eefa; color: #2f6db5; }
.delta { color: #52606d; }
.nowrap { white-space: nowrap; }
/* Each report link stays whole and the column gets the room it needs; the dates may wrap instead. */
.links { min-width: 22em; }
.links a, .report-header a { white-space: nowrap; }
/* A note may quote a long path or message: it wraps inside the column rather than widen the table. */
.links .note { overflow-wrap: anywhere; }
/* On A4 the run table fits the page as laid out (Chromium would otherwise shrink the whole page to
   fit it): the Reports column gives up its screen width and its links wrap between each other. */
@media print {
  .links { min-width: 0; }
  th.num, .badges { white-space: normal; }
}`;

/** The whole page. Deterministic for a given document. */
export async function renderBuildIndexHtml(doc: BuildIndexDocument): Promise<string> {
  const [template, css] = await Promise.all([readFile(reportsPath('template.html'), 'utf8'), readFile(reportsPath('report.css'), 'utf8')]);
  const latest = doc.latest
    ? `<p>Newest complete run: <strong>${escapeHtml(doc.latest.run)}</strong> — ${doc.latest.links.map(link).join(' · ')}</p>`
    : '<p class="empty">No run has completed yet.</p>';
  const header = `<header class="report-header">\n<h1>${escapeHtml(doc.title)}</h1>\n${latest}\n</header>`;
  const numeric = new Set(headlineMetrics.map((m) => m.label));
  // headings may wrap in print, between words only ("Speed-to-lead" stays whole)
  const thead = (heads: string[]) => heads.map((h) => `<th scope="col"${numeric.has(h) ? ' class="num"' : ''}>${escapeKeepingWords(h)}</th>`).join('');
  const tableOf = (heads: string[], body: string) =>
    `<div class="table-wrap"><table>\n<thead><tr>${thead(heads)}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
  const body = doc.runs.map((r) => runRow(r, r.run === doc.latest?.run)).join('\n');
  const table = doc.runs.length
    ? tableOf(['Run', 'Status', 'Finished', 'Data freshness', ...metricsOf('runs').map((m) => m.label), 'Reports'], body)
    : '<p class="empty">No runs yet.</p>';
  const more = metricsOf('more');
  const moreBody = doc.runs
    .map((r) => `<tr><td class="nowrap">${escapeHtml(r.run)}</td>${more.map((m) => cellHtml(r.cells[m.index]!)).join('')}</tr>`)
    .join('\n');
  const moreSection = doc.runs.length
    ? `\n<section class="report-section" id="headlines">\n<h2>Routing, pipeline and hygiene</h2>\n<p class="intro">${escapeHtml('The same runs, newest first: the routing, pipeline and hygiene reports’ headline numbers, each with its change from the previous complete run.')}</p>\n${tableOf(['Run', ...more.map((m) => m.label)], moreBody)}\n</section>`
    : '';
  const intro = 'Newest first. Under each number, its change from the previous complete run. A failed or interrupted run never replaces latest/.';
  const values: Record<string, string> = {
    generator: escapeHtml(doc.generatedBy),
    title: escapeHtml(doc.title),
    css: `${css.trim()}\n${extraCss.trim()}`,
    header,
    warnings: '',
    contents: '',
    sections: `<section class="report-section" id="runs">\n<h2>Runs</h2>\n<p class="intro">${escapeHtml(intro)}</p>\n${table}\n</section>${moreSection}`,
    definitions: '',
    footer: `<footer class="report-footer">${escapeHtml(doc.generatedBy)} · self-contained file: no scripts, no network</footer>`,
  };
  return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => values[name] ?? match);
}
