/** The terminal views of command results (JSON output needs none). */
import type { DemoResult } from './commands/demo.js';
import type { LeadTimeline } from './commands/lead.js';
import type { RejectedRow } from './commands/rejects.js';
import type { LoadSummary } from './ingest/load.js';
import { registerView, table, textBlock } from './output.js';
import { terminalCell } from './terminal.js';

registerView<LoadSummary>('load', (summary, width) => {
  const rows = summary.files.map((f) => ({ ...f, detected: `${f.format} (${f.object})`, note: f.skipped ?? '' }));
  const parts = [
    table(
      [
        { key: 'path', label: 'file', abbreviate: true },
        { key: 'detected', label: 'format', abbreviate: true, priority: 2 },
        { key: 'encoding', label: 'encoding', priority: 1 },
        { key: 'read', label: 'read', format: 'int' },
        { key: 'loaded', label: 'loaded', format: 'int' },
        { key: 'rejected', label: 'rejected', format: 'int' },
        { key: 'duplicates', label: 'duplicates', format: 'int' },
        { key: 'note', label: '', abbreviate: true },
      ],
      rows,
      width,
    ),
  ];
  const columns = columnLines(summary);
  if (columns.length) parts.push(textBlock('Columns read and left out:', columns));
  if (summary.unknownStageValues.length) {
    parts.push(textBlock('Stage values no stage or alias in the config names (kept, not counted in funnels):', summary.unknownStageValues));
  }
  if (summary.warnings.length) parts.push(textBlock('Warnings:', summary.warnings));
  if (summary.modelsSeconds !== undefined) parts.push(`Lifecycle models brought up to date in ${summary.modelsSeconds.toFixed(2)} s.`);
  return parts.join('\n\n');
});

/** Columns a file shows unread beyond this many are counted, not listed. */
const listedIgnored = 12;

/** Per loaded file: how many columns were read, and the ones left out (the first few, then a count). */
function columnLines(summary: LoadSummary): string[] {
  return summary.files
    .filter((f) => !f.skipped)
    .map((f) => {
      // JSON quoting escapes control characters a CRM header may carry
      const shown = f.columnsIgnored
        .slice(0, listedIgnored)
        .map((h) => JSON.stringify(h))
        .join(', ');
      const more = f.columnsIgnored.length > listedIgnored ? ` and ${f.columnsIgnored.length - listedIgnored} more` : '';
      const ignored = f.columnsIgnored.length ? `; left out ${f.columnsIgnored.length}: ${shown}${more}` : '; none left out';
      return `${JSON.stringify(f.path).slice(1, -1)}: ${f.columnsUsed.length} of ${f.columnsUsed.length + f.columnsIgnored.length} columns read as ${f.format}${ignored}`;
    });
}

registerView<LeadTimeline>('lead', (timeline) => {
  const lead = timeline.lead;
  // CRM values in the heading: each kept on its line, controls shown escaped
  const v = (value: unknown, none = '') => terminalCell(value === null || value === undefined ? none : String(value));
  const head = lead
    ? `Lead ${v(timeline.leadId)}  ${v(lead.email)}  ${v(lead.company)}\n` +
      `source ${v(lead.source, '(none)')} · owner ${v(lead.owner_name ?? lead.owner_id, '(none)')} · current stage ${v(lead.current_stage, '(none)')}`
    : `Lead ${v(timeline.leadId)} (only in stage events; no lead export row)`;
  const rows = timeline.events.map((e) => ({
    ...e,
    stage: e.stage === e.stageRaw ? e.stage : `${e.stage} (${e.stageRaw})`,
    flags: e.flags.join(', '),
    from: e.file ? `${e.file}${e.row ? `:${e.row}` : ''}` : `(${e.origin})`,
  }));
  return `${head}\n\n${table(
    [
      { key: 'eventNumber', label: '#', format: 'int' },
      { key: 'stage', label: 'stage' },
      { key: 'enteredAt', label: 'entered (UTC)' },
      { key: 'daysInStage', label: 'days', format: 'days' },
      { key: 'reason', label: 'reason' },
      { key: 'flags', label: 'flags' },
      { key: 'from', label: 'from file:row' },
    ],
    rows,
  )}`;
});

registerView<DemoResult>('demo', (result) =>
  [
    `Loaded ${result.loaded.files} sample files (${result.loaded.rows} rows, ${result.loaded.rejected} rejected on purpose: see rejected_rows) into ${result.warehouse}`,
    'Reports:',
    ...result.reports.map((r) => `  ${r.name.padEnd(16)} ${r.html}`),
    '',
    'Open a report in a browser. To make each one again (or change a flag and compare):',
    ...result.commands.flatMap((c) => [`  # ${c.makes === 'warehouse' ? 'the warehouse (the demo made it already)' : c.makes}`, `  ${c.command}`]),
  ].join('\n'),
);

registerView<RejectedRow[]>('rejects', (rows) =>
  rows.length === 0
    ? 'No rejected rows.'
    : table(
        [
          { key: 'loadId', label: 'load', format: 'int' },
          { key: 'path', label: 'file' },
          { key: 'line', label: 'line', format: 'int' },
          { key: 'reason', label: 'reason' },
        ],
        rows as unknown as Record<string, unknown>[],
      ),
);
