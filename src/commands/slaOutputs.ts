/** How the speed-to-lead and SLA reports read in each output format (see emit.ts). */
import { ciText, renderTextTable } from '../reports/format.js';
import { breachesCsv, slaReportDocument } from '../reports/slaReport.js';
import { speedToLeadReportDocument } from '../reports/speedToLeadReport.js';
import { toCsv } from '../reports/escape.js';
import { usageError } from '../errors.js';
import type { SlaReport, SpeedToLeadReport } from '../sla/types.js';
import { generatedBy } from '../version.js';
import type { ReportOutputs } from './emit.js';
import { headlineText } from '../reports/tileText.js';
import { slaTiles, speedToLeadTiles } from '../reports/tiles.js';

const header = (title: string, report: { window: { from: string; to: string }; asOf: string; dataFreshness: string | null; zoneAssumption?: string }) =>
  `${title} · ${report.window.from.slice(0, 10)} → ${report.window.to.slice(0, 10)} · as of ${report.asOf}` +
  (report.dataFreshness ? ` · newest record ${report.dataFreshness}` : '') +
  (report.zoneAssumption ? `\n${report.zoneAssumption}` : '');

/** The full breach CSV is written from the warehouse by sla({ format: 'csv' }) (src/sla/breaches.ts). */
export const slaCsvNeedsWarehouse = (count: number) =>
  `${count} breaches: the CSV export is written from the warehouse by the sla command with --format csv (the report JSON lists the most late only)`;

const warningsText = (warnings: string[]) => (warnings.length ? `Warnings:\n${warnings.map((w) => `  - ${w}`).join('\n')}` : '');

export function speedToLeadOutputs(report: SpeedToLeadReport): ReportOutputs {
  return {
    name: 'speed-to-lead',
    json: report,
    document: () => speedToLeadReportDocument(report, generatedBy),
    csv: () =>
      toCsv(
        ['dimension', 'key', 'n', 'touched', 'medianMinutes', 'medianBusinessMinutes', 'p90BusinessMinutes', 'withinTarget'],
        [{ dimension: '(all)', key: '(all)', ...report.overall }, ...report.groups],
      ),
    table: (width) => {
      const o = report.overall;
      const stats = [
        { key: 'n', label: report.start === 'mql' ? 'MQLs' : 'starts', format: 'int' as const },
        { key: 'touched', label: 'touched', format: 'int' as const, priority: 2 },
        { key: 'medianMinutes', label: 'median', format: 'minutes' as const, priority: 3 },
        { key: 'medianBusinessMinutes', label: 'median (business)', format: 'minutes' as const },
        { key: 'p90BusinessMinutes', label: 'p90 (business)', format: 'minutes' as const, priority: 1 },
        { key: 'withinTarget', label: `within ${report.sla.target}`, format: 'pct1' as const },
      ];
      return [
        header(`Speed-to-lead (${report.sla.name})`, report),
        headlineText(speedToLeadTiles(report), report.previous, width),
        renderTextTable(stats, [o as unknown as Record<string, unknown>], width),
        renderTextTable(
          [
            { key: 'bucket', label: 'first touch' },
            { key: 'n', label: 'leads', format: 'int' },
            { key: 'share', label: 'share', format: 'pct1' },
          ],
          report.buckets,
          width,
        ),
        renderTextTable(
          [
            { key: 'bucket', label: 'response' },
            { key: 'n', label: 'leads', format: 'int' },
            { key: 'converted', label: `reached ${report.conversionStage}`, format: 'int' },
            { key: 'conversion', label: 'conversion', format: 'pct1' },
            { key: 'ci', label: '95% interval', priority: 1 },
          ],
          report.conversionByBucket.map((b) => ({ ...b, ci: ciText(b.ci95) })),
          width,
        ),
        renderTextTable(
          [{ key: 'dimension', label: 'by' }, { key: 'key', label: '', abbreviate: true }, ...stats],
          report.groups as unknown as Record<string, unknown>[],
          width,
        ),
        warningsText(report.warnings),
      ]
        .filter(Boolean)
        .join('\n\n');
    },
  };
}

export function slaOutputs(report: SlaReport): ReportOutputs {
  return {
    name: 'sla',
    json: report,
    document: () => slaReportDocument(report, generatedBy),
    csv: () => {
      // Only the listed breaches are in the report: a partial breach list must not pass for the whole.
      if (report.breachCount > report.breaches.length) throw usageError(slaCsvNeedsWarehouse(report.breachCount));
      return breachesCsv(report);
    },
    table: (width) =>
      [
        header('SLA compliance', report),
        headlineText(slaTiles(report), report.previous, width),
        renderTextTable(
          [
            { key: 'label', label: 'SLA', abbreviate: true },
            { key: 'target', label: 'target', priority: 5 },
            { key: 'eligible', label: 'eligible', format: 'int', priority: 3 },
            { key: 'met', label: 'met', format: 'int', priority: 2 },
            { key: 'breached', label: 'breached', format: 'int', priority: 6 },
            { key: 'pending', label: 'pending', format: 'int', priority: 1 },
            { key: 'compliance', label: 'compliance', format: 'pct1' },
            { key: 'ci', label: '95% interval', priority: 4 },
          ],
          report.slas.map((s) => ({ ...s, ci: ciText(s.ci95) })),
          width,
        ),
        `Leaks among ${report.leaks.mqls} MQLs: ${report.leaks.noOwner} with no owner, ${report.leaks.noTouch} never touched, ${report.leaks.noDisposition} with no disposition after the SLA.`,
        `${report.breachCount} breaches: --format csv --out breaches.csv lists them for follow-up.`,
        warningsText(report.warnings),
      ]
        .filter(Boolean)
        .join('\n\n'),
  };
}
