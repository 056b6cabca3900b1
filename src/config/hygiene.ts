/**
 * The hygiene audit's settings (config `hygiene`, docs/hygiene.md): which source systems are the
 * CRM when duplicates merge, the survivor rule's order, the required fields per stage with the
 * warehouse columns or exported fields that satisfy each, and the stuck / stale thresholds.
 */
import { z } from 'zod';

/** The survivor rule's criteria, applied in the configured order; the lowest lead id breaks a tie. */
export const survivorCriteria = ['crm', 'complete', 'oldest'] as const;
export type SurvivorCriterion = (typeof survivorCriteria)[number];

/** A field is present when any of these names a non-blank value: a column of the record's table, else an exported field. */
const requiredField = z.object({
  label: z.string().min(1),
  anyOf: z.array(z.string().min(1)).min(1),
});

const requiredRule = z
  .object({
    /** what the page calls the rule, e.g. "SQL" */
    name: z.string().min(1),
    /** leads (in `stage`, their current lifecycle stage) or opportunities (all, open, won or lost) */
    records: z.enum(['leads', 'opportunities']),
    stage: z.string().optional(),
    outcome: z.enum(['any', 'open', 'won', 'lost']).optional(),
    fields: z.array(requiredField).min(1),
  })
  .strict()
  .refine((r) => (r.records === 'leads' ? r.stage !== undefined : true), { message: 'a leads rule names its stage' });

export type RequiredFieldRule = z.output<typeof requiredRule>;

// The phone columns the exports carry as lead fields: HubSpot "Phone Number" / "Mobile Phone Number",
// Salesforce Phone / MobilePhone, canonical phone.
export const defaultPhoneFields = ['phone', 'phone_number', 'mobilephone', 'mobile_phone_number', 'mobile'];

export const defaultRequiredFields: RequiredFieldRule[] = [
  {
    name: 'SQL',
    records: 'leads',
    stage: 'sql',
    fields: [
      { label: 'owner', anyOf: ['owner_id'] },
      { label: 'company', anyOf: ['company'] },
      { label: 'phone or email', anyOf: ['email', ...defaultPhoneFields] },
    ],
  },
  {
    name: 'Opportunity',
    records: 'opportunities',
    outcome: 'any',
    fields: [
      { label: 'amount', anyOf: ['amount'] },
      { label: 'close date', anyOf: ['close_date'] },
    ],
  },
  {
    name: 'Closed Lost',
    records: 'opportunities',
    outcome: 'lost',
    fields: [
      { label: 'loss reason', anyOf: ['loss_reason'] },
      // Salesforce Competitor__c, HubSpot "Competitor", or a custom primary-competitor field
      { label: 'competitor', anyOf: ['competitor', 'competitor_c', 'primary_competitor', 'primary_competitor_c'] },
    ],
  },
];

export const defaultHygiene = {
  crmSystems: ['salesforce', 'hubspot'],
  survivor: [...survivorCriteria] as SurvivorCriterion[],
  phoneFields: defaultPhoneFields,
  defaultCountry: null as string | null,
  requiredFields: defaultRequiredFields,
  completenessTarget: 0.9,
  stuckMultiple: 2,
  stuckExcludeStages: ['customer', 'evangelist'],
  staleMonths: 12,
};

export const hygieneConfigSchema = z
  .object({
    /** source_system values that are the CRM: on a merge their record survives a marketing-automation one */
    crmSystems: z.array(z.string()).default(defaultHygiene.crmSystems),
    /** the survivor rule, criteria in order */
    survivor: z
      .array(z.enum(survivorCriteria))
      .min(1)
      .refine((list) => new Set(list).size === list.length, { message: 'each survivor criterion once' })
      .default(defaultHygiene.survivor),
    /** lead fields holding a phone number, read in this order */
    phoneFields: z.array(z.string().min(1)).default(defaultHygiene.phoneFields),
    /** ISO country (e.g. "US", "DE") for phones without a leading + when the lead has no country */
    defaultCountry: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'a two-letter ISO country code, e.g. "US"')
      .nullable()
      .default(null),
    requiredFields: z.array(requiredRule).default(defaultHygiene.requiredFields),
    completenessTarget: z.number().min(0).max(1).default(defaultHygiene.completenessTarget),
    /** a lead is stuck when its time in the current stage exceeds this many times the stage's median */
    stuckMultiple: z.number().positive().default(defaultHygiene.stuckMultiple),
    /** stages a lead is meant to stay in: never stuck, never the bottleneck */
    stuckExcludeStages: z.array(z.string()).default(defaultHygiene.stuckExcludeStages),
    /** no activity or engagement for this many months: the archive list */
    staleMonths: z.number().int().positive().default(defaultHygiene.staleMonths),
  })
  .strict()
  .prefault({});

export type HygieneConfig = z.output<typeof hygieneConfigSchema>;
