/**
 * The sales team of the sample world: SDRs per territory (each working in their own zone), AEs who
 * own opportunities, and the marketing-automation user. Each SDR has a typical response time so
 * speed-to-lead differs by owner, and each exists in both CRMs (HubSpot by name, Salesforce by Id).
 */
export type Territory = 'east' | 'west' | 'emea' | 'apac';

export interface Rep {
  name: string;
  email: string;
  team: string;
  role: 'SDR' | 'AE' | 'SDR Manager' | 'Integration User';
  timezone: string;
  territory: Territory;
  /** Median minutes from an in-hours MQL to the first touch. */
  medianResponseMinutes: number;
  salesforceId: string;
}

interface RepSeed {
  name: string;
  team: string;
  role: Rep['role'];
  timezone: string;
  territory: Territory;
  medianResponseMinutes: number;
}

const SEEDS: RepSeed[] = [
  { name: 'Ana Ruiz', team: 'SDR East', role: 'SDR', timezone: 'America/New_York', territory: 'east', medianResponseMinutes: 4 },
  { name: 'Marcus Bell', team: 'SDR East', role: 'SDR', timezone: 'America/New_York', territory: 'east', medianResponseMinutes: 35 },
  { name: 'Tessa Grant', team: 'SDR East', role: 'SDR Manager', timezone: 'America/New_York', territory: 'east', medianResponseMinutes: 90 },
  { name: 'Luis Ortega', team: 'SDR West', role: 'SDR', timezone: 'America/Los_Angeles', territory: 'west', medianResponseMinutes: 12 },
  { name: 'Hannah Cole', team: 'SDR West', role: 'SDR', timezone: 'America/Los_Angeles', territory: 'west', medianResponseMinutes: 150 },
  { name: 'Jonas Richter', team: 'SDR EMEA', role: 'SDR', timezone: 'Europe/Berlin', territory: 'emea', medianResponseMinutes: 8 },
  { name: 'Claire Martin', team: 'SDR EMEA', role: 'SDR', timezone: 'Europe/Berlin', territory: 'emea', medianResponseMinutes: 60 },
  { name: 'Rohan Mehta', team: 'SDR APAC', role: 'SDR', timezone: 'Asia/Kolkata', territory: 'apac', medianResponseMinutes: 20 },
  { name: 'Kavya Nair', team: 'SDR APAC', role: 'SDR', timezone: 'Asia/Kolkata', territory: 'apac', medianResponseMinutes: 240 },
  { name: 'Grace Holloway', team: 'AE Mid-Market', role: 'AE', timezone: 'America/New_York', territory: 'east', medianResponseMinutes: 120 },
  { name: 'Daniel Park', team: 'AE Mid-Market', role: 'AE', timezone: 'America/Los_Angeles', territory: 'west', medianResponseMinutes: 120 },
  { name: 'Sophie Laurent', team: 'AE EMEA', role: 'AE', timezone: 'Europe/Berlin', territory: 'emea', medianResponseMinutes: 120 },
  { name: 'Arjun Rao', team: 'AE APAC', role: 'AE', timezone: 'Asia/Kolkata', territory: 'apac', medianResponseMinutes: 120 },
];

const toRep = (seed: RepSeed, i: number): Rep => ({
  ...seed,
  email: `${seed.name.toLowerCase().replace(/ /g, '.')}@example-saas.com`,
  salesforceId: `0058d00000${String(i + 1).padStart(5, '0')}AAA`,
});

export const REPS: readonly Rep[] = SEEDS.map(toRep);

/** Who marketing-automation writes appear as in Salesforce (MQL status changes, list emails). */
export const AUTOMATION_USER: Rep = toRep(
  { name: 'Marketing Automation', team: 'Marketing Ops', role: 'Integration User', timezone: 'America/New_York', territory: 'east', medianResponseMinutes: 0 },
  SEEDS.length,
);

export const sdrsIn = (territory: Territory) => REPS.filter((r) => r.territory === territory && r.role !== 'AE');
export const aeFor = (territory: Territory) => REPS.find((r) => r.territory === territory && r.role === 'AE') as Rep;

/** Countries by territory, with how often leads come from each. */
export const COUNTRIES: { country: string; territory: Territory; weight: number }[] = [
  { country: 'United States', territory: 'east', weight: 0.3 },
  { country: 'Canada', territory: 'east', weight: 0.04 },
  { country: 'United States', territory: 'west', weight: 0.22 },
  { country: 'Germany', territory: 'emea', weight: 0.12 },
  { country: 'United Kingdom', territory: 'emea', weight: 0.1 },
  { country: 'France', territory: 'emea', weight: 0.06 },
  { country: 'India', territory: 'apac', weight: 0.12 },
  { country: 'Singapore', territory: 'apac', weight: 0.04 },
];
