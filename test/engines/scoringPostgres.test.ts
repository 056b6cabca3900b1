/**
 * Scoring on PostgreSQL (PGlite) against hand-worked values: regex rules whose RE2 spelling
 * PostgreSQL reads otherwise (`\b` is a backspace there, `\x{e9}` no escape at all) score as on
 * DuckDB, because scoreAsOf binds each pattern translated for the engine (regexSubset.ts), and a
 * model's patterns are checked in the engine's own dialect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbWarehouse } from '../../src/db/connection.js';
import { copyWarehouse } from '../../src/db/pgCopy.js';
import { PostgresWarehouse } from '../../src/db/postgres.js';
import { assertPatternsRun } from '../../src/scoring/checkPatterns.js';
import { templates } from '../../src/scoring/templates.js';
import { addEvents, addHistory, addLead, model, scoreAt } from '../scoring/rows.js';
import { openTestWarehouse } from '../helpers/db.js';

// Points are powers of two, so a total names exactly the rules that matched.
const regexModel = model({
  fit: [
    { id: 'title-vp', field: 'title', condition: { regex: '\\bvp\\b', flags: 'i' }, points: 1 },
    { id: 'company-cafe', field: 'company', condition: { regex: 'caf\\x{e9}' }, points: 2 },
  ],
  engagement: [{ id: 'pricing', event: 'page_view', detail: { regex: '/pricing\\b' }, points: 4, perOccurrence: true }],
});

const leads: [string, string, string, string][] = [
  // lead, title, company, page viewed
  ['L-1', 'VP Sales', 'Lumen café', '/pricing'],
  ['L-2', 'MVP Program Lead', 'Lumen cafe', '/pricingplans'],
  ['L-3', 'Head of Growth, vp', 'le café', '/pricing?plan=team'],
  ['L-4', 'svp', 'CAFÉ', '/blog/pricing-tips'],
];

async function seed(wh: DuckDbWarehouse | PostgresWarehouse): Promise<void> {
  for (const [lead, title, company, page] of leads) {
    await addLead(wh, { lead_id: lead, company, created_at: '2024-01-01' });
    await addHistory(wh, lead, 'title', title, '2024-01-02');
    await addEvents(wh, lead, [['page_view', '2024-01-03', page]]);
  }
}

describe('scoring on PostgreSQL (PGlite)', () => {
  let duck: DuckDbWarehouse;
  let pg: PostgresWarehouse;

  beforeAll(async () => {
    duck = (await openTestWarehouse()) as DuckDbWarehouse;
    pg = await PostgresWarehouse.pglite();
    // the canonical tables, empty, then the same hand rows on both engines
    await copyWarehouse(duck, pg);
    await seed(duck);
    await seed(pg);
  }, 120_000);

  afterAll(async () => {
    duck?.close();
    await pg?.closed();
  });

  it('scores word-boundary and \\x{…} regex rules as DuckDB does', async () => {
    const decisions: [string, string][] = leads.map(([lead]) => [lead, '2024-02-01']);
    const totals = async (wh: DuckDbWarehouse | PostgresWarehouse) =>
      Object.fromEntries([...(await scoreAt(wh, regexModel, decisions))].map(([lead, row]) => [lead, row.score]));
    // L-1: vp, café, /pricing = 1+2+4; L-2: none (MVP, cafe, /pricingplans); L-3: vp, café, /pricing? = 7;
    // L-4: svp is no word vp, CAFÉ is not café (case-sensitive), /blog/pricing-tips has /pricing then - = 4
    const expected = { 'L-1': 7, 'L-2': 0, 'L-3': 7, 'L-4': 4 };
    expect(await totals(duck)).toEqual(expected);
    expect(await totals(pg)).toEqual(expected);
  });

  it('lists the matched rules per lead in the same shape and order as DuckDB', async () => {
    const rows = await scoreAt(pg, regexModel, [['L-1', '2024-02-01']]);
    expect(rows.get('L-1')?.rule_points).toEqual([
      { dimension: 'fit', rule_id: 'title-vp', points: 1 },
      { dimension: 'fit', rule_id: 'company-cafe', points: 2 },
      { dimension: 'engagement', rule_id: 'pricing', points: 4 },
    ]);
  });

  it("accepts every template's patterns and a \\x{…} escape when checking a model's regexes", async () => {
    for (const template of Object.values(templates)) await expect(assertPatternsRun(pg, template, template.name)).resolves.toBeUndefined();
    await expect(assertPatternsRun(pg, regexModel, 'regex.json')).resolves.toBeUndefined();
  });
});
