/**
 * A simulated deal's history as the CRMs record it: the versions of its stage, amount and close
 * date over time, for OpportunityHistory, OpportunityFieldHistory and opportunity_events.csv.
 * Amounts change along the way and forecast close dates are pushed (by a month or a quarter)
 * until they reach the deal's final close date; some deals skip a stage, and some won deals were
 * marked lost first and reopened. Each deal draws from a generator of its own, seeded by its lead,
 * so the world's draws (and every lead-side number of the demo) stay what they were.
 */
import { DAY } from './clock.js';
import { Random } from './random.js';
import type { Deal } from './world.js';

export type DealField = 'stage' | 'amount' | 'close_date';

export interface DealVersion {
  at: number;
  stage: string;
  probability: number;
  amount: number;
  /** the forecast close date, UTC midnight in epoch milliseconds */
  closeDate: number;
  /** the fields this version changed (all three for the first) */
  changed: DealField[];
}

export interface DealStages {
  open: readonly string[];
  probabilities: readonly number[];
  won: string;
  lost: string;
}

export interface DealStory {
  /** leave the third open stage out (the rep jumped past it) */
  skip: boolean;
  /** a won deal marked lost first, then reopened in its last open stage */
  reopen: boolean;
}

const day = (ms: number) => Math.floor(ms / DAY) * DAY;

/** The same day `months` months earlier (the 28th at most, so every month has it). */
function monthsEarlier(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, Math.min(d.getUTCDate(), 28));
}

interface Change {
  at: number;
  field: DealField;
  stage?: string;
  probability?: number;
  amount?: number;
  closeDate?: number;
}

export function dealHistory(deal: Deal, seed: number, stages: DealStages, story: DealStory): DealVersion[] {
  const rng = new Random(seed);
  const stageChanges: Change[] = [];
  const enter = (at: number, stage: string, probability: number) => stageChanges.push({ at, field: 'stage', stage, probability });
  for (const [i, at] of deal.steps.entries()) {
    if (story.skip && i === 2 && deal.steps.length >= 4) continue;
    enter(at, stages.open[i]!, stages.probabilities[i]!);
  }
  const lastOpen = deal.steps.length - 1;
  if (deal.closedAt !== undefined) {
    const last = deal.steps[lastOpen]!;
    if (story.reopen && deal.won) {
      enter(last + (deal.closedAt - last) * 0.4, stages.lost, 0);
      enter(last + (deal.closedAt - last) * 0.6, stages.open[lastOpen]!, stages.probabilities[lastOpen]!);
    }
    enter(deal.closedAt, deal.won ? stages.won : stages.lost, deal.won ? 100 : 0);
  }
  const first = deal.createdAt;
  const end = stageChanges[stageChanges.length - 1]!.at;
  const inside = (share: number) => first + (end - first) * share;
  const changes: Change[] = [];
  // the amount is re-scoped once along the way, to the deal's final amount
  const startAmount = Math.round((deal.amount * rng.pick([0.8, 0.9, 1, 1, 1.25])) / 100) * 100;
  if (startAmount !== deal.amount && end > first) changes.push({ at: inside(rng.between(0.3, 0.7)), field: 'amount', amount: deal.amount });
  // the forecast close date starts early and is pushed until it reaches the final one; a deal
  // closed sooner than forecast has its close date pulled in to the day it closed
  const pushes = end > first ? rng.weighted([0, 1, 2], [2, 3, 2]) : 0;
  const sizes = Array.from({ length: pushes }, () => (rng.chance(0.6) ? 1 : 3));
  const final = day(deal.expectedClose);
  const pulledIn = deal.closedAt !== undefined && end > first && rng.chance(0.3);
  if (pulledIn) changes.push({ at: deal.closedAt!, field: 'close_date', closeDate: final });
  let close = pulledIn ? monthsEarlier(final, -1) : final;
  const dates = [close];
  for (const size of [...sizes].reverse()) {
    close = monthsEarlier(close, size);
    dates.unshift(close);
  }
  const times = sizes.map(() => rng.between(0.15, 0.95)).sort((a, b) => a - b);
  for (const [i, share] of times.entries()) changes.push({ at: inside(share), field: 'close_date', closeDate: dates[i + 1]! });
  // at one instant the stage comes first (the close date pulled in at the close follows it)
  const all = [...stageChanges, ...changes].sort((a, b) => a.at - b.at || (a.field === 'stage' ? -1 : b.field === 'stage' ? 1 : 0));
  const versions: DealVersion[] = [];
  let current: DealVersion = { at: first, stage: '', probability: 0, amount: startAmount, closeDate: dates[0]!, changed: [] };
  for (const c of all) {
    const at = Math.round(c.at);
    // one save that changes two fields is one version (OpportunityHistory writes one row for it)
    const last = versions[versions.length - 1];
    if (last && last.at === at) {
      Object.assign(last, { stage: c.stage ?? last.stage, probability: c.probability ?? last.probability, amount: c.amount ?? last.amount });
      if (c.closeDate !== undefined) last.closeDate = c.closeDate;
      if (!last.changed.includes(c.field)) last.changed.push(c.field);
      current = last;
      continue;
    }
    const next: DealVersion = {
      ...current,
      at,
      stage: c.stage ?? current.stage,
      probability: c.probability ?? current.probability,
      amount: c.amount ?? current.amount,
      closeDate: c.closeDate ?? current.closeDate,
      changed: versions.length === 0 ? ['stage', 'amount', 'close_date'] : [c.field],
    };
    versions.push(next);
    current = next;
  }
  return versions;
}

/**
 * Which deals of one writer skip a stage or reopen: every third deal with four open stages or
 * more skips, every third won deal reopens, the first of each included. Decided in write order,
 * so a small sample has some of each.
 */
export class DealStories {
  private deep = 0;
  private won = 0;

  next(deal: Deal): DealStory {
    const skip = deal.steps.length >= 4 && this.deep++ % 3 === 0;
    const reopen = deal.won && deal.closedAt !== undefined && deal.steps.length >= 2 && this.won++ % 3 === 0;
    return { skip, reopen };
  }
}
