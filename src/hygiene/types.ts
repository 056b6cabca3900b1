/**
 * The JSON contract of `hygiene` (docs/hygiene.md). Stable: a change here is a CHANGELOG entry.
 * Numbers keep full double precision. Each list holds at most `listLimit` rows, most urgent first,
 * beside its full count; `hygiene --format csv` writes every row of every list from the warehouse.
 */
import type { SurvivorCriterion } from '../config/hygiene.js';
import type { ReportWindowJson } from '../sla/types.js';

export type DuplicateTier = 1 | 2 | 3 | 4;
export type MatchedOn = 'email' | 'email_normalised' | 'name+domain' | 'name+phone' | 'company_normalised';

/** A lead that duplicates its cluster's survivor: one pair per non-surviving member. */
export interface DuplicatePair {
  tier: 1 | 2 | 3;
  matchedOn: Exclude<MatchedOn, 'company_normalised'>;
  /** the blocking key both records share */
  key: string;
  leadId: string;
  survivorId: string;
  sourceSystem: string;
  survivorSourceSystem: string;
  /** the cluster's size (survivor included) */
  clusterSize: number;
}

/** Tier 4: a company written two or more ways; one row per spelling. */
export interface AccountSpelling {
  key: string;
  spelling: string;
  leads: number;
  survivorSpelling: string;
  isSurvivor: boolean;
}

export interface TierSummary {
  tier: DuplicateTier;
  label: string;
  /** clusters with a duplicate first found at this tier (tier 4: companies with several spellings) */
  clusters: number;
  /** records first found a duplicate at this tier, each once (tier 4: spellings that would be renamed) */
  duplicates: number;
}

export interface HygieneDuplicates {
  survivorRule: SurvivorCriterion[];
  crmSystems: string[];
  leads: number;
  /** leads that are not their cluster's survivor in tiers 1–3 (each counted once) */
  duplicateLeads: number;
  /** duplicateLeads ÷ leads */
  duplicateRate: number | null;
  tiers: TierSummary[];
  /** the first listLimit duplicates (by tier, key); duplicateLeads counts them all */
  pairs: DuplicatePair[];
  /** spelling rows of tier 4 in all */
  accountSpellings: number;
  /** the first listLimit of them */
  accounts: AccountSpelling[];
}

export interface FieldCompleteness {
  rule: string;
  field: string;
  records: number;
  present: number;
  /** present ÷ records */
  completeness: number | null;
  meetsTarget: boolean | null;
}

export interface MissingFieldsRecord {
  rule: string;
  recordType: 'lead' | 'opportunity';
  recordId: string;
  ownerId: string | null;
  missing: string[];
}

export interface HygieneCompleteness {
  target: number;
  rules: { rule: string; records: 'leads' | 'opportunities'; scope: string; count: number }[];
  fields: FieldCompleteness[];
  /** present checks ÷ all checks, over every rule and field */
  overall: number | null;
  fieldsBelowTarget: number;
  /** records missing a field, per rule, in all */
  offenderCount: number;
  offenders: MissingFieldsRecord[];
}

export interface StageMedian {
  stage: string;
  /** completed stays (the lead left the stage by the as-of) the median is taken over */
  completedStays: number;
  medianDays: number | null;
  current: number;
  stuck: number;
}

export interface StuckLead {
  leadId: string;
  stage: string;
  enteredAt: string;
  daysInStage: number;
  medianDays: number;
  /** daysInStage ÷ medianDays */
  multiple: number;
  ownerId: string | null;
}

export interface StaleLead {
  leadId: string;
  stage: string | null;
  /** the latest activity or engagement event, null when there never was one */
  lastActivityAt: string | null;
  createdAt: string | null;
  ownerId: string | null;
}

export interface FlaggedLead {
  leadId: string;
  stage: string | null;
  stageRaw: string | null;
  createdAt: string | null;
  ownerId: string | null;
}

export interface StageFlow {
  stage: string;
  /** entries into the stage in the window */
  entered: number;
  /** stays in the stage that ended in the window */
  exited: number;
  /** entered − exited: how much the stage's count grew */
  growth: number;
  /** growth ÷ exited; null when nothing exited */
  growthPerExit: number | null;
  /** leads in the stage at the as-of */
  current: number;
}

export interface HygieneReport {
  report: 'hygiene';
  asOf: string;
  /** the most rows any list holds (their counts are complete) */
  listLimit: number;
  window: ReportWindowJson;
  dataFreshness: string | null;
  zoneAssumption?: string;
  duplicates: HygieneDuplicates;
  completeness: HygieneCompleteness;
  stuck: { multiple: number; excludedStages: string[]; stages: StageMedian[]; count: number; leads: StuckLead[] };
  stale: { months: number; count: number; leads: StaleLead[] };
  unknownStage: { count: number; leads: FlaggedLead[] };
  unowned: { count: number; leads: FlaggedLead[] };
  distribution: {
    ageBuckets: string[];
    cells: { stage: string; ageBucket: string; leads: number }[];
    flow: StageFlow[];
    /** the stage whose count grew fastest relative to its exits in the window (docs/hygiene.md), or null */
    bottleneck: string | null;
  };
  warnings: string[];
}
