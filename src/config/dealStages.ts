/**
 * Deal stages: which CRM stage values close a deal as won or lost. A deal whose export has no
 * IsWon / IsClosed column gets its outcome from its stage name against these lists (matched like
 * lifecycle stages: lowercase, letters and digits only), in sql/staging/stg_opportunities.sql.
 * A stage in neither list is open. The pipeline report will add the open stages in order, with
 * their aliases, under the same `dealStages` key.
 */
import { z } from 'zod';
import { normalizeStageValue } from './stages.js';

/** Salesforce's and HubSpot's default closed stages (labels and HubSpot's internal ids), and the short forms. */
export const defaultDealStages = {
  closedWon: ['Closed Won', 'Won', 'closedwon'],
  closedLost: ['Closed Lost', 'Lost', 'closedlost'],
};

const stageNames = z.array(z.string().refine((name) => normalizeStageValue(name) !== '', { message: 'a stage name needs a letter or digit' }));

export const dealStagesSchema = z
  .object({
    closedWon: stageNames.default(defaultDealStages.closedWon),
    closedLost: stageNames.default(defaultDealStages.closedLost),
  })
  .strict()
  .superRefine((stages, ctx) => {
    const won = new Set(stages.closedWon.map(normalizeStageValue));
    for (const name of stages.closedLost) {
      if (won.has(normalizeStageValue(name))) {
        ctx.addIssue({ code: 'custom', path: ['closedLost'], message: `"${name}" is in both dealStages.closedWon and dealStages.closedLost` });
      }
    }
  })
  .default(defaultDealStages);

export type DealStages = z.output<typeof dealStagesSchema>;

/** The lists as (stage key, outcome) rows for the models' `cfg_deal_outcomes` table. */
export function dealOutcomeRows(stages: DealStages): { stage_key: string; outcome: 'won' | 'lost' }[] {
  const rows = new Map<string, 'won' | 'lost'>();
  for (const name of stages.closedWon) rows.set(normalizeStageValue(name), 'won');
  for (const name of stages.closedLost) rows.set(normalizeStageValue(name), 'lost');
  return [...rows].map(([stage_key, outcome]) => ({ stage_key, outcome }));
}
