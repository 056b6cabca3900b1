/**
 * The scoring-model file: fit, engagement and negative rules, an MQL threshold and optional
 * minimums. One zod schema validates it and emits the JSON Schema in docs/scoring-model.schema.json.
 */
import { z } from 'zod';
import { detailMatcherSchema, fieldConditionSchema } from './conditions.js';

/** Fields computed from the email as of the decision; every other field name is read as exported. */
export const derivedFields = ['emailDomain', 'emailTld'] as const;

const ruleId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-"')
  .meta({ description: 'Unique across the model; explanations and backtests name rules by it.' });
const fieldName = z.string().min(1, 'must not be empty').meta({
  description: 'A lead column (email, company, source, ...), an exported field (lead_fields / field_history, case-insensitive) or emailDomain / emailTld.',
});
const eventType = z.string().min(1, 'must not be empty').meta({ description: 'An engagement_events.event_type (case-insensitive), or "*" for any event.' });
const positivePoints = z.number().positive('must be greater than 0');
const negativePoints = z.number().negative('must be below 0 (negative rules subtract)');
const count = z.number().int('must be a whole number').min(1, 'must be at least 1');
const description = z.string().optional();

export const decayPeriodPattern = /^(\d+)d$|^(\d+) (week|weeks|month|months)$/;

const decaySchema = z
  .strictObject({
    points: positivePoints.meta({ description: 'Points lost per full period since the event.' }),
    every: z.string().regex(decayPeriodPattern, 'must look like "1 week", "2 weeks", "1 month" or "10d"').meta({ description: 'A month counts as 30 days.' }),
  })
  .meta({ description: 'Points lost per period elapsed between the event and the decision, never below 0.' });

export const fitRuleSchema = z.strictObject({
  id: ruleId,
  description,
  field: fieldName,
  condition: fieldConditionSchema,
  points: positivePoints,
});

export const engagementRuleSchema = z.strictObject({
  id: ruleId,
  description,
  event: eventType,
  detail: detailMatcherSchema.optional(),
  points: positivePoints,
  perOccurrence: z.boolean().optional().meta({ description: 'Score every matching event (default: once).' }),
  cap: positivePoints.optional().meta({ description: 'Most points this rule can give.' }),
  minCount: count.optional().meta({ description: 'Matching events needed before the rule scores ("3+ times").' }),
  decay: decaySchema.optional(),
  scope: z
    .enum(['lead', 'account'])
    .optional()
    .meta({ description: "account: count events of every contact of the lead's account (account_id, else company)." }),
  minContacts: count.optional().meta({ description: 'Distinct contacts with matching events needed (buying committee).' }),
});

const negativeFieldRule = z.strictObject({
  id: ruleId,
  description,
  field: fieldName,
  condition: fieldConditionSchema,
  points: negativePoints,
});
const negativeEventRule = z.strictObject({
  id: ruleId,
  description,
  event: eventType,
  detail: detailMatcherSchema.optional(),
  minCount: count.optional(),
  points: negativePoints,
});
const negativeInactivityRule = z.strictObject({
  id: ruleId,
  description,
  inactiveDays: count.meta({ description: 'No matching event in this many days before the decision (counted from creation for newer leads).' }),
  events: z.array(eventType).optional().meta({ description: 'Event types that count as activity (default: any).' }),
  points: negativePoints,
});
export const negativeRuleSchema = z.union([negativeFieldRule, negativeEventRule, negativeInactivityRule]);

export const scoringModelSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1, 'must not be empty'),
    version: z.string().min(1, 'must not be empty'),
    description,
    threshold: z.number().meta({ description: 'MQL threshold: a lead is flagged when its score reaches it.' }),
    fitMinimum: z.number().optional().meta({ description: 'Fit points also required to flag (fit and engagement, not either).' }),
    engagementMinimum: z.number().optional().meta({ description: 'Engagement points also required to flag.' }),
    weights: z
      .strictObject({ fit: z.number().min(0).max(1), engagement: z.number().min(0).max(1) })
      .optional()
      .meta({ description: 'Informational fit/engagement balance the points were designed for; scores are plain sums.' }),
    fit: z.array(fitRuleSchema),
    engagement: z.array(engagementRuleSchema),
    negative: z.array(negativeRuleSchema),
  })
  .superRefine((model, ctx) => {
    // Rule ids name rows in explanations and backtest reports, so they must be unique.
    const seen = new Set<string>();
    for (const dimension of ['fit', 'engagement', 'negative'] as const) {
      model[dimension].forEach((rule, index) => {
        if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: [dimension, index, 'id'], message: `"${rule.id}" is used by another rule` });
        seen.add(rule.id);
      });
    }
  });

export type ScoringModel = z.infer<typeof scoringModelSchema>;
export type FitRule = z.infer<typeof fitRuleSchema>;
export type EngagementRule = z.infer<typeof engagementRuleSchema>;
export type NegativeRule = z.infer<typeof negativeRuleSchema>;

/** The JSON Schema editors use for completion; docs/scoring-model.schema.json is this, verbatim. */
export function scoringModelJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scoringModelSchema, { io: 'input' }),
    title: 'revops-report scoring model',
  };
}
