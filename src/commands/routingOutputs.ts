/**
 * How the routing report reads in each output format (see emit.ts): the terminal summary, the
 * CSV of one list (`--list`, formula-safe), the HTML page and the JSON contract.
 */
import { usageError } from '../errors.js';
import { toCsv, type CsvColumn } from '../reports/escape.js';
import { renderTextTable, wrap } from '../reports/format.js';
import { routingReportDocument } from '../reports/routingReport.js';
import type { RoutingReport } from '../routing/types.js';
import { generatedBy } from '../version.js';
import type { ReportOutputs } from './emit.js';

/** Every list the report holds, as CSV columns (snake_case headers) and rows. */
export const routingLists = {
  unassigned: (r: RoutingReport) => ({
    columns: [
      'leadId:lead_id',
      'company',
      'ownerId:owner_id',
      'owner',
      'reason',
      'stage',
      'createdAt:created_at',
      'ageDays:age_days',
      'neverOwnedMql:never_owned_mql',
    ],
    rows: r.unassigned.leads,
  }),
  distribution: (r: RoutingReport) => ({
    columns: ['kind', 'week', 'ownerId:owner_id', 'owner', 'actual', 'expected'],
    rows: r.distribution.rows,
  }),
  fairness: (r: RoutingReport) => ({
    columns: ['kind', 'week', 'total', 'maxMinRatio:max_min_ratio', 'chiSquare:chi_square', 'df', 'pValue:p_value', 'toAbsentOwners:to_absent_owners'],
    rows: r.distribution.kinds.flatMap((k) => [{ kind: k.kind, week: 'all', ...k.overall }, ...k.weeks.map((w) => ({ kind: k.kind, ...w }))]),
  }),
  reassignments: (r: RoutingReport) => ({
    columns: ['leadId:lead_id', 'reassignments', 'pingPongs:ping_pongs', 'path', 'firstAssignedAt:first_assigned_at', 'lastAssignedAt:last_assigned_at'],
    rows: r.timeToAssign.reassigned,
  }),
  'abm-breaches': (r: RoutingReport) => ({
    columns: ['leadId:lead_id', 'company', 'tier', 'startAt:mql_at', 'deadlineAt:deadline_at', 'endAt:first_touch_at'],
    rows: r.abm.breaches,
  }),
  committees: (r: RoutingReport) => ({
    columns: [
      'accountKey:account_key',
      'account',
      'contacts',
      'windowStart:window_start',
      'windowEnd:window_end',
      'leads:lead_ids',
      'ownerNames:owners',
      'sharedOwner:shared_owner',
    ],
    rows: r.committees.accounts.map((c) => ({ ...c, leads: c.leadIds.join(' '), ownerNames: c.owners.join('; ') })),
  }),
} as const;

export type RoutingList = keyof typeof routingLists;
export const routingListNames = Object.keys(routingLists) as RoutingList[];

const csvColumns = (columns: readonly string[]): CsvColumn[] =>
  columns.map((c) => {
    const [key, label] = c.split(':') as [string, string | undefined];
    return { key, label: label ?? key };
  });

export function routingCsv(report: RoutingReport, list: string = 'unassigned'): string {
  if (!(list in routingLists)) throw usageError(`--list is one of ${routingListNames.join(', ')}, not "${list}"`);
  const { columns, rows } = routingLists[list as RoutingList](report);
  return toCsv(csvColumns(columns), rows as unknown as Record<string, unknown>[]);
}

const fixed = (value: number | null, digits: number) => (value === null ? '—' : value.toFixed(digits));

