/**
 * What the reps did: the first touch after each MQL (speed-to-lead), follow-up attempts, discovery
 * meetings, AE meetings during the deal, a few prospecting touches before the MQL, inbound calls,
 * and automated nurture emails. Reps work in their own business hours: an MQL that arrives at
 * night waits for the next morning, and each rep has their own typical response time.
 */
import { DAY, HOUR, MINUTE, localHour, nextBusinessMoment } from './clock.js';
import type { Rep } from './owners.js';
import type { Random } from './random.js';
import type { Deal, StageEvent, Touch } from './world.js';

const NURTURE_SUBJECTS = ['Newsletter: RevOps digest', 'Webinar invite: Funnel benchmarks', 'New guide: Speed-to-lead'];

/** When `rep` first reaches out to an MQL that arrived at `arrivedAt`. */
export function firstTouchAt(rng: Random, rep: Rep, arrivedAt: number): number {
  const start = nextBusinessMoment(rep.timezone, arrivedAt);
  if (start > arrivedAt) {
    // arrived out of hours: it sits in the morning queue behind everything else
    return atWork(rng, rep, start + rng.logNormal(rep.medianResponseMinutes * 0.5 + 25, 0.8) * MINUTE);
  }
  const hour = localHour(rep.timezone, arrivedAt);
  const slowdown = hour === 12 || hour === 13 ? 2 : hour >= 16 ? 1.6 : 1; // lunch, end of day
  const answered = arrivedAt + rng.logNormal(rep.medianResponseMinutes * slowdown, 1) * MINUTE;
  return atWork(rng, rep, answered);
}

/** `at` if the rep is working then, else some time into their next working morning. */
function atWork(rng: Random, rep: Rep, at: number): number {
  const start = nextBusinessMoment(rep.timezone, at);
  return start === at ? at : start + rng.exponential(45) * MINUTE;
}

export function simulateTouches(rng: Random, rep: Rep, createdAt: number, stages: StageEvent[], deal: Deal | undefined, asOf: number): Touch[] {
  const touches: Touch[] = [];
  const add = (at: number, type: Touch['type'], subject: string, owner = rep, direction: Touch['direction'] = 'outbound', automated = false) => {
    if (at < asOf) touches.push({ at, type, direction, automated, owner, subject });
  };
  const firstMql = stages.find((s) => s.stage === 'mql');
  if (firstMql && rng.chance(0.1)) {
    // prospecting before the lead qualified: shows up as a touch earlier than the MQL
    add(atWork(rng, rep, createdAt + rng.between(0.2, 0.9) * (firstMql.at - createdAt)), 'email', 'Quick question');
  }
  if (rng.chance(0.03)) add(atWork(rng, rep, createdAt + rng.exponential(10 * DAY)), 'call', 'Inbound call', rep, 'inbound');

  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i] as StageEvent;
    if (stage.stage === 'mql') {
      let at = firstTouchAt(rng, rep, stage.at);
      add(at, rng.chance(0.6) ? 'call' : 'email', 'Following up on your request');
      const next = stages[i + 1];
      const attempts = next?.reason === 'ENG-01' ? 2 : rng.int(0, 2);
      for (let k = 0; k < attempts; k++) {
        at = atWork(rng, rep, at + rng.logNormal(DAY, 0.6));
        add(at, rng.chance(0.5) ? 'call' : 'email', `Attempt ${k + 2}`);
      }
    } else if (stage.stage === 'sql') {
      add(atWork(rng, rep, stage.at + rng.logNormal(1.5 * DAY, 0.5)), 'meeting', 'Discovery call');
    }
  }
  if (deal) {
    for (const step of deal.steps.slice(1)) {
      const ae = deal.owner;
      add(atWork(rng, ae, step + rng.between(HOUR, 2 * DAY)), 'meeting', 'Deal review', ae);
    }
  }
  const nurture = rng.poisson(1.2);
  for (let k = 0; k < nurture; k++) {
    // sent by the automation platform in the rep's name, any hour of any day
    add(createdAt + rng.between(HOUR, 120 * DAY), 'email', rng.pick(NURTURE_SUBJECTS), rep, 'outbound', true);
  }
  return touches.sort((a, b) => a.at - b.at);
}
