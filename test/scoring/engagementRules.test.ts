/**
 * Engagement rules: detail matchers, once vs per occurrence, cap, minCount, decay from the
 * decision time, and account-scoped rules (buying committee). Decision: 2024-06-01 00:00 UTC.
 */
import { describe, expect, it } from 'vitest';
import { openTestWarehouse } from '../helpers/db.js';
import { addEvents, addLead, model, scoreAt } from './rows.js';

const decision = '2024-06-01 00:00';

describe('scoreAsOf engagement rules', () => {
  it('matches details by equals, in, regex and prefix', async () => {
    const wh = await openTestWarehouse();
    await addLead(wh, { lead_id: 'L-3001' });
    await addEvents(wh, 'L-3001', [
      ['form_fill', '2024-05-20', 'Demo-Request'],
      ['content_download', '2024-05-21', 'whitepaper'],
      ['webinar_attended', '2024-05-22', 'Exec Roundtable Q2'],
      ['page_view', '2024-05-23', '/Case-Studies/harbor-freight-co'],
      ['page_view', '2024-05-24', '/blog/lead-routing-101'],
    ]);
    const m = model({
      engagement: [
        { id: 'demo', event: 'form_fill', detail: { equals: 'demo-request' }, points: 1 },
        { id: 'trial', event: 'form_fill', detail: { equals: 'free-trial' }, points: 2 },
        { id: 'content', event: 'content_download', detail: { in: ['roi-guide', 'whitepaper'] }, points: 4 },
        { id: 'exec-webinar', event: 'webinar_attended', detail: { regex: 'exec', flags: 'i' }, points: 8 },
        { id: 'exec-webinar-cs', event: 'webinar_attended', detail: { regex: 'exec' }, points: 16 },
        { id: 'case-study', event: 'page_view', detail: { prefix: '/case-studies/' }, points: 32 },
        { id: 'pricing', event: 'page_view', detail: { prefix: '/pricing' }, points: 64 },
        { id: 'any-event', event: '*', points: 128 },
      ],
    });
    const row = (await scoreAt(wh, m, [['L-3001', decision]])).get('L-3001');
    // demo 1 + content 4 + exec webinar (ignoring case) 8 + case study 32 + any event 128 = 173
    expect(row?.engagement_points).toBe(173);
  });

  it('scores once by default, per occurrence up to a cap, and only from minCount', async () => {
    const wh = await openTestWarehouse();
    await addLead(wh, { lead_id: 'L-3002' });
    await addEvents(wh, 'L-3002', [
      ['email_click', '2024-05-01'],
      ['email_click', '2024-05-08'],
      ['email_click', '2024-05-15'],
      ['email_click', '2024-05-22'],
      ['page_view', '2024-05-02', '/pricing'],
      ['page_view', '2024-05-09', '/pricing'],
      ['page_view', '2024-05-16', '/pricing'],
      ['page_view', '2024-05-03', '/blog/a'],
      ['page_view', '2024-05-04', '/blog/b'],
      ['page_view', '2024-05-05', '/blog/c'],
      ['core_feature_used', '2024-05-10'],
      ['core_feature_used', '2024-05-11'],
      ['core_feature_used', '2024-06-02'], // after the decision: not counted towards minCount
    ]);
    const m = model({
      engagement: [
        { id: 'clicks', event: 'email_click', perOccurrence: true, cap: 12, points: 5 },
        { id: 'pricing-once', event: 'page_view', detail: { prefix: '/pricing' }, points: 20 },
        { id: 'blog-each', event: 'page_view', detail: { prefix: '/blog' }, perOccurrence: true, points: 2 },
        { id: 'core-feature-3x', event: 'core_feature_used', minCount: 3, points: 25 },
        { id: 'blog-3x', event: 'page_view', detail: { prefix: '/blog' }, minCount: 3, points: 7 },
      ],
    });
    const row = (await scoreAt(wh, m, [['L-3002', decision]])).get('L-3002');
    // clicks 4×5 = 20 capped at 12; pricing 3 visits once = 20; blog 3×2 = 6;
    // core feature used twice before the decision < 3 → 0; blog 3 visits ≥ 3 → 7
    expect(row?.rule_points.map((r) => [r.rule_id, r.points])).toEqual([
      ['clicks', 12],
      ['pricing-once', 20],
      ['blog-each', 6],
      ['blog-3x', 7],
    ]);
    expect(row?.engagement_points).toBe(45);
  });

  it('decays points by whole periods between the event and the decision', async () => {
    const wh = await openTestWarehouse();
    await addLead(wh, { lead_id: 'L-3003' });
    await addLead(wh, { lead_id: 'L-3004' });
    await addEvents(wh, 'L-3003', [
      ['page_view', '2024-05-17', '/pricing'], // 15 days before: 2 whole weeks → 20 − 2×5 = 10
      ['page_view', '2024-04-22', '/pricing'], // 40 days: 5 weeks → 20 − 25, floored at 0
      ['webinar_attended', '2024-03-28', 'Pipeline Hygiene Live'], // 65 days: 2 months of 30 days → 15 − 10 = 5
      ['email_click', '2024-05-31'],
      ['email_click', '2024-04-01'], // 1 day: 5; 61 days: 5 − 2×2 = 1 (per occurrence)
    ]);
    await addEvents(wh, 'L-3004', [['page_view', '2024-04-22', '/pricing']]);
    const m = model({
      engagement: [
        { id: 'pricing', event: 'page_view', detail: { prefix: '/pricing' }, points: 20, decay: { points: 5, every: '1 week' } },
        { id: 'webinar', event: 'webinar_attended', points: 15, decay: { points: 5, every: '1 month' } },
        { id: 'clicks', event: 'email_click', points: 5, perOccurrence: true, decay: { points: 2, every: '30d' } },
      ],
    });
    const rows = await scoreAt(wh, m, [
      ['L-3003', decision],
      ['L-3004', decision],
    ]);
    // once: the freshest visit counts (10, not 0)
    expect(rows.get('L-3003')?.rule_points.map((r) => [r.rule_id, r.points])).toEqual([
      ['pricing', 10],
      ['webinar', 5],
      ['clicks', 6],
    ]);
    // a fully decayed rule gives 0 and is left out of the explanation
    expect(rows.get('L-3004')).toMatchObject({ engagement_points: 0, rule_points: [] });
  });

  it('counts distinct contacts of the account for account-scoped rules', async () => {
    const wh = await openTestWarehouse();
    for (const id of ['L-4001', 'L-4002', 'L-4003']) await addLead(wh, { lead_id: id, account_id: 'ACC-77' });
    await addLead(wh, { lead_id: 'L-4004', account_id: 'ACC-78' });
    await addLead(wh, { lead_id: 'L-4005', account_id: 'ACC-78' });
    await addEvents(wh, 'L-4001', [['page_view', '2024-05-01', '/pricing']]);
    await addEvents(wh, 'L-4002', [['webinar_attended', '2024-05-02', 'Exec Briefing']]);
    await addEvents(wh, 'L-4003', [['email_click', '2024-05-03']]);
    await addEvents(wh, 'L-4004', [
      ['email_click', '2024-05-03'],
      ['email_click', '2024-05-04'],
    ]);
    await addEvents(wh, 'L-4005', [['email_click', '2024-06-05']]); // after the decision
    const m = model({ engagement: [{ id: 'committee', event: '*', scope: 'account', minContacts: 3, points: 20 }] });
    const rows = await scoreAt(
      wh,
      m,
      ['L-4001', 'L-4002', 'L-4003', 'L-4004', 'L-4005'].map((id) => [id, decision]),
    );
    // ACC-77: three engaged contacts → +20 for each; ACC-78: one contact before the decision → 0
    expect([...rows.values()].map((r) => r.engagement_points)).toEqual([20, 20, 20, 0, 0]);
  });
});
