/**
 * The SLA report page and its CSV exports: SlaReport (the JSON contract) → ReportDocument, and
 * the breach and leak lists as formula-safe CSV for the analyst to act on. Pure functions.
 */
import type { SlaReport } from '../sla/types.js';
import { barChart } from './charts/index.js';
import { toCsv, type CsvColumn } from './escape.js';
import type { ReportDocument, Section, TableColumn } from './types.js';

/** The HTML lists at most this many breaches (of the JSON's listed ones); the CSV has them all. */
export const breachRowsInHtml = 200;

const breachColumns: CsvColumn[] = [
  { key: 'sla', label: 'sla' }, { key: 'leadId', label: 'lead_id' }, { key: 'ownerId', label: 'owner_id' },
  { key: 'owner', label: 'owner' }, { key: 'team', label: 'team' }, { key: 'startAt', label: 'start_at' },
  { key: 'deadlineAt', label: 'deadline_at' }, { key: 'endAt', label: 'end_at' }, { key: 'kind', label: 'breach' },
  { key: 'minutesLate', label: 'minutes_late' }, { key: 'businessMinutesLate', label: 'business_minutes_late' },
];

const leakColumns: CsvColumn[] = [
  { key: 'leadId', label: 'lead_id' }, { key: 'ownerId', label: 'owner_id' }, { key: 'owner', label: 'owner' },
  { key: 'team', label: 'team' }, { key: 'startAt', label: 'mql_at' }, { key: 'noOwner', label: 'no_owner' },
  { key: 'noTouch', label: 'no_touch' }, { key: 'noDisposition', label: 'no_disposition' },
];

/**
 * The listed breaches, one per line (CRM text is neutralised against spreadsheet formulas). This is
 * every breach only while breachCount ≤ the listed limit; `sla --format csv` writes the full list
 * from the warehouse with COPY (src/sla/breaches.ts, same columns and cell rules).
 */
export const breachesCsv = (report: SlaReport): string => toCsv(breachColumns, report.breaches.map((b) => ({ ...b })));

export const leaksCsv = (report: SlaReport): string => toCsv(leakColumns, report.leaks.leads.map((l) => ({ ...l })));

const countColumns: TableColumn[] = [
  { key: 'eligible', label: 'Eligible', format: 'int' }, { key: 'met', label: 'Met', format: 'int' },
  { key: 'breached', label: 'Breached', format: 'int' }, { key: 'pending', label: 'Pending', format: 'int' },
  { key: 'compliance', label: 'Compliance', format: 'pct1' }, { key: 'interval', label: '95% interval' },
];

const interval = (ci: [number, number] | null) => (ci ? `${(ci[0] * 100).toFixed(0)}–${(ci[1] * 100).toFixed(0)}%` : null);

function slaSection(sla: SlaReport['slas'][number]): Section {
  const rows = sla.groups.map((g) => ({ ...g, dimension: g.dimension === 'by' ? 'group' : g.dimension, interval: interval(g.ci95) }));
  const fields = sla.requiredFields.length ? ` The end must carry: ${sla.requiredFields.join(', ')}.` : '';
  return {
    id: `sla-${sla.name}`,
    heading: sla.label,
    intro: `Target: ${sla.target}.${fields} Compliance is met ÷ (met + breached); pending instances are still inside their deadline.`,
    table: { columns: [{ key: 'dimension', label: 'By' }, { key: 'key', label: '' }, ...countColumns], rows },
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
      chart: barChart({ rows: summary, x: 'label', y: 'compliance', title: 'Compliance by SLA', format: 'pct', horizontal: true }),
      table: { columns: [{ key: 'label', label: 'SLA' }, { key: 'target', label: 'Target' }, ...countColumns], rows: summary },
    },
    ...report.slas.map(slaSection),
    {
      id: 'breaches',
      heading: `Breaches (${report.breachCount})`,
      intro: more > 0
        ? `The ${breaches.length} most late are listed (in SLA order, then by start); the CSV export (--format csv) has all ${report.breachCount}.`
        : 'Also exported as CSV with --format csv.',
      table: {
        columns: [
          { key: 'sla', label: 'SLA' }, { key: 'leadId', label: 'Lead' }, { key: 'owner', label: 'Owner' }, { key: 'team', label: 'Team' },
          { key: 'startAt', label: 'Start' }, { key: 'deadlineAt', label: 'Deadline' }, { key: 'endAt', label: 'End' },
          { key: 'kind', label: 'Breach' }, { key: 'businessMinutesLate', label: 'Late (business)', format: 'minutes' },
        ],
        rows: breaches,
      },
    },
    {
      id: 'leaks',
      heading: 'Leaks',
      intro: `Of ${leaks.mqls} MQLs in the window: ${leaks.noOwner} without an owner, ${leaks.noTouch} never touched past the first-touch deadline, ` +
        `${leaks.noDisposition} without a decision past the decision deadline.` +
        (leaks.leadCount > Math.min(leaks.leads.length, breachRowsInHtml) ? ` The first ${Math.min(leaks.leads.length, breachRowsInHtml)} of ${leaks.leadCount} are listed.` : ''),
      table: {
        columns: [
          { key: 'leadId', label: 'Lead' }, { key: 'owner', label: 'Owner' }, { key: 'team', label: 'Team' }, { key: 'startAt', label: 'MQL at' },
          { key: 'noOwner', label: 'No owner' }, { key: 'noTouch', label: 'No touch' }, { key: 'noDisposition', label: 'No decision' },
        ],
        rows: leaks.leads.slice(0, breachRowsInHtml).map((l) => ({ ...l })),
      },
    },
  ];
  return {
    title: 'Handoff SLAs',
    meta: {
      window: report.window, asOf: report.asOf, ...(report.dataFreshness ? { dataFreshness: report.dataFreshness } : {}),
      ...(report.zoneAssumption ? { zoneAssumption: report.zoneAssumption } : {}), generatedBy,
    },
    warnings: report.warnings,
    sections,
    definitions: [
      { term: 'Instance', text: 'One start of an SLA (an entry into its start stage, or an engagement event); a lead that re-enters the stage starts a new instance.' },
      { term: 'Met / breached / pending', text: 'Met: ended by the deadline with its required fields. Breached: ended late, not ended with the deadline passed, or ended without a required field. Pending: not ended, deadline after the as-of.' },
      { term: 'Business time', text: "Deadlines in business hours run on the lead owner's calendar; wall-clock targets count every minute." },
      { term: 'Late (business)', text: 'Business minutes from the deadline to the end, or to the as-of while still open.' },
    ],
  };
}
