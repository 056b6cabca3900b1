/**
 * The routing page: RoutingReport (the JSON contract) → ReportDocument. Pure: no database, no
 * clock. Lists are cut at listRowsInHtml rows here; the CSV (`--list`) and the JSON hold them all.
 */
import type { AssignStats, DistributionKind, RoutingReport } from '../routing/types.js';
import { barChart, expectedBarChart } from './charts/index.js';
import { ciWhole, reportMeta } from './format.js';
import { routingTiles } from './routingTiles.js';
import type { ReportDocument, Section, TableColumn } from './types.js';

export const listRowsInHtml = 200;

const kindLabel = { lead: 'New leads', mql: 'MQLs' } as const;

const fairnessColumns: TableColumn[] = [
  { key: 'total', label: 'Decisions', format: 'int' },
  { key: 'ratio', label: 'Max/min', align: 'right' },
  { key: 'chi', label: 'χ²', align: 'right' },
  { key: 'df', label: 'df', format: 'int' },
  { key: 'p', label: 'p-value', align: 'right' },
  { key: 'toAbsentOwners', label: 'To absent owners', format: 'int' },
];

const fixed = (value: number | null, digits: number) => (value === null ? '—' : value.toFixed(digits));
const pText = (p: number | null) => (p === null ? '—' : p < 0.001 ? '< 0.001' : p.toFixed(3));
const fairnessRow = (f: DistributionKind['overall']) => ({ ...f, ratio: fixed(f.maxMinRatio, 2), chi: fixed(f.chiSquare, 2), p: pText(f.pValue) });

const cut = <T>(rows: readonly T[]) => rows.slice(0, listRowsInHtml);
const cutNote = (shown: number, total: number) => (total > shown ? ` The first ${shown} of ${total} are shown; --format csv --list lists them all.` : '');

function distributionSections(report: RoutingReport): Section[] {
  const pool = report.distribution.poolConfigured ? 'the configured pool' : 'every owner who received one';
  return report.distribution.kinds.flatMap((k): Section[] => {
    if (k.decisions === 0) return [];
    const label = kindLabel[k.kind];
    const owners = k.owners.map((o) => ({ ...o, residualText: fixed(o.residual, 2) }));
    return [
      {
        id: `distribution-${k.kind}`,
        heading: `${label} per owner`,
        intro:
          `${k.decisions} ${k.kind === 'lead' ? 'new leads' : 'MQLs'} in the window, ${k.outsidePool} not routed to the pool (${pool}). ` +
          'Bars: what each owner got; ticks: their expected share (equal, or by weight, none while away). ' +
          `Furthest off: ${k.furthestOff.map((o) => `${o.owner} (${o.actual} vs ${o.expected.toFixed(1)})`).join(', ') || 'nobody'}.`,
        ...(owners.length > 0
          ? {
              chart: expectedBarChart({
                rows: owners,
                category: 'owner',
                actual: 'actual',
                expected: 'expected',
                title: `${label} per owner: actual and expected`,
              }),
            }
          : {}),
        table: {
          columns: [
            { key: 'owner', label: 'Owner' },
            { key: 'actual', label: 'Actual', format: 'int' },
            { key: 'expected', label: 'Expected', align: 'right' },
            { key: 'residualText', label: 'Residual', align: 'right' },
          ],
          rows: owners.map((o) => ({ ...o, expected: o.expected.toFixed(1) })),
        },
      },
      {
        id: `fairness-${k.kind}`,
        heading: `${label}: fairness by week`,
        intro:
          'Per ISO week (Mondays, in the default calendar zone): highest ÷ lowest actual/expected ratio and the chi-square test against the expected shares.',
        table: {
          columns: [{ key: 'week', label: 'Week', format: 'date' }, ...fairnessColumns],
          rows: [{ week: 'whole window', ...fairnessRow(k.overall) }, ...k.weeks.map((w) => ({ ...fairnessRow(w), week: w.week }))],
        },
        foldTable: `${k.weeks.length} weeks`,
      },
    ];
  });
}

const assignColumns: TableColumn[] = [
  { key: 'start', label: 'From' },
  { key: 'starts', label: 'Starts', format: 'int' },
  { key: 'assigned', label: 'Timed', format: 'int' },
  { key: 'medianMinutes', label: 'Median (real)', format: 'minutes' },
  { key: 'medianBusinessMinutes', label: 'Median (business)', format: 'minutes' },
  { key: 'p90BusinessMinutes', label: 'p90 (business)', format: 'minutes' },
  { key: 'ownedAtStart', label: 'Owned already', format: 'int' },
  { key: 'noHistory', label: 'No history', format: 'int' },
  { key: 'untimed', label: 'Untimed', format: 'int' },
  { key: 'unassigned', label: 'Unassigned', format: 'int' },
];

