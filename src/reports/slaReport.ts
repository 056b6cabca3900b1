/**
 * The SLA report page and its CSV exports: SlaReport (the JSON contract) → ReportDocument, and
 * the breach and leak lists as formula-safe CSV for the analyst to act on. Pure functions.
 */
import type { SlaReport } from '../sla/types.js';
import { slaComplianceGoal } from './benchmarks.js';
import { lineChart, rateBarChart } from './charts/index.js';
import { toCsv, type CsvColumn } from './escape.js';
import { ciWhole, pct, reportMeta } from './format.js';
import { slaTiles } from './tiles.js';
import { previousNote } from './tileChange.js';
import type { ReportDocument, Section, TableColumn } from './types.js';

/** The HTML lists at most this many breaches (of the JSON's listed ones); the CSV has them all. */
export const breachRowsInHtml = 200;

const breachColumns: CsvColumn[] = [
  { key: 'sla', label: 'sla' },
  { key: 'leadId', label: 'lead_id' },
  { key: 'ownerId', label: 'owner_id' },
  { key: 'owner', label: 'owner' },
  { key: 'team', label: 'team' },
  { key: 'startAt', label: 'start_at' },
  { key: 'deadlineAt', label: 'deadline_at' },
  { key: 'endAt', label: 'end_at' },
  { key: 'kind', label: 'breach' },
  { key: 'minutesLate', label: 'minutes_late' },
  { key: 'businessMinutesLate', label: 'business_minutes_late' },
];

const leakColumns: CsvColumn[] = [
  { key: 'leadId', label: 'lead_id' },
  { key: 'ownerId', label: 'owner_id' },
  { key: 'owner', label: 'owner' },
  { key: 'team', label: 'team' },
  { key: 'startAt', label: 'mql_at' },
  { key: 'noOwner', label: 'no_owner' },
  { key: 'noTouch', label: 'no_touch' },
  { key: 'noDisposition', label: 'no_disposition' },
];

/**
 * The listed breaches, one per line (CRM text is neutralised against spreadsheet formulas). This is
 * every breach only while breachCount ≤ the listed limit; `sla --format csv` writes the full list
 * from the warehouse with COPY (src/sla/breaches.ts, same columns and cell rules).
 */
export const breachesCsv = (report: SlaReport): string =>
  toCsv(
    breachColumns,
    report.breaches.map((b) => ({ ...b })),
  );

export const leaksCsv = (report: SlaReport): string =>
  toCsv(
    leakColumns,
    report.leaks.leads.map((l) => ({ ...l })),
  );

const countColumns: TableColumn[] = [
  { key: 'eligible', label: 'Eligible', format: 'int' },
  { key: 'met', label: 'Met', format: 'int' },
  { key: 'breached', label: 'Breached', format: 'int' },
  { key: 'pending', label: 'Pending', format: 'int' },
  { key: 'compliance', label: 'Compliance', format: 'pct1' },
  { key: 'interval', label: '95% interval' },
];

const interval = ciWhole;

function slaSection(sla: SlaReport['slas'][number]): Section {
  // Weeks are drawn in the trend section; the per-SLA table keeps owners, teams and --by groups.
  const rows = sla.groups
    .filter((g) => g.dimension !== 'week')
    .map((g) => ({ ...g, dimension: g.dimension === 'by' ? 'group' : g.dimension, interval: interval(g.ci95) }));
  const fields = sla.requiredFields.length ? ` The end must carry: ${sla.requiredFields.join(', ')}.` : '';
  return {
    id: `sla-${sla.name}`,
    heading: sla.label,
    intro: `Target: ${sla.target}.${fields} Compliance is met ÷ (met + breached); pending instances are still inside their deadline.`,
    table: { columns: [{ key: 'dimension', label: 'By' }, { key: 'key', label: '' }, ...countColumns], rows },
  };
}

/** Weekly compliance of every SLA as one line chart, the per-week counts folded under it. */
function trendSection(report: SlaReport): Section | null {
  const rows = report.slas.flatMap((s) =>
    s.groups.filter((g) => g.dimension === 'week').map((g) => ({ ...g, sla: s.label, week: g.key, interval: interval(g.ci95) })),
  );
  if (rows.length === 0) return null;
  const weeks = [...new Set(rows.map((r) => r.week))].sort();
  const charted = rows.filter((r) => r.compliance !== null).sort((a, b) => a.week.localeCompare(b.week));
  return {
    id: 'weekly-trend',
    heading: 'Weekly compliance',
    intro:
      `Compliance of each SLA by the week its instances started (${weeks.length} weeks), one panel per SLA; weeks with no decided instance have no point. ` +
      `The dashed line is the ${pct(slaComplianceGoal)} goal. Recent weeks still have pending instances.`,
    chart: lineChart({
      rows: charted,
      x: 'week',
      y: 'compliance',
      series: 'sla',
      title: 'Compliance by start week',
      format: 'pct',
      domain: [0, 1],
      facet: true,
      seriesOrder: report.slas.map((s) => s.label),
      target: { value: slaComplianceGoal, label: `goal ${pct(slaComplianceGoal)}` },
    }),
    foldTable: `Per-week counts (${rows.length} rows)`,
    table: { columns: [{ key: 'sla', label: 'SLA' }, { key: 'week', label: 'Week' }, ...countColumns], rows },
  };
}

