/**
 * The JSON contract of `routing` (docs/routing.md). Stable: a change here is a CHANGELOG entry.
 * Values keep full double precision; minutes are real minutes, "business" minutes run on the
 * assigned owner's calendar.
 */
import type { ReportWindowJson } from '../sla/types.js';

export type RoutingKind = 'lead' | 'mql';

/** How evenly one period's decisions went to the pool, against the expected shares. */
export interface Fairness {
  /** decisions to pool owners */
  total: number;
  /** highest ÷ lowest actual/expected ratio among owners with an expected share; null when the lowest got none */
  maxMinRatio: number | null;
  /** Pearson's chi-square of actual against expected counts (owners with an expected share) */
  chiSquare: number | null;
  /** owners with an expected share - 1 */
  df: number | null;
  /** P(χ²(df) ≥ chiSquare): small means the split is unlikely to be fair chance */
  pValue: number | null;
  /** decisions to owners expected to get none (away all of those days, or weight 0) */
  toAbsentOwners: number;
}

export interface OwnerShare {
  ownerId: string;
  owner: string;
  actual: number;
  expected: number;
  /** (actual - expected) ÷ √expected; null when nothing was expected */
  residual: number | null;
}

export interface DistributionKind {
  kind: RoutingKind;
  /** decisions of this kind in the window */
  decisions: number;
  /** decisions not routed to a pool owner (no owner, a queue, or someone outside the pool) */
  outsidePool: number;
  overall: Fairness;
  owners: OwnerShare[];
  /** at most three owners, largest |residual| first */
  furthestOff: OwnerShare[];
  weeks: ({ week: string } & Fairness)[];
}

export interface DistributionRow {
  kind: RoutingKind;
  /** Monday of the ISO week, in the default calendar's zone */
  week: string;
  ownerId: string;
  owner: string;
  actual: number;
  expected: number;
}

export interface AssignStats {
  starts: number;
  /** starts whose first person assignment was found */
  assigned: number;
  /** MQL starts already owned by a person at the entry (nothing to route) */
  ownedAtStart: number;
  /** a person owns the lead but no owner history was exported: not measurable */
  noHistory: number;
  /** a person owns the lead, but the history holds no assignment after the start */
  untimed: number;
  /** no person owns the lead by the as-of */
  unassigned: number;
  medianMinutes: number | null;
  medianBusinessMinutes: number | null;
  p90BusinessMinutes: number | null;
}

export type AssignBucket = '<5m' | '5–30m' | '30–60m' | '1–4h' | '4–24h' | '>24h' | 'never';
export const assignBuckets: readonly AssignBucket[] = ['<5m', '5–30m', '30–60m', '1–4h', '4–24h', '>24h', 'never'];

export interface ReassignedLead {
  leadId: string;
  reassignments: number;
  pingPongs: number;
  /** the owners in order, "A → B → A" (first 20 steps) */
  path: string;
  firstAssignedAt: string;
  lastAssignedAt: string;
}

export type UnassignedReason = 'no_owner' | 'queue' | 'inactive_owner';

export interface UnassignedLead {
  leadId: string;
  company: string | null;
  ownerId: string | null;
  owner: string | null;
  reason: UnassignedReason;
  stage: string | null;
  createdAt: string | null;
  ageDays: number | null;
  /** became MQL in the window and no person owned it since */
  neverOwnedMql: boolean;
}

export interface AbmTier {
  tier: 1 | 2 | 3;
  /** "1 business hour", "same business day" */
  target: string;
  /** business minutes, null for same business day */
  targetMinutes: number | null;
  eligible: number;
  met: number;
  breached: number;
  pending: number;
  unmeasured: number;
  compliance: number | null;
  ci95: [number, number] | null;
}

export interface AbmBreach {
  leadId: string;
  company: string | null;
  tier: 1 | 2 | 3;
  startAt: string;
  deadlineAt: string | null;
  endAt: string | null;
}

export interface BuyingCommittee {
  accountKey: string;
  account: string | null;
  contacts: number;
  windowStart: string;
  windowEnd: string;
  leadIds: string[];
  owners: string[];
  sharedOwner: boolean;
}

export interface RoutingReport {
  report: 'routing';
  asOf: string;
  window: ReportWindowJson;
  dataFreshness: string | null;
  zoneAssumption?: string;
  /** the zone PTO dates and weeks are read in */
  timezone: string;
  distribution: {
    /** true: the config names the pool; false: everyone who received a decision */
    poolConfigured: boolean;
    pool: { ownerId: string; owner: string; weight: number }[];
    pto: { owner: string; from: string; to: string }[];
    kinds: DistributionKind[];
    rows: DistributionRow[];
  };
  unassigned: {
    count: number;
    byReason: Record<UnassignedReason, number>;
    /** MQL entries in the window no person owned since */
    mqlsNeverOwned: number;
    /** the oldest first, at most 1000 */
    leads: UnassignedLead[];
  };
  timeToAssign: {
    fromCreated: AssignStats;
    fromMql: AssignStats;
    buckets: { start: 'created' | 'mql'; bucket: AssignBucket; n: number }[];
    reassignedLeads: number;
    reassignments: number;
    pingPongLeads: number;
    /** most reassigned first, at most 1000 */
    reassigned: ReassignedLead[];
  };
  abm: {
    tierField: string;
    tiers: AbmTier[];
    /** met ÷ (met + breached) over every tier */
    compliance: number | null;
    /** breached instances, at most 1000, by start */
    breaches: AbmBreach[];
  };
  committees: {
    minContacts: number;
    windowDays: number;
    accounts: BuyingCommittee[];
  };
  warnings: string[];
}
