/** How the hygiene report reads in each output format (see emit.ts). */
import { hygieneReportDocument, hygieneIssues, issueColumns } from '../reports/hygieneReport.js';
import { pct1, renderTextTable, wrap } from '../reports/format.js';
import { toCsv } from '../reports/escape.js';
import type { HygieneReport } from '../hygiene/types.js';
import { usageError } from '../errors.js';
import { generatedBy } from '../version.js';
import type { ReportOutputs } from './emit.js';

const header = (report: HygieneReport) =>
  `Data hygiene · as of ${report.asOf} · flow ${report.window.from.slice(0, 10)} → ${report.window.to.slice(0, 10)}` +
  (report.dataFreshness ? ` · newest record ${report.dataFreshness}` : '') +
  (report.zoneAssumption ? `\n${report.zoneAssumption}` : '');

/** Whether any list holds fewer rows than its count. */
export const listsCut = (r: HygieneReport) =>
  r.duplicates.pairs.length < r.duplicates.duplicateLeads ||
  r.duplicates.accounts.length < r.duplicates.accountSpellings ||
  r.completeness.offenders.length < r.completeness.offenderCount ||
  [r.stuck, r.stale, r.unknownStage, r.unowned].some((list) => list.leads.length < list.count);

export const hygieneCsvNeedsWarehouse =
  'a hygiene list is longer than the report holds: the CSV export is written from the warehouse by the hygiene command with --format csv';

const warningsText = (warnings: string[], width: number) =>
  warnings.length
    ? `Warnings:\n${warnings
        .map((w) =>
          wrap(`- ${w}`, width - 2)
            .map((line, i) => (i ? `    ${line}` : `  ${line}`))
            .join('\n'),
        )
        .join('\n')}`
    : '';

export function hygieneOutputs(report: HygieneReport): ReportOutputs {
  const d = report.duplicates;
  const c = report.completeness;
  return {
    name: 'hygiene',
    json: report,
    document: () => hygieneReportDocument(report, generatedBy),
    // every list in one file, a row per flagged record; a list cut at listLimit must not pass for the
    // whole, so then the command writes the CSV from the warehouse (src/hygiene/issuesCsv.ts)
    csv: () => {
      if (listsCut(report)) throw usageError(hygieneCsvNeedsWarehouse);
      return toCsv(issueColumns, hygieneIssues(report));
    },
    table: (width) => {
      const prose = (text: string) => wrap(text, width ?? Number.POSITIVE_INFINITY).join('\n');
      return [
        header(report),
        prose(`Duplicates: ${d.duplicateLeads} of ${d.leads} leads (${pct1(d.duplicateRate)}); survivor rule ${d.survivorRule.join(' → ')}.`),
        renderTextTable(
          [
            { key: 'tier', label: 'tier', format: 'int' },
            { key: 'label', label: 'matched on', abbreviate: true },
            { key: 'clusters', label: 'clusters', format: 'int', priority: 1 },
            { key: 'duplicates', label: 'duplicates', format: 'int' },
          ],
          d.tiers as unknown as Record<string, unknown>[],
          width,
        ),
        prose(
          `Required fields: ${pct1(c.overall)} of checks pass against a ${pct1(c.target)} target; ${c.fieldsBelowTarget} fields below it; ${c.offenderCount} records missing one.`,
        ),
        renderTextTable(
          [
            { key: 'rule', label: 'stage', abbreviate: true },
            { key: 'field', label: 'field', abbreviate: true },
            { key: 'present', label: 'present', format: 'int', priority: 1 },
            { key: 'records', label: 'records', format: 'int', priority: 2 },
            { key: 'completeness', label: 'complete', format: 'pct1' },
          ],
          c.fields as unknown as Record<string, unknown>[],
          width,
        ),
        prose(
          `Stuck (over ${report.stuck.multiple}× the stage's median stay): ${report.stuck.count}. Stale (no activity for ${report.stale.months} months): ${report.stale.count}. Unknown stage: ${report.unknownStage.count}. No owner: ${report.unowned.count}.`,
        ),
        renderTextTable(
          [
            { key: 'stage', label: 'stage' },
            { key: 'current', label: 'now', format: 'int' },
            { key: 'entered', label: 'entered', format: 'int', priority: 2 },
            { key: 'exited', label: 'exited', format: 'int', priority: 2 },
            { key: 'growth', label: 'growth', format: 'int', priority: 3 },
            { key: 'medianDays', label: 'median stay', format: 'days', priority: 1 },
            { key: 'stuck', label: 'stuck', format: 'int' },
          ],
          report.distribution.flow.map((f) => {
            const m = report.stuck.stages.find((s) => s.stage === f.stage);
            return { ...f, medianDays: m?.medianDays ?? null, stuck: m?.stuck ?? 0 };
          }),
          width,
        ),
        prose(`Bottleneck: ${report.distribution.bottleneck ?? 'none (no stage grew in the window)'}.`),
        warningsText(report.warnings, width ?? Number.POSITIVE_INFINITY),
      ]
        .filter(Boolean)
        .join('\n\n');
    },
  };
}