export function routingOutputs(report: RoutingReport, list?: string): ReportOutputs {
  return {
    name: 'routing',
    json: report,
    document: () => routingReportDocument(report, generatedBy),
    csv: () => routingCsv(report, list),
    table: (width) => {
      const u = report.unassigned;
      const t = report.timeToAssign;
      const header =
        `Lead routing · ${report.window.from.slice(0, 10)} → ${report.window.to.slice(0, 10)} · as of ${report.asOf}` +
        (report.dataFreshness ? ` · newest record ${report.dataFreshness}` : '') +
        (report.zoneAssumption ? `\n${report.zoneAssumption}` : '');
      const fairness = report.distribution.kinds.map((k) => ({
        kind: k.kind === 'lead' ? 'new leads' : 'MQLs',
        decisions: k.decisions,
        outsidePool: k.outsidePool,
        ratio: fixed(k.overall.maxMinRatio, 2),
        chi: fixed(k.overall.chiSquare, 1),
        df: k.overall.df,
        p: k.overall.pValue === null ? '—' : k.overall.pValue < 0.001 ? '< 0.001' : k.overall.pValue.toFixed(3),
        furthest: k.furthestOff.map((o) => `${o.owner} ${o.actual}/${o.expected.toFixed(1)}`).join(', '),
      }));
      return [
        header,
        `Unassigned: ${u.count} leads (${u.byReason.no_owner} no owner, ${u.byReason.queue} queue, ${u.byReason.inactive_owner} inactive owner); ${u.mqlsNeverOwned} MQLs never owned.`,
        renderTextTable(
          [
            { key: 'kind', label: 'distribution' },
            { key: 'decisions', label: 'decisions', format: 'int' },
            { key: 'outsidePool', label: 'outside pool', format: 'int', priority: 2 },
            { key: 'ratio', label: 'max/min', align: 'right' },
            { key: 'chi', label: 'χ²', align: 'right', priority: 3 },
            { key: 'df', label: 'df', format: 'int', priority: 1 },
            { key: 'p', label: 'p-value', align: 'right' },
            { key: 'furthest', label: 'furthest off (actual/expected)', abbreviate: true, priority: 4 },
          ],
          fairness,
          width,
        ),
        renderTextTable(
          [
            { key: 'start', label: 'time to assign' },
            { key: 'starts', label: 'starts', format: 'int' },
            { key: 'assigned', label: 'timed', format: 'int', priority: 3 },
            { key: 'medianBusinessMinutes', label: 'median (business)', format: 'minutes' },
            { key: 'p90BusinessMinutes', label: 'p90 (business)', format: 'minutes', priority: 2 },
            { key: 'noHistory', label: 'no history', format: 'int', priority: 1 },
            { key: 'unassigned', label: 'unassigned', format: 'int' },
          ],
          [
            { start: 'from creation', ...t.fromCreated },
            { start: 'from MQL', ...t.fromMql },
          ],
          width,
        ),
        `Reassignments: ${t.reassignedLeads} leads, ${t.reassignments} changes, ${t.pingPongLeads} ping-pong (A → B → A).`,
        renderTextTable(
          [
            { key: 'tier', label: 'ABM tier', format: 'int' },
            { key: 'target', label: 'target' },
            { key: 'eligible', label: 'MQLs', format: 'int', priority: 2 },
            { key: 'met', label: 'met', format: 'int', priority: 1 },
            { key: 'breached', label: 'breached', format: 'int', priority: 3 },
            { key: 'compliance', label: 'compliance', format: 'pct1' },
          ],
          report.abm.tiers as unknown as Record<string, unknown>[],
          width,
        ),
        `Buying committees (${report.committees.minContacts}+ contacts within ${report.committees.windowDays} days): ${report.committees.accounts.length} accounts, ${report.committees.accounts.filter((c) => !c.sharedOwner).length} split across owners.`,
        `Lists: --format csv --list ${routingListNames.join('|')}.`,
        report.warnings.length ? `Warnings:\n${report.warnings.map((w) => `  - ${w}`).join('\n')}` : '',
      ]
        .filter(Boolean)
        .map((block) => (block.includes('---') ? block : prose(block, width)))
        .join('\n\n');
    },
  };
}

/** A paragraph of the terminal view on lines of the terminal's width (tables fit themselves). */
const prose = (text: string, width?: number) =>
  text
    .split('\n')
    .flatMap((line) => {
      const indent = /^\s*/.exec(line)![0];
      return wrap(line.trim(), (width ?? Number.POSITIVE_INFINITY) - indent.length).map((l) => indent + l);
    })
    .join('\n');