function timeToAssignSections(report: RoutingReport): Section[] {
  const t = report.timeToAssign;
  const row = (start: string, s: AssignStats) => ({ start, ...s });
  const created = t.buckets.filter((b) => b.start === 'created');
  return [
    {
      id: 'time-to-assign',
      heading: 'Time to assign',
      intro:
        "From creation (or MQL entry) to the first assignment to a person, from owner history; business minutes on the assigned owner's calendar. " +
        '"Owned already": MQLs a person owned at entry. "No history": owned, but no owner history was exported.',
      ...(created.some((b) => b.n > 0)
        ? {
            chart: barChart({
              rows: t.buckets.map((b) => ({ ...b, startLabel: b.start === 'created' ? 'from creation' : 'from MQL' })),
              x: 'bucket',
              y: 'n',
              color: 'startLabel',
              title: 'Time to assign (business minutes)',
              format: 'int',
              colorTitle: 'Start',
            }),
          }
        : {}),
      table: { columns: assignColumns, rows: [row('creation', t.fromCreated), row('MQL entry', t.fromMql)] },
    },
    {
      id: 'reassignments',
      heading: 'Reassignments and ping-pong',
      intro:
        `${t.reassignedLeads} leads changed owner in the window (${t.reassignments} reassignments); ${t.pingPongLeads} went back to an earlier owner (A → B → A).` +
        cutNote(Math.min(t.reassigned.length, listRowsInHtml), t.reassignedLeads),
      table: {
        columns: [
          { key: 'leadId', label: 'Lead', format: 'id' },
          { key: 'reassignments', label: 'Reassignments', format: 'int' },
          { key: 'pingPongs', label: 'Ping-pongs', format: 'int' },
          { key: 'path', label: 'Owners in order' },
          { key: 'lastAssignedAt', label: 'Last change', format: 'datetime' },
        ],
        rows: cut(t.reassigned).map((r) => ({ ...r })),
      },
    },
  ];
}

export function routingReportDocument(report: RoutingReport, generatedBy = 'revops-report'): ReportDocument {
  const u = report.unassigned;
  const sections: Section[] = [
    {
      id: 'unassigned',
      heading: 'Unassigned and leaky',
      intro:
        `${u.count} leads nobody can work: ${u.byReason.no_owner} with no owner, ${u.byReason.queue} in a Salesforce queue, ${u.byReason.inactive_owner} owned by an inactive user; ` +
        `${u.mqlsNeverOwned} MQLs of the window never got an owner. Oldest first.${cutNote(Math.min(u.leads.length, listRowsInHtml), u.count)}`,
      table: {
        columns: [
          { key: 'leadId', label: 'Lead', format: 'id' },
          { key: 'company', label: 'Company' },
          { key: 'reason', label: 'Why' },
          { key: 'owner', label: 'Owner' },
          { key: 'stage', label: 'Stage' },
          { key: 'ageDays', label: 'Age', format: 'days' },
          { key: 'mql', label: 'MQL never owned' },
        ],
        rows: cut(u.leads).map((l) => ({ ...l, reason: l.reason.replace('_', ' '), mql: l.neverOwnedMql ? 'yes' : '' })),
      },
    },
    ...distributionSections(report),
    ...timeToAssignSections(report),
    {
      id: 'abm',
      heading: 'ABM tiers',
      intro: `MQL → first touch by a person, per account tier (the config's accounts, else the lead field "${report.abm.tierField}"). Pending instances are left out of compliance.`,
      table: {
        columns: [
          { key: 'tier', label: 'Tier', format: 'int' },
          { key: 'target', label: 'Target' },
          { key: 'eligible', label: 'MQLs', format: 'int' },
          { key: 'met', label: 'Met', format: 'int' },
          { key: 'breached', label: 'Breached', format: 'int' },
          { key: 'pending', label: 'Pending', format: 'int' },
          { key: 'compliance', label: 'Compliance', format: 'pct1' },
          { key: 'interval', label: '95% interval' },
        ],
        rows: report.abm.tiers.map((t) => ({ ...t, interval: ciWhole(t.ci95) })),
      },
    },
    {
      id: 'committees',
      heading: 'Buying committees',
      intro:
        `Accounts where ${report.committees.minContacts} or more contacts engaged within ${report.committees.windowDays} days. ` +
        'They should share one owner; "no" means the committee is split across reps.',
      table: {
        columns: [
          { key: 'account', label: 'Account' },
          { key: 'contacts', label: 'Contacts', format: 'int' },
          { key: 'windowStart', label: 'From', format: 'date' },
          { key: 'windowEnd', label: 'To', format: 'date' },
          { key: 'ownersText', label: 'Owners' },
          { key: 'shared', label: 'One owner' },
        ],
        rows: cut(report.committees.accounts).map((c) => ({ ...c, ownersText: c.owners.join(', '), shared: c.sharedOwner ? 'yes' : 'no' })),
      },
    },
  ];
  return {
    title: 'Lead routing',
    subtitle: 'Distribution, unassigned leads, time to assign, ABM tiers and buying committees',
    meta: reportMeta(report, generatedBy),
    tiles: routingTiles(report),
    warnings: report.warnings,
    sections,
    definitions: [
      {
        term: 'Routing decision',
        text: 'A new lead (to the first person it was assigned to) or an MQL entry (to the person owning it then, else the first assigned after).',
      },
      {
        term: 'Expected share',
        text: "Each decision is shared among the pool owners not on PTO that day, in proportion to their weights (equal by default); an owner's expected count is the sum of those shares.",
      },
      {
        term: 'Chi-square test',
        text: 'Σ (actual − expected)² ÷ expected over owners with an expected share, df = owners − 1; the p-value is the chance of a split at least this uneven if routing followed the shares.',
      },
      { term: 'Ping-pong', text: 'A lead handed back to an owner it had two steps earlier (A → B → A); a queue in between is not a step.' },
      { term: 'Business minutes', text: "Minutes inside the working hours of the assigned owner's calendar (zone, hours, holidays)." },
    ],
  };
}