export function slaReportDocument(report: SlaReport, generatedBy = 'revops-report'): ReportDocument {
  const summary = report.slas.map((s) => ({ ...s, interval: interval(s.ci95) }));
  const breaches = report.breaches.slice(0, breachRowsInHtml).map((b) => ({ ...b }));
  const more = report.breachCount - breaches.length;
  const { leaks } = report;
  const sections: Section[] = [
    {
      id: 'summary',
      heading: 'SLA compliance',
      intro: `Met ÷ (met + breached) per SLA, with 95% Wilson intervals; the dashed line is the ${pct(slaComplianceGoal)} goal (docs/metrics.md). Faded bars have fewer than 20 decided instances.`,
      chart: rateBarChart({
        bars: report.slas.map((s) => ({ category: s.label, rate: s.compliance, successes: s.met, trials: s.met + s.breached, ci95: s.ci95 })),
        title: 'Compliance by SLA',
        horizontal: true,
        unit: 'n',
        target: { value: slaComplianceGoal, label: `goal ${pct(slaComplianceGoal)}` },
      }),
      table: { columns: [{ key: 'label', label: 'SLA' }, { key: 'target', label: 'Target' }, ...countColumns], rows: summary },
    },
    ...report.slas.map(slaSection),
    ...[trendSection(report)].filter((s): s is Section => s !== null),
    {
      id: 'breaches',
      heading: `Breaches (${report.breachCount})`,
      intro:
        more > 0
          ? `The ${breaches.length} most late are listed (in SLA order, then by start); the CSV export (--format csv) has all ${report.breachCount}.`
          : 'Also exported as CSV with --format csv.',
      table: {
        columns: [
          { key: 'sla', label: 'SLA' },
          { key: 'leadId', label: 'Lead', format: 'id' },
          { key: 'owner', label: 'Owner', idKey: 'ownerId' },
          { key: 'team', label: 'Team' },
          { key: 'startAt', label: 'Start', format: 'datetime' },
          { key: 'deadlineAt', label: 'Deadline', format: 'datetime' },
          { key: 'endAt', label: 'End', format: 'datetime' },
          { key: 'kind', label: 'Breach' },
          { key: 'minutesLate', label: 'Late', format: 'minutes' },
          { key: 'businessMinutesLate', label: 'Late (business)', format: 'minutes' },
        ],
        rows: breaches,
      },
      foldTable: `The ${breaches.length} listed breaches`,
    },
    {
      id: 'leaks',
      heading: 'Leaks',
      intro:
        `Of ${leaks.mqls} MQLs in the window: ${leaks.noOwner} without an owner, ${leaks.noTouch} never touched past the first-touch deadline, ` +
        `${leaks.noDisposition} without a decision past the decision deadline.` +
        (leaks.leadCount > Math.min(leaks.leads.length, breachRowsInHtml)
          ? ` The first ${Math.min(leaks.leads.length, breachRowsInHtml)} of ${leaks.leadCount} are listed.`
          : ''),
      table: {
        columns: [
          { key: 'leadId', label: 'Lead', format: 'id' },
          { key: 'owner', label: 'Owner', idKey: 'ownerId' },
          { key: 'team', label: 'Team' },
          { key: 'startAt', label: 'MQL at', format: 'datetime' },
          { key: 'noOwner', label: 'No owner' },
          { key: 'noTouch', label: 'No touch' },
          { key: 'noDisposition', label: 'No decision' },
        ],
        rows: leaks.leads.slice(0, breachRowsInHtml).map((l) => ({ ...l })),
      },
      foldTable: `The ${Math.min(leaks.leads.length, breachRowsInHtml)} listed leads`,
    },
  ];
  return {
    title: 'Handoff SLAs',
    meta: reportMeta(report, generatedBy),
    tiles: slaTiles(report),
    ...(report.previous ? { tilesNote: previousNote(report.previous) } : {}),
    warnings: report.warnings,
    sections,
    definitions: [
      {
        term: 'Instance',
        text: 'One start of an SLA (an entry into its start stage, or an engagement event); a lead that re-enters the stage starts a new instance.',
      },
      {
        term: 'Met / breached / pending',
        text: 'Met: ended by the deadline with its required fields. Breached: ended late, not ended with the deadline passed, or ended without a required field. Pending: not ended, deadline after the as-of.',
      },
      { term: 'Business time', text: "Deadlines in business hours run on the lead owner's calendar; wall-clock targets count every minute." },
      { term: 'Late', text: 'Real minutes from the deadline to the end, or to the as-of while still open.' },
      {
        term: 'Late (business)',
        text: 'Business minutes from the deadline to the end, or to the as-of while still open: 0 when the lateness fell outside working hours.',
      },
    ],
  };
}
