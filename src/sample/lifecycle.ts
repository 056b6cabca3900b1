/**
 * A lead's path through the funnel. Rates are set for a sample with data at every stage
 * (Lead→MQL ~30%, MQL→SQL ~40%, SQL→Opportunity ~60%, win ~25%) and depend on the lead's quality,
 * so scoring has signal. Includes stage skips (SQL without MQL), rejections with reason codes,
 * recycles that sometimes come back as MQL, and nothing after the world's as-of.
 */
import { DAY, HOUR, MINUTE, localDaytime } from './clock.js';
import { aeFor, type Rep, type Territory } from './owners.js';
import type { Random } from './random.js';
import type { Deal, ReasonCode, StageEvent } from './world.js';

export interface LifecycleInput {
  createdAt: number;
  asOf: number;
  fit: number;
  intent: number;
  titleTier: number;
  employees: number;
  territory: Territory;
  /** The lead's own zone: high-intent actions (the MQL trigger) happen in their daytime. */
  zone: string;
  startsAsSubscriber: boolean;
}

export interface Lifecycle {
  stages: StageEvent[];
  deal?: Deal;
}

const LOSS_REASONS = ['Price', 'Lost to Competitor', 'No Decision', 'Timing', 'Missing Feature'];
const WON_REASONS = ['ROI case', 'Champion on team', 'Integration fit', 'Faster onboarding'];

export function simulateLifecycle(rng: Random, input: LifecycleInput): Lifecycle {
  const { asOf } = input;
  const q = 0.55 * input.fit + 0.45 * input.intent;
  const stages: StageEvent[] = [];
  // Adds while still before as-of; returns false once the story has reached "today".
  const add = (event: StageEvent) => {
    if (event.at >= asOf) return false;
    stages.push(event);
    return true;
  };

  let at = input.createdAt;
  if (input.startsAsSubscriber) {
    add({ stage: 'subscriber', at, by: 'form' });
    if (rng.chance(0.25)) return { stages };
    at += rng.logNormal(12 * DAY, 1);
  }
  if (!add({ stage: 'lead', at, by: input.startsAsSubscriber ? 'automation' : 'form' })) return { stages };

  let sqlAt: number | undefined;
  if (rng.chance(Math.min(0.95, 1.25 * q ** 2.6))) {
    let mqlAt = Math.max(at + MINUTE, localDaytime(rng, input.zone, at + rng.logNormal(5 * DAY, 1.3)));
    for (let cycle = 0; cycle < 2 && sqlAt === undefined; cycle++) {
      if (!add({ stage: 'mql', at: mqlAt, by: 'automation' })) return { stages };
      const decidedAt = mqlAt + rng.logNormal(20 * HOUR, 1);
      const pSql = Math.min(0.9, 0.85 * q ** 2) * (cycle === 0 ? 1 : 0.7);
      if (rng.chance(pSql)) {
        sqlAt = decidedAt;
        break;
      }
      const reason = rejectionReason(rng, input);
      const archived = reason === 'FIT-02' || reason === 'QUAL-03';
      if (!add({ stage: archived ? 'disqualified' : 'recycled', at: decidedAt, by: 'rep', reason })) return { stages };
      if (archived || !rng.chance(0.3)) return { stages };
      // recycled MQLs come back after the nurture delay their reason code asks for
      mqlAt = localDaytime(rng, input.zone, decidedAt + (reason === 'ENG-02' ? 60 : 90) * DAY + rng.logNormal(10 * DAY, 0.8));
    }
  } else if (rng.chance(0.015)) {
    sqlAt = at + rng.logNormal(10 * DAY, 1); // sales-sourced: qualified on a call, never an MQL
  }
  if (sqlAt === undefined || !add({ stage: 'sql', at: sqlAt, by: 'rep' })) return { stages };
  if (!rng.chance(Math.min(0.95, 0.45 + 0.25 * q))) return { stages };

  const deal = simulateDeal(rng, input, sqlAt + rng.logNormal(2 * DAY, 0.8), q);
  if (!add({ stage: 'opportunity', at: deal.createdAt, by: 'deal' })) return { stages };
  if (deal.won && deal.closedAt !== undefined) {
    add({ stage: 'customer', at: deal.closedAt, by: 'deal' });
    if (rng.chance(0.12)) add({ stage: 'evangelist', at: deal.closedAt + rng.logNormal(90 * DAY, 0.5), by: 'rep' });
  }
  return { stages, deal };
}

function rejectionReason(rng: Random, input: LifecycleInput): ReasonCode {
  if (input.employees < 10 && rng.chance(0.6)) return 'FIT-01';
  if (input.titleTier <= 1 && rng.chance(0.6)) return 'FIT-03';
  if (input.intent < 0.4 && rng.chance(0.6)) return rng.pick(['ENG-01', 'ENG-02'] as const);
  return rng.weighted(['FIT-02', 'ENG-01', 'ENG-02', 'QUAL-01', 'QUAL-02', 'QUAL-03'] as const, [1, 3, 3, 3, 2, 1]);
}

function simulateDeal(rng: Random, input: LifecycleInput, createdAt: number, q: number): Deal {
  const owner: Rep = aeFor(input.territory);
  const won = rng.chance(Math.min(0.8, 0.42 * q ** 1.5));
  const cycle = rng.logNormal(won ? 40 * DAY : 30 * DAY, 0.6);
  const closeAt = createdAt + cycle;
  // won deals pass every open stage; lost ones die somewhere along the way
  const depth = won ? 5 : rng.int(1, 5);
  const steps: number[] = [createdAt];
  for (let i = 1; i < depth; i++) steps.push(createdAt + (cycle * i) / depth + rng.between(0, 2 * HOUR));
  const base = input.employees >= 1000 ? 60_000 : input.employees >= 200 ? 24_000 : input.employees >= 50 ? 12_000 : 4_000;
  const amount = Math.round(rng.logNormal(base, 0.4) / 100) * 100;
  const closed = closeAt < input.asOf;
  return {
    createdAt,
    steps: steps.filter((t) => t < input.asOf),
    closedAt: closed ? closeAt : undefined,
    won: closed && won,
    // open deals carry the forecast close date, sometimes already pushed past today
    expectedClose: closed ? closeAt : Math.max(closeAt, input.asOf + rng.int(3, 40) * DAY),
    amount,
    currency: input.territory === 'emea' && rng.chance(0.7) ? 'EUR' : 'USD',
    owner,
    lossReason: closed && !won ? rng.pick(LOSS_REASONS) : undefined,
    wonReason: closed && won ? rng.pick(WON_REASONS) : undefined,
  };
}
