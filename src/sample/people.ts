/**
 * Who the sample leads are: invented names, companies, titles and firmographics. Companies are
 * drawn with a skew so some accounts have several contacts (buying committees), and a few emails
 * are personal, student or competitor addresses so negative scoring signals exist.
 */
import type { Random } from './random.js';

const FIRST = [
  'Ana',
  'Ben',
  'Chloe',
  'Dev',
  'Elif',
  'Farah',
  'Gus',
  'Hana',
  'Ivan',
  'Jade',
  'Kofi',
  'Lena',
  'Marco',
  'Nia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Vic',
  'Wen',
  'Yusuf',
  'Zoe',
  'José',
  'Søren',
  'Chloé',
  'Aarav',
  'Mei',
  'Lukas',
  'Freya',
  'Diego',
  'Amara',
  'Noah',
  'Ines',
];
const LAST = [
  'Ruiz',
  'Okafor',
  'Lindqvist',
  'Patel',
  'Nakamura',
  'Brennan',
  'Fischer',
  'Moreau',
  'Kowalski',
  'Haddad',
  'Silva',
  'Osei',
  'Novak',
  'Iyer',
  'Walsh',
  'Yilmaz',
  'Costa',
  'Berg',
  'Müller',
  'Dubois',
  'Reddy',
  'Kim',
  'Larsen',
  'Adeyemi',
  'Rossi',
  'Chen',
  'Álvarez',
  'Sharma',
  'Byrne',
  'Weber',
];
const COMPANY_HEAD = [
  'Northwind',
  'Bluepeak',
  'Ironleaf',
  'Quillstone',
  'Harborline',
  'Brightfold',
  'Cedarloop',
  'Kestrel',
  'Lumen',
  'Meridian',
  'Oakridge',
  'Pinewell',
  'Redshift',
  'Saltmarsh',
  'Tidewater',
  'Vantage',
  'Willowmere',
  'Zephyr',
  'Copperfield',
  'Driftwood',
  'Foxglove',
  'Granite',
  'Helix',
  'Juniper',
];
const COMPANY_TAIL = [
  'Analytics',
  'Logistics',
  'Health',
  'Labs',
  'Systems',
  'Foods',
  'Capital',
  'Robotics',
  'Media',
  'Software',
  'Energy',
  'Retail',
  'Partners',
  'Learning',
  'Bio',
  'Works',
];
const TLD = ['com', 'com', 'com', 'io', 'co', 'de', 'co.uk', 'in'];

export const INDUSTRIES = [
  'Computer Software',
  'Financial Services',
  'Hospital & Health Care',
  'Manufacturing',
  'Retail',
  'Education Management',
  'Marketing and Advertising',
  'Logistics and Supply Chain',
] as const;
/** Industries our imaginary product sells well into (fit). */
const TARGET_INDUSTRIES = new Set<string>(['Computer Software', 'Financial Services', 'Marketing and Advertising']);

/** Titles by seniority tier, 0 = student/intern … 4 = executive. */
export const TITLES: readonly (readonly string[])[] = [
  ['Student', 'Marketing Intern'],
  ['Analyst', 'Marketing Specialist', 'Sales Development Rep', 'Consultant'],
  ['Marketing Manager', 'Revenue Operations Manager', 'Demand Generation Manager'],
  ['Director of Marketing', 'Head of Growth', 'Director of Sales Operations'],
  ['VP Marketing', 'VP Sales', 'CMO', 'CEO'],
];
const TITLE_WEIGHTS = [0.05, 0.3, 0.33, 0.2, 0.12];
const SIZE_BANDS = [
  [2, 9],
  [10, 49],
  [50, 199],
  [200, 999],
  [1000, 5000],
] as const;
const SIZE_WEIGHTS = [0.15, 0.25, 0.3, 0.2, 0.1];

export interface Company {
  index: number;
  name: string;
  domain: string;
  industry: string;
  employees: number;
}

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  titleTier: number;
  title: string;
}

export function company(index: number, rng: Random): Company {
  const head = COMPANY_HEAD[index % COMPANY_HEAD.length] as string;
  const tail = COMPANY_TAIL[Math.floor(index / COMPANY_HEAD.length) % COMPANY_TAIL.length] as string;
  const round = Math.floor(index / (COMPANY_HEAD.length * COMPANY_TAIL.length));
  const name = round === 0 ? `${head} ${tail}` : `${head} ${tail} ${round + 1}`;
  const slug = (head + tail + (round === 0 ? '' : String(round + 1))).toLowerCase();
  const [lo, hi] = rng.weighted(SIZE_BANDS, SIZE_WEIGHTS);
  return { index, name, domain: `${slug}.${rng.pick(TLD)}`, industry: rng.pick(INDUSTRIES), employees: rng.int(lo, hi) };
}

/** Index of the company a lead works at: skewed so low indexes recur (several contacts). */
export function companyIndexFor(rng: Random, companyCount: number): number {
  return Math.floor(rng.next() ** 1.6 * companyCount);
}

export function person(rng: Random, at: Company): Person {
  const firstName = rng.pick(FIRST);
  const lastName = rng.pick(LAST);
  const titleTier = rng.weighted([0, 1, 2, 3, 4], TITLE_WEIGHTS);
  const local = ascii(`${firstName}.${lastName}`).toLowerCase() + (rng.chance(0.3) ? String(rng.int(1, 99)) : '');
  const roll = rng.next();
  // mostly work addresses; some personal, student and competitor ones (negative signals)
  const domain =
    roll < 0.08 ? rng.pick(['gmail.com', 'outlook.com', 'yahoo.com']) : roll < 0.1 ? 'student.univ-example.edu' : roll < 0.11 ? 'rivalmetrics.com' : at.domain;
  const phone = `+1 ${rng.int(201, 989)}-555-${String(rng.int(0, 9999)).padStart(4, '0')}`;
  return { firstName, lastName, email: `${local}@${domain}`, phone, titleTier, title: rng.pick(TITLES[titleTier]!) };
}

/** Fit in [0, 1] from firmographics and seniority: what the scoring templates reward. */
export function fitOf(p: Person, c: Company): number {
  const size = c.employees >= 50 && c.employees <= 1000 ? 0.35 : c.employees > 1000 ? 0.25 : 0.05;
  const industry = TARGET_INDUSTRIES.has(c.industry) ? 0.25 : 0.05;
  const seniority = [0, 0.05, 0.2, 0.3, 0.35][p.titleTier] ?? 0;
  const email = p.email.endsWith(c.domain) ? 0.05 : 0;
  return Math.min(1, size + industry + seniority + email);
}

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/[^A-Za-z.]/g, '');
