/**
 * Marketing and product engagement: page views, form fills, email clicks, webinars and PLG product
 * events. Leads that go on to win engage more before their MQL decision (scoring has signal);
 * customers keep producing onboarding and teammate-invite events after the win (the leakage a
 * backtest must not count); every MQL is preceded by the action that triggered it.
 */
import { DAY, HOUR, MINUTE } from './clock.js';
import type { Random } from './random.js';
import type { Engagement, StageEvent } from './world.js';

export interface EngagementInput {
  createdAt: number;
  asOf: number;
  intent: number;
  stages: StageEvent[];
  won: boolean;
  plg: boolean;
}

const CASE_STUDIES = ['/case-studies/northwind', '/case-studies/fintech-pipeline', '/case-studies/healthcare-sla'];
const BLOG = ['/blog/speed-to-lead', '/blog/lead-scoring-101', '/blog/mql-vs-sql', '/blog/funnel-math', '/blog/revops-hiring'];
const NURTURE_FORMS = ['ebook-download', 'webinar-registration', 'newsletter-signup'];

export function simulateEngagement(rng: Random, input: EngagementInput): Engagement[] {
  const { createdAt, asOf, intent, stages } = input;
  const out: Engagement[] = [];
  const add = (at: number, type: string, detail = '') => {
    if (at >= createdAt && at < asOf) out.push({ at, type, detail });
  };
  const mqls = stages.filter((s) => s.stage === 'mql');
  const decision = mqls[0]?.at ?? stages.find((s) => s.stage === 'sql')?.at ?? createdAt + 90 * DAY;
  const window = Math.max(HOUR, decision - createdAt);

  if (stages[0]?.stage === 'subscriber') add(createdAt, 'form_fill', 'newsletter-signup');
  if (mqls.length === 0 && intent < 0.25 && rng.chance(0.15)) {
    for (let k = rng.int(1, 3); k > 0; k--) add(createdAt + rng.between(0, window), 'page_view', '/careers');
    return sortByTime(out);
  }
  // before the decision: more (and more intent-heavy) activity for leads that later win
  const before = rng.poisson(1 + 4 * intent + (mqls.length > 0 ? 1.5 : 0) + (input.won ? 4 : 0));
  for (let k = 0; k < before; k++) add(createdAt + rng.between(0, window), ...marketingTouch(rng, intent, input.won));

  for (const mql of mqls) {
    // the action that made it an MQL: a high-intent form, or a pricing visit tipping the score
    if (rng.chance(0.55)) add(mql.at - rng.between(0, 2) * MINUTE, 'form_fill', rng.chance(0.6) ? 'demo-request' : 'contact-sales');
    else add(mql.at - rng.between(1, 20) * MINUTE, 'page_view', '/pricing');
  }
  if (input.plg) addProductUsage(rng, input, decision, add);

  const customer = stages.find((s) => s.stage === 'customer');
  if (customer && rng.chance(0.85)) {
    add(customer.at + rng.between(2, 14) * DAY, 'completed_onboarding');
    add(customer.at + rng.between(5, 30) * DAY, 'invited_teammate');
    for (let k = rng.int(2, 6); k > 0; k--) add(customer.at + rng.between(3, 90) * DAY, 'core_feature_used');
  }
  // some later browsing by everyone, unrelated to the decision
  for (let k = rng.poisson(0.8); k > 0; k--) add(decision + rng.exponential(60 * DAY), 'page_view', rng.pick(BLOG));
  return sortByTime(out);
}

function marketingTouch(rng: Random, intent: number, won: boolean): [string, string] {
  const roll = rng.next();
  if (roll < 0.58) {
    const hot = intent * 0.5 + (won ? 0.25 : 0);
    const page = rng.next() < hot ? rng.pick(['/pricing', '/pricing', '/demo', '/compare/rivalmetrics', '/roi-calculator', ...CASE_STUDIES]) : rng.pick(BLOG);
    return ['page_view', page];
  }
  if (roll < 0.8) return ['email_click', rng.pick(['/blog/speed-to-lead', '/webinars/funnel-benchmarks', '/pricing'])];
  if (roll < 0.88) return ['webinar_attended', 'funnel-benchmarks-live'];
  return ['form_fill', rng.pick(NURTURE_FORMS)];
}

function addProductUsage(rng: Random, input: EngagementInput, decision: number, add: (at: number, type: string, detail?: string) => void): void {
  const { createdAt, intent } = input;
  const span = Math.max(HOUR, decision - createdAt);
  add(createdAt, 'created_account');
  if (rng.chance(0.3 + 0.5 * intent)) add(createdAt + rng.between(0.05, 0.5) * span, 'completed_onboarding');
  for (let k = rng.poisson(3 * intent + (input.won ? 1.5 : 0)); k > 0; k--) add(createdAt + rng.between(0.1, 1) * span, 'core_feature_used');
  if (rng.chance(0.15 + 0.3 * intent)) add(createdAt + rng.between(0.3, 1) * span, 'invited_teammate');
  if (rng.chance(0.4 * intent)) add(createdAt + rng.between(0.5, 1) * span, 'hit_usage_limit');
}

const sortByTime = (events: Engagement[]) => events.sort((a, b) => a.at - b.at);
