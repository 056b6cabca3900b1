/**
 * The routing page's headline tiles: unassigned leads, median time to assign, the fairness of new
 * leads' distribution and ABM compliance. Pure: from the RoutingReport only.
 */
import type { RoutingReport } from '../routing/types.js';
import { slaComplianceGoal } from './benchmarks.js';
import { int, minutes, pct, pct1 } from './format.js';
import type { HeadlineTile } from './types.js';

const noData = 'no data';

/** Below this p-value the split is called unlikely to be chance. */
export const fairnessAlpha = 0.05;

export function routingTiles(report: RoutingReport): HeadlineTile[] {
  const { unassigned, timeToAssign, abm } = report;
  const created = timeToAssign.fromCreated;
  const leads = report.distribution.kinds.find((k) => k.kind === 'lead');
  const fair = leads?.overall;
  const abmDecided = abm.tiers.reduce((sum, t) => sum + t.met + t.breached, 0);
  const abmMet = abm.tiers.reduce((sum, t) => sum + t.met, 0);
  return [
    {
      key: 'unassigned',
      label: 'Unassigned leads',
      value: int(unassigned.count),
      detail: `${int(unassigned.byReason.no_owner)} no owner · ${int(unassigned.byReason.queue)} in a queue · ${int(unassigned.byReason.inactive_owner)} inactive owner · ${int(unassigned.mqlsNeverOwned)} MQLs never owned`,
      target: 'goal 0',
      status: unassigned.count === 0 ? 'good' : 'bad',
      statusText: unassigned.count === 0 ? 'every lead has a working owner' : 'leads nobody works',
      definition: 'Leads whose owner is empty, a Salesforce queue (00G…) or a user the owners export marks inactive, at the as-of.',
    },
    {
      key: 'median-time-to-assign',
      label: 'Median time to assign (business)',
      value: created.medianBusinessMinutes === null ? noData : minutes(created.medianBusinessMinutes),
      detail: `${int(created.assigned)} of ${int(created.starts)} new leads timed · p90 ${created.p90BusinessMinutes === null ? '—' : minutes(created.p90BusinessMinutes)}`,
      ...(created.medianBusinessMinutes === null
        ? { status: 'none' as const, statusText: created.noHistory > 0 ? 'no owner history exported' : 'no assignments' }
        : { status: 'none' as const }),
      definition: "Business minutes from a lead's creation to its first assignment to a person, on that owner's calendar, from owner history.",
    },
    {
      key: 'fairness',
      label: 'Fairness of new leads',
      value:
        fair?.maxMinRatio === null || fair?.maxMinRatio === undefined
          ? fair && fair.total > 0
            ? 'someone got none'
            : noData
          : `${fair.maxMinRatio.toFixed(2)}× max/min`,
      ...(fair?.pValue === null || fair?.pValue === undefined
        ? {}
        : { detail: `χ² ${fair.chiSquare?.toFixed(1)} (df ${fair.df}) · p ${fair.pValue < 0.001 ? '< 0.001' : `= ${fair.pValue.toFixed(3)}`}` }),
      target: `even split: p ≥ ${fairnessAlpha}`,
      ...(fair?.pValue === null || fair?.pValue === undefined
        ? { status: 'none' as const, statusText: 'fewer than two owners expected a share' }
        : fair.pValue >= fairnessAlpha
          ? { status: 'good' as const, statusText: 'consistent with the expected shares' }
          : { status: 'bad' as const, statusText: 'unlikely to be chance' }),
      definition:
        'Highest ÷ lowest ratio of actual to expected new leads among pool owners over the window, and the chi-square test of the counts against the expected shares (weights, PTO).',
    },
    {
      key: 'abm-compliance',
      label: 'ABM response SLAs',
      value: abm.compliance === null ? noData : pct1(abm.compliance),
      detail: `${int(abmMet)} of ${int(abmDecided)} tiered MQLs met · ${abm.tiers.map((t) => `T${t.tier} ${t.compliance === null ? '—' : pct(t.compliance)}`).join(' · ')}`,
      target: `goal ≥ ${pct(slaComplianceGoal)}`,
      ...(abm.compliance === null
        ? { status: 'none' as const, statusText: 'no tiered MQLs decided' }
        : abm.compliance >= slaComplianceGoal
          ? { status: 'good' as const, statusText: 'meets the goal' }
          : { status: 'bad' as const, statusText: 'below the goal' }),
      definition: `Met ÷ (met + breached) of MQLs from tiered accounts: first touch within ${abm.tiers.map((t) => `${t.target} (tier ${t.tier})`).join(', ')}.`,
    },
  ];
}
