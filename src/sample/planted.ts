/**
 * The planted stories: a few dozen leads added after the simulated ones, so every section of the
 * hygiene and routing audits has something to show — duplicates in each tier, required fields
 * left blank, leads in a stage that no longer exists or with no owner, a batch routed to one rep
 * over a weekend, a reassignment ping-pong, ABM-tier responses that breach. Each is a lead a real
 * CRM collects: a webinar list re-imported, a badge scan typed in capitals, a rep who never filled
 * in the amount. They come after the simulated leads (indexes from `leads` on), so the simulated
 * leads and their numbers stay as they were. A world of fewer than 100 leads, or without all three
 * formats, gets none: the duplicates copy simulated leads across systems.
 */
import { assignmentTime } from './assignment.js';
import { DAY, fromWallClock, HOUR, MINUTE } from './clock.js';
import { REPS, type Rep, type Territory } from './owners.js';
import { company, type Company, type Person, person } from './people.js';
import { Random } from './random.js';
import { leadId, simulateLead, TERRITORY_ZONE } from './simulate.js';
import type { SourceKey } from './sources.js';
import type { Deal, Engagement, SampleFormat, SimLead, StageEvent, Touch, WorldOptions } from './world.js';

/** Planting needs this many simulated leads to copy from. */
export const PLANT_MIN_LEADS = 100;

const rep = (name: string) => REPS.find((r) => r.name === name) as Rep;

interface Story {
  system: SampleFormat;
  person: Person;
  company: Company;
  territory: Territory;
  country: string;
  owner: Rep;
  createdAt: number;
  source?: SourceKey;
  /** stage entries after the lead entry at creation */
  stages?: Omit<StageEvent, 'by'>[];
  touches?: { at: number; type?: Touch['type'] }[];
  deal?: Deal;
  assignedAt?: number;
  extra?: Partial<SimLead>;
}

