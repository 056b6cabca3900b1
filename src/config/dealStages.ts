/**
 * Deal stages: the open stages of a pipeline in order (Qualified → … → Negotiation), with the CRM
 * values that mean each one, and the values that close a deal as won or lost. A deal whose export
 * has no IsWon / IsClosed column gets its outcome from its stage name against the closed lists
 * (matched like lifecycle stages: lowercase, letters and digits only), in
 * sql/staging/stg_opportunities.sql. The pipeline report maps every stage value to an open stage
 * through `open` (sql/intermediate/int_deal__stage_changes.sql). A config with only `closedWon` and
 * `closedLost` keeps the default open stages.
 */
import { z } from 'zod';
import { normalizeStageValue } from './stages.js';

export interface OpenDealStage {
  id: string;
  label: string;
  aliases: string[];
  /** stale when the time in this stage exceeds this × the median time won deals spent in it */
  staleMultiplier?: number;
}

/** A deal is stale after this many times the median time won deals spent in its stage. */
export const defaultStaleMultiplier = 2;

/** A deal in a mid or late stage is stale after this many days without a stage, amount or close-date change. */
export const defaultNoChangeDays = 14;

/** Deal fields (snake_case, as loaded) holding the date a paused deal resumes: until then it is not flagged stale. */
export const defaultSnoozeFields = ['snooze_until', 'resume_date'];

/** Fields are kept in snake_case at load ("Resume Date" is resume_date); a configured name is matched so too. */
export const fieldKey = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_');

/**
 * The open stages of DOMAIN.md, each with HubSpot's default-pipeline internal ids and labels and
 * Salesforce's default Opportunity stages that mean it (docs/defaults.md says why each goes where).
 */
export const defaultOpenDealStages: OpenDealStage[] = [
  {
    id: 'qualified',
    label: 'Qualified',
    aliases: ['qualified', 'appointmentscheduled', 'Appointment Scheduled', 'Prospecting', 'Qualification'],
  },
  { id: 'discovery', label: 'Discovery', aliases: ['discovery', 'qualifiedtobuy', 'Qualified To Buy', 'Needs Analysis'] },
  {
    id: 'demo',
    label: 'Demo/Evaluation',
    aliases: ['demo', 'evaluation', 'presentationscheduled', 'Presentation Scheduled', 'Value Proposition', 'Id. Decision Makers', 'Perception Analysis'],
  },
  { id: 'proposal', label: 'Proposal', aliases: ['proposal', 'decisionmakerboughtin', 'Decision Maker Bought-In', 'Proposal/Price Quote'] },
  { id: 'negotiation', label: 'Negotiation', aliases: ['negotiation', 'contractsent', 'Contract Sent', 'Negotiation/Review'] },
];

/** Salesforce's and HubSpot's default closed stages (labels and HubSpot's internal ids), and the short forms. */
export const defaultDealStages = {
  closedWon: ['Closed Won', 'Won', 'closedwon'],
  closedLost: ['Closed Lost', 'Lost', 'closedlost'],
};

const stageNames = z.array(z.string().refine((name) => normalizeStageValue(name) !== '', { message: 'a stage name needs a letter or digit' }));

const openStageSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'deal stage ids are lowercase words, e.g. "discovery"'),
    label: z.string(),
    aliases: stageNames.default([]),
    staleMultiplier: z.number().positive().optional(),
  })
  .strict();

export const dealStagesSchema = z
  .object({
    open: z.array(openStageSchema).min(1).default(defaultOpenDealStages),
    closedWon: stageNames.default(defaultDealStages.closedWon),
    closedLost: stageNames.default(defaultDealStages.closedLost),
    staleMultiplier: z.number().positive().default(defaultStaleMultiplier),
    /** the mid and late stages (ids) the no-change rule watches; default: the open stages from the third on */
    noChangeStages: z.array(z.string()).optional(),
    noChangeDays: z.number().positive().default(defaultNoChangeDays),
    snoozeFields: z.array(z.string().refine((name) => fieldKey(name) !== '', { message: 'a field name needs a letter or digit' })).default(defaultSnoozeFields),
  })
  .strict()
  .superRefine((stages, ctx) => {
    const won = new Set(stages.closedWon.map(normalizeStageValue));
    for (const name of stages.closedLost) {
      if (won.has(normalizeStageValue(name))) {
        ctx.addIssue({ code: 'custom', path: ['closedLost'], message: `"${name}" is in both dealStages.closedWon and dealStages.closedLost` });
      }
    }
    const ids = new Set<string>();
    for (const stage of stages.open) {
      if (ids.has(stage.id)) ctx.addIssue({ code: 'custom', path: ['open'], message: `deal stage "${stage.id}" is listed twice` });
      ids.add(stage.id);
    }
    for (const id of stages.noChangeStages ?? []) {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['noChangeStages'], message: `"${id}" is not an open deal stage id (${[...ids].join(', ')})` });
    }
  })
  .prefault({});

export type DealStages = z.output<typeof dealStagesSchema>;

/** The stages the no-change rule watches: the configured ones, or the open stages from the third on (Demo/Evaluation, Proposal, Negotiation). */
export const noChangeStageIds = (stages: Pick<DealStages, 'open' | 'noChangeStages'>): string[] =>
  stages.noChangeStages ?? stages.open.slice(2).map((s) => s.id);

/** The lists as (stage key, outcome) rows for the models' `cfg_deal_outcomes` table. */
export function dealOutcomeRows(stages: Pick<DealStages, 'closedWon' | 'closedLost'>): { stage_key: string; outcome: 'won' | 'lost' }[] {
  const rows = new Map<string, 'won' | 'lost'>();
  for (const name of stages.closedWon) rows.set(normalizeStageValue(name), 'won');
  for (const name of stages.closedLost) rows.set(normalizeStageValue(name), 'lost');
  return [...rows].map(([stage_key, outcome]) => ({ stage_key, outcome }));
}

export interface DealStageRow {
  alias_key: string;
  stage: string;
  /** 1… for open stages in order; won is one past the last open stage; lost has none */
  stage_order: number | null;
  label: string;
  kind: 'open' | 'won' | 'lost';
  stale_multiplier: number | null;
}

/**
 * Every stage value the config names, as rows of `cfg_deal_stages`. The closed lists win over an
 * open alias with the same key: a config that closes deals at "Contract Sent" means it.
 */
export function dealStageRows(stages: DealStages): DealStageRow[] {
  const rows = new Map<string, DealStageRow>();
  const wonOrder = stages.open.length + 1;
  for (const { stage_key, outcome } of dealOutcomeRows(stages)) {
    const won = outcome === 'won';
    rows.set(stage_key, {
      alias_key: stage_key,
      stage: won ? 'closed_won' : 'closed_lost',
      stage_order: won ? wonOrder : null,
      label: won ? 'Closed Won' : 'Closed Lost',
      kind: outcome,
      stale_multiplier: null,
    });
  }
  stages.open.forEach((stage, i) => {
    for (const name of [stage.id, stage.label, ...stage.aliases]) {
      const key = normalizeStageValue(name);
      if (!key || rows.has(key)) continue;
      rows.set(key, {
        alias_key: key,
        stage: stage.id,
        stage_order: i + 1,
        label: stage.label,
        kind: 'open',
        stale_multiplier: stage.staleMultiplier ?? stages.staleMultiplier,
      });
    }
  });
  return [...rows.values()];
}
