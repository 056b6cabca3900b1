/**
 * The shapes of the simulated world: one `SimLead` holds everything that happened to a lead
 * (stages, deal, rep touches, engagement, field changes) in UTC epoch milliseconds. The writers
 * only render these; they decide nothing.
 */
import type { Company, Person } from './people.js';
import type { Rep, Territory } from './owners.js';
import type { SourceKey } from './sources.js';

export type SampleFormat = 'hubspot' | 'salesforce' | 'canonical';
export const SAMPLE_FORMATS: readonly SampleFormat[] = ['hubspot', 'salesforce', 'canonical'];

export type StageId = 'subscriber' | 'lead' | 'mql' | 'sql' | 'opportunity' | 'customer' | 'evangelist' | 'recycled' | 'disqualified';

/** Rejection codes of the playbook (docs/defaults.md, "Reason codes"); FIT-02 and QUAL-03 archive, the rest recycle. */
export type ReasonCode = 'FIT-01' | 'FIT-02' | 'FIT-03' | 'ENG-01' | 'ENG-02' | 'QUAL-01' | 'QUAL-02' | 'QUAL-03';

/** Who made a change: decides HubSpot's history Source and Salesforce's CreatedById. */
export type Actor = 'form' | 'import' | 'automation' | 'rep' | 'deal';

export interface StageEvent {
  stage: StageId;
  at: number;
  by: Actor;
  reason?: ReasonCode;
}

export interface Deal {
  createdAt: number;
  /** Entry times into the open pipeline stages reached, generic positions 0..4. */
  steps: number[];
  /** Set when the deal closed before as-of. */
  closedAt?: number;
  won: boolean;
  expectedClose: number;
  amount: number;
  currency: 'USD' | 'EUR';
  owner: Rep;
  lossReason?: string;
  wonReason?: string;
  /** The competitor a lost deal went to, as the rep typed it ('' when the rep left it blank). */
  competitor?: string;
  /** The rep never filled in the amount (the writers leave it blank). */
  amountMissing?: boolean;
}

export interface Touch {
  at: number;
  type: 'call' | 'email' | 'meeting';
  direction: 'outbound' | 'inbound';
  automated: boolean;
  owner: Rep;
  subject: string;
}

export interface Engagement {
  at: number;
  type: string;
  detail: string;
}

export interface FieldChange {
  field: 'title' | 'industry' | 'employees';
  value: string;
  at: number;
}

export interface SimLead {
  index: number;
  system: SampleFormat;
  id: string;
  person: Person;
  company: Company;
  country: string;
  territory: Territory;
  source: SourceKey;
  createdAt: number;
  owner: Rep;
  /** When the router gave the lead to `owner` (its first owner when `reassignments` follow). */
  assignedAt: number;
  /** Owner changes after the first assignment, in time order; the last one's `to` is `owner`. */
  reassignments?: { at: number; from: Rep; to: Rep }[];
  /** The lead sits with no person: no owner at all, or a Salesforce queue (`owner` is then unused; a Salesforce lead always has an owner, so both are the queue there). */
  unowned?: 'none' | 'queue';
  /** A stage the lead entered that the CRM no longer has, written as it stands (the export's label, the history's stored value). */
  rawStage?: { label: string; internal: string; at: number };
  /** The company as typed on this record when it is not the account's own spelling. */
  companyAs?: string;
  fit: number;
  intent: number;
  stages: StageEvent[];
  deal?: Deal;
  touches: Touch[];
  engagement: Engagement[];
  /** Values at creation first, then changes, in time order. */
  fields: FieldChange[];
  current: { title: string; industry: string; employees: number };
}

export interface WorldOptions {
  seed: number;
  leads: number;
  asOf: number;
  formats: readonly SampleFormat[];
}

/** The latest event of a lead's stages (its current lifecycle position). */
export const currentStage = (lead: SimLead): StageEvent | undefined => lead.stages[lead.stages.length - 1];

export const reached = (lead: SimLead, stage: StageId) => lead.stages.some((s) => s.stage === stage);
