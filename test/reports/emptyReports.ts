/**
 * The four report contracts for a window with nothing in it: what a first run on a fresh export,
 * or a too-narrow --since, hands the page builders. Shaped like the JSON the commands print.
 */
import type { FunnelReport } from '../../src/metrics/funnel.js';
import { responseBuckets, type SlaReport, type SpeedToLeadReport } from '../../src/sla/types.js';

const window = { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' };
const asOf = '2026-11-01T00:00:00.000Z';

export const emptySpeedToLead: SpeedToLeadReport = {
  report: 'speed-to-lead',
  asOf,
  window,
  start: 'mql',
  sla: { name: 'first_touch', target: '4 business hours', targetMinutes: 240, clock: 'business' },
  bucketClock: 'business',
  dataFreshness: null,
  overall: { n: 0, touched: 0, medianMinutes: null, medianBusinessMinutes: null, p90BusinessMinutes: null, withinTarget: null },
  buckets: responseBuckets.map((bucket) => ({ bucket, n: 0, share: null })),
  groups: [],
  coverage: [],
  coverageTimezone: 'America/New_York',
  conversionByBucket: responseBuckets.map((bucket) => ({ bucket, n: 0, converted: 0, conversion: null, ci95: null })),
  conversionStage: 'sql',
  warnings: [],
};

export const emptySla: SlaReport = {
  report: 'sla',
  asOf,
  window,
  dataFreshness: null,
  slas: [
    {
      name: 'first_touch',
      label: 'MQL → first touch',
      target: '4 business hours',
      requiredFields: [],
      eligible: 0,
      met: 0,
      breached: 0,
      pending: 0,
      compliance: null,
      ci95: null,
      groups: [],
    },
  ],
  breachCount: 0,
  breaches: [],
  leaks: { mqls: 0, noOwner: 0, noTouch: 0, noDisposition: 0, leadCount: 0, leads: [] },
  warnings: [],
};

const stage = (id: string, label: string) => ({
  stage: id,
  label,
  reached: 0,
  conversionFromPrevious: null,
  conversionFromTop: null,
  ci95: null,
  medianDaysFromPrevious: null,
  p90DaysFromPrevious: null,
  open: 0,
  impliedBySkip: 0,
  reentries: 0,
  outOfOrder: 0,
});

export const emptyFunnel: FunnelReport = {
  report: 'funnel',
  asOf,
  window,
  cohortStage: 'lead',
  skipped: 'count',
  dataFreshness: null,
  maturedWindowDays: null,
  stages: [stage('lead', 'Lead'), stage('mql', 'MQL'), stage('sql', 'SQL'), stage('opportunity', 'Opportunity'), stage('customer', 'Customer')],
  groups: [],
  trend: [],
  period: [],
  warnings: [],
};
