/**
 * Builds one simulated lead from (seed, index) alone: which CRM holds it, who they are, when they
 * arrived, who owns them, and everything that happened next. Each lead has its own random stream,
 * so a lead's story does not depend on the leads before it or on which formats are written.
 */
import { assignmentTime } from './assignment.js';
import { DAY, HOUR, localDaytime } from './clock.js';
import { simulateEngagement } from './engagement.js';
import { simulateFieldHistory } from './fields.js';
import { simulateLifecycle } from './lifecycle.js';
import { COUNTRIES, sdrsIn, type Territory } from './owners.js';
import { company, companyIndexFor, fitOf, person } from './people.js';
import { Random } from './random.js';
import { SOURCES, SOURCE_WEIGHTS } from './sources.js';
import { simulateTouches } from './touches.js';
import type { SampleFormat, SimLead, WorldOptions } from './world.js';

/** Leads arrive over the 18 months before as-of. */
export const HISTORY_DAYS = 548;
const SYSTEM_SHARE: Record<SampleFormat, number> = { hubspot: 0.45, salesforce: 0.45, canonical: 0.1 };
export const TERRITORY_ZONE: Record<Territory, string> = {
  east: 'America/New_York',
  west: 'America/Los_Angeles',
  emea: 'Europe/Berlin',
  apac: 'Asia/Kolkata',
};

export function simulateLead(options: WorldOptions, index: number): SimLead {
  const rng = Random.forItem(options.seed, index);
  const system = rng.weighted(
    options.formats,
    options.formats.map((f) => SYSTEM_SHARE[f]),
  );
  const companyCount = Math.max(40, Math.ceil(options.leads / 3));
  const companyIndex = companyIndexFor(rng, companyCount);
  // a company's own stream, so every contact of one account sees the same firmographics
  const org = company(companyIndex, Random.forItem(options.seed, companyIndex, 7));
  const who = person(rng, org);
  const place = rng.weighted(
    COUNTRIES,
    COUNTRIES.map((c) => c.weight),
  );
  const source = rng.weighted(SOURCES, SOURCE_WEIGHTS);
  const owner = rng.pick(sdrsIn(place.territory));
  const createdAt = arrivalTime(rng, options.asOf, TERRITORY_ZONE[place.territory]);
  const fit = fitOf(who, org);
  const intent = Math.min(1, Math.max(0, rng.next() * 0.9 + source.intentBoost + 0.05));

  const nurtureChannel = source.key === 'organic' || source.key === 'social' || source.key === 'email';
  const lifecycle = simulateLifecycle(rng, {
    createdAt,
    asOf: options.asOf,
    fit,
    intent,
    titleTier: who.titleTier,
    employees: org.employees,
    territory: place.territory,
    zone: TERRITORY_ZONE[place.territory],
    startsAsSubscriber: system !== 'salesforce' && rng.chance(nurtureChannel ? 0.35 : 0.1),
  });
  const won = lifecycle.deal?.won ?? false;
  const history = simulateFieldHistory(rng, who, org, createdAt, options.asOf);
  const touches = simulateTouches(rng, owner, createdAt, lifecycle.stages, lifecycle.deal, options.asOf);
  // routing and the lost deal's competitor draw from streams of their own, so adding them moved
  // none of the lead's other numbers
  const assignedAt = assignmentTime(Random.forItem(options.seed, index, 17), owner, createdAt, touches, options.asOf);
  if (lifecycle.deal?.closedAt !== undefined && !lifecycle.deal.won) lifecycle.deal.competitor = competitorOf(Random.forItem(options.seed, index, 19));
  return {
    index,
    system,
    id: leadId(system, index),
    person: who,
    company: org,
    country: place.country,
    territory: place.territory,
    source: source.key,
    createdAt,
    owner,
    assignedAt,
    fit,
    intent,
    stages: lifecycle.stages,
    deal: lifecycle.deal,
    touches,
    engagement: simulateEngagement(rng, {
      createdAt,
      asOf: options.asOf,
      intent,
      stages: lifecycle.stages,
      won,
      plg: source.key === 'product',
    }),
    fields: history.fields,
    current: history.current,
  };
}

const COMPETITORS = ['Funnelytics', 'PipeRadar', 'LeadLoop', 'in-house spreadsheet'];

/** Reps name the competitor on most lost deals and leave it blank on about one in five. */
function competitorOf(rng: Random): string {
  return rng.chance(0.2) ? '' : rng.pick(COMPETITORS);
}

function arrivalTime(rng: Random, asOf: number, zone: string): number {
  const firstDay = Math.floor(asOf / DAY) - HISTORY_DAYS;
  let day = firstDay + rng.int(0, HISTORY_DAYS - 1);
  const weekday = new Date(day * DAY).getUTCDay();
  if ((weekday === 0 || weekday === 6) && rng.chance(0.6)) day += weekday === 6 ? 2 : 1; // quieter weekends
  return Math.min(localDaytime(rng, zone, day * DAY + 12 * HOUR), asOf - HOUR);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export function base62(n: number, width: number): string {
  let out = '';
  for (let v = n; v > 0; v = Math.floor(v / 62)) out = BASE62[v % 62] + out;
  return out.padStart(width, '0');
}

/** Ids in each system's own style: HubSpot numeric, Salesforce 18-character, canonical our own. */
export function leadId(system: SampleFormat, index: number): string {
  if (system === 'hubspot') return String(51_200_001 + index * 3);
  if (system === 'salesforce') return `00Q8d${base62(index + 1, 10)}EAU`;
  return `L${String(index + 1).padStart(7, '0')}`;
}
