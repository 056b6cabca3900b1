/**
 * When the router hands a new lead to its owner. Assignment runs in the owner's working hours:
 * in hours it takes minutes (the router's batch, a manager's triage); a lead created at night or
 * at the weekend waits for the next working morning. So time to assign is spread over business
 * minutes, and a lead arriving on a Friday evening is assigned on Monday.
 */
import { MINUTE, nextBusinessMoment } from './clock.js';
import type { Rep } from './owners.js';
import type { Random } from './random.js';
import type { Touch } from './world.js';

export function assignmentTime(rng: Random, rep: Rep, createdAt: number, touches: readonly Touch[], asOf: number): number {
  const start = nextBusinessMoment(rep.timezone, createdAt);
  const wait = rng.logNormal(start > createdAt ? 25 : 8, 1.2) * MINUTE;
  // a rep reaches out only once the lead is theirs
  const firstTouch = touches.find((t) => !t.automated)?.at ?? Infinity;
  const at = Math.min(start + wait, firstTouch - MINUTE, asOf - MINUTE);
  return Math.max(createdAt, Math.floor(at / 1000) * 1000); // CRMs stamp whole seconds
}
