/**
 * The `slas` fragment of the config: each handoff SLA as a start, an end, a target and the fields
 * the end must carry. Defaults follow the handoff SLAs of the RevOps playbook (docs/sla.md).
 * Resolution into SQL inputs lives in src/sla/definitions.ts.
 */
import { z } from 'zod';

const stageId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a stage id from the config, e.g. "mql"');

/** When the clock starts: an entry into a stage, or an engagement event (e.g. a demo request). */
const startSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('stage'),
      stage: stageId,
      /** only entries that follow a recycle of the same lead (a "Recycled MQL") */
      afterRecycle: z.boolean().default(false),
    })
    .strict(),
  z.object({ kind: z.literal('event'), eventType: z.string().min(1) }).strict(),
]);

export const touchTypes = ['call', 'email', 'meeting', 'sms', 'other'] as const;

/** What stops the clock. */
const endSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('touch'),
      /** activity types that count as a sales touch; automated activities never count */
      types: z.array(z.enum(touchTypes)).min(1).default(['call', 'email', 'meeting', 'sms']),
      /** only a touch by the lead's (current) owner counts; default: any person's touch */
      byLeadOwner: z.boolean().default(false),
    })
    .strict(),
  z.object({ kind: z.literal('stage'), stages: z.array(stageId).min(1) }).strict(),
  /** an owner set on the lead (field history of owner_id): the lead was routed */
  z.object({ kind: z.literal('owner_assigned') }).strict(),
]);

export const targetUnits = ['minutes', 'hours', 'days', 'businessMinutes', 'businessHours', 'businessDays'] as const;

const targetSchema = z
  .object({
    amount: z.number().positive(),
    unit: z.enum(targetUnits),
  })
  .strict();

export const slaDefinitionSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'SLA names are lowercase words, e.g. "first_touch"'),
    label: z.string().optional(),
    start: startSchema,
    end: endSchema,
    /** null: no deadline, the SLA only checks the end's required fields */
    target: targetSchema.nullable(),
    /** fields the end must carry; "reason" is the stage entry's reason code */
    requiredFields: z.array(z.enum(['reason'])).default([]),
  })
  .strict()
  .refine((sla) => sla.requiredFields.length === 0 || sla.end.kind === 'stage', {
    message: 'requiredFields apply to stage ends only',
    path: ['requiredFields'],
  })
  .refine((sla) => sla.target !== null || sla.requiredFields.length > 0, {
    message: 'an SLA without a target must require a field',
    path: ['target'],
  });

export type SlaDefinitionInput = z.input<typeof slaDefinitionSchema>;
export type SlaDefinitionConfig = z.output<typeof slaDefinitionSchema>;
export type SlaTarget = z.output<typeof targetSchema>;

/** The handoff SLAs of the RevOps playbook (docs/defaults.md lists them). */
export const defaultSlas: SlaDefinitionInput[] = [
  {
    name: 'first_touch',
    label: 'MQL → first touch',
    start: { kind: 'stage', stage: 'mql' },
    end: { kind: 'touch', types: ['call', 'email', 'meeting', 'sms'] },
    target: { amount: 4, unit: 'businessHours' },
  },
  {
    name: 'qualification_decision',
    label: 'MQL → accepted (SQL) or rejected',
    start: { kind: 'stage', stage: 'mql' },
    end: { kind: 'stage', stages: ['sql', 'opportunity', 'customer', 'disqualified', 'recycled'] },
    target: { amount: 48, unit: 'hours' },
  },
  {
    name: 'rejection_reason',
    label: 'Rejected or recycled MQL carries a reason code',
    start: { kind: 'stage', stage: 'mql' },
    end: { kind: 'stage', stages: ['disqualified', 'recycled'] },
    target: null,
    requiredFields: ['reason'],
  },
  {
    name: 'sql_to_opportunity',
    label: 'SQL → opportunity',
    start: { kind: 'stage', stage: 'sql' },
    end: { kind: 'stage', stages: ['opportunity'] },
    target: { amount: 5, unit: 'businessDays' },
  },
  {
    name: 'recycled_rerouted',
    label: 'Recycled MQL routed again',
    start: { kind: 'stage', stage: 'mql', afterRecycle: true },
    end: { kind: 'owner_assigned' },
    target: { amount: 1, unit: 'businessHours' },
  },
];

const uniqueNames = (slas: { name: string }[]) => new Set(slas.map((s) => s.name)).size === slas.length;

export const slasConfigSchema = z
  .array(slaDefinitionSchema)
  .refine(uniqueNames, { message: 'SLA names must be unique' })
  .default(() => defaultSlas.map((s) => slaDefinitionSchema.parse(s)));