export function plantedLeads(world: WorldOptions): SimLead[] {
  // the stories cross the three systems (a HubSpot copy of a Salesforce lead), so a world of fewer formats gets none
  if (world.leads < PLANT_MIN_LEADS || world.formats.length < 3) return [];
  const zone = (t: Territory) => TERRITORY_ZONE[t];
  /** `hour`:`minute` local time in `territory`'s zone, `days` calendar days before the as-of's UTC date. */
  const at = (territory: Territory, days: number, hour: number, minute = 0) => {
    const day = Math.floor(world.asOf / DAY) - days;
    return fromWallClock(zone(territory), day * DAY + hour * HOUR + minute * MINUTE);
  };
  const bases = simulatedBases(world);
  const stories: Story[] = [];
  const copy = (base: SimLead, system: SampleFormat, days: number, person: Person, extra: Partial<Story> = {}): Story => ({
    system,
    person,
    company: base.company,
    territory: base.territory,
    country: base.country,
    owner: base.owner,
    createdAt: at(base.territory, days, 11, 20),
    ...extra,
  });
  const newPerson = (k: number, at: Company) => person(Random.forItem(world.seed, world.leads + k, 23), at);
  const account = (index: number) => company(index, Random.forItem(world.seed, index, 7));

  // Duplicates, tier 1: the same email in a second system (a list import, a form fill).
  stories.push(copy(bases.salesforce[0]!, 'hubspot', 40, bases.salesforce[0]!.person, { source: 'email' }));
  stories.push(copy(bases.hubspot[0]!, 'canonical', 75, bases.hubspot[0]!.person, { source: 'offline' }));
  // tier 2: the same email after normalisation — a badge scan in capitals, a +tag, Gmail's dots
  const caps = bases.hubspotWork[1]!;
  stories.push(copy(caps, 'salesforce', 33, { ...caps.person, email: caps.person.email.toUpperCase() }, { source: 'offline' }));
  const tagged = bases.salesforceWork[1]!;
  stories.push(copy(tagged, 'hubspot', 26, { ...tagged.person, email: tagged.person.email.replace('@', '+webinar@') }, { source: 'email' }));
  const gmail = bases.gmail[0]!;
  const [gmailLocal] = gmail.person.email.split('@');
  stories.push(
    copy(gmail, gmail.system === 'hubspot' ? 'salesforce' : 'hubspot', 58, { ...gmail.person, email: `${gmailLocal!.replace(/\./g, '')}@googlemail.com` }),
  );
  // tier 3: the same person at the same company — another work address, or the same phone
  const alias = bases.hubspotWork[2]!;
  stories.push(copy(alias, 'salesforce', 47, { ...alias.person, email: alias.person.email.replace('.', '_') }));
  const phone = bases.hubspotWork[3]!;
  const [phoneLocal] = phone.person.email.split('@');
  stories.push(copy(phone, 'hubspot', 88, { ...phone.person, email: `${phoneLocal}.home@yahoo.com` }));
  // tier 4: one account, two spellings
  const northwind = account(0);
  stories.push({ ...fresh(0, northwind, 'east'), system: 'hubspot', createdAt: at('east', 64, 10), extra: { companyAs: 'NORTHWIND ANALYTICS, INC.' } });
  const bluepeak = account(1);
  stories.push({ ...fresh(1, bluepeak, 'west'), system: 'salesforce', createdAt: at('west', 52, 14), extra: { companyAs: 'Bluepeak Analytics LLC' } });

  function fresh(k: number, at: Company, territory: Territory, owner?: Rep): Omit<Story, 'system' | 'createdAt'> {
    const country = territory === 'emea' ? 'Germany' : territory === 'apac' ? 'India' : 'United States';
    const defaults: Record<Territory, string> = { east: 'Marcus Bell', west: 'Luis Ortega', emea: 'Jonas Richter', apac: 'Rohan Mehta' };
    return { person: newPerson(k, at), company: at, territory, country, owner: owner ?? rep(defaults[territory]) };
  }

  // Required fields: an SQL without a company, an SQL with neither email nor phone, an SQL whose
  // owner was cleared, an open deal without an amount, a lost deal without a reason or competitor.
  const sqlPath = (days: number, t: Territory) => [
    { stage: 'mql' as const, at: at(t, days - 1, 10) },
    { stage: 'sql' as const, at: at(t, days - 3, 15) },
  ];
  // the rep's call (a meeting at the booth for the trade-show contact) 25 minutes after the MQL
  const qualifiedBy = (days: number, t: Territory, type: Touch['type'] = 'call') => [{ at: at(t, days - 1, 10, 25), type }];
  stories.push({
    ...fresh(9, account(31), 'east'),
    system: 'hubspot',
    createdAt: at('east', 50, 9, 40),
    stages: sqlPath(50, 'east'),
    touches: qualifiedBy(50, 'east'),
    extra: { companyAs: '' },
  });
  const noContact = fresh(10, account(44), 'east', rep('Ana Ruiz'));
  stories.push({
    ...noContact,
    person: { ...noContact.person, email: '', phone: '' },
    system: 'hubspot',
    source: 'offline',
    createdAt: at('east', 45, 13),
    stages: sqlPath(45, 'east'),
    touches: qualifiedBy(45, 'east', 'meeting'),
  });
  stories.push({
    ...fresh(11, account(38), 'west'),
    system: 'canonical',
    createdAt: at('west', 39, 10),
    stages: sqlPath(39, 'west'),
    extra: { unowned: 'none' },
  });
  const openDeal = deal(at('east', 24, 11), rep('Grace Holloway'), {
    steps: [at('east', 24, 11), at('east', 12, 11)],
    expectedClose: world.asOf + 35 * DAY,
    amountMissing: true,
  });
  stories.push({
    ...fresh(12, account(27), 'east'),
    system: 'hubspot',
    createdAt: at('east', 70, 10),
    stages: [...sqlPath(70, 'east'), { stage: 'opportunity', at: openDeal.createdAt }],
    touches: qualifiedBy(70, 'east'),
    deal: openDeal,
  });
  const lost = deal(at('west', 90, 11), rep('Daniel Park'), { closedAt: at('west', 20, 16), expectedClose: at('west', 20, 16), competitor: '' });
  stories.push({
    ...fresh(13, account(29), 'west'),
    system: 'salesforce',
    createdAt: at('west', 120, 10),
    stages: [...sqlPath(120, 'west'), { stage: 'opportunity', at: lost.createdAt }],
    touches: qualifiedBy(120, 'west'),
    deal: lost,
  });

  // Stages that no longer exist: HubSpot's retired custom "Partner" stage, an old canonical value.
  stories.push({
    ...fresh(14, account(52), 'east'),
    system: 'hubspot',
    createdAt: at('east', 200, 10),
    extra: { rawStage: { label: 'Partner', internal: 'partner', at: at('east', 180, 11) } },
  });
  stories.push({
    ...fresh(15, account(57), 'emea'),
    system: 'canonical',
    createdAt: at('emea', 150, 10),
    extra: { rawStage: { label: 'nurture_legacy', internal: 'nurture_legacy', at: at('emea', 120, 11) } },
  });

  // Nobody's leads: a contact with no owner, a web lead the assignment rule left in the Salesforce
  // queue, an MQL no one picked up.
  stories.push({ ...fresh(16, account(61), 'east'), system: 'hubspot', createdAt: at('east', 18, 15), extra: { unowned: 'none' } });
  stories.push({
    ...fresh(17, account(66), 'west'),
    system: 'salesforce',
    createdAt: at('west', 9, 10),
    extra: { unowned: 'queue' },
  });
  stories.push({
    ...fresh(18, account(71), 'east'),
    system: 'canonical',
    createdAt: at('east', 6, 16),
    stages: [{ stage: 'mql', at: at('east', 4, 9, 30) }],
    extra: { unowned: 'none' },
  });

  // One rep buried: a webinar list imported on a Friday evening, all of it routed to Claire Martin
  // on Monday morning (64 hours later, 30 to 60 business minutes).
  const friday = at('emea', 9, 17, 40);
  for (let k = 0; k < 10; k++) {
    stories.push({
      ...fresh(19 + k, account(80 + 3 * k), 'emea', rep('Claire Martin')),
      system: 'hubspot',
      source: 'email',
      createdAt: friday + k * MINUTE,
      assignedAt: at('emea', 6, 9, 12 + 3 * k),
    });
  }

  // Reassignment ping-pong: territory disputes bounce a lead back to where it started.
  const [jonas, claire] = [rep('Jonas Richter'), rep('Claire Martin')];
  stories.push({
    ...fresh(29, account(90), 'emea', jonas),
    system: 'salesforce',
    createdAt: at('emea', 30, 10),
    assignedAt: at('emea', 30, 10, 35),
    extra: {
      reassignments: [
        { at: at('emea', 29, 14), from: jonas, to: claire },
        { at: at('emea', 27, 9, 50), from: claire, to: jonas },
      ],
    },
  });
  const [marcus, tessa] = [rep('Marcus Bell'), rep('Tessa Grant')];
  stories.push({
    ...fresh(30, account(95), 'east', marcus),
    system: 'canonical',
    createdAt: at('east', 60, 11),
    assignedAt: at('east', 60, 13, 5),
    extra: {
      reassignments: [
        { at: at('east', 57, 10), from: marcus, to: tessa },
        { at: at('east', 56, 16), from: tessa, to: marcus },
        { at: at('east', 53, 11), from: marcus, to: tessa },
      ],
    },
  });

  // ABM tiers (accounts.ts): a tier-1 MQL answered 4.5 hours later, a tier-1 MQL answered in 20
  // minutes, a tier-2 MQL answered the next day, a tier-3 MQL answered the next day.
  const mqlAnswered = (days: number, t: Territory, h: number, m: number, answeredDays: number, ah: number, am: number) => ({
    stages: [{ stage: 'mql' as const, at: at(t, days, h, m) }],
    touches: [{ at: at(t, answeredDays, ah, am), type: 'call' as const }],
  });
  stories.push({ ...fresh(31, northwind, 'east', tessa), system: 'hubspot', createdAt: at('east', 20, 9), ...mqlAnswered(5, 'east', 10, 5, 5, 14, 40) });
  stories.push({
    ...fresh(32, account(7), 'east', rep('Ana Ruiz')),
    system: 'hubspot',
    createdAt: at('east', 15, 9),
    ...mqlAnswered(3, 'east', 11, 0, 3, 11, 20),
  });
  stories.push({ ...fresh(33, bluepeak, 'east', marcus), system: 'canonical', createdAt: at('east', 30, 9), ...mqlAnswered(6, 'east', 9, 30, 5, 10, 0) });
  stories.push({ ...fresh(34, account(3), 'east', marcus), system: 'canonical', createdAt: at('east', 25, 9), ...mqlAnswered(4, 'east', 16, 0, 3, 11, 0) });

  return stories.map((story, k) => build(world, world.leads + k, story));
}

