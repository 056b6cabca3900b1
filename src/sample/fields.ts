/**
 * How lead attributes change over time (`field_history`): the values at creation, then promotions
 * ("Analyst" → "VP Marketing"), industry reclassifications and headcount growth. A backtest must
 * score the value known at decision time, not today's.
 */
import { DAY } from './clock.js';
import { INDUSTRIES, TITLES, type Company, type Person } from './people.js';
import type { Random } from './random.js';
import type { FieldChange } from './world.js';

export interface FieldStory {
  fields: FieldChange[];
  current: { title: string; industry: string; employees: number };
}

export function simulateFieldHistory(rng: Random, p: Person, c: Company, createdAt: number, asOf: number): FieldStory {
  const current = { title: p.title, industry: c.industry, employees: c.employees };
  const fields: FieldChange[] = [
    { field: 'title', value: p.title, at: createdAt },
    { field: 'industry', value: c.industry, at: createdAt },
    { field: 'employees', value: String(c.employees), at: createdAt },
  ];
  const later = () => createdAt + rng.between(7 * DAY, Math.max(8 * DAY, asOf - createdAt));
  const changes: FieldChange[] = [];
  if (p.titleTier < 4 && rng.chance(0.12)) {
    const tier = Math.min(4, p.titleTier + rng.int(1, 3));
    changes.push({ field: 'title', value: rng.pick(TITLES[tier] as readonly string[]), at: later() });
  }
  if (rng.chance(0.04)) {
    changes.push({ field: 'industry', value: rng.pick(INDUSTRIES.filter((i) => i !== c.industry)), at: later() });
  }
  if (rng.chance(0.1)) {
    changes.push({ field: 'employees', value: String(Math.round(c.employees * rng.between(1.2, 3))), at: later() });
  }
  // only what happened before as-of is history; today's values follow from it
  for (const change of changes.sort((a, b) => a.at - b.at)) {
    if (change.at >= asOf) continue;
    fields.push(change);
    if (change.field === 'employees') current.employees = Number(change.value);
    else current[change.field] = change.value;
  }
  return { fields, current };
}
