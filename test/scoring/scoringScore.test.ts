/** `scoring score`: every lead created before --as-of, scored as of that instant, as typed rows. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scoringScore } from '../../src/commands/scoring.js';
import { scoreAsOf } from '../../src/scoring/scoreAsOf.js';
import { openTestWarehouse } from '../helpers/db.js';
import { addEvents, addFields, addLead, model, scoreAt } from './rows.js';

const modelPath = fileURLToPath(new URL('./fixtures/small-model.json', import.meta.url));

describe('scoringScore', () => {
  it('scores the leads that existed at --as-of from what was known then', async () => {
    const wh = await openTestWarehouse();
    await addLead(wh, { lead_id: 'L-8001', email: 'priya.n@gmail.com', created_at: '2024-05-01' });
    await addFields(wh, 'L-8001', { employees: '200' });
    await addEvents(wh, 'L-8001', [
      ['form_fill', '2024-05-20', 'demo-request'],
      ['page_view', '2024-05-17', '/pricing'],
    ]);
    await addLead(wh, { lead_id: 'L-8002', email: 'tomas@hollowtree.io', created_at: '2024-05-15' });
    await addEvents(wh, 'L-8002', [['form_fill', '2024-06-10', 'demo-request']]); // after --as-of
    await addLead(wh, { lead_id: 'L-8003', email: 'new@hollowtree.io', created_at: '2024-07-01' }); // not yet a lead

    const result = await scoringScore(wh, { modelPath, asOf: '2024-06-01' });
    expect(result).toMatchObject({
      model: { name: 'Pilot model', version: '0.1', threshold: 40 },
      leads: 2,
      flagged: 1,
      incompleteHistory: 1,
    });
    expect(result.rows).toEqual([
      {
        // size +15, demo +30, pricing 15 days ago 20 − 2×5 = 10, gmail −10 → 45 ≥ 40
        lead_id: 'L-8001',
        score: 45,
        fit: 15,
        engagement: 40,
        negative: -10,
        flagged: true,
        fields_from_current: 1, // employees: no history (email is known from creation)
        top_rules: 'demo-request +30; size-50-1000 +15; personal-email -10',
      },
      { lead_id: 'L-8002', score: 0, fit: 0, engagement: 0, negative: 0, flagged: false, fields_from_current: 0, top_rules: '' },
    ]);
  });

  it('rejects an --as-of that is not a date', async () => {
    const wh = await openTestWarehouse();
    await expect(scoringScore(wh, { modelPath, asOf: 'last tuesday' })).rejects.toThrow('--as-of "last tuesday" is not a date');
  });
});

describe('scoreAsOf parameters', () => {
  it('binds rule values, patterns and field names as data, never as SQL', async () => {
    const wh = await openTestWarehouse();
    await addLead(wh, { lead_id: 'L-8101', company: "O'Reilly Freight" });
    await addFields(wh, 'L-8101', { "vendor'); drop table leads; --": 'yes' });
    const m = model({
      fit: [
        { id: 'quoted-value', field: 'company', condition: { equals: "o'reilly freight" }, points: 1 },
        { id: 'quoted-pattern', field: 'company', condition: { regex: "^O'Reilly" }, points: 2 },
        { id: 'quoted-field', field: "vendor'); drop table leads; --", condition: { present: true }, points: 4 },
      ],
    });
    const row = (await scoreAt(wh, m, [['L-8101', '2024-06-01']])).get('L-8101');
    expect(row?.fit_points).toBe(7);
    expect((await wh.one<{ n: number }>(`select count(*)::int as n from leads`))?.n).toBe(1);
  });

  it('accepts only plain table names for the decisions and output tables', async () => {
    const wh = await openTestWarehouse();
    await expect(scoreAsOf(wh, model({}), 'decisions; drop table leads')).rejects.toThrow(/must be a plain table name/);
  });
});