function deal(createdAt: number, owner: Rep, rest: Partial<Deal>): Deal {
  return { createdAt, steps: [createdAt], won: false, expectedClose: createdAt + 45 * DAY, amount: 18_000, currency: 'USD', owner, ...rest };
}

function build(world: WorldOptions, index: number, story: Story): SimLead {
  const stages: StageEvent[] = [
    { stage: 'lead', at: story.createdAt, by: 'form' },
    ...(story.stages ?? []).map((s) => ({ ...s, by: s.stage === 'mql' ? ('automation' as const) : ('rep' as const) })),
  ];
  const touches: Touch[] = (story.touches ?? []).map((t) => ({
    at: t.at,
    type: t.type ?? 'call',
    direction: 'outbound',
    automated: false,
    owner: story.owner,
    subject: 'Intro call',
  }));
  const engagement: Engagement[] = [{ at: story.createdAt, type: 'form_fill', detail: 'contact-sales' }];
  for (const s of stages) if (s.stage === 'mql') engagement.push({ at: s.at - 2 * MINUTE, type: 'form_fill', detail: 'demo-request' });
  const { person: p, company: c } = story;
  const assignedAt = story.assignedAt ?? assignmentTime(Random.forItem(world.seed, index, 17), story.owner, story.createdAt, touches, world.asOf);
  return {
    index,
    system: story.system,
    id: leadId(story.system, index),
    person: p,
    company: c,
    country: story.country,
    territory: story.territory,
    source: story.source ?? 'organic',
    createdAt: story.createdAt,
    owner: story.owner,
    assignedAt,
    fit: 0.5,
    intent: 0.5,
    stages,
    deal: story.deal,
    touches,
    engagement,
    fields: [
      { field: 'title', value: p.title, at: story.createdAt },
      { field: 'industry', value: c.industry, at: story.createdAt },
      { field: 'employees', value: String(c.employees), at: story.createdAt },
    ],
    current: { title: p.title, industry: c.industry, employees: c.employees },
    ...story.extra,
  };
}

/** Simulated leads to copy, by system and kind of address, from the first few hundred. */
function simulatedBases(world: WorldOptions) {
  const out = { hubspot: [] as SimLead[], salesforce: [] as SimLead[], hubspotWork: [] as SimLead[], salesforceWork: [] as SimLead[], gmail: [] as SimLead[] };
  for (let i = 0; i < world.leads && i < 2000; i++) {
    const lead = simulateLead(world, i);
    const work = lead.person.email.endsWith(`@${lead.company.domain}`);
    if (lead.system === 'hubspot') out.hubspot.push(lead);
    if (lead.system === 'salesforce') out.salesforce.push(lead);
    if (lead.system === 'hubspot' && work) out.hubspotWork.push(lead);
    if (lead.system === 'salesforce' && work) out.salesforceWork.push(lead);
    if (lead.system !== 'canonical' && /\..*@gmail\.com$/.test(lead.person.email)) out.gmail.push(lead);
    if (out.hubspotWork.length >= 4 && out.salesforceWork.length >= 2 && out.gmail.length >= 1) break;
  }
  return out;
}
