/**
 * THE leakage test (docs/scoring-backtest.md, the method): a lead worth 20 points at its qualification
 * review earns +20 onboarding and +25 teammate-invite after becoming a customer. Today's record
 * scores 65 and clears a 60 threshold; the honest score at the decision is 20.
 */
import { describe, expect, it } from 'vitest';
import { openTestWarehouse } from '../helpers/db.js';
import { addEvents, addHistory, addLead, model, scoreAt } from './rows.js';

const plgLike = model({
  name: 'plg-like',
  threshold: 60,
  fit: [
    { id: 'target-industry', field: 'industry', condition: { in: ['software', 'saas'] }, points: 10 },
    { id: 'manager-or-above', field: 'title', condition: { regex: 'manager|director|vp', flags: 'i' }, points: 10 },
  ],
  engagement: [
    { id: 'completed-onboarding', event: 'completed_onboarding', points: 20 },
    { id: 'invited-teammate', event: 'invited_teammate', points: 25 },
    { id: 'pricing-page', event: 'page_view', detail: { prefix: '/pricing' }, points: 15 },
  ],
  negative: [],
});

describe('scoreAsOf leakage', () => {
  it('scores 20 at the qualification review and 65 today', async () => {
    const wh = await openTestWarehouse();
    await addLead(wh, { lead_id: 'L-1001', email: 'maya.ortiz@northwind-labs.io', created_at: '2024-03-01 09:00' });
    await addHistory(wh, 'L-1001', 'industry', 'Software', '2024-03-01 09:00');
    await addHistory(wh, 'L-1001', 'title', 'Marketing Manager', '2024-03-01 09:00');
    // after the deal closed (2024-04-15): onboarding and a teammate invite
    await addEvents(wh, 'L-1001', [
      ['completed_onboarding', '2024-04-20 14:00'],
      ['invited_teammate', '2024-04-22 10:30'],
    ]);

    const atDecision = (await scoreAt(wh, plgLike, [['L-1001', '2024-03-04 16:00']], 'at_decision')).get('L-1001');
    const today = (await scoreAt(wh, plgLike, [['L-1001', '2024-09-01 00:00']], 'today')).get('L-1001');

    // at the decision: industry +10, manager title +10, no events yet = 20, under 60
    expect(atDecision).toMatchObject({ fit_points: 20, engagement_points: 0, score: 20, flagged: false, fields_from_current: 0 });
    // today: 20 + onboarding 20 + invite 25 = 65, over 60: the leaked "win"
    expect(today).toMatchObject({ fit_points: 20, engagement_points: 45, score: 65, flagged: true });
    expect(today?.rule_points.map((r) => `${r.rule_id}:${r.points}`)).toEqual([
      'target-industry:10',
      'manager-or-above:10',
      'completed-onboarding:20',
      'invited-teammate:25',
    ]);
  });

  it('ignores an event at the exact decision time (only events before it count)', async () => {
    const wh = await openTestWarehouse();
    await addLead(wh, { lead_id: 'L-1002' });
    await addEvents(wh, 'L-1002', [['invited_teammate', '2024-03-04 16:00']]);
    const before = (await scoreAt(wh, plgLike, [['L-1002', '2024-03-04 16:00']])).get('L-1002');
    const after = (await scoreAt(wh, plgLike, [['L-1002', '2024-03-04 16:00:01']])).get('L-1002');
    expect(before?.engagement_points).toBe(0);
    expect(after?.engagement_points).toBe(25);
  });
});
