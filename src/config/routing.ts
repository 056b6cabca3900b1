/**
 * The `routing` fragment of the config: who is in the round-robin pool and with what weight, who
 * is away when, the ABM tiers' response targets and what makes a buying committee
 * (docs/routing.md). Owners are named by id or by name, as the exports name them.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date "YYYY-MM-DD"');

/** Business hours to the first touch, or the close of the business day the clock starts on. */
const tierTarget = z.union([z.number().positive(), z.literal('sameBusinessDay')]);

const ptoSchema = z
  .object({ owner: z.string().min(1), from: isoDate, to: isoDate })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'a PTO period ends on or after its first day' });

export const routingConfigSchema = z
  .object({
    /** the owners leads are routed among; absent: every owner who received one in the window */
    pool: z.array(z.string().min(1)).optional(),
    /** relative capacity per owner (default 1): an owner of weight 2 should get twice the share */
    weights: z.record(z.string(), z.number().nonnegative()).default({}),
    /** days (both included, in the default calendar's zone) an owner is away: no share expected */
    pto: z.array(ptoSchema).default([]),
    abm: z
      .object({
        /** account id or company name (any case) → tier; wins over the tier field */
        accounts: z.record(z.string(), z.union([z.literal(1), z.literal(2), z.literal(3)])).default({}),
        /** lead field holding the tier ("Tier 1", "tier_2", "3"); a column of the lead export */
        tierField: z.string().default('abm_tier'),
        /** response targets per tier, MQL → first touch: business hours or "sameBusinessDay" */
        targets: z
          .object({ '1': tierTarget.default(1), '2': tierTarget.default(4), '3': tierTarget.default('sameBusinessDay') })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    committee: z
      .object({
        /** distinct contacts of one account engaging within the window (DOMAIN: three or more) */
        minContacts: z.number().int().min(2).default(3),
        windowDays: z.number().int().positive().default(30),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type RoutingConfig = z.output<typeof routingConfigSchema>;
export type TierTarget = z.output<typeof tierTarget>;
